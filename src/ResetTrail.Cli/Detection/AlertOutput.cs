using System.Text;
using System.Text.Json;
using ResetTrail.Cli.Console;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Delivery;
using ResetTrail.Detection.Engine;

namespace ResetTrail.Cli.Detection;

/// <summary>
/// Alerts on standard output (OCSF Detection Findings, our JSON lines, or a table); late events and the run's counts
/// on standard error. Alerts are collected and written in blocks of about 64 KB (the console writer flushes on every
/// write, a system call per alert); JSON goes to the process's standard output as UTF-8 bytes without a round trip
/// through strings. The caller calls <see cref="Flush"/> at the end and, when following, after each read.
/// </summary>
internal sealed class AlertOutput : IDetectionOutput, IDisposable
{
    private const int Block = 64 * 1024;

    private readonly CliIO io;
    private readonly string format;
    private readonly StringBuilder text = new();
    private readonly MemoryStream bytes = new();
    private readonly Utf8JsonWriter json;
    private readonly Stream? standardOutput;
    private readonly byte[] newLine;
    private bool headerWritten;

    public AlertOutput(CliIO io, string format)
    {
        this.io = io;
        this.format = format;
        json = new Utf8JsonWriter(bytes);
        newLine = Encoding.UTF8.GetBytes(io.Output.NewLine);

        // Only the real console takes bytes directly; a test's writer gets text.
        standardOutput = ReferenceEquals(io.Output, System.Console.Out) ? System.Console.OpenStandardOutput() : null;
    }

    public long Count { get; private set; }

    public void Alert(Alert alert)
    {
        Count++;
        switch (format)
        {
            case "ocsf":
                AlertJson.WriteOcsf(json, alert);
                EndJsonLine();
                break;
            case "jsonl":
                AlertJson.WritePlain(json, alert);
                EndJsonLine();
                break;
            default:
                if (!headerWritten)
                {
                    Line($"{"TIME",-21} {"SEVERITY",-13} {"RULE",-8} {"SUBJECT",-32} TITLE");
                    headerWritten = true;
                }

                Line($"{alert.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} {alert.Rule.Severity,-13} {alert.Rule.Id,-8} {alert.Subject,-32} {alert.Rule.Title}");
                Line($"    {alert.Summary}");
                Line($"    condition: {alert.Threshold}; evidence: {string.Join(", ", alert.Evidence.Select(e => $"{e.Source}:{e.Id}"))}"
                    + (alert.Suppressed > 0 ? $"; {alert.Suppressed} similar alert(s) held back before this one" : string.Empty));
                break;
        }

        if (text.Length >= Block || bytes.Length >= Block)
        {
            Flush();
        }
    }

    /// <summary>Writes the alerts collected so far to standard output.</summary>
    public void Flush()
    {
        if (text.Length > 0)
        {
            io.Output.Write(text.ToString());
            text.Clear();
        }

        if (bytes.Length > 0)
        {
            if (standardOutput is not null)
            {
                io.Output.Flush();
                standardOutput.Write(bytes.GetBuffer(), 0, (int)bytes.Length);
                standardOutput.Flush();
            }
            else
            {
                io.Output.Write(Encoding.UTF8.GetString(bytes.GetBuffer(), 0, (int)bytes.Length));
            }

            bytes.SetLength(0);
        }

        io.Output.Flush();
    }

    public void Late(Observation observation, DateTimeOffset watermark) =>
        io.Error.WriteLine($"resettrail: {observation} at {observation.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'} came after the watermark ({watermark.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}) and was not evaluated; raise engine.allowed_lateness if sources lag this much");

    public void Dispose()
    {
        json.Dispose();
        bytes.Dispose();
        standardOutput?.Dispose();
    }

    private void EndJsonLine()
    {
        json.Flush();
        json.Reset();
        bytes.Write(newLine);
    }

    private void Line(string line) => text.Append(line).Append(io.Output.NewLine);
}
