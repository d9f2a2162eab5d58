namespace ResetTrail.Core.Policy.Deciding;

/// <summary>
/// <c>*</c> globs over account ids (svc-*, *$), case-insensitive. Written out rather than compiled to a regex so
/// a pattern from a policy file cannot backtrack catastrophically: the text between stars must be, in order, a
/// prefix, then the leftmost occurrences after it, then a suffix (leftmost is always right when only <c>*</c> is
/// special), so it runs in O(pattern × text) at worst and in one comparison for the usual svc-* or *@domain.
/// </summary>
internal static class Glob
{
    public static bool Matches(string pattern, string text)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(text);
        var rest = pattern.AsSpan();
        var input = text.AsSpan();
        var firstStar = rest.IndexOf('*');
        if (firstStar < 0)
        {
            return input.Equals(rest, StringComparison.OrdinalIgnoreCase);
        }

        var lastStar = rest.LastIndexOf('*');
        var prefix = rest[..firstStar];
        var suffix = rest[(lastStar + 1)..];
        if (input.Length < prefix.Length + suffix.Length
            || !input.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || !input.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // The middle segments, in order, between the prefix and the suffix.
        input = input[prefix.Length..^suffix.Length];
        var middle = lastStar > firstStar ? rest[(firstStar + 1)..lastStar] : [];
        while (!middle.IsEmpty)
        {
            var star = middle.IndexOf('*');
            var segment = star < 0 ? middle : middle[..star];
            middle = star < 0 ? [] : middle[(star + 1)..];
            if (segment.IsEmpty)
            {
                continue;
            }

            var at = input.IndexOf(segment, StringComparison.OrdinalIgnoreCase);
            if (at < 0)
            {
                return false;
            }

            input = input[(at + segment.Length)..];
        }

        return true;
    }
}
