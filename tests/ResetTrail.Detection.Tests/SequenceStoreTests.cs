using ResetTrail.Detection.Engine;
using ResetTrail.Detection.Rules.Kinds;
using ResetTrail.Detection.Signals;

namespace ResetTrail.Detection.Tests;

/// <summary>The store the instances of a sequence or new-context rule share: each member sees only what it kept, after its mark.</summary>
public sealed class SequenceStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_members_mark_hides_what_came_before_but_not_the_observation_it_alerted_on_when_another_member_stored_it_first()
    {
        var store = new SequenceStore(stepCount: 1, maxKeys: 100, maxPerKey: 100, new EngineStats());
        var a = store.Join(TimeSpan.FromHours(1));
        var b = store.Join(TimeSpan.FromHours(1));
        var earlier = Observation.Of(Detect.Signal(CaseSignalKind.CaseOpened, "homer@springfield.gov", T0));
        var now = Observation.Of(Detect.Signal(CaseSignalKind.CaseOpened, "homer@springfield.gov", T0.AddMinutes(5)));
        store.Keep(0, "homer", earlier, b);

        // Member a stores the observation first; member b alerts on it, sets its mark, then keeps it too.
        store.Keep(0, "homer", now, a);
        var mark = store.MarkBefore(now);
        store.Keep(0, "homer", now, b);

        Assert.Same(now, store.Latest(0, "homer", b, mark, T0, T0.AddHours(1), except: earlier));
        Assert.Null(store.Latest(0, "homer", b, mark, T0, T0.AddMinutes(4), except: now)); // earlier is behind the mark
        Assert.Same(earlier, store.Latest(0, "homer", b, long.MinValue, T0, T0.AddMinutes(4), except: now));
        Assert.Null(store.Latest(0, "homer", a, long.MinValue, T0, T0.AddMinutes(4), except: now)); // a never kept earlier
        Assert.Equal(store.Sequence, store.MarkBefore(earlier)); // not the newest: everything stored is behind
    }
}
