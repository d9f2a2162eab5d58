using ResetTrail.Core.Workflow;
using ResetTrail.Detection.Signals;

namespace ResetTrail.Server.Detection;

/// <summary>
/// The case steps the server commits, as case signals for the rules that join cases with identity events
/// (RT-D101..D110: a reset after a failed verification, approvals short of the tier, a pass with no case...). Read
/// from the case store when this server commits a step and on the detector's poll (<see cref="RealtimeDetector"/>):
/// the cases with an entry after the highest log index seen (<see cref="ICaseStore.CasesChangedAfter"/>), each folded
/// case giving its signals; a signal is handed on once, by its entry id. The rules order signals by their time with the events, so a signal read a few seconds after its
/// step is in time as long as that is within the allowed lateness.
/// </summary>
internal sealed class CaseSignalFeed(ICaseStore cases)
{
    /// <summary>Signals handed on are remembered this long (longer than any rule's window), then forgotten.</summary>
    private static readonly TimeSpan Remember = TimeSpan.FromDays(30);

    private readonly Dictionary<string, DateTimeOffset> handed = new(StringComparer.Ordinal);
    private long highWater = -1;

    /// <summary>Signals of steps not handed on yet, in time order, at or after <paramref name="notBefore"/>.</summary>
    public List<CaseSignal> Read(DateTimeOffset now, DateTimeOffset notBefore)
    {
        var (newest, changed) = cases.CasesChangedAfter(highWater);
        var read = new List<CaseSignal>();
        foreach (var id in changed)
        {
            if (cases.Find(id) is { } found)
            {
                read.AddRange(CaseSignals.Of(found).Where(s => s.Time >= notBefore));
            }
        }

        // Only once every changed case was read: a read that fails is repeated whole, nothing marked handed on.
        highWater = newest;
        var signals = read.Where(s => handed.TryAdd(s.EntryId, s.Time)).OrderBy(s => s.Time).ToList();
        Forget(now - Remember);
        return signals;
    }

    private void Forget(DateTimeOffset before)
    {
        foreach (var old in handed.Where(h => h.Value < before).Select(h => h.Key).ToList())
        {
            handed.Remove(old);
        }
    }
}
