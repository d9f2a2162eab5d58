using ResetTrail.Core.Evidence;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Workflow;

/// <summary>
/// Where cases live: the evidence log plus caches rebuilt from it. Each backend implements it natively.
/// </summary>
public interface ICaseStore
{
    /// <summary>
    /// One step, atomically: under the log's sequencer lock, load the case (null when it does not exist),
    /// ask <paramref name="decide"/> for the entry that records the step, re-check it, append it and update the
    /// caches, and commit. A refused step writes nothing; an entry that cannot be made durable throws.
    /// </summary>
    Outcome<CaseStepReceipt> Apply(string caseId, Func<ResetCase?, Outcome<EvidenceRecord>> decide);

    ResetCase? Find(string caseId);

    /// <summary>The log indices of a case's entries, in step order (empty for an unknown case).</summary>
    IReadOnlyList<ulong> EntryIndices(string caseId);

    /// <summary>Every case, replayed from the log, newest opened first (the dashboard and findings hold them all).</summary>
    IReadOnlyList<ResetCase> LoadAll();

    /// <summary>
    /// The cases with an entry after log index <paramref name="after"/> (-1: every case), and the highest case entry's
    /// index (or <paramref name="after"/> when none is newer): what a cached set of cases must refold.
    /// </summary>
    (long HighWater, IReadOnlyList<string> CaseIds) CasesChangedAfter(long after);

    IReadOnlyList<CaseSummary> List(CaseQuery query);

    /// <summary>Failed verification attempts recorded on this target since <paramref name="since"/>, across cases.</summary>
    int FailedVerificationsSince(TargetIdentity target, DateTimeOffset since);

    /// <summary>Records a policy version as evidence and makes it the active one.</summary>
    PublishedPolicy Publish(byte[] policyText, string hash, string version, string source, string actor, DateTimeOffset now);

    /// <summary>The newest published policy, or null when none was published.</summary>
    PublishedPolicy? ActivePolicy();

    /// <summary>A published version by its SHA-256, or null.</summary>
    PublishedPolicy? PolicyByHash(string hash);
}

/// <summary>What a committed step produced: the case after it, and where its evidence sits in the log.</summary>
public sealed record CaseStepReceipt(ResetCase Case, EvidenceRecord Record, ulong LogIndex);

/// <summary>A policy version as published to the log.</summary>
public sealed record PublishedPolicy(string Hash, string Version, string Source, byte[] Text, ulong LogIndex, DateTimeOffset PublishedAt);

/// <summary>One line of a case list.</summary>
public sealed record CaseSummary(
    string CaseId, CaseState State, string Target, string Kind, string Channel, string Tier, string Initiator, string Ticket,
    DateTimeOffset OpenedAt, DateTimeOffset UpdatedAt);

/// <summary>Filters for listing cases; null means any.</summary>
public sealed record CaseQuery
{
    public CaseState? State { get; init; }

    public string? Target { get; init; }

    public DateTimeOffset? OpenedFrom { get; init; }

    public DateTimeOffset? OpenedTo { get; init; }

    public int Limit { get; init; } = 1000;
}
