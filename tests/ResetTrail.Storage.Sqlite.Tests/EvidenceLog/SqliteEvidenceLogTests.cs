using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Storage.Sqlite.Tests.EvidenceLog;

public sealed class SqliteEvidenceLogTests
{
    [Fact]
    public void A_new_log_has_a_signed_checkpoint_for_the_empty_tree()
    {
        using var fixture = new LogFixture();

        var checkpoint = Checkpoint.Open(fixture.Log.LatestCheckpoint().SignedNote, LogFixture.Origin, [fixture.Log.Verifier]);

        Assert.True(checkpoint.IsSuccess, checkpoint.Error);
        Assert.Equal(0UL, checkpoint.Value.Size);
        Assert.Equal(Rfc6962.EmptyRoot.ToArray(), checkpoint.Value.RootHash);
    }

    [Fact]
    public void Appends_get_gapless_indices_and_a_checkpoint_each()
    {
        using var fixture = new LogFixture();

        var first = fixture.Log.Append([LogFixture.Entry(0), LogFixture.Entry(1)]);
        var second = fixture.Log.Append([LogFixture.Entry(2)]);

        Assert.Equal((0UL, 2), (first.FirstIndex, first.Count));
        Assert.Equal((2UL, 1), (second.FirstIndex, second.Count));
        Assert.True(fixture.Log.CheckpointAt(2).IsSuccess);
        Assert.Equal(3UL, fixture.Log.LatestCheckpoint().Size);
        Assert.Equal([0UL, 1UL, 2UL], fixture.Log.ReadEntries(0, 10).Select(e => e.Index));
    }

    [Fact]
    public void Roots_match_a_tree_built_in_memory_across_batches_and_reopening()
    {
        using var fixture = new LogFixture();
        fixture.AppendEntries(300, 7);
        using (var reopened = fixture.OpenAnother())
        {
            reopened.Append([.. Enumerable.Range(300, 700).Select(LogFixture.Entry)]);
        }

        fixture.Log.Append([LogFixture.Entry(1000)]);

        var expected = new CompactRange();
        for (var i = 0; i <= 1000; i++)
        {
            expected.Append(Rfc6962.HashLeaf(LogFixture.Entry(i)));
        }

        Assert.Equal(expected.Root(), fixture.Log.LatestCheckpoint().RootHash);
    }

    [Fact]
    public void Every_inclusion_proof_verifies_against_every_checkpoint()
    {
        using var fixture = new LogFixture();
        fixture.AppendEntries(70, 9);

        foreach (var size in new ulong[] { 9, 18, 27, 63, 70 })
        {
            var checkpoint = fixture.Log.CheckpointAt(size).Value;
            for (var index = 0UL; index < size; index++)
            {
                var proof = fixture.Log.InclusionProof(index, size).Value;
                var check = ProofVerifier.VerifyInclusion(index, size, Rfc6962.HashLeaf(LogFixture.Entry((int)index)), proof, checkpoint.RootHash);
                Assert.True(check.IsValid, $"index {index} size {size}: {check.Error}");
            }
        }
    }

    [Fact]
    public void Consistency_proofs_link_every_pair_of_checkpoints()
    {
        using var fixture = new LogFixture();
        fixture.AppendEntries(600, 37);
        var sizes = Enumerable.Range(1, 600 / 37).Select(i => (ulong)(i * 37)).Append(600UL).ToList();

        foreach (var older in sizes)
        {
            foreach (var newer in sizes.Where(s => s >= older))
            {
                var proof = fixture.Log.ConsistencyProof(older, newer).Value;
                var check = ProofVerifier.VerifyConsistency(
                    older, newer, proof, fixture.Log.CheckpointAt(older).Value.RootHash, fixture.Log.CheckpointAt(newer).Value.RootHash);
                Assert.True(check.IsValid, $"{older}->{newer}: {check.Error}");
            }
        }
    }

    [Fact]
    public void A_reader_proves_against_sizes_another_writer_committed_after_it_opened()
    {
        using var fixture = new LogFixture();
        fixture.AppendEntries(4, 4);
        Assert.True(fixture.Log.InclusionProof(0, 4).IsSuccess);

        using (var writer = fixture.OpenAnother())
        {
            writer.Append([LogFixture.Entry(4), LogFixture.Entry(5)]);
        }

        var proof = fixture.Log.InclusionProof(5, 6);
        Assert.True(proof.IsSuccess, proof.Error);
        Assert.True(ProofVerifier.VerifyInclusion(5, 6, Rfc6962.HashLeaf(LogFixture.Entry(5)), proof.Value, fixture.Log.CheckpointAt(6).Value.RootHash).IsValid);
    }

    [Fact]
    public void Proofs_beyond_the_log_are_refused_with_a_reason()
    {
        using var fixture = new LogFixture();
        fixture.AppendEntries(5, 5);

        Assert.Contains("not in a tree of 5", fixture.Log.InclusionProof(5, 5).Error, StringComparison.Ordinal);
        Assert.Contains("beyond the log's size 5", fixture.Log.InclusionProof(0, 6).Error, StringComparison.Ordinal);
        Assert.False(fixture.Log.ConsistencyProof(0, 5).IsSuccess);
        Assert.Contains("no checkpoint was signed at size 3", fixture.Log.CheckpointAt(3).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_append_whose_checkpoint_cannot_be_written_fails_and_leaves_nothing_behind()
    {
        using var fixture = new LogFixture();
        fixture.AppendEntries(3, 3);
        fixture.Tamper("CREATE TRIGGER refuse BEFORE INSERT ON log_checkpoints BEGIN SELECT RAISE(ABORT, 'disk full'); END;");

        Assert.ThrowsAny<Exception>(() => { fixture.Log.Append([LogFixture.Entry(3)]); });

        fixture.Tamper("DROP TRIGGER refuse;");
        Assert.Equal(3UL, fixture.Log.LatestCheckpoint().Size);
        Assert.Equal(3, fixture.Log.ReadEntries(0, 100).Count());
        var next = fixture.Log.Append([LogFixture.Entry(3)]);
        Assert.Equal(3UL, next.FirstIndex);
        Assert.True(fixture.Log.Audit().IsIntact);
    }

    [Fact]
    public void Concurrent_appenders_on_separate_connections_get_one_linear_order()
    {
        using var fixture = new LogFixture();
        const int threads = 4;
        const int perThread = 40;
        var assigned = new System.Collections.Concurrent.ConcurrentBag<ulong>();

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            using var log = fixture.OpenAnother();
            for (var i = 0; i < perThread; i++)
            {
                assigned.Add(log.Append([LogFixture.Entry((t * 1000) + i)]).FirstIndex);
            }
        });

        Assert.Equal(Enumerable.Range(0, threads * perThread).Select(i => (ulong)i), assigned.Order());
        var audit = fixture.Log.Audit();
        Assert.True(audit.IsIntact, audit.Problem);
        Assert.Equal((ulong)(threads * perThread), audit.EntriesChecked);
    }

    [Fact]
    public void Appending_needs_the_signing_key()
    {
        using var fixture = new LogFixture();
        using var readOnly = SqliteEvidenceLog.Open(fixture.Database, keyPath: null, fixture.Time).Value;

        Assert.Throws<InvalidOperationException>(() => { readOnly.Append([LogFixture.Entry(0)]); });
    }

    [Fact]
    public void Oversized_and_empty_appends_are_refused()
    {
        using var fixture = new LogFixture();

        Assert.Throws<ArgumentException>(() => { fixture.Log.Append([]); });
        Assert.Throws<ArgumentException>(() => { fixture.Log.Append([new byte[SqliteEvidenceLog.MaxEntryBytes + 1]]); });
        Assert.Equal(0UL, fixture.Log.LatestCheckpoint().Size);
    }
}
