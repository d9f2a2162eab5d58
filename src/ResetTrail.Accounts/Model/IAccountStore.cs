using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Core;
using ResetTrail.Core.Access;

namespace ResetTrail.Accounts.Model;

/// <summary>
/// Where local accounts live. Each change is its own narrow method so a sign-in recording a failure never overwrites
/// an administrator's concurrent role change. Logins passed in are already normalised (<see cref="LoginName"/>).
/// Implementations keep TOTP secrets encrypted at rest.
/// </summary>
public interface IAccountStore
{
    Account? Find(string login);

    /// <summary>Every account, ordered by login.</summary>
    IReadOnlyList<Account> List();

    /// <summary>
    /// Adds the account; fails with <see cref="AccountErrors.LoginTaken"/> when the login exists, and, when
    /// <paramref name="onlyIfNoAdministrator"/>, with <see cref="AccountErrors.AdministratorExists"/> if an enabled
    /// administrator exists; both checks and the insert are one transaction.
    /// </summary>
    Outcome<Account> Add(Account account, bool onlyIfNoAdministrator = false);

    bool SetRoles(string login, IReadOnlySet<Role> roles);

    bool SetDisabled(string login, bool disabled);

    bool SetPasswordHash(string login, string passwordHash);

    /// <summary>Sets (or clears, with null) the TOTP secret and whether it is confirmed; clears the last used step.</summary>
    bool SetTotp(string login, TotpSecret? secret, bool confirmed);

    bool SetLockout(string login, LockoutState state);

    /// <summary>Records <paramref name="timeStep"/> as used if it is later than the last used one; false if it is not (a replay).</summary>
    bool TryUseTotpStep(string login, long timeStep);
}
