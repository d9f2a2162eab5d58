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
        var firstStar = pattern.IndexOf('*', StringComparison.Ordinal);
        if (firstStar < 0)
        {
            return string.Equals(pattern, text, StringComparison.OrdinalIgnoreCase);
        }

        var lastStar = pattern.LastIndexOf('*');
        var parts = pattern.AsSpan();
        return MatchesStarred(parts[..firstStar], lastStar > firstStar ? parts[(firstStar + 1)..lastStar] : [], parts[(lastStar + 1)..], text);
    }

    /// <summary>The pattern split once at its stars, for matching many texts.</summary>
    public static Compiled Compile(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        var firstStar = pattern.IndexOf('*', StringComparison.Ordinal);
        if (firstStar < 0)
        {
            return new Compiled(pattern, string.Empty, string.Empty, HasStar: false);
        }

        var lastStar = pattern.LastIndexOf('*');
        return new Compiled(pattern[..firstStar], lastStar > firstStar ? pattern[(firstStar + 1)..lastStar] : string.Empty, pattern[(lastStar + 1)..], HasStar: true);
    }

    /// <summary>
    /// Whether <paramref name="text"/> starts with <paramref name="prefix"/>, ends with <paramref name="suffix"/>, and
    /// holds the star-separated segments of <paramref name="middle"/> in order between them.
    /// </summary>
    private static bool MatchesStarred(ReadOnlySpan<char> prefix, ReadOnlySpan<char> middle, ReadOnlySpan<char> suffix, string text)
    {
        var input = text.AsSpan();
        if (input.Length < prefix.Length + suffix.Length
            || !input.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
            || !input.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        input = input[prefix.Length..^suffix.Length];
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

    /// <summary>
    /// Whether two characters can be equal ignoring case: false only when both are ASCII and differ beyond the case of a
    /// letter. A non-ASCII character may fold to an ASCII one (dotless i to I), so it is never ruled out here.
    /// </summary>
    private static bool MayEqualIgnoringCase(char a, char b) =>
        a == b || !char.IsAscii(a) || !char.IsAscii(b) || (char.IsAsciiLetter(a) && (a | 0x20) == (b | 0x20));

    /// <summary>A pattern as its text before the first star, between the first and last, and after the last.</summary>
    internal readonly record struct Compiled(string Prefix, string Middle, string Suffix, bool HasStar)
    {
        public bool Matches(string text)
        {
            ArgumentNullException.ThrowIfNull(text);
            if (!HasStar)
            {
                return string.Equals(Prefix, text, StringComparison.OrdinalIgnoreCase);
            }

            // An allow-list is tried on every observation by every instance: most texts differ at the first character
            // of the prefix or the last of the suffix, decided before the case-insensitive comparisons.
            if (text.Length > 0
                && ((Prefix.Length > 0 && !MayEqualIgnoringCase(text[0], Prefix[0]))
                    || (Suffix.Length > 0 && !MayEqualIgnoringCase(text[^1], Suffix[^1]))))
            {
                return false;
            }

            return MatchesStarred(Prefix, Middle, Suffix, text);
        }
    }
}
