using System.Security.Cryptography;
using System.Text;

namespace ResetTrail.Detection.Delivery;

/// <summary>
/// A Standard Webhooks signing secret (https://www.standardwebhooks.com/): "whsec_" then base64 key bytes. The
/// key never appears in ToString, logs or exceptions.
/// </summary>
public sealed class WebhookSecret
{
    private const string Prefix = "whsec_";
    private readonly byte[] key;

    private WebhookSecret(byte[] key) => this.key = key;

    /// <summary>The secret, or null when it is not "whsec_" followed by base64 of 24 to 64 bytes.</summary>
    public static WebhookSecret? Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.StartsWith(Prefix, StringComparison.Ordinal) ? text[Prefix.Length..] : text;
        var bytes = new byte[body.Length];
        return Convert.TryFromBase64String(body, bytes, out var length) && length is >= 24 and <= 64 ? new WebhookSecret(bytes[..length]) : null;
    }

    /// <summary>A new random 32-byte secret in its "whsec_" form.</summary>
    public static string Generate() => Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The webhook-signature header value: "v1," and base64 HMAC-SHA256 of "id.timestamp.body".</summary>
    public string Sign(string id, long timestamp, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(FormattableString.Invariant($"{id}.{timestamp}."));
        var content = new byte[prefix.Length + body.Length];
        prefix.CopyTo(content, 0);
        body.CopyTo(content.AsSpan(prefix.Length));
        return "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, content));
    }

    /// <summary>Whether one of the space-separated signatures in a webhook-signature header is ours for this message (constant time).</summary>
    public bool Verify(string id, long timestamp, ReadOnlySpan<byte> body, string header)
    {
        ArgumentNullException.ThrowIfNull(header);
        var expected = Encoding.ASCII.GetBytes(Sign(id, timestamp, body));
        return header.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), expected));
    }

    public override string ToString() => "whsec_(redacted)";
}
