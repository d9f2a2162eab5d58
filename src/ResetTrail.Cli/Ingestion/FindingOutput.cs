using System.Globalization;
using System.Text;
using System.Text.Json;
using ResetTrail.Core.Evidence;
using ResetTrail.Ingestion.Reconciliation;

namespace ResetTrail.Cli.Ingestion;

/// <summary>Findings as JSON lines, OCSF Detection Findings, CSV, or a table that ends with the summary.</summary>
internal sealed class FindingOutput(TextWriter output, string format)
{
    private bool headerWritten;

    public void Write(Finding finding)
    {
        switch (format)
        {
            case "jsonl":
                output.WriteLine(Json(finding, ocsf: false));
                break;
            case "ocsf":
                output.WriteLine(Json(finding, ocsf: true));
                break;
            case "csv":
                if (!headerWritten)
                {
                    output.WriteLine("code,severity,owner,time,target,actor,case,ticket,event_ids,controls,title");
                    headerWritten = true;
                }

                output.WriteLine(string.Join(',', new[]
                {
                    finding.Code, finding.Severity, finding.Owner, EvidenceRecord.FormatTime(finding.Time), finding.Target, finding.Actor ?? string.Empty,
                    finding.Case ?? string.Empty, finding.Ticket ?? string.Empty, string.Join(' ', finding.EventIds), string.Join(' ', finding.Controls), finding.Title,
                }.Select(Csv)));
                break;
            default:
                if (!headerWritten)
                {
                    output.WriteLine($"{"TIME",-25} {"SEVERITY",-9} {"CODE",-32} {"OWNER",-13} {"TARGET",-28} EVIDENCE");
                    headerWritten = true;
                }

                output.WriteLine($"{EvidenceRecord.FormatTime(finding.Time),-25} {finding.Severity,-9} {finding.Code,-32} {finding.Owner,-13} {finding.Target,-28} {finding.Case ?? finding.Ticket ?? string.Join(' ', finding.EventIds)}");
                output.WriteLine($"    {finding.Explanation}");
                break;
        }
    }

    /// <summary>The table's closing lines: counts per code and owner, and the share of changes with complete evidence.</summary>
    public void WriteSummary(ReconcileSummary summary)
    {
        var target = format == "table" ? output : null;
        if (target is null)
        {
            return;
        }

        target.WriteLine();
        target.WriteLine($"events read {summary.EventsRead}; credential changes {summary.CredentialChanges}: {summary.MatchedToCase} matched to a case, {summary.MatchedToTicket} to a ticket; "
            + $"{summary.WithCompleteEvidence} with complete evidence ({summary.CompleteShare.ToString("P1", CultureInfo.InvariantCulture)})");
        foreach (var (code, count) in summary.ByCode)
        {
            target.WriteLine($"  {code,-40} {count,8}");
        }

        foreach (var (owner, count) in summary.ByOwner)
        {
            target.WriteLine($"  owner {owner,-34} {count,8}");
        }

        if (summary.Unmapped.Count > 0)
        {
            target.WriteLine($"  event types read but not acted on: {summary.Unmapped.Values.Sum()} ({string.Join(", ", summary.Unmapped.Take(8).Select(kv => $"{kv.Key} {kv.Value}"))}{(summary.Unmapped.Count > 8 ? ", ..." : string.Empty)})");
        }
    }

    private static string Json(Finding f, bool ocsf)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (ocsf)
            {
                // OCSF Detection Finding (class 2004), activity 1 Create.
                json.WriteNumber("class_uid", 2004);
                json.WriteString("class_name", "Detection Finding");
                json.WriteNumber("category_uid", 2);
                json.WriteNumber("activity_id", 1);
                json.WriteNumber("type_uid", 200401);
                json.WriteNumber("time", f.Time.ToUnixTimeMilliseconds());
                json.WriteNumber("severity_id", f.Severity switch { "critical" => 5, "high" => 4, "medium" => 3, _ => 2 });
                json.WriteString("severity", f.Severity);
                json.WriteStartObject("finding_info");
                json.WriteString("uid", $"{f.Code}:{string.Join('+', f.EventIds)}");
                json.WriteString("title", f.Title);
                json.WriteString("desc", f.Explanation);
                json.WriteStartArray("types");
                json.WriteStringValue(f.Code);
                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteStartObject("metadata");
                json.WriteString("version", "1.3.0");
                json.WriteStartObject("product");
                json.WriteString("name", "ResetTrail");
                json.WriteString("vendor_name", "ResetTrail");
                json.WriteEndObject();
                json.WriteEndObject();
                json.WriteStartObject("unmapped");
            }

            json.WriteString("code", f.Code);
            json.WriteString("severity", f.Severity);
            json.WriteString("title", f.Title);
            json.WriteString("explanation", f.Explanation);
            json.WriteStartArray("event_ids");
            foreach (var id in f.EventIds)
            {
                json.WriteStringValue(id);
            }

            json.WriteEndArray();
            json.WriteString("ticket", f.Ticket);
            json.WriteString("case", f.Case);
            json.WriteString("target", f.Target);
            json.WriteString("actor", f.Actor);
            json.WriteString("time", EvidenceRecord.FormatTime(f.Time));
            json.WriteString("owner", f.Owner);
            json.WriteStartArray("controls");
            foreach (var control in f.Controls)
            {
                json.WriteStringValue(control);
            }

            json.WriteEndArray();
            if (ocsf)
            {
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static string Csv(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}
