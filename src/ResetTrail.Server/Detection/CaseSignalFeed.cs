using ResetTrail.Core.Workflow;
using ResetTrail.Detection.Signals;

namespace ResetTrail.Server.Detection;

/// <summary>
/// The case steps the server commits, as case signals for the rules that join cases with identity events
/// (RT-D101..D110: a reset after a failed verification, approvals short of the tier, a pass with no case...). Read
/// from the case store each time the detector's clock ticks: the cases updated since the last look (with a minute of
/// overlap, for steps committed while it looked), each folded case giving its signals; a signal is handed on once,
/// by its entry id. The rules order signals by their time with the events, so a signal read a few seconds after its
/// step is in time as long as that is within the allowed lateness.
/// </summary>
internal sealed class CaseSignalFeed(ICaseStore cases)
{
    /// <summary>Cases opened longer ago than this are not read (a step on one is rare and the rules' windows are shorter).</summary>
    private static readonly TimeSpan OpenedWithin = TimeSpan.FromDays(30);

    private static readonly TimeSpan Overlap = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, DateTimeOffset> handed = new(StringComparer.Ordinal);
    private DateTimeOffset seenUpTo = DateTimeOffset.MinValue;

    /// <summary>Signals of steps not handed on yet, in time order, at or after <paramref name="notBefore"/>.</summary>
    public List<CaseSignal> Read(DateTimeOffset now, DateTimeOffset notBefore)
    {
        var since = seenUpTo == DateTimeOffset.MinValue ? DateTimeOffset.MinValue : seenUpTo - Overlap;
        var changed = cases.List(new CaseQuery { OpenedFrom = now - OpenedWithin, Limit = 10_000 })
            .Where(c => c.UpdatedAt >= since)
            .ToList();
        var signals = new List<CaseSignal>();
        foreach (var summary in changed)
        {
            seenUpTo = summary.UpdatedAt > seenUpTo ? summary.UpdatedAt : seenUpTo;
            if (cases.Find(summary.CaseId) is not { } found)
            {
                continue;
            }

            foreach (var signal in CaseSignals.Of(found))
            {
                if (signal.Time >= notBefore && handed.TryAdd(signal.EntryId, signal.Time))
                {
                    signals.Add(signal);
                }
            }
        }

        Forget(now - OpenedWithin);
        return [.. signals.OrderBy(s => s.Time)];
    }

    private void Forget(DateTimeOffset before)
    {
        foreach (var old in handed.Where(h => h.Value < before).Select(h => h.Key).ToList())
        {
            handed.Remove(old);
        }
    }
}
