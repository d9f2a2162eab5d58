namespace ResetTrail.EvidenceLog.Auditing;

/// <summary>
/// The result of recomputing a stored log. When something is wrong, <see cref="FirstBadIndex"/> names the
/// first entry index that does not match (or the first missing one) and <see cref="Problem"/> says what.
/// </summary>
public sealed record AuditReport(ulong EntriesChecked, int CheckpointsChecked, ulong? FirstBadIndex, string? Problem)
{
    public bool IsIntact => Problem is null;
}
