using ResetTrail.Accounts.Model;

namespace ResetTrail.Accounts.SignIn;

/// <summary>Where a sign-in stands after a step.</summary>
public enum SignInStatus
{
    /// <summary>Refused. The client learns nothing more; <see cref="SignInStep.Reason"/> is for the operators' log.</summary>
    Refused,

    /// <summary>Password accepted; the TOTP code comes next.</summary>
    NeedsTotp,

    /// <summary>Password accepted; the account has no confirmed authenticator yet, so it enrols one now.</summary>
    NeedsEnrolment,

    SignedIn,
}

/// <summary>Why a sign-in was refused: recorded for operators, never shown to the client (all read "refused").</summary>
public enum RefusalReason
{
    None,
    UnknownLogin,
    WrongPassword,
    Locked,

    /// <summary>This failure was the one that locked the account.</summary>
    LockedNow,
    Disabled,
    WrongCode,
    ReplayedCode,
    NoEnrolmentPending,
}

/// <summary>The result of one sign-in step.</summary>
public sealed record SignInStep(SignInStatus Status, RefusalReason Reason, Account? Account)
{
    public static SignInStep Refused(RefusalReason reason, Account? account = null) => new(SignInStatus.Refused, reason, account);
}
