using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Deciding;

/// <summary>Collects a decision's explanations while its values are resolved, so each value and its source stay together.</summary>
internal sealed class Explainer
{
    public const string BuiltIn = "built-in";

    private readonly List<Explanation> explanations = [];

    public IReadOnlyList<Explanation> All => explanations;

    public void Add(string requirement, string ruleId, int line, string text) =>
        explanations.Add(new Explanation(requirement, ruleId, line, text));

    /// <summary>The value the file set, or <paramref name="fallback"/> (explained as built-in, line 0).</summary>
    public T Add<T>(string requirement, Sourced<T>? value, T fallback, Func<T, string> describe)
    {
        var resolved = value ?? new Sourced<T>(fallback, BuiltIn, 0);
        Add(requirement, resolved.RuleId, resolved.Line, describe(resolved.Value));
        return resolved.Value;
    }

    /// <summary>Rewrites the text of a requirement already explained (after "stricter after failure" changed its value).</summary>
    public void Amend(string requirement, string text)
    {
        var index = explanations.FindIndex(e => e.Requirement == requirement);
        if (index >= 0)
        {
            explanations[index] = explanations[index] with { Text = text };
        }
    }

    /// <summary>Keeps only the named requirements: a denied request needs no list of what it would have required.</summary>
    public void KeepOnly(params string[] requirements) => explanations.RemoveAll(e => !requirements.Contains(e.Requirement));

    public void Add(string requirement, Sourced<bool> value, Func<bool, string> describe) =>
        Add(requirement, value.RuleId, value.Line, describe(value.Value));
}
