using ResetTrail.Core.Access;

namespace ResetTrail.Accounts.Tests.Administration;

public sealed class AccountAdministrationTests : IDisposable
{
    private readonly AccountsFixture f = new();

    public void Dispose() => f.Dispose();

    [Fact]
    public void The_first_administrator_can_be_created_once()
    {
        var first = f.Administration.CreateFirstAdministrator("Admin", "The Admin", AccountsFixture.Password);
        var second = f.Administration.CreateFirstAdministrator("admin2", null, AccountsFixture.Password);

        Assert.True(first.IsSuccess);
        Assert.Equal("admin", first.Value.Login);
        Assert.Equal([Role.Administrator], first.Value.Roles);
        Assert.Equal(AccountErrors.AdministratorExists, second.Error?.Code);
    }

    [Theory]
    [InlineData("bad name", "RT-3001")]
    [InlineData("-dash", "RT-3001")]
    public void Bad_login_names_are_refused(string login, string code) =>
        Assert.Equal(code, f.Administration.Add(login, null, new HashSet<Role> { Role.Auditor }, AccountsFixture.Password).Error?.Code);

    [Fact]
    public void Adding_checks_password_rules_roles_and_duplicates()
    {
        var roles = new HashSet<Role> { Role.Auditor };

        Assert.Equal(AccountErrors.PasswordTooShort, f.Administration.Add("eve", null, roles, "short").Error?.Code);
        Assert.Equal(AccountErrors.PasswordContainsLogin, f.Administration.Add("eve.auditor", null, roles, "I am eve.auditor, hello").Error?.Code);
        Assert.Equal(AccountErrors.NoRoles, f.Administration.Add("eve", null, new HashSet<Role>(), AccountsFixture.Password).Error?.Code);
        Assert.True(f.Administration.Add("eve", null, roles, AccountsFixture.Password).IsSuccess);
        Assert.Equal(AccountErrors.LoginTaken, f.Administration.Add("EVE", null, roles, AccountsFixture.Password).Error?.Code);
    }

    [Fact]
    public void The_last_enabled_administrator_cannot_be_demoted_or_disabled()
    {
        f.Administration.CreateFirstAdministrator("admin", null, AccountsFixture.Password);

        Assert.Equal(AccountErrors.LastAdministrator, f.Administration.SetRoles("admin", new HashSet<Role> { Role.Auditor }).Error?.Code);
        Assert.Equal(AccountErrors.LastAdministrator, f.Administration.SetDisabled("admin", disabled: true).Error?.Code);

        f.Administration.Add("second", null, new HashSet<Role> { Role.Administrator, Role.Auditor }, AccountsFixture.Password);
        Assert.True(f.Administration.SetDisabled("admin", disabled: true).IsSuccess);
        Assert.True(f.Store.Find("admin")!.Disabled);
        Assert.True(f.Administration.AnyEnabledAdministrator());
    }

    [Fact]
    public void Resetting_totp_forgets_the_authenticator_and_lifts_a_lock()
    {
        f.Administration.Add("carl", null, new HashSet<Role> { Role.DeskAgent }, AccountsFixture.Password);
        var secret = f.SignIn.BeginEnrolment("carl")!;
        f.SignIn.ConfirmEnrolment("carl", ResetTrail.Accounts.OneTimeCodes.Totp.CodeAt(secret, f.Time.GetUtcNow()));
        for (var i = 0; i < f.Lockout.MaxFailures; i++)
        {
            f.SignIn.CheckTotp("carl", "000000");
        }

        var reset = f.Administration.ResetTotp("carl");

        Assert.True(reset.IsSuccess);
        Assert.Null(reset.Value.TotpSecret);
        Assert.False(reset.Value.TotpConfirmed);
        Assert.False(reset.Value.Lockout.IsLockedAt(f.Time.GetUtcNow()));
        Assert.Equal(AccountErrors.NoSuchAccount, f.Administration.ResetTotp("nobody").Error?.Code);
    }
}
