using ResetTrail.Accounts.Lockout;
using ResetTrail.Accounts.Model;
using ResetTrail.Accounts.OneTimeCodes;
using ResetTrail.Accounts.Passwords;

namespace ResetTrail.Accounts.SignIn;

/// <summary>
/// Local sign-in in two steps, password then TOTP. Every refusal looks the same to the client (unknown name, wrong
/// password, locked, disabled) and costs one password hash, so neither the answer nor its timing tells which;
/// the reason is returned for the operators' log. Wrong passwords and wrong codes both count towards lockout.
/// </summary>
public sealed class LocalSignIn(IAccountStore store, PasswordHasher hasher, LockoutOptions lockout, TimeProvider time)
{
    public SignInStep CheckPassword(string login, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var name = LoginName.Normalize(login);
        var account = name.IsSuccess ? store.Find(name.Value) : null;
        if (account is null)
        {
            hasher.CheckDecoy(password);
            return SignInStep.Refused(RefusalReason.UnknownLogin);
        }

        var now = time.GetUtcNow();
        if (account.Lockout.IsLockedAt(now))
        {
            hasher.CheckDecoy(password);
            return SignInStep.Refused(RefusalReason.Locked, account);
        }

        var check = hasher.Check(password, account.PasswordHash);
        if (check == PasswordCheck.Wrong)
        {
            return Fail(account, RefusalReason.WrongPassword, now);
        }

        if (account.Disabled)
        {
            return SignInStep.Refused(RefusalReason.Disabled, account);
        }

        if (check == PasswordCheck.CorrectButRehash)
        {
            store.SetPasswordHash(account.Login, hasher.Hash(password).Encode());
        }

        return new SignInStep(account.TotpConfirmed ? SignInStatus.NeedsTotp : SignInStatus.NeedsEnrolment, RefusalReason.None, account);
    }

    /// <summary>The second step, for a login whose password step answered <see cref="SignInStatus.NeedsTotp"/>.</summary>
    public SignInStep CheckTotp(string login, string code)
    {
        var account = Current(login, out var refused);
        if (account is null)
        {
            return refused!;
        }

        if (!account.TotpConfirmed || account.TotpSecret is null)
        {
            return SignInStep.Refused(RefusalReason.NoEnrolmentPending, account);
        }

        return AcceptCode(account, account.TotpSecret, code, confirming: false);
    }

    /// <summary>Starts (or repeats) enrolment: a new secret, stored unconfirmed, shown once to the person.</summary>
    public TotpSecret? BeginEnrolment(string login)
    {
        var account = Current(login, out _);
        if (account is null || account.TotpConfirmed)
        {
            return null;
        }

        var secret = TotpSecret.Generate();
        return store.SetTotp(account.Login, secret, confirmed: false) ? secret : null;
    }

    /// <summary>Confirms enrolment with a code from the new authenticator; signs in on success.</summary>
    public SignInStep ConfirmEnrolment(string login, string code)
    {
        var account = Current(login, out var refused);
        if (account is null)
        {
            return refused!;
        }

        if (account.TotpConfirmed || account.TotpSecret is null)
        {
            return SignInStep.Refused(RefusalReason.NoEnrolmentPending, account);
        }

        return AcceptCode(account, account.TotpSecret, code, confirming: true);
    }

    private SignInStep AcceptCode(Account account, TotpSecret secret, string code, bool confirming)
    {
        var now = time.GetUtcNow();
        var step = Totp.Verify(secret, code, now, account.LastTotpStep);
        if (step is null)
        {
            var replayed = Totp.Verify(secret, code, now, lastUsedStep: null) is not null;
            return Fail(account, replayed ? RefusalReason.ReplayedCode : RefusalReason.WrongCode, now);
        }

        if (confirming)
        {
            store.SetTotp(account.Login, secret, confirmed: true);
        }

        // The store decides atomically: two requests racing with the same code, one wins.
        if (!store.TryUseTotpStep(account.Login, step.Value))
        {
            return Fail(account, RefusalReason.ReplayedCode, now);
        }

        store.SetLockout(account.Login, LockoutState.AfterSuccess());
        return new SignInStep(SignInStatus.SignedIn, RefusalReason.None, store.Find(account.Login));
    }

    private Account? Current(string login, out SignInStep? refused)
    {
        var name = LoginName.Normalize(login);
        var account = name.IsSuccess ? store.Find(name.Value) : null;
        refused = account switch
        {
            null => SignInStep.Refused(RefusalReason.UnknownLogin),
            { Disabled: true } => SignInStep.Refused(RefusalReason.Disabled, account),
            _ when account.Lockout.IsLockedAt(time.GetUtcNow()) => SignInStep.Refused(RefusalReason.Locked, account),
            _ => null,
        };
        return refused is null ? account : null;
    }

    private SignInStep Fail(Account account, RefusalReason reason, DateTimeOffset now)
    {
        var next = account.Lockout.AfterFailure(now, lockout);
        store.SetLockout(account.Login, next);
        return SignInStep.Refused(next.IsLockedAt(now) ? RefusalReason.LockedNow : reason, account);
    }
}
