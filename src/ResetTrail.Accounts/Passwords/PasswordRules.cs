using ResetTrail.Core;

namespace ResetTrail.Accounts.Passwords;

/// <summary>
/// NIST SP 800-63B §3.1.1.2 style rules: length, not composition. At least 12 characters (OWASP's figure when there is
/// no second factor yet), at most 1024 (bounds the hashing work an attacker can ask for), and not the login name.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 1024;

    public static DomainError? Check(string password, string login)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(login);
        var length = password.EnumerateRunes().Count();
        if (length < MinimumLength)
        {
            return new DomainError(AccountErrors.PasswordTooShort, $"the password has {length} characters; it needs at least {MinimumLength}");
        }

        if (length > MaximumLength)
        {
            return new DomainError(AccountErrors.PasswordTooLong, $"the password has {length} characters; at most {MaximumLength} are accepted");
        }

        if (login.Length > 0 && password.Contains(login, StringComparison.OrdinalIgnoreCase))
        {
            return new DomainError(AccountErrors.PasswordContainsLogin, "the password contains the login name; choose one that does not");
        }

        return null;
    }
}
