using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Accounts.SignIn;
using ResetTrail.Core.Access;

namespace ResetTrail.Accounts.Tests.SignIn;

public sealed class LocalSignInTests : IDisposable
{
    private readonly AccountsFixture f = new();

    public LocalSignInTests() =>
        Assert.True(f.Administration.Add("carl", "Carl", new HashSet<Role> { Role.DeskAgent }, AccountsFixture.Password).IsSuccess);

    public void Dispose() => f.Dispose();

    [Fact]
    public void A_new_account_enrols_an_authenticator_and_is_then_signed_in()
    {
        Assert.Equal(SignInStatus.NeedsEnrolment, f.SignIn.CheckPassword("Carl", AccountsFixture.Password).Status);
        var secret = f.SignIn.BeginEnrolment("carl")!;

        var signedIn = f.SignIn.ConfirmEnrolment("carl", Totp.CodeAt(secret, f.Time.GetUtcNow()));

        Assert.Equal(SignInStatus.SignedIn, signedIn.Status);
        Assert.True(signedIn.Account!.TotpConfirmed);
        Assert.Equal(SignInStatus.NeedsTotp, f.SignIn.CheckPassword("carl", AccountsFixture.Password).Status);
    }

    [Fact]
    public void Enrolment_refuses_a_wrong_code_and_keeps_the_account_unenrolled()
    {
        f.SignIn.BeginEnrolment("carl");

        Assert.Equal(RefusalReason.WrongCode, f.SignIn.ConfirmEnrolment("carl", "000000").Reason);
        Assert.False(f.Store.Find("carl")!.TotpConfirmed);
    }

    [Fact]
    public void Every_refusal_reads_the_same_to_the_client_but_records_its_reason()
    {
        var unknown = f.SignIn.CheckPassword("nobody", AccountsFixture.Password);
        var wrong = f.SignIn.CheckPassword("carl", "not the password at all");

        Assert.Equal((SignInStatus.Refused, RefusalReason.UnknownLogin), (unknown.Status, unknown.Reason));
        Assert.Equal((SignInStatus.Refused, RefusalReason.WrongPassword), (wrong.Status, wrong.Reason));
    }

    [Fact]
    public void The_account_locks_after_the_maximum_failures_even_for_the_right_password()
    {
        f.SignIn.CheckPassword("carl", "wrong password number 1");
        f.SignIn.CheckPassword("carl", "wrong password number 2");
        Assert.Equal(RefusalReason.LockedNow, f.SignIn.CheckPassword("carl", "wrong password number 3").Reason);

        Assert.Equal(RefusalReason.Locked, f.SignIn.CheckPassword("carl", AccountsFixture.Password).Reason);

        f.Time.Advance(f.Lockout.FirstLock);
        Assert.Equal(SignInStatus.NeedsEnrolment, f.SignIn.CheckPassword("carl", AccountsFixture.Password).Status);
    }

    [Fact]
    public void A_code_is_accepted_once()
    {
        var secret = Enrol();
        f.Time.Advance(TimeSpan.FromSeconds(30));
        var code = Totp.CodeAt(secret, f.Time.GetUtcNow());

        Assert.Equal(SignInStatus.SignedIn, f.SignIn.CheckTotp("carl", code).Status);
        Assert.Equal(RefusalReason.ReplayedCode, f.SignIn.CheckTotp("carl", code).Reason);
    }

    [Fact]
    public void Wrong_codes_count_towards_lockout()
    {
        Enrol();
        f.SignIn.CheckTotp("carl", "000000");
        f.SignIn.CheckTotp("carl", "000001");

        Assert.Equal(RefusalReason.LockedNow, f.SignIn.CheckTotp("carl", "000002").Reason);
        Assert.Equal(RefusalReason.Locked, f.SignIn.CheckPassword("carl", AccountsFixture.Password).Reason);
    }

    [Fact]
    public void A_disabled_account_is_refused_after_the_password_check()
    {
        f.Administration.Add("dana", null, new HashSet<Role> { Role.Administrator }, AccountsFixture.Password);
        f.Administration.SetDisabled("carl", disabled: true);

        Assert.Equal(RefusalReason.Disabled, f.SignIn.CheckPassword("carl", AccountsFixture.Password).Reason);
    }

    [Fact]
    public void A_weaker_stored_hash_is_replaced_at_sign_in()
    {
        f.Store.SetPasswordHash("carl", new ResetTrail.Accounts.Passwords.PasswordHasher(iterations: 10).Hash(AccountsFixture.Password).Encode());

        f.SignIn.CheckPassword("carl", AccountsFixture.Password);

        Assert.StartsWith("$pbkdf2-sha256$i=1000$", f.Store.Find("carl")!.PasswordHash, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_sign_in_forgets_earlier_failures()
    {
        var secret = Enrol();
        f.SignIn.CheckPassword("carl", "wrong password number 1");
        f.Time.Advance(TimeSpan.FromSeconds(30));

        f.SignIn.CheckTotp("carl", Totp.CodeAt(secret, f.Time.GetUtcNow()));

        Assert.Equal(0, f.Store.Find("carl")!.Lockout.Failures);
    }

    private TotpSecret Enrol()
    {
        var secret = f.SignIn.BeginEnrolment("carl")!;
        Assert.Equal(SignInStatus.SignedIn, f.SignIn.ConfirmEnrolment("carl", Totp.CodeAt(secret, f.Time.GetUtcNow())).Status);
        return secret;
    }
}
