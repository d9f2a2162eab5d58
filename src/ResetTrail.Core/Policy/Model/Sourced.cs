namespace ResetTrail.Core.Policy.Model;

/// <summary>A value and where the file set it: the rule id (or "defaults") and the line, for explanations.</summary>
internal sealed record Sourced<T>(T Value, string RuleId, int Line);
