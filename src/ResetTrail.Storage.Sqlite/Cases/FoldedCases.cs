using System.Collections.Concurrent;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Storage.Sqlite.Cases;

/// <summary>
/// A case folded from its first <see cref="Count"/> entries, at these log indices. The case is never changed once
/// kept: readers get <see cref="ResetCase.Copy"/>, and new entries are folded onto a copy.
/// </summary>
internal sealed record FoldedCase(ResetCase Case, ulong[] Indices)
{
    public int Count => Indices.Length;

    public ulong LastIndex => Indices[^1];
}

/// <summary>
/// Folded cases kept between steps and reads (ADR 0042). An entry is only a starting point: every use reads the
/// case's entries from the cached last one on and checks that this row is still at the same position with the same
/// log index, so a step committed by another store or process is folded in, and anything else (a rebuilt or replaced
/// file) makes the store fold the case again from its first entry.
/// </summary>
internal sealed class FoldedCases
{
    /// <summary>A desk's open cases fit many times over; past it the cache starts again rather than track age.</summary>
    public const int Capacity = 10_000;

    private readonly ConcurrentDictionary<string, FoldedCase> cases = new(StringComparer.Ordinal);

    public FoldedCase? Get(string caseId) => cases.TryGetValue(caseId, out var folded) ? folded : null;

    /// <summary>
    /// Keeps a fold of committed entries. A longer fold already kept stays (two steps on a case finish in any
    /// order), unless this one was folded from the first entry because the kept one no longer matched the file.
    /// </summary>
    public void Keep(string caseId, FoldedCase folded, bool foldedFromStart)
    {
        if (cases.Count >= Capacity)
        {
            cases.Clear();
        }

        // The digest is computed lazily and is most of what showing a case costs; computed here, before the fold is
        // shared, every copy carries it and the kept case is never written to afterwards.
        folded.Case.ApprovalDigest();
        cases.AddOrUpdate(caseId, folded, (_, kept) => !foldedFromStart && kept.Count > folded.Count ? kept : folded);
    }

    public void Clear() => cases.Clear();
}
