using ResetTrail.Core.Cases;

namespace ResetTrail.Ingestion.Events;

/// <summary>
/// One event from an identity provider, normalised. Every source parser produces these; the OCSF writer and the
/// reconciler read only these. Fields a source does not carry stay null; nothing is invented.
/// </summary>
public sealed record IdentityEvent
{
    /// <summary>okta, entra, windows, keycloak, google_workspace.</summary>
    public required string Source { get; init; }

    /// <summary>The source's own id for the event (Okta uuid, Entra id, Windows RecordID/EventRecordID, ...): the dedup key with Source.</summary>
    public required string SourceEventId { get; init; }

    /// <summary>The source's event type or operation name, verbatim (unmapped.source_event_type in OCSF).</summary>
    public required string SourceEventType { get; init; }

    public required DateTimeOffset Time { get; init; }

    public required ChangeKind Kind { get; init; }

    public bool Success { get; init; } = true;

    /// <summary>The account changed (or signing in).</summary>
    public required EventParty Target { get; init; }

    /// <summary>Who did it; null when the source does not say.</summary>
    public EventParty? Actor { get; init; }

    public string? SourceIp { get; init; }

    public string? Country { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>For factor events: the factor type as the source names it (sms, push, totp, ...).</summary>
    public string? FactorType { get; init; }

    /// <summary>For role grants: the role name.</summary>
    public string? Role { get; init; }

    /// <summary>The source's transaction or correlation id (Okta transaction.id); "unknown" is Okta's own value for support-initiated changes.</summary>
    public string? TransactionId { get; init; }

    /// <summary>The logon session that did it (Windows SubjectLogonId for account changes, TargetLogonId for logons).</summary>
    public string? SessionId { get; init; }

    /// <summary>The machine that logged the event (Windows Computer).</summary>
    public string? Host { get; init; }

    /// <summary>How a sign-in was made, as the source names it (Windows LogonType: 3 is a network logon).</summary>
    public string? LogonType { get; init; }

    /// <summary>The source's own risk verdict on a sign-in, verbatim (Entra riskLevelDuringSignIn low/medium/high), when it gives one other than none.</summary>
    public string? Risk { get; init; }

    /// <summary>OCSF metadata.product.name and vendor_name, e.g. "Okta System Log" / "Okta".</summary>
    public required string ProductName { get; init; }

    public required string VendorName { get; init; }

    /// <summary>Where the record came from, for messages: file and line (1-based) or record number.</summary>
    public string? Location { get; init; }

    /// <summary>The reset kind a case would record for this change, or null when it is not a credential change.</summary>
    public ResetKind? ResetKind => ResetKindOf(Kind);

    /// <summary>A credential change an administrator or the desk made to someone else's account: what must match a case or ticket.</summary>
    public bool IsCredentialChange => ResetKind is not null && Success;

    /// <summary>The reset kind a change of this kind is, or null when no change of this kind is a credential change.</summary>
    public static ResetKind? ResetKindOf(ChangeKind kind) => kind switch
    {
        ChangeKind.PasswordReset => Core.Cases.ResetKind.Password,
        ChangeKind.MfaFactorDisabled => Core.Cases.ResetKind.MfaFactor,
        ChangeKind.MfaFactorsResetAll => Core.Cases.ResetKind.AllFactors,
        ChangeKind.TemporaryAccessPassIssued => Core.Cases.ResetKind.TemporaryAccessPass,
        ChangeKind.RecoveryCodesChanged => Core.Cases.ResetKind.RecoveryCodes,
        ChangeKind.NhiSecretChanged => Core.Cases.ResetKind.NhiSecret,
        _ => null,
    };
}
