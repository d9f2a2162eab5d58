using ResetTrail.EvidenceLog.Auditing;
using ResetTrail.EvidenceLog.Notes;

namespace ResetTrail.EvidenceLog.Storage;

/// <summary>
/// The append-only evidence log as every backend offers it. One sequencer per log: appends from any
/// thread or process get one linear, gapless order, and each append commits its entries, their
/// hashes and a signed checkpoint in one transaction, so no checkpoint ever covers an entry that is
/// not durable. An append that cannot be made durable throws: evidence fails closed.
/// </summary>
public interface IEvidenceLog : IDisposable
{
    string Origin { get; }

    /// <summary>The key that signs new checkpoints.</summary>
    VerifierKey Verifier { get; }

    /// <summary>Every key that has signed this log's checkpoints, current and retired.</summary>
    IReadOnlyList<VerifierKey> AllVerifiers();

    /// <summary>Appends the entries in order, durably, under a new signed checkpoint.</summary>
    AppendResult Append(IReadOnlyList<byte[]> entries);

    /// <summary>The newest checkpoint (a new log has one for size 0).</summary>
    StoredCheckpoint LatestCheckpoint();

    Result<StoredCheckpoint> CheckpointAt(ulong size);

    /// <summary>RFC 9162 inclusion proof of entry <paramref name="index"/> in the tree of <paramref name="treeSize"/> leaves.</summary>
    Result<IReadOnlyList<byte[]>> InclusionProof(ulong index, ulong treeSize);

    /// <summary>RFC 9162 consistency proof between two tree sizes.</summary>
    Result<IReadOnlyList<byte[]>> ConsistencyProof(ulong size1, ulong size2);

    /// <summary>
    /// The first <paramref name="width"/> hashes of a stored hash tile, as C2SP tlog-tiles serves them, or null when
    /// the log does not hold that many yet. A stored tile only grows, so a prefix of it never changes.
    /// </summary>
    byte[]? ReadTile(Tiles.TileId tile, int width);

    /// <summary>Entries with index in [fromIndex, toIndex), in index order.</summary>
    IEnumerable<LogEntry> ReadEntries(ulong fromIndex, ulong toIndex);

    /// <summary>
    /// Recomputes every hash from the stored entries and checks every checkpoint. Signatures are checked
    /// against <paramref name="trustedKeys"/> when given (keys the auditor pinned out of band), otherwise
    /// against the keys the store lists, which proves only that the store agrees with itself.
    /// </summary>
    AuditReport Audit(IReadOnlyCollection<VerifierKey>? trustedKeys = null, IProgress<ulong>? progress = null);
}
