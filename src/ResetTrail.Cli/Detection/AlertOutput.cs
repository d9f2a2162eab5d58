using System.Text;
using ResetTrail.Cli.Console;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Delivery;
using ResetTrail.Detection.Engine;

namespace ResetTrail.Cli.Detection;

/// <summary>Alerts on standard output (OCSF Detection Findings, our JSON lines, or a table); late events and the run's counts on standard error.</summary>
internal sealed class AlertOutput(CliIO io, string format) : IDetectionOutput
{
    private bool headerWritten;

    public long Count { get; private set; }

    public void Alert(Alert alert)
    {
        Count++;
        switch (format)
        {
            case "ocsf":
                io.Output.WriteLine(Encoding.UTF8.GetString(AlertJson.Ocsf(alert)));
                break;
            case "jsonl":
                io.Output.WriteLine(Encoding.UTF8.GetString(AlertJson.Plain(alert)));
                break;
            default:
                if (!headerWritten)
                {
                    io.Output.WriteLine($"{"TIME",-21} {"SEVERITY",-13} {"RULE",-8} {"SUBJECT",-32} TITLE");
                    headerWritten = true;
                }

                io.Output.WriteLine($"{alert.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} {alert.Rule.Severity,-13} {alert.Rule.Id,-8} {alert.Subject,-32} {alert.Rule.Title}");
                io.Output.WriteLine($"    {alert.Summary}");
                io.Output.WriteLine($"    condition: {alert.Threshold}; evidence: {string.Join(", ", alert.Evidence.Select(e => $"{e.Source}:{e.Id}"))}"
                    + (alert.Suppressed > 0 ? $"; {alert.Suppressed} similar alert(s) held back before this one" : string.Empty));
                break;
        }
    }

    public void Late(Observation observation, DateTimeOffset watermark) =>
        io.Error.WriteLine($"resettrail: {observation} at {observation.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} came after the watermark ({watermark.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}) and was not evaluated; raise engine.allowed_lateness if sources lag this much");
}
