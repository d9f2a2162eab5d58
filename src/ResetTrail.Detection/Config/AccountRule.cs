namespace ResetTrail.Detection.Config;

/// <summary><c>accounts:</c> entries: accounts matching a glob belong to a site and may be privileged (first match wins).</summary>
public sealed record AccountRule(string Match, string? Site, bool Privileged);

/// <summary><c>third_parties:</c> a vendor or MSP: the accounts it acts as, and the hours its contract allows.</summary>
public sealed record ThirdParty(string Name, IReadOnlyList<string> Actors, Core.Policy.BusinessHours Hours);
