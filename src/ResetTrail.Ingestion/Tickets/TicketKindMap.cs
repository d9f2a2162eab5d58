using System.Collections.Frozen;
using ResetTrail.Core;
using ResetTrail.Core.Cases;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// Turns what a help desk calls a request (ServiceNow category/subcategory, Jira issue type, label or option,
/// a CSV column) into a reset kind. Matching ignores case, '_', '-' and repeated spaces; the wire names
/// (password, mfa_factor, ...) always match. A value nobody mapped gives no kind: it is never guessed from
/// free text, and the reconciler says the ticket's kind could not be checked.
/// </summary>
public sealed class TicketKindMap
{
    private static readonly (string Text, ResetKind Kind)[] Defaults =
    [
        ("password reset", ResetKind.Password),
        ("reset password", ResetKind.Password),
        ("forgot password", ResetKind.Password),
        ("forgotten password", ResetKind.Password),
        ("password", ResetKind.Password),
        ("mfa reset", ResetKind.MfaFactor),
        ("reset mfa", ResetKind.MfaFactor),
        ("mfa", ResetKind.MfaFactor),
        ("2fa reset", ResetKind.MfaFactor),
        ("reset 2fa", ResetKind.MfaFactor),
        ("mfa factor reset", ResetKind.MfaFactor),
        ("authenticator reset", ResetKind.MfaFactor),
        ("reset authenticator", ResetKind.MfaFactor),
        ("lost phone", ResetKind.MfaFactor),
        ("reset all factors", ResetKind.AllFactors),
        ("reset all mfa", ResetKind.AllFactors),
        ("all factors reset", ResetKind.AllFactors),
        ("recovery codes", ResetKind.RecoveryCodes),
        ("backup codes", ResetKind.RecoveryCodes),
        ("reset recovery codes", ResetKind.RecoveryCodes),
        ("temporary access pass", ResetKind.TemporaryAccessPass),
        ("tap", ResetKind.TemporaryAccessPass),
        ("issue temporary access pass", ResetKind.TemporaryAccessPass),
        ("service account secret", ResetKind.NhiSecret),
        ("service account password", ResetKind.NhiSecret),
        ("client secret reset", ResetKind.NhiSecret),
        ("api key rotation", ResetKind.NhiSecret),
        ("rotate secret", ResetKind.NhiSecret),
    ];

    private readonly FrozenDictionary<string, ResetKind> map;

    private TicketKindMap(FrozenDictionary<string, ResetKind> map) => this.map = map;

    /// <summary>The defaults above plus the wire names.</summary>
    public static TicketKindMap Default { get; } = new(BuildDefaults());

    /// <summary>This map with <paramref name="overrides"/> (text → kind) added; an override wins over a default.</summary>
    public TicketKindMap With(IEnumerable<KeyValuePair<string, ResetKind>>? overrides)
    {
        var d = new Dictionary<string, ResetKind>(map, StringComparer.Ordinal);
        foreach (var (text, kind) in overrides ?? [])
        {
            d[Normalise(text)] = kind;
        }

        return new TicketKindMap(d.ToFrozenDictionary(StringComparer.Ordinal));
    }

    public ResetKind? Find(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : map.TryGetValue(Normalise(text), out var kind) ? kind : null;

    private static FrozenDictionary<string, ResetKind> BuildDefaults()
    {
        var d = Defaults.ToDictionary(e => Normalise(e.Text), e => e.Kind, StringComparer.Ordinal);
        foreach (var kind in Enum.GetValues<ResetKind>())
        {
            d[Normalise(WireName.Of(kind))] = kind;
        }

        return d.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string Normalise(string text) =>
        string.Join(' ', text.Replace('_', ' ').Replace('-', ' ').Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToUpperInvariant();
}
