namespace ResetTrail.Core.Policy.Reading;

/// <summary>
/// Reads <c>distinct:</c>, separation of duties: <c>all</c> (every two parties differ) or a list of pairs
/// such as <c>[[requester, approver], [approver, executor]]</c>.
/// </summary>
internal static class DistinctReader
{
    public static IReadOnlyList<(CaseRole First, CaseRole Second)> All { get; } =
        [.. Enum.GetValues<CaseRole>().SelectMany((first, i) => Enum.GetValues<CaseRole>().Skip(i + 1).Select(second => (first, second)))];

    public static IReadOnlyList<(CaseRole First, CaseRole Second)>? Read(MapReader block)
    {
        if (block.Value("distinct") is not { } node)
        {
            return null;
        }

        if (node is Yaml.YamlScalar { Plain: true, Value: "all" })
        {
            return All;
        }

        if (Scalars.Items(node, block.Field("distinct"), block.Problems) is not { } items)
        {
            return null;
        }

        var pairs = new List<(CaseRole, CaseRole)>();
        foreach (var (item, field) in items)
        {
            var roles = Scalars.Items(item, field, block.Problems);
            if (roles is not { Count: 2 })
            {
                if (roles is not null)
                {
                    block.Problems.Error(item, field, PolicyProblemCodes.Invalid, "a pair names two parties, e.g. [requester, approver]");
                }

                continue;
            }

            var first = Scalars.Enum<CaseRole>(roles[0].Node, roles[0].Field, block.Problems);
            var second = Scalars.Enum<CaseRole>(roles[1].Node, roles[1].Field, block.Problems);
            if (first is { } a && second is { } b)
            {
                if (a == b)
                {
                    block.Problems.Error(item, field, PolicyProblemCodes.Invalid, "a party is always the same as itself; name two different parties");
                }
                else
                {
                    pairs.Add((a, b));
                }
            }
        }

        return pairs;
    }
}
