using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Storage;
using ResetTrail.EvidenceLog.Tiles;

namespace ResetTrail.EvidenceLog.Auditing;

/// <summary>
/// Recomputes a stored log from its entries alone and compares: every stored hash tile, every
/// checkpoint's root, size and signature. It stops at the first problem and names the first entry
/// index it concerns: an edited, deleted, inserted or reordered row cannot pass unnamed.
/// </summary>
public static class LogAuditor
{
    private const int TileCompareInterval = TileId.Width;

    public static AuditReport Audit(IAuditSource source, IProgress<ulong>? progress = null)
    {
        using var checkpoints = source.AllCheckpoints().GetEnumerator();
        var appender = TileAppender.Empty();
        var checkedCheckpoints = 0;
        var lastGoodSize = 0UL;
        var pending = checkpoints.MoveNext() ? checkpoints.Current : null;

        AuditReport Fail(ulong? index, string problem) => new(appender.Size, checkedCheckpoints, index, problem);

        string? CheckDueCheckpoints()
        {
            while (pending is not null && pending.Size == appender.Size)
            {
                var problem = CheckCheckpoint(source, pending, appender.Root());
                if (problem is not null)
                {
                    return problem;
                }

                checkedCheckpoints++;
                lastGoodSize = pending.Size;
                pending = checkpoints.MoveNext() ? checkpoints.Current : null;
            }

            return null;
        }

        var checkpointProblem = CheckDueCheckpoints();
        if (checkpointProblem is not null)
        {
            return Fail(null, checkpointProblem);
        }

        Span<byte> leaf = stackalloc byte[Rfc6962.HashSize];
        foreach (var entry in source.AllEntries())
        {
            if (entry.Index != appender.Size)
            {
                return Fail(appender.Size, $"entry {appender.Size} is missing: the next stored row is {entry.Index} (deleted or renumbered)");
            }

            if (pending is null)
            {
                return Fail(entry.Index, $"entry {entry.Index} is not covered by any signed checkpoint (added outside the log)");
            }

            Rfc6962.HashLeaf(entry.Data, leaf);
            appender.Append(leaf);

            if (appender.Size % TileCompareInterval == 0 || appender.Size == pending.Size)
            {
                var tileProblem = CompareTiles(source.Tiles, appender);
                if (tileProblem is not null)
                {
                    return Fail(tileProblem.Value.Index, tileProblem.Value.Problem);
                }
            }

            checkpointProblem = CheckDueCheckpoints();
            if (checkpointProblem is not null)
            {
                // Hashes rewritten to match edited entries pass the tile check; only the signed root
                // catches them, and the change lies after the previous good checkpoint.
                return Fail(lastGoodSize, checkpointProblem + $" (the change lies in entries {lastGoodSize} to {appender.Size - 1})");
            }

            if (appender.Size % 65536 == 0)
            {
                progress?.Report(appender.Size);
            }
        }

        progress?.Report(appender.Size);
        return pending is null
            ? new AuditReport(appender.Size, checkedCheckpoints, null, null)
            : Fail(appender.Size, $"checkpoint at size {pending.Size} covers entries from {appender.Size} on, which are missing");
    }

    private static string? CheckCheckpoint(IAuditSource source, StoredCheckpoint stored, byte[] recomputedRoot)
    {
        var opened = Checkpoint.Open(stored.SignedNote, source.Origin, source.Verifiers);
        if (!opened.IsSuccess)
        {
            return $"checkpoint at size {stored.Size}: {opened.Error}";
        }

        var note = opened.Value;
        if (note.Size != stored.Size || !note.RootHash.AsSpan().SequenceEqual(stored.RootHash))
        {
            return $"checkpoint at size {stored.Size}: the signed note says size {note.Size} and another root than its row";
        }

        return recomputedRoot.AsSpan().SequenceEqual(note.RootHash)
            ? null
            : $"checkpoint at size {stored.Size}: the root recomputed from the entries differs from the signed root";
    }

    private static (ulong Index, string Problem)? CompareTiles(ITileReader tiles, TileAppender appender)
    {
        var changed = appender.TakeChangedTiles();
        if (changed.Count == 0)
        {
            return null;
        }

        IReadOnlyList<byte[]> stored;
        try
        {
            stored = tiles.ReadTiles([.. changed.Select(c => c.Tile)]);
        }
        catch (InvalidDataException e)
        {
            var tile = changed[0].Tile;
            return ((tile.Index * TileId.Width) << (tile.Level * TileId.Height), $"stored hashes are missing or unreadable: {e.Message}");
        }

        for (var i = 0; i < changed.Count; i++)
        {
            var (tile, computed) = changed[i];
            var row = stored[i];
            var common = Math.Min(row.Length, computed.Length);
            var mismatch = row.AsSpan(0, common).CommonPrefixLength(computed.AsSpan(0, common));
            if (mismatch < common || row.Length < computed.Length)
            {
                var position = (ulong)(Math.Min(mismatch, common) / Rfc6962.HashSize);
                var firstLeaf = ((tile.Index * TileId.Width) + position) << (tile.Level * TileId.Height);
                var what = tile.Level == 0
                    ? $"entry {firstLeaf} does not hash to the stored leaf hash (edited, reordered or replaced)"
                    : $"stored {tile} differs from the recomputed hashes at position {position} (leaves from {firstLeaf})";
                return (firstLeaf, what);
            }
        }

        return null;
    }
}
