namespace ResetTrail.Core.Policy;

public enum PolicyProblemSeverity
{
    Error,

    /// <summary>The file loads, but probably does not say what its author meant (a rule that can never match).</summary>
    Warning,
}

/// <summary>
/// One thing wrong with a policy file, at a 1-based line and column, with the path of the field
/// (<c>rules[3].approvals.count</c>, indices 0-based) and a stable code from <see cref="PolicyProblemCodes"/>.
/// </summary>
public sealed record PolicyProblem(string Source, int Line, int Column, string Field, string Message)
{
    public string Code { get; init; } = PolicyProblemCodes.Invalid;

    public PolicyProblemSeverity Severity { get; init; } = PolicyProblemSeverity.Error;

    public bool IsError => Severity == PolicyProblemSeverity.Error;

    /// <summary>The compiler-style line editors and CI annotate: <c>file:line:col: field: message</c>.</summary>
    public override string ToString()
    {
        var prefix = Severity == PolicyProblemSeverity.Warning ? "warning: " : string.Empty;
        var field = Field.Length > 0 ? Field + ": " : string.Empty;
        return $"{Source}:{Line}:{Column}: {prefix}{field}{Message}";
    }
}
