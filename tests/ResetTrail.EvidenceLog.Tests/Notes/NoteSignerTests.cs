using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.EvidenceLog.Tests.Notes;

public sealed class NoteSignerTests
{
    // From golang/mod sumdb/note/note_test.go @fe2ec04f7c3c3aa6fad97631aafcff6e49e2d1db (BSD-3-Clause,
    // TestData/signed-note-vectors/LICENSE-golang-mod): the private key behind the PeterNeumann vectors.
    private const string GoPeterPrivateKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";

    private const string Text = "origin.example/log\n7\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";

    [Fact]
    public void A_generated_signer_signs_a_note_that_opens_with_its_verifier()
    {
        using var signer = NoteSigner.Generate("origin.example/log");

        var opened = SignedNote.Open(SignedNote.Sign(Text, signer), [signer.Verifier]);

        Assert.True(opened.IsSuccess, opened.Error);
        Assert.Equal(Text, opened.Value.Text);
        Assert.Same(signer.Verifier, Assert.Single(opened.Value.VerifiedBy));
        Assert.Equal(signer.KeyId, signer.Verifier.KeyId);
    }

    [Fact]
    public void A_note_whose_text_was_changed_after_signing_is_rejected()
    {
        using var signer = NoteSigner.Generate("origin.example/log");
        var note = SignedNote.Sign(Text, signer).Replace("\n7\n", "\n8\n", StringComparison.Ordinal);

        var opened = SignedNote.Open(note, [signer.Verifier]);

        Assert.False(opened.IsSuccess);
        Assert.Contains("invalid signature", opened.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exported_private_key_parses_back_to_the_same_signer()
    {
        using var signer = NoteSigner.Generate("origin.example/log");
        var exported = signer.ExportPrivateKey();

        using var parsed = NoteSigner.Parse(exported).Value;

        Assert.Equal(exported, parsed.ExportPrivateKey());
        Assert.Equal(signer.Name, parsed.Name);
        Assert.Equal(signer.Verifier.ToString(), parsed.Verifier.ToString());
        Assert.True(SignedNote.Open(SignedNote.Sign(Text, parsed), [signer.Verifier]).IsSuccess);
    }

    [Fact]
    public void ToString_does_not_show_the_private_key()
    {
        using var signer = NoteSigner.Generate("origin.example/log");
        var secret = signer.ExportPrivateKey().Split('+', 5)[^1];

        var shown = signer.ToString();

        Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.DoesNotContain("PRIVATE", shown, StringComparison.Ordinal);
        Assert.Contains(signer.Name, shown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_Go_private_key_signs_exactly_as_Go_does()
    {
        var vector = SignedNoteVector.Get("go-sumdb-note-peter");
        using var signer = NoteSigner.Parse(GoPeterPrivateKey).Value;

        Assert.Equal(vector.VerifierKey, signer.Verifier.ToString());
        var text = vector.Note[..(vector.Note.LastIndexOf("\n\n", StringComparison.Ordinal) + 1)];

        // Ed25519 signatures are deterministic, so the whole note must come out byte for byte.
        Assert.Equal(vector.Note, SignedNote.Sign(text, signer));
        Assert.Equal(GoPeterPrivateKey, signer.ExportPrivateKey());
    }

    [Theory]
    [InlineData("PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a4+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDF!")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3+AoEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz")]
    [InlineData("PRIVATE+KEY+PeterNeumann+c74f20a3")]
    public void A_malformed_private_key_is_rejected(string text)
    {
        Assert.False(NoteSigner.Parse(text).IsSuccess);
    }

    [Theory]
    [InlineData("")]
    [InlineData("two words")]
    [InlineData("a+b")]
    public void A_signer_needs_a_valid_key_name(string name)
    {
        Assert.Throws<ArgumentException>(() => NoteSigner.Generate(name));
    }
}
