using System.Text.RegularExpressions;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>Ids of rules and names of sites, authorities and retention classes: short, lower-case, no spaces, so they read the same in logs.</summary>
internal static partial class Names
{
    public const string Rule = "names are lower-case letters, digits, '-' and '_' (up to 64), starting with a letter";

    public static bool IsValid(string name) => Pattern().IsMatch(name);

    [GeneratedRegex("^[a-z][a-z0-9_-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
