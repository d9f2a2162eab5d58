using ResetTrail.Detection.Engine;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Rules.Kinds;

/// <summary>
/// Per user, the networks (IP), countries and devices (user agent) their successful sign-ins came from, at most
/// <c>maxPerValue</c> values of each of the three per user (oldest forgotten), at most <c>maxKeys</c> users (counted when hit). Shared by
/// the instances of one new-context rule (ADR 0044): each instance asks about an observation before it is learned,
/// so an observation is learned once, when the next one arrives (<see cref="Before"/>), after every instance has
/// judged it against the same history.
/// </summary>
internal sealed class ContextHistories(int maxKeys, int maxPerValue, EngineStats stats)
{
    private readonly Dictionary<string, History> histories = new(StringComparer.Ordinal);
    private Observation? pending;

    /// <summary>Called by each instance before it reads: learns the previous observation once every instance has seen it.</summary>
    public void Before(Observation o)
    {
        if (pending is not null && !ReferenceEquals(pending, o))
        {
            Learn(pending);
            pending = null;
        }
    }

    /// <summary>Called by each instance when done with <paramref name="o"/>: it is learned before the next observation is judged.</summary>
    public void After(Observation o) => pending = o;

    /// <summary>What about <paramref name="e"/> was never seen for <paramref name="user"/>; null when the user has no history yet.</summary>
    public List<string>? Novelty(string user, IdentityEvent e) => histories.TryGetValue(user, out var known) ? known.Novelty(e) : null;

    private void Learn(Observation o)
    {
        if (o.Event is not { Kind: ChangeKind.SignIn, Success: true } e)
        {
            return;
        }

        if (!histories.TryGetValue(o.Target, out var history))
        {
            if (histories.Count >= maxKeys)
            {
                stats.StateCapHits++;
                return;
            }

            history = new History(maxPerValue);
            histories[o.Target] = history;
        }

        history.Add(e);
    }

    /// <summary>One user's networks, countries and devices, each at most <c>max</c>, the oldest of each forgotten first.</summary>
    private sealed class History(int max)
    {
        private readonly Known networks = new(max);
        private readonly Known countries = new(max);
        private readonly Known devices = new(max);

        public List<string> Novelty(IdentityEvent e)
        {
            var novel = new List<string>();
            if (e.SourceIp is { } ip && !networks.Contains(ip))
            {
                novel.Add("network " + ip);
            }

            if (e.Country is { } c && !countries.Contains(c))
            {
                novel.Add("country " + c);
            }

            if (e.UserAgent is { } ua && !devices.Contains(ua))
            {
                novel.Add("device");
            }

            return novel;
        }

        public void Add(IdentityEvent e)
        {
            networks.Remember(e.SourceIp);
            countries.Remember(e.Country);
            devices.Remember(e.UserAgent);
        }
    }

    /// <summary>Values seen, at most <c>max</c>; remembering one more forgets the oldest.</summary>
    private sealed class Known(int max)
    {
        private readonly Queue<string> order = new();
        private readonly HashSet<string> values = new(StringComparer.Ordinal);

        public bool Contains(string value) => values.Contains(value);

        public void Remember(string? value)
        {
            if (value is null || !values.Add(value))
            {
                return;
            }

            order.Enqueue(value);
            if (order.Count > max)
            {
                values.Remove(order.Dequeue());
            }
        }
    }
}
