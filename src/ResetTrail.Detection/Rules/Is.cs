using ResetTrail.Detection.Config;
using ResetTrail.Detection.Engine;
using ResetTrail.Detection.Signals;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules;

/// <summary>The small predicates rules are written with.</summary>
internal static class Is
{
    public static readonly ChangeKind[] CredentialKinds =
    [
        ChangeKind.PasswordReset, ChangeKind.MfaFactorDisabled, ChangeKind.MfaFactorsResetAll,
        ChangeKind.TemporaryAccessPassIssued, ChangeKind.RecoveryCodesChanged, ChangeKind.NhiSecretChanged,
    ];

    public static readonly ChangeKind[] FactorKinds =
    [
        ChangeKind.MfaFactorEnabled, ChangeKind.MfaFactorDisabled, ChangeKind.MfaFactorsResetAll,
        ChangeKind.TemporaryAccessPassIssued, ChangeKind.RecoveryCodesChanged,
    ];

    public static bool Kind(Observation o, params ReadOnlySpan<ChangeKind> kinds)
    {
        if (o.Event is not { Success: true } e)
        {
            return false;
        }

        foreach (var kind in kinds)
        {
            if (kind == e.Kind)
            {
                return true;
            }
        }

        return false;
    }

    public static bool Type(Observation o, params ReadOnlySpan<string> types)
    {
        if (o.Event is not { } e)
        {
            return false;
        }

        foreach (var type in types)
        {
            if (string.Equals(type, e.SourceEventType, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether <paramref name="text"/> matches one of <paramref name="globs"/>.</summary>
    public static bool AnyGlob(IReadOnlyList<string> globs, string text)
    {
        for (var i = 0; i < globs.Count; i++)
        {
            if (Core.Policy.Deciding.Glob.Matches(globs[i], text))
            {
                return true;
            }
        }

        return false;
    }

    public static bool Credential(Observation o) => o.Event is { IsCredentialChange: true };

    /// <summary>A credential change in an identity provider, or a case's reset executed.</summary>
    public static bool Reset(Observation o) => Credential(o) || Signal(o, CaseSignalKind.Executed);

    public static bool Signal(Observation o, CaseSignalKind kind) => o.Signal is { } s && s.Kind == kind;

    public static bool SignInOk(Observation o) => o.Event is { Kind: ChangeKind.SignIn, Success: true };

    /// <summary>A source's own verdict that credentials may be in the wrong hands: a risky sign-in or a threat report.</summary>
    public static bool CredentialAccessSignal(Observation o) =>
        o.Event is { } e && (e.Risk is not null
            || e.SourceEventType is "security.threat.detected" or "user.account.report_suspicious_activity_by_enduser"
                or "suspicious_login" or "account_disabled_password_leak" or "gov_attack_warning");

    public static bool AdminConsole(Observation o, DetectionConfig c) =>
        o.Event is { Success: true } e && AnyGlob(c.AdminConsoleEvents, e.SourceEventType);

    public static bool ThirdPartyActor(Observation o, DetectionConfig c, out ThirdParty? party)
    {
        party = null;
        if (o.Signal is { Initiator: not Core.Cases.InitiatorType.Internal, Organisation: { } org })
        {
            party = c.ThirdParties.FirstOrDefault(t => string.Equals(t.Name, org, StringComparison.OrdinalIgnoreCase));
        }
        else if (o.Event is not null && o.Actor is { } actor)
        {
            party = c.ThirdParties.FirstOrDefault(t => t.Actors.Any(p => Core.Policy.Deciding.Glob.Matches(p, actor)));
        }

        return party is not null;
    }
}
