using System.Text;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.EvidenceLog.Tests.Notes;

public sealed class SignedNoteTests
{
    private const string Text = "a note\nwith two lines\n";

    [Fact]
    public void Signatures_from_unknown_keys_are_ignored()
    {
        using var known = NoteSigner.Generate("known.example");
        using var stranger = NoteSigner.Generate("stranger.example");

        var opened = SignedNote.Open(SignedNote.Sign(Text, stranger, known), [known.Verifier]);

        Assert.True(opened.IsSuccess, opened.Error);
        Assert.Same(known.Verifier, Assert.Single(opened.Value.VerifiedBy));
        Assert.Equal("stranger.example", Assert.Single(opened.Value.Unverified).Name);
    }

    [Fact]
    public void A_note_signed_only_by_unknown_keys_is_rejected()
    {
        using var known = NoteSigner.Generate("known.example");
        using var stranger = NoteSigner.Generate("stranger.example");

        var opened = SignedNote.Open(SignedNote.Sign(Text, stranger), [known.Verifier]);

        Assert.False(opened.IsSuccess);
        Assert.Contains("no signature from a known key", opened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_with_a_known_name_but_another_ID_is_unknown()
    {
        using var known = NoteSigner.Generate("same.example");
        using var impostor = NoteSigner.Generate("same.example");

        var opened = SignedNote.Open(SignedNote.Sign(Text, impostor), [known.Verifier]);

        Assert.False(opened.IsSuccess);
        Assert.Contains("no signature from a known key", opened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_signature_from_a_known_key_rejects_the_note_even_beside_a_good_one()
    {
        using var first = NoteSigner.Generate("first.example");
        using var second = NoteSigner.Generate("second.example");
        var note = SignedNote.Sign(Text, first);
        var forged = new NoteSignature(second.Name, second.KeyId, new byte[64]).ToLine();

        var opened = SignedNote.Open(note + forged, [first.Verifier, second.Verifier]);

        Assert.False(opened.IsSuccess);
        Assert.Contains("invalid signature", opened.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a note\n\n— name AAAAAAA!\n", "base64")]
    [InlineData("a note\n\n— name AAAA\n", "too short")]
    [InlineData("a note\n\n- name AAAAAAAA\n", "'— '")]
    [InlineData("a note\n\n—  AAAAAAAA\n", "signature line")]
    [InlineData("a note\n\n\n", "newline")]
    [InlineData("a note\n\n", "end with a newline")]
    [InlineData("a note\n", "no blank line")]
    [InlineData("a\tnote\n\n— name AAAAAAAA\n", "control character")]
    public void A_malformed_note_is_rejected(string note, string reason)
    {
        var parsed = SignedNote.Parse(note);

        Assert.False(parsed.IsSuccess);
        Assert.Contains(reason, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_note_with_too_many_signatures_is_rejected()
    {
        var lines = new StringBuilder(Text).Append('\n');
        for (var i = 0; i <= SignedNote.MaxSignatures; i++)
        {
            lines.Append(new NoteSignature($"signer{i}", (uint)i, new byte[64]).ToLine());
        }

        Assert.False(SignedNote.Parse(lines.ToString()).IsSuccess);
    }

    [Fact]
    public void Signing_a_text_without_a_final_newline_is_a_bug()
    {
        using var signer = NoteSigner.Generate("origin.example");
        Assert.Throws<ArgumentException>(() => SignedNote.Sign("no newline", signer));
    }
}
