namespace ResetTrail.Bundles.Verification;

/// <summary>Collects findings in the order the checks run.</summary>
internal sealed class Findings
{
    private readonly List<BundleFinding> all = [];

    public IReadOnlyList<BundleFinding> All => all;

    public int FailureCount { get; private set; }

    public void Ok(string check, string message, int? entry = null, ulong? index = null) =>
        all.Add(new BundleFinding(check, true, message) { Entry = entry, LogIndex = index });

    /// <summary>Records a failure; returns false so a check can end with <c>return findings.Fail(...)</c>.</summary>
    public bool Fail(string check, string message, int? entry = null, ulong? index = null, string? code = null)
    {
        all.Add(new BundleFinding(check, false, message) { Entry = entry, LogIndex = index, Code = code });
        FailureCount++;
        return false;
    }
}
