using System.Globalization;
using System.Text;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.EvidenceLog.Checkpoints;

/// <summary>
/// A C2SP tlog-checkpoint body: origin, tree size, base64 root hash, then optional extension lines.
/// Signed as a C2SP signed note by the log's key (named after the origin).
/// </summary>
public sealed record Checkpoint(string Origin, ulong Size, byte[] RootHash)
{
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>The note text: three lines and any extensions, each ending in a newline.</summary>
    public string ToNoteText()
    {
        var builder = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(Size.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(Convert.ToBase64String(RootHash)).Append('\n');
        foreach (var extension in Extensions)
        {
            builder.Append(extension).Append('\n');
        }

        return builder.ToString();
    }

    public string Sign(params NoteSigner[] signers) => SignedNote.Sign(ToNoteText(), signers);

    public static Result<Checkpoint> ParseText(string text)
    {
        if (!text.EndsWith('\n'))
        {
            return Result<Checkpoint>.Fail("checkpoint text must end with a newline");
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            return Result<Checkpoint>.Fail("checkpoint needs an origin, a size and a root hash line");
        }

        if (lines[0].Length == 0)
        {
            return Result<Checkpoint>.Fail("checkpoint origin is empty");
        }

        var sizeText = lines[1];
        if (sizeText.Length == 0 || (sizeText.Length > 1 && sizeText[0] == '0') || !sizeText.All(char.IsAsciiDigit)
            || !ulong.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
        {
            return Result<Checkpoint>.Fail($"checkpoint size '{sizeText}' is not a decimal without leading zeroes");
        }

        if (!StrictBase64.TryDecode(lines[2], out var root))
        {
            return Result<Checkpoint>.Fail("checkpoint root hash is not valid base64");
        }

        if (root.Length != Rfc6962.HashSize)
        {
            return Result<Checkpoint>.Fail($"checkpoint root hash has {root.Length} bytes, want {Rfc6962.HashSize}");
        }

        var extensions = lines[3..];
        if (extensions.Any(e => e.Length == 0))
        {
            return Result<Checkpoint>.Fail("checkpoint extension lines must not be empty");
        }

        return new Checkpoint(lines[0], size, root) { Extensions = extensions };
    }

    /// <summary>
    /// Verifies a signed checkpoint for the expected origin against trusted keys, then parses it.
    /// The origin is checked so a note from another log, even one signed by a trusted key, is refused.
    /// </summary>
    public static Result<Checkpoint> Open(string signedNote, string origin, IReadOnlyCollection<VerifierKey> verifiers)
    {
        var opened = SignedNote.Open(signedNote, verifiers);
        if (!opened.IsSuccess)
        {
            return Result<Checkpoint>.Fail(opened.Error);
        }

        var checkpoint = ParseText(opened.Value.Text);
        if (!checkpoint.IsSuccess)
        {
            return checkpoint;
        }

        return checkpoint.Value.Origin == origin
            ? checkpoint
            : Result<Checkpoint>.Fail($"checkpoint origin '{checkpoint.Value.Origin}' is not the expected '{origin}'");
    }
}
