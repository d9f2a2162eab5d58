using ResetTrail.Core.Policy;

namespace ResetTrail.Detection.Config;

/// <summary>The configuration, or null with every problem (file:line:column: field: message).</summary>
public sealed record DetectionConfigResult(DetectionConfig? Config, IReadOnlyList<PolicyProblem> Problems);
