using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.EvidenceLog.Tests.Notes;

/// <summary>The signed-note vectors (Go's sumdb/note tests, transparency-dev/formats and the C2SP spec).</summary>
public sealed class SignedNoteVectorTests
{
    private const string SumDbVector = "sum.golang.org-real-checkpoint";

    public static IEnumerable<TheoryDataRow<string>> VectorIds() =>
        SignedNoteVector.Load().Select(v => new TheoryDataRow<string>(v.Id) { TestDisplayName = $"signed-note vector {v.Id}" });

    [Fact]
    public void All_nine_vectors_are_present()
    {
        Assert.Equal(9, SignedNoteVector.Load().Count);
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Every_vector_behaves_as_its_expectation_says(string id)
    {
        var vector = SignedNoteVector.Get(id);
        var keys = vector.AllVerifierKeys.Select(k => VerifierKey.Parse(k).Value).ToList();
        var opened = SignedNote.Open(vector.Note, [keys[0]]);

        if (vector.Expect.StartsWith("valid", StringComparison.Ordinal))
        {
            Assert.True(opened.IsSuccess, $"{id}: {opened.Error}");
            Assert.Equal(keys[0].ToString(), Assert.Single(opened.Value.VerifiedBy).ToString());
            var all = SignedNote.Open(vector.Note, keys);
            Assert.True(all.IsSuccess, $"{id}: {all.Error}");
            Assert.Equal(keys.Select(k => k.Name).Order(), all.Value.VerifiedBy.Select(k => k.Name).Order());
            Assert.Empty(all.Value.Unverified);
        }
        else if (vector.Expect.StartsWith("error: invalid signature", StringComparison.Ordinal))
        {
            Assert.False(opened.IsSuccess, $"{id} opened");
            Assert.Contains("invalid signature", opened.Error, StringComparison.Ordinal);
        }
        else if (vector.Expect == "error: malformed note")
        {
            Assert.False(opened.IsSuccess, $"{id} opened");
            Assert.False(SignedNote.Parse(vector.Note).IsSuccess, $"{id} parsed");
        }
        else
        {
            Assert.Fail($"{id}: unknown expectation '{vector.Expect}'");
        }
    }

    [Theory]
    [MemberData(nameof(VectorIds))]
    public void Every_vector_matches_the_independent_check_for_each_trusted_key(string id)
    {
        var vector = SignedNoteVector.Get(id);
        var keys = vector.AllVerifierKeys.Select(k => VerifierKey.Parse(k).Value).ToList();
        foreach (var (trusted, results) in vector.IndependentCheck)
        {
            var opened = SignedNote.Open(vector.Note, [keys.Single(k => k.Name == trusted)]);
            var mustFail = results.Any(r => r.Value is "invalid" or "malformed");
            if (mustFail)
            {
                Assert.False(opened.IsSuccess, $"{id} opened trusting {trusted}");
                continue;
            }

            Assert.True(opened.IsSuccess, $"{id} trusting {trusted}: {opened.Error}");
            Assert.Equal(results.Where(r => r.Value == "ok").Select(r => r.Key).Order(), opened.Value.VerifiedBy.Select(k => k.Name).Order());
            Assert.Equal(results.Where(r => r.Value == "unknown-key").Select(r => r.Key).Order(), opened.Value.Unverified.Select(s => s.Name).Order());
        }
    }

    [Fact]
    public void The_sum_golang_org_checkpoint_opens_for_its_origin()
    {
        var vector = SignedNoteVector.Get(SumDbVector);
        var key = VerifierKey.Parse(vector.VerifierKey).Value;

        var checkpoint = Checkpoint.Open(vector.Note, "go.sum database tree", [key]);

        Assert.True(checkpoint.IsSuccess, checkpoint.Error);
        Assert.Equal("go.sum database tree", checkpoint.Value.Origin);
        Assert.Equal(6476701UL, checkpoint.Value.Size);
        Assert.Equal("mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=", Convert.ToBase64String(checkpoint.Value.RootHash));
        Assert.Empty(checkpoint.Value.Extensions);
    }

    [Fact]
    public void The_sum_golang_org_checkpoint_is_refused_for_another_origin()
    {
        var vector = SignedNoteVector.Get(SumDbVector);
        var key = VerifierKey.Parse(vector.VerifierKey).Value;

        var checkpoint = Checkpoint.Open(vector.Note, "Go rocks but I might have the wrong ID", [key]);

        Assert.False(checkpoint.IsSuccess);
        Assert.Contains("origin", checkpoint.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_c2sp_example_note_opens_with_the_c2sp_example_key()
    {
        var key = VerifierKey.Parse(TestDataFiles.ReadText("c2sp", "examples", "signed-note-example.vkey")).Value;

        var opened = SignedNote.Open(TestDataFiles.ReadText("c2sp", "examples", "signed-note-example.note"), [key]);

        Assert.True(opened.IsSuccess, opened.Error);
        Assert.Equal("This is an example message.\n", opened.Value.Text);
    }

    [Fact]
    public void A_note_whose_text_holds_a_blank_line_splits_at_the_last_one()
    {
        var parsed = SignedNote.Parse(TestDataFiles.ReadText("c2sp", "examples", "signed-note-quasimodo.note"));

        Assert.True(parsed.IsSuccess, parsed.Error);
        Assert.EndsWith("trafitto da un raggio di sole:\n\ned è subito sera.\n", parsed.Value.Text, StringComparison.Ordinal);
        Assert.Equal("quasimodo.example/salvatore", Assert.Single(parsed.Value.Signatures).Name);
    }
}
