using ResetTrail.Bundles.Account;

namespace ResetTrail.Bundles.Verification;

/// <summary>
/// What verifying a bundle found: every check that ran, passed or failed, in the order it ran, and the account of
/// the case as far as its chain replayed. Valid only when at least one check ran and none failed.
/// </summary>
public sealed record BundleReport(IReadOnlyList<BundleFinding> Findings, CaseAccount? Account)
{
    public bool IsValid => Findings.Count > 0 && Findings.All(f => f.Passed);

    public IReadOnlyList<BundleFinding> Failures => [.. Findings.Where(f => !f.Passed)];
}

/// <summary>
/// One check's result. <see cref="Check"/> is a stable name from <see cref="BundleChecks"/>; <see cref="Entry"/> is
/// the position in the bundle's entries array and <see cref="LogIndex"/> the entry's index in the log, when the
/// check is about one entry; <see cref="Code"/> is the workflow's error code when the chain was refused.
/// </summary>
public sealed record BundleFinding(string Check, bool Passed, string Message)
{
    public int? Entry { get; init; }

    public ulong? LogIndex { get; init; }

    public string? Code { get; init; }
}

/// <summary>The names of the checks, stable for scripts reading <c>bundle verify --format json</c>.</summary>
public static class BundleChecks
{
    public const string Format = "format";
    public const string KeyName = "key_name";
    public const string Origin = "origin";
    public const string Checkpoint = "checkpoint";
    public const string Entry = "entry";
    public const string EntryBytes = "entry.bytes";
    public const string EntryProof = "entry.proof";
    public const string EntryIndex = "entry.index";
    public const string EntryCheckpoint = "entry.checkpoint";
    public const string EntryInclusion = "entry.inclusion";
    public const string EntryRecord = "entry.record";
    public const string EntryCase = "entry.case";
    public const string EntryOrder = "entry.order";
    public const string ChainOpened = "chain.opened";
    public const string ChainRules = "chain.rules";
    public const string ChainComplete = "chain.complete";
    public const string State = "state";
    public const string Decision = "decision";
    public const string Policy = "policy";
    public const string PolicyBytes = "policy.bytes";
    public const string PolicyProof = "policy.proof";
    public const string PolicyIndex = "policy.index";
    public const string PolicyCheckpoint = "policy.checkpoint";
    public const string PolicyInclusion = "policy.inclusion";
    public const string PolicyRecord = "policy.record";
    public const string PolicyHash = "policy.hash";
    public const string PolicyVersion = "policy.version";
    public const string PolicyOrder = "policy.order";
    public const string ExportedAt = "exported_at";
}
