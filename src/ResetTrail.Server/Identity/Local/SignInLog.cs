using Microsoft.Extensions.Logging;
using ResetTrail.Accounts.SignIn;

namespace ResetTrail.Server.Identity.Local;

/// <summary>
/// What sign-in tells the operators, through fixed messages only: never a password, a code, a TOTP secret or a setup
/// token. A name that matches no account is not logged either: people type their password into the name field.
/// </summary>
internal static partial class SignInLog
{
    public static void Refused(ILogger logger, SignInStep step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (step.Account is null)
        {
            RefusedUnknown(logger, step.Reason);
        }
        else
        {
            RefusedAccount(logger, step.Account.Login, step.Reason);
        }
    }

    [LoggerMessage(EventId = 3201, Level = LogLevel.Warning, Message = "Sign-in refused for account {Login}: {Reason}")]
    public static partial void RefusedAccount(ILogger logger, string login, RefusalReason reason);

    [LoggerMessage(EventId = 3202, Level = LogLevel.Warning, Message = "Sign-in refused: {Reason} (the name typed is not logged)")]
    public static partial void RefusedUnknown(ILogger logger, RefusalReason reason);

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Signed in: {Login} ({Method})")]
    public static partial void SignedIn(ILogger logger, string login, string method);

    [LoggerMessage(EventId = 3204, Level = LogLevel.Information, Message = "Authenticator enrolled for {Login}")]
    public static partial void Enrolled(ILogger logger, string login);

    [LoggerMessage(EventId = 3205, Level = LogLevel.Warning, Message = "Form refused: missing or invalid antiforgery token on {Path}")]
    public static partial void CsrfRefused(ILogger logger, string path);

    [LoggerMessage(EventId = 3206, Level = LogLevel.Warning, Message = "First-administrator setup refused: {Reason}")]
    public static partial void SetupRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3207, Level = LogLevel.Information, Message = "First administrator created: {Login}")]
    public static partial void SetupDone(ILogger logger, string login);

    [LoggerMessage(EventId = 3208, Level = LogLevel.Warning, Message = "OpenID Connect sign-in refused: {Reason}")]
    public static partial void OidcRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3209, Level = LogLevel.Information, Message = "Bearer token from the OpenID provider refused: {Reason}")]
    public static partial void BearerRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 3210, Level = LogLevel.Information, Message = "Signed out: {Login}")]
    public static partial void SignedOut(ILogger logger, string login);
}
