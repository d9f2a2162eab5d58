using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Config;
using ResetTrail.Detection.Signals;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Detection.Tests;

/// <summary>Runs the engine over a scenario and returns the alerts of one rule.</summary>
internal static class Detect
{
    public static List<Alert> Run(IEnumerable<object> inputs, DetectionConfig? config = null, DateTimeOffset? until = null)
    {
        var output = new CollectingOutput();
        var engine = new DetectionEngine(config ?? DetectionConfig.Default, output);
        foreach (var input in inputs)
        {
            switch (input)
            {
                case IdentityEvent e:
                    engine.Add(e);
                    break;
                case CaseSignal s:
                    engine.Add(s);
                    break;
                default:
                    throw new ArgumentException($"not an input: {input}");
            }
        }

        engine.Flush();
        if (until is { } end)
        {
            engine.AdvanceTo(end);
        }

        return output.Alerts;
    }

    public static List<Alert> Rule(string id, IEnumerable<object> inputs, DetectionConfig? config = null, DateTimeOffset? until = null) =>
        [.. Run(inputs, config, until).Where(a => a.Rule.Id == id)];

    private static int entries;

    public static CaseSignal Signal(CaseSignalKind kind, string target, DateTimeOffset at, string actor = "agent.smith@example.com") => new()
    {
        Kind = kind,
        CaseId = "case-1",
        EntryId = $"case-1/{Interlocked.Increment(ref entries)}",
        Time = at,
        Target = target,
        Actor = actor,
        ResetKind = ResetKind.Password,
        Channel = Channel.Phone,
        Tier = Tier.Standard,
        Initiator = InitiatorType.Internal,
    };
}
