using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Deciding;

/// <summary>Assigns a tier: the first <c>tiers:</c> entry that matches the target, else <c>default_tier</c>.</summary>
internal static class TierAssigner
{
    public sealed record Assigned(Tier Tier, string RuleId, int Line, string Why);

    public static Assigned Assign(PolicyDocument document, TargetIdentity target)
    {
        foreach (var entry in document.TierAssignments)
        {
            if (Why(entry, target) is { } why)
            {
                return new Assigned(entry.Tier, entry.Id, entry.Line, why);
            }
        }

        return new Assigned(document.DefaultTier.Value, document.DefaultTier.RuleId, document.DefaultTier.Line, "no tier entry matched: the default tier");
    }

    /// <summary>Which criterion matched, in words; null when none does. Names compare case-insensitively, as directories do.</summary>
    private static string? Why(TierAssignment entry, TargetIdentity target)
    {
        var comparer = StringComparer.OrdinalIgnoreCase;
        if (entry.Identities.FirstOrDefault(i => IsIdentity(i, target)) is { } identity)
        {
            return $"listed as {identity}";
        }

        if (entry.Directories.Contains(target.Directory, comparer))
        {
            return $"in directory {target.Directory}";
        }

        if (entry.IdPatterns.FirstOrDefault(p => Glob.Matches(p, target.Id)) is { } pattern)
        {
            return $"id matches {pattern}";
        }

        if (entry.Groups.FirstOrDefault(g => target.Groups.Contains(g, comparer)) is { } group)
        {
            return $"member of group {group}";
        }

        return entry.Roles.FirstOrDefault(r => target.Roles.Contains(r, comparer)) is { } role ? $"holds role {role}" : null;
    }

    private static bool IsIdentity(string listed, TargetIdentity target)
    {
        var colon = listed.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? string.Equals(listed, target.Id, StringComparison.OrdinalIgnoreCase)
            : string.Equals(listed[..colon], target.Directory, StringComparison.OrdinalIgnoreCase)
              && string.Equals(listed[(colon + 1)..], target.Id, StringComparison.OrdinalIgnoreCase);
    }
}
