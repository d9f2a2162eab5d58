using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Core.Access;

namespace ResetTrail.Accounts.Model;

/// <summary>
/// A local account. <see cref="TotpSecret"/> is set once enrolment starts and <see cref="TotpConfirmed"/> once the
/// person proved their authenticator holds it; until then the account signs in only through the enrolment step.
/// <see cref="LastTotpStep"/> is the last TOTP time step accepted, so the same code is never accepted twice.
/// </summary>
public sealed record Account(
    string Login,
    string DisplayName,
    IReadOnlySet<Role> Roles,
    string PasswordHash,
    TotpSecret? TotpSecret,
    bool TotpConfirmed,
    bool Disabled,
    DateTimeOffset Created,
    LockoutState Lockout,
    long? LastTotpStep)
{
    public bool IsAdministrator => Roles.Contains(Role.Administrator);

    public override string ToString() => $"Account({Login})";
}
