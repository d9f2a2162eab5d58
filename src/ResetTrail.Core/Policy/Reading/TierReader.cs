using ResetTrail.Core.Policy.Model;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>Reads <c>tiers:</c>, the ordered assignment of identities to tiers.</summary>
internal static class TierReader
{
    private static readonly string[] Criteria = ["identities", "directories", "id_patterns", "groups", "roles"];

    public static IReadOnlyList<TierAssignment> Read(MapReader top)
    {
        var assignments = new List<TierAssignment>();
        if (top.Value("tiers") is not { } node || Scalars.Items(node, "tiers", top.Problems) is not { } items)
        {
            return assignments;
        }

        foreach (var (item, field) in items)
        {
            if (MapReader.Open(item, field, top.Problems, ["id", "tier", .. Criteria]) is not { } entry)
            {
                continue;
            }

            var id = Ids.Read(entry, assignments.Select(a => a.Id));
            var tier = entry.Enum<Tier>("tier", required: true);
            IReadOnlyList<string> List(string key) =>
                entry.Value(key) is { } value ? Scalars.TextList(value, entry.Field(key), top.Problems) ?? [] : [];
            if (!Criteria.Any(entry.Has))
            {
                top.Problems.Error(item, field, PolicyProblemCodes.Missing, $"a tier entry needs at least one of: {string.Join(", ", Criteria)}");
            }

            if (id is not null && tier is not null)
            {
                assignments.Add(new TierAssignment(id, tier.Value, item.Line)
                {
                    Identities = List("identities"),
                    Directories = List("directories"),
                    IdPatterns = List("id_patterns"),
                    Groups = List("groups"),
                    Roles = List("roles"),
                });
            }
        }

        return assignments;
    }
}
