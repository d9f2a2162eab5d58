using System.Text.RegularExpressions;
using ResetTrail.Core;

namespace ResetTrail.Accounts.Model;

/// <summary>
/// Login names are compared case-insensitively and kept in lower case: letters, digits and . _ @ -, starting with a
/// letter or digit, at most 128 characters. Evidence entries record them as the actor, so they stay plain.
/// </summary>
public static partial class LoginName
{
    public const int MaximumLength = 128;

    public static Outcome<string> Normalize(string? text)
    {
        var login = (text ?? string.Empty).Trim().ToLowerInvariant();
        return login.Length <= MaximumLength && Shape().IsMatch(login)
            ? login
            : Outcome<string>.Fail(AccountErrors.InvalidLogin,
                $"login name '{text}' must be 1 to {MaximumLength} letters, digits or . _ @ -, starting with a letter or digit");
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9._@-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
