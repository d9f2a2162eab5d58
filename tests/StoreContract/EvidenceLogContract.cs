using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Storage;

namespace ResetTrail.StoreContract;

/// <summary>What every evidence log backend must do, run once per backend (a sealed subclass names the backend).</summary>
public abstract class EvidenceLogContract : IDisposable
{
    private readonly Lazy<StoreBackend> backend;

    protected EvidenceLogContract() => backend = new(NewBackend);

    protected StoreBackend Backend => backend.Value;

    public void Dispose()
    {
        if (backend.IsValueCreated)
        {
            backend.Value.Dispose();
        }

        GC.SuppressFinalize(this);
    }

    protected abstract StoreBackend NewBackend();

    [Fact]
    public void A_hash_tile_is_served_up_to_the_width_the_log_holds_and_not_beyond()
    {
        using var log = Backend.Initialize();
        log.Append([StoreBackend.Entry(0), StoreBackend.Entry(1), StoreBackend.Entry(2)]);

        var tile = log.ReadTile(new ResetTrail.EvidenceLog.Tiles.TileId(0, 0), 3);

        Assert.Equal(Enumerable.Range(0, 3).SelectMany(i => Rfc6962.HashLeaf(StoreBackend.Entry(i))), tile);
        Assert.Equal(tile![..Rfc6962.HashSize], log.ReadTile(new ResetTrail.EvidenceLog.Tiles.TileId(0, 0), 1));
        Assert.Null(log.ReadTile(new ResetTrail.EvidenceLog.Tiles.TileId(0, 0), 4));
        Assert.Null(log.ReadTile(new ResetTrail.EvidenceLog.Tiles.TileId(0, 1), 1));
    }

    [Fact]
    public void A_new_log_has_a_checkpoint_for_the_empty_tree_signed_by_its_key()
    {
        using var log = Backend.Initialize();

        var checkpoint = Checkpoint.Open(log.LatestCheckpoint().SignedNote, StoreBackend.Origin, [log.Verifier]);

        Assert.True(checkpoint.IsSuccess, checkpoint.Error);
        Assert.Equal(0UL, checkpoint.Value.Size);
        Assert.Equal(Rfc6962.EmptyRoot.ToArray(), checkpoint.Value.RootHash);
    }

    [Fact]
    public void Appends_get_gapless_indices_and_each_a_verifying_checkpoint()
    {
        using var log = Backend.Initialize();

        var first = log.Append([StoreBackend.Entry(0), StoreBackend.Entry(1)]);
        var second = log.Append([StoreBackend.Entry(2)]);

        Assert.Equal((0UL, 2), (first.FirstIndex, first.Count));
        Assert.Equal((2UL, 1), (second.FirstIndex, second.Count));
        Assert.Equal([0UL, 1UL, 2UL], log.ReadEntries(0, 10).Select(e => e.Index));
        Assert.Equal(StoreBackend.Entry(1), log.ReadEntries(1, 2).Single().Data);
        foreach (var size in new ulong[] { 2, 3 })
        {
            var opened = Checkpoint.Open(log.CheckpointAt(size).Value.SignedNote, StoreBackend.Origin, [log.Verifier]);
            Assert.True(opened.IsSuccess, opened.Error);
            Assert.Equal(size, opened.Value.Size);
        }

        Assert.Contains("no checkpoint was signed at size 1", log.CheckpointAt(1).Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Inclusion_and_consistency_proofs_verify_across_batches_that_cross_tiles()
    {
        using var log = Backend.Initialize();
        var sizes = new List<ulong>();
        for (var start = 0; start < 700; start += 97)
        {
            var count = Math.Min(97, 700 - start);
            sizes.Add(log.Append([.. Enumerable.Range(start, count).Select(StoreBackend.Entry)]).Checkpoint.Size);
        }

        foreach (var size in sizes)
        {
            var root = log.CheckpointAt(size).Value.RootHash;
            foreach (var index in new ulong[] { 0, size / 2, size - 1 })
            {
                var check = ProofVerifier.VerifyInclusion(index, size, Rfc6962.HashLeaf(StoreBackend.Entry((int)index)), log.InclusionProof(index, size).Value, root);
                Assert.True(check.IsValid, $"index {index} size {size}: {check.Error}");
            }
        }

        var last = log.LatestCheckpoint();
        foreach (var size in sizes.Take(sizes.Count - 1))
        {
            var check = ProofVerifier.VerifyConsistency(size, last.Size, log.ConsistencyProof(size, last.Size).Value, log.CheckpointAt(size).Value.RootHash, last.RootHash);
            Assert.True(check.IsValid, $"{size} to {last.Size}: {check.Error}");
        }

        Assert.False(log.InclusionProof(0, last.Size + 1).IsSuccess);
    }

    [Fact]
    public void A_reader_opened_before_appends_proves_against_what_another_handle_committed()
    {
        using var log = Backend.Initialize();
        using var reader = Backend.Open(keyPath: null);

        log.Append([.. Enumerable.Range(0, 300).Select(StoreBackend.Entry)]);

        var proof = reader.InclusionProof(299, 300);
        Assert.True(proof.IsSuccess, proof.Error);
        Assert.True(ProofVerifier.VerifyInclusion(299, 300, Rfc6962.HashLeaf(StoreBackend.Entry(299)), proof.Value, reader.LatestCheckpoint().RootHash).IsValid);
        Assert.Throws<InvalidOperationException>(() => { reader.Append([StoreBackend.Entry(300)]); });
    }

    [Fact]
    public void An_untouched_log_audits_clean_and_an_edited_or_deleted_row_is_named()
    {
        using var log = Backend.Initialize();
        for (var i = 0; i < 40; i += 8)
        {
            log.Append([.. Enumerable.Range(i, 8).Select(StoreBackend.Entry)]);
        }

        var clean = log.Audit();
        Assert.True(clean.IsIntact, clean.Problem);
        Assert.Equal(40UL, clean.EntriesChecked);

        Backend.ReplaceEntry(17, StoreBackend.Entry(1700));
        var edited = log.Audit();
        Assert.False(edited.IsIntact);
        Assert.Equal(17UL, edited.FirstBadIndex);

        Backend.ReplaceEntry(17, StoreBackend.Entry(17));
        Backend.DeleteEntry(30);
        var deleted = log.Audit();
        Assert.False(deleted.IsIntact);
        Assert.Equal(30UL, deleted.FirstBadIndex);
    }

    [Fact]
    public void Threads_appending_through_separate_handles_leave_one_gapless_verifiable_log()
    {
        using var log = Backend.Initialize();
        const int threads = 4;
        const int perThread = 30;
        var assigned = new System.Collections.Concurrent.ConcurrentBag<ulong>();

        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            using var own = Backend.Open(Backend.KeyPath);
            for (var i = 0; i < perThread; i++)
            {
                var result = own.Append([StoreBackend.Entry((t * 1000) + i), StoreBackend.Entry((t * 1000) + 500 + i)]);
                assigned.Add(result.FirstIndex);
                assigned.Add(result.FirstIndex + 1);
            }
        });

        Assert.Equal(Enumerable.Range(0, threads * perThread * 2).Select(i => (ulong)i), assigned.Order());
        var audit = log.Audit();
        Assert.True(audit.IsIntact, audit.Problem);
        Assert.Equal((ulong)(threads * perThread * 2), audit.EntriesChecked);
    }

    [Fact]
    public void After_rotation_old_checkpoints_verify_with_the_old_key_and_new_ones_with_the_new()
    {
        using var log = Backend.Initialize();
        var oldKey = log.Verifier;
        log.Append([.. Enumerable.Range(0, 5).Select(StoreBackend.Entry)]);
        var newKeyPath = Path.Combine(Backend.Folder, "new.key");

        var newKey = Backend.RotateKey(log, newKeyPath);
        using var rotated = Backend.Open(newKeyPath);
        rotated.Append([StoreBackend.Entry(5)]);

        var handover = rotated.CheckpointAt(5).Value.SignedNote;
        Assert.True(Checkpoint.Open(handover, StoreBackend.Origin, [oldKey]).IsSuccess);
        Assert.True(Checkpoint.Open(handover, StoreBackend.Origin, [newKey]).IsSuccess);
        Assert.False(Checkpoint.Open(rotated.LatestCheckpoint().SignedNote, StoreBackend.Origin, [oldKey]).IsSuccess);
        Assert.Equal([oldKey.ToString(), newKey.ToString()], rotated.AllVerifiers().Select(k => k.ToString()));
        Assert.True(rotated.Audit([oldKey, newKey]).IsIntact);
        Assert.False(rotated.Audit([oldKey]).IsIntact);
    }

    [Fact]
    public void Oversized_and_empty_appends_are_refused_and_write_nothing()
    {
        using var log = Backend.Initialize();

        Assert.Throws<ArgumentException>(() => { log.Append([]); });
        Assert.Throws<ArgumentException>(() => { log.Append([new byte[(1 << 20) + 1]]); });
        Assert.Equal(0UL, log.LatestCheckpoint().Size);
    }
}
