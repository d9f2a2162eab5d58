using ResetTrail.Core.Policy.Yaml;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>Collects every problem in a file, so one run of <c>policy check</c> shows them all.</summary>
internal sealed class ProblemList(string source)
{
    private readonly List<PolicyProblem> problems = [];

    public IReadOnlyList<PolicyProblem> All => problems;

    public bool HasErrors => problems.Any(p => p.IsError);

    public void Error(int line, int column, string field, string code, string message) =>
        problems.Add(new PolicyProblem(source, line, column, field, message) { Code = code });

    public void Error(YamlNode at, string field, string code, string message) => Error(at.Line, at.Column, field, code, message);

    public void Warning(int line, int column, string field, string code, string message) =>
        problems.Add(new PolicyProblem(source, line, column, field, message) { Code = code, Severity = PolicyProblemSeverity.Warning });
}
