using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace ResetTrail.Detection.Alerts;

/// <summary>
/// Stable alert ids: SHA-256 over the rule id, the subject and the evidence ids in order (UTF-8 of
/// <c>rule \n subject (\n source:id)*</c>), as 32 hex digits with an "rta_" prefix. The same detection replayed
/// (after a restart, a re-read file) has the same id.
/// </summary>
public static class AlertIds
{
    /// <summary>One SHA-256 context per thread, reset after each id: a one-shot hash makes and frees a context per alert.</summary>
    [ThreadStatic]
    private static IncrementalHash? hasher;

    public static string Of(string ruleId, string subject, IEnumerable<AlertEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return Format(Digest(ruleId, subject, evidence.ToList(), static e => e.Source, static e => e.Id));
    }

    /// <summary>The id as text: "rta_" and the digest's 32 hex digits.</summary>
    internal static string Format(UInt128 digest) => string.Create(36, digest, static (chars, digest) =>
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt128BigEndian(bytes, digest);
        "rta_".CopyTo(chars);
        Convert.TryToHexStringLower(bytes, chars[4..], out _);
    });

    /// <summary>
    /// The id's 128 bits (the first half of the SHA-256), before it becomes text: the engine deduplicates on these and
    /// formats only the alerts it lets out.
    /// </summary>
    internal static UInt128 Digest<T>(string ruleId, string subject, IReadOnlyList<T> evidence, Func<T, string> source, Func<T, string> id)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(evidence);
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(id);
        var length = Encoding.UTF8.GetMaxByteCount(ruleId.Length + 1 + subject.Length);
        for (var i = 0; i < evidence.Count; i++)
        {
            length += Encoding.UTF8.GetMaxByteCount(source(evidence[i]).Length + id(evidence[i]).Length + 2);
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var text = rented.AsSpan();
            var at = Encoding.UTF8.GetBytes(ruleId, text);
            text[at++] = (byte)'\n';
            at += Encoding.UTF8.GetBytes(subject, text[at..]);
            for (var i = 0; i < evidence.Count; i++)
            {
                text[at++] = (byte)'\n';
                at += Encoding.UTF8.GetBytes(source(evidence[i]), text[at..]);
                text[at++] = (byte)':';
                at += Encoding.UTF8.GetBytes(id(evidence[i]), text[at..]);
            }

            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            var sha = hasher ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            sha.AppendData(text[..at]);
            sha.GetHashAndReset(hash);
            return BinaryPrimitives.ReadUInt128BigEndian(hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
