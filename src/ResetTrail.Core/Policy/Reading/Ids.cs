namespace ResetTrail.Core.Policy.Reading;

/// <summary>The <c>id</c> of a tier entry or rule: required, well-formed, unique in its list; decisions cite it.</summary>
internal static class Ids
{
    public static string? Read(MapReader entry, IEnumerable<string> earlier)
    {
        if (entry.Text("id", required: true) is not { } id)
        {
            return null;
        }

        if (!Names.IsValid(id))
        {
            entry.Problems.Error(entry.Value("id")!, entry.Field("id"), PolicyProblemCodes.Invalid, Names.Rule);
            return null;
        }

        if (earlier.Contains(id, StringComparer.Ordinal))
        {
            entry.Problems.Error(entry.Value("id")!, entry.Field("id"), PolicyProblemCodes.Duplicate, $"id '{id}' is used twice");
            return null;
        }

        return id;
    }
}
