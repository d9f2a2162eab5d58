using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Core;
using ResetTrail.Core.Access;

namespace ResetTrail.Cli.Accounts;

/// <summary>An account store a command opened, on either backend, with what it must close when the command ends.</summary>
internal sealed class OpenedAccounts(IAccountStore store, params IDisposable[] owned) : IAccountStore, IDisposable
{
    public Account? Find(string login) => store.Find(login);

    public IReadOnlyList<Account> List() => store.List();

    public Outcome<Account> Add(Account account, bool onlyIfNoAdministrator = false) => store.Add(account, onlyIfNoAdministrator);

    public bool SetRoles(string login, IReadOnlySet<Role> roles) => store.SetRoles(login, roles);

    public bool SetDisabled(string login, bool disabled) => store.SetDisabled(login, disabled);

    public bool SetPasswordHash(string login, string passwordHash) => store.SetPasswordHash(login, passwordHash);

    public bool SetTotp(string login, TotpSecret? secret, bool confirmed) => store.SetTotp(login, secret, confirmed);

    public bool SetLockout(string login, LockoutState state) => store.SetLockout(login, state);

    public bool TryUseTotpStep(string login, long timeStep) => store.TryUseTotpStep(login, timeStep);

    public void Dispose()
    {
        foreach (var resource in owned)
        {
            resource.Dispose();
        }
    }
}
