using ResetTrail.Core;

namespace ResetTrail.Server.Ingest;

/// <summary>Refusals of the real-time ingestion endpoints (block 32xx; rows in docs/errors/README.md).</summary>
public static class IngestErrors
{
    public static DomainError NotConfigured(string what, string setting) =>
        new("RT-3201", $"{what} is not configured on this server; set {setting}");

    public static DomainError BadSecret(string header) =>
        new("RT-3202", $"the shared secret in '{header}' is missing or wrong");

    public static DomainError BadSignature() =>
        new("RT-3203", "send 'X-ResetTrail-Signature: sha256=HEX' (HMAC-SHA256 of the body under the webhook secret) or an IAM administrator's API token");

    public static DomainError EmptyBody() => new("RT-3204", "the delivery has no body");

    public static DomainError NoChallenge() =>
        new("RT-3205", "an Okta Event Hook verification request carries the X-Okta-Verification-Challenge header");
}
