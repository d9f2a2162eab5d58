using System.Globalization;
using System.Text;

namespace ResetTrail.EvidenceLog.Proofs;

/// <summary>
/// A c2sp.org/tlog-proof@v1 proof: an entry's index, its inclusion proof and the signed checkpoint
/// it is proven against, verifiable offline with the log's public key.
/// </summary>
public sealed record TlogProof(ulong Index, IReadOnlyList<byte[]> InclusionProof, string SignedCheckpoint)
{
    public const string Header = "c2sp.org/tlog-proof@v1";

    /// <summary>Opaque, unauthenticated extra data (tlog-proof "extra" line); null when absent.</summary>
    public byte[]? Extra { get; init; }

    public string Format()
    {
        var builder = new StringBuilder(Header).Append('\n');
        if (Extra is not null)
        {
            builder.Append("extra ").Append(Convert.ToBase64String(Extra)).Append('\n');
        }

        builder.Append("index ").Append(Index.ToString(CultureInfo.InvariantCulture)).Append('\n');
        foreach (var hash in InclusionProof)
        {
            builder.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return builder.Append('\n').Append(SignedCheckpoint).ToString();
    }

    public static Result<TlogProof> Parse(string text)
    {
        var lines = text.Split('\n');
        if (lines.Length < 3 || lines[0] != Header)
        {
            return Result<TlogProof>.Fail($"a proof starts with the line '{Header}'");
        }

        var line = 1;
        byte[]? extra = null;
        if (lines[line].StartsWith("extra ", StringComparison.Ordinal))
        {
            if (!TryBase64(lines[line]["extra ".Length..], out extra))
            {
                return Result<TlogProof>.Fail("proof line 2: extra data is not valid base64");
            }

            line++;
        }

        var indexText = lines[line].StartsWith("index ", StringComparison.Ordinal) ? lines[line]["index ".Length..] : null;
        if (indexText is null || indexText.Length == 0 || (indexText.Length > 1 && indexText[0] == '0')
            || !ulong.TryParse(indexText, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return Result<TlogProof>.Fail($"proof line {line + 1}: expected 'index N' with N a decimal without leading zeroes");
        }

        var hashes = new List<byte[]>();
        for (line++; line < lines.Length && lines[line].Length > 0; line++)
        {
            if (!TryBase64(lines[line], out var hash) || hash.Length != 32)
            {
                return Result<TlogProof>.Fail($"proof line {line + 1}: not a base64 SHA-256 hash");
            }

            hashes.Add(hash);
        }

        if (line >= lines.Length - 1)
        {
            return Result<TlogProof>.Fail("proof has no checkpoint after the blank line");
        }

        var checkpoint = string.Join('\n', lines[(line + 1)..]);
        return new TlogProof(index, hashes, checkpoint) { Extra = extra };
    }

    private static bool TryBase64(string text, out byte[] bytes)
    {
        return StrictBase64.TryDecode(text, out bytes);
    }
}
