using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.Passwords;
using ResetTrail.Core;
using ResetTrail.Core.Access;

namespace ResetTrail.Accounts.Administration;

/// <summary>
/// The administrator's use cases for local accounts: the command line and the server's setup page both come here.
/// Refusals are values with codes; the last enabled administrator cannot be demoted or disabled.
/// </summary>
public sealed class AccountAdministration(IAccountStore store, PasswordHasher hasher, TimeProvider time)
{
    /// <summary>Creates the first administrator; refused once an enabled administrator exists.</summary>
    public Outcome<Account> CreateFirstAdministrator(string login, string? displayName, string password) =>
        Create(login, displayName, new HashSet<Role> { Role.Administrator }, password, onlyIfNoAdministrator: true);

    public Outcome<Account> Add(string login, string? displayName, IReadOnlySet<Role> roles, string password)
    {
        ArgumentNullException.ThrowIfNull(roles);
        return roles.Count == 0
            ? Outcome<Account>.Fail(AccountErrors.NoRoles, "an account needs at least one role (--role)")
            : Create(login, displayName, roles, password, onlyIfNoAdministrator: false);
    }

    public bool AnyEnabledAdministrator() => store.List().Any(a => a.IsAdministrator && !a.Disabled);

    public IReadOnlyList<Account> List() => store.List();

    public Outcome<Account> SetRoles(string login, IReadOnlySet<Role> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Count == 0)
        {
            return Outcome<Account>.Fail(AccountErrors.NoRoles, "an account needs at least one role; disable it instead");
        }

        return Change(login, account => !roles.Contains(Role.Administrator) && IsLastAdministrator(account)
            ? new DomainError(AccountErrors.LastAdministrator, $"'{account.Login}' is the last enabled administrator; make another one first")
            : Done(store.SetRoles(account.Login, roles)));
    }

    public Outcome<Account> SetDisabled(string login, bool disabled) =>
        Change(login, account => disabled && IsLastAdministrator(account)
            ? new DomainError(AccountErrors.LastAdministrator, $"'{account.Login}' is the last enabled administrator; make another one first")
            : Done(store.SetDisabled(account.Login, disabled)));

    /// <summary>Forgets the authenticator: the next sign-in enrols a new one. Also lifts a lock.</summary>
    public Outcome<Account> ResetTotp(string login) =>
        Change(login, account => Done(store.SetTotp(account.Login, null, confirmed: false) && store.SetLockout(account.Login, LockoutState.None)));

    private Outcome<Account> Create(string login, string? displayName, IReadOnlySet<Role> roles, string password, bool onlyIfNoAdministrator)
    {
        var name = LoginName.Normalize(login);
        if (!name.IsSuccess)
        {
            return Outcome<Account>.Fail(name.Error);
        }

        if (PasswordRules.Check(password, name.Value) is { } weak)
        {
            return weak;
        }

        var account = new Account(name.Value, string.IsNullOrWhiteSpace(displayName) ? name.Value : displayName.Trim(), roles,
            hasher.Hash(password).Encode(), TotpSecret: null, TotpConfirmed: false, Disabled: false, time.GetUtcNow(), LockoutState.None, LastTotpStep: null);
        return store.Add(account, onlyIfNoAdministrator);
    }

    private Outcome<Account> Change(string login, Func<Account, DomainError?> change)
    {
        var name = LoginName.Normalize(login);
        if (!name.IsSuccess)
        {
            return Outcome<Account>.Fail(name.Error);
        }

        var account = store.Find(name.Value);
        if (account is null)
        {
            return Outcome<Account>.Fail(AccountErrors.NoSuchAccount, $"no account '{name.Value}'; see: resettrail account list");
        }

        return change(account) is { } refused ? refused : store.Find(name.Value)!;
    }

    private bool IsLastAdministrator(Account account) =>
        account.IsAdministrator && !account.Disabled && !store.List().Any(a => a.Login != account.Login && a.IsAdministrator && !a.Disabled);

    private static DomainError? Done(bool changed) =>
        changed ? null : new DomainError(AccountErrors.NoSuchAccount, "the account disappeared while it was being changed");
}
