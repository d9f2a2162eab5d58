using System.Buffers.Binary;
using System.Text;

namespace ResetTrail.EvidenceLog.Notes;

/// <summary>
/// A C2SP signed note: a text ending in a newline, a blank line, then one or more lines
/// "— name base64(key ID ‖ signature)". Parsing is strict (c2sp.org/signed-note): valid UTF-8, no
/// control characters but newline, a final newline, well-formed signature lines.
/// </summary>
public sealed class SignedNote
{
    /// <summary>Notes are small; this bounds what a hostile input can make the parser hold.</summary>
    public const int MaxNoteBytes = 1 << 20;

    /// <summary>The spec asks verifiers to accept at least 16 signatures.</summary>
    public const int MaxSignatures = 100;

    private const string SignaturePrefix = "— ";

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, including its final newline.</summary>
    public string Text { get; }

    public IReadOnlyList<NoteSignature> Signatures { get; }

    public static string Sign(string text, params NoteSigner[] signers)
    {
        if (!text.EndsWith('\n'))
        {
            throw new ArgumentException("a note text ends with a newline", nameof(text));
        }

        var bytes = Encoding.UTF8.GetBytes(text);
        var builder = new StringBuilder(text).Append('\n');
        foreach (var signer in signers)
        {
            var signature = signer.Sign(bytes);
            builder.Append(new NoteSignature(signer.Name, signer.KeyId, signature[4..]).ToLine());
        }

        return builder.ToString();
    }

    public static Result<SignedNote> Parse(string note)
    {
        if (Encoding.UTF8.GetByteCount(note) > MaxNoteBytes)
        {
            return Result<SignedNote>.Fail($"note is larger than {MaxNoteBytes} bytes");
        }

        if (note.Any(c => c < 0x20 && c != '\n') || note.Contains('\uFFFD', StringComparison.Ordinal))
        {
            return Result<SignedNote>.Fail("malformed note: control character or invalid UTF-8");
        }

        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            return Result<SignedNote>.Fail("malformed note: no blank line before the signatures");
        }

        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0 || !block.EndsWith('\n'))
        {
            return Result<SignedNote>.Fail("malformed note: the signature block must end with a newline");
        }

        var signatures = new List<NoteSignature>();
        foreach (var line in block[..^1].Split('\n'))
        {
            var signature = ParseSignatureLine(line);
            if (!signature.IsSuccess)
            {
                return Result<SignedNote>.Fail(signature.Error);
            }

            signatures.Add(signature.Value);
            if (signatures.Count > MaxSignatures)
            {
                return Result<SignedNote>.Fail($"note has more than {MaxSignatures} signatures");
            }
        }

        return new SignedNote(text, signatures);
    }

    /// <summary>
    /// Parses and verifies a note: signatures from unknown keys (name and ID not both known) are
    /// ignored; a known key whose signature fails rejects the note; at least one known key must verify.
    /// </summary>
    public static Result<VerifiedNote> Open(string note, IReadOnlyCollection<VerifierKey> verifiers)
    {
        var parsed = Parse(note);
        if (!parsed.IsSuccess)
        {
            return Result<VerifiedNote>.Fail(parsed.Error);
        }

        var textBytes = Encoding.UTF8.GetBytes(parsed.Value.Text);
        var verified = new List<VerifierKey>();
        var unverified = new List<NoteSignature>();
        foreach (var signature in parsed.Value.Signatures)
        {
            var key = verifiers.FirstOrDefault(v => v.Name == signature.Name && v.KeyId == signature.KeyId);
            if (key is null)
            {
                unverified.Add(signature);
                continue;
            }

            if (!key.Verify(textBytes, signature.Signature))
            {
                return Result<VerifiedNote>.Fail($"invalid signature for key {key.Name}+{key.KeyId:x8}");
            }

            if (!verified.Contains(key))
            {
                verified.Add(key);
            }
        }

        return verified.Count == 0
            ? Result<VerifiedNote>.Fail("no signature from a known key")
            : new VerifiedNote(parsed.Value.Text, verified, unverified);
    }

    private static Result<NoteSignature> ParseSignatureLine(string line)
    {
        if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            return Result<NoteSignature>.Fail("malformed note: a signature line starts with '— '");
        }

        var rest = line[SignaturePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0)
        {
            return Result<NoteSignature>.Fail("malformed note: a signature line reads '— name signature'");
        }

        var name = rest[..space];
        var encoded = rest[(space + 1)..];
        if (!KeyId.IsValidName(name))
        {
            return Result<NoteSignature>.Fail($"malformed note: bad key name '{name}'");
        }

        if (!StrictBase64.TryDecode(encoded, out var bytes))
        {
            return Result<NoteSignature>.Fail("malformed note: signature is not valid base64");
        }

        if (bytes.Length < 5)
        {
            return Result<NoteSignature>.Fail("malformed note: signature too short");
        }

        return new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(bytes), bytes[4..]);
    }
}
