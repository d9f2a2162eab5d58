using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>Reads <c>approvals: {count, from, must_include, valid_for}</c>; each field is inherited separately.</summary>
internal static class ApprovalsReader
{
    public static Requirements Read(MapReader block, PolicyNames names, string ruleId, Requirements requirements)
    {
        if (block.Value("approvals") is not { } node
            || MapReader.Open(node, block.Field("approvals"), block.Problems, "count", "from", "must_include", "valid_for") is not { } approvals)
        {
            return requirements;
        }

        var count = approvals.Int("count", 0, 10);
        var from = Authorities(approvals, "from", names);
        var mustInclude = Authorities(approvals, "must_include", names);
        if (mustInclude is not null && from is { Count: > 0 } && mustInclude.Except(from).FirstOrDefault() is { } missing)
        {
            approvals.Problems.Error(approvals.Value("must_include")!, approvals.Field("must_include"), PolicyProblemCodes.Invalid,
                $"'{missing}' must also be listed in from");
        }

        if (count is { } c && mustInclude is not null && mustInclude.Count > c)
        {
            approvals.Problems.Error(approvals.Value("must_include")!, approvals.Field("must_include"), PolicyProblemCodes.Invalid,
                $"{mustInclude.Count} required authorities cannot fit in {c} approvals");
        }

        return requirements with
        {
            ApprovalCount = approvals.Sourced("count", count, ruleId),
            ApprovalFrom = approvals.SourcedRef<IReadOnlyList<string>>("from", from, ruleId),
            ApprovalMustInclude = approvals.SourcedRef<IReadOnlyList<string>>("must_include", mustInclude, ruleId),
            ApprovalValidity = approvals.Sourced("valid_for", approvals.Duration("valid_for"), ruleId),
        };
    }

    private static List<string>? Authorities(MapReader approvals, string key, PolicyNames names)
    {
        if (approvals.Value(key) is not { } node || Scalars.Items(node, approvals.Field(key), approvals.Problems) is not { } items)
        {
            return null;
        }

        var authorities = new List<string>();
        foreach (var (item, field) in items)
        {
            if (Scalars.Text(item, field, approvals.Problems) is { } name
                && RequirementsReader.CheckAuthority(item, field, name, names, approvals.Problems) is { } authority
                && !authorities.Contains(authority))
            {
                authorities.Add(authority);
            }
        }

        return authorities;
    }
}
