using System.Globalization;
using System.Text;
using ResetTrail.Detection.Alerts;

namespace ResetTrail.Detection.Delivery;

/// <summary>
/// An alert as an RFC 5424 syslog message whose MSG is a CEF record (ArcSight Common Event Format 0): facility
/// authpriv (10), severity from the rule's, MSGID the rule id, structured data naming the alert id.
/// CEF escapes '|' and '\' in header fields, and '\', '=' and line breaks in extension values.
/// </summary>
public static class CefMessage
{
    private const int Facility = 10;

    public static string Syslog(Alert alert, string hostName, int processId)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var pri = (Facility * 8) + alert.Rule.Severity switch
        {
            Severity.Critical => 2,
            Severity.High => 3,
            Severity.Medium => 4,
            Severity.Low => 5,
            _ => 6,
        };
        var timestamp = alert.Time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

        // RFC 5424 section 6: PRI VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP SD [SP MSG].
        // 32473 is the private enterprise number RFC 5612 reserves for documentation and examples.
        return string.Create(CultureInfo.InvariantCulture,
            $"<{pri}>1 {timestamp} {Token(hostName)} resettrail {processId} {Token(alert.Rule.Id)} [resettrail@32473 alert=\"{SdValue(alert.Id)}\"] {Cef(alert)}");
    }

    public static string Cef(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var cefSeverity = alert.Rule.Severity switch
        {
            Severity.Critical => 10,
            Severity.High => 8,
            Severity.Medium => 5,
            Severity.Low => 3,
            _ => 1,
        };
        var extension = new StringBuilder()
            .Append("rt=").Append(alert.Time.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            .Append(" externalId=").Append(Value(alert.Id))
            .Append(" duser=").Append(Value(alert.Subject))
            .Append(" cat=").Append(Value(alert.Rule.Technique))
            .Append(" start=").Append(alert.WindowStart.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            .Append(" end=").Append(alert.WindowEnd.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture))
            .Append(" cs1Label=threshold cs1=").Append(Value(alert.Threshold))
            .Append(" cs2Label=owner cs2=").Append(Value(alert.Rule.Owner))
            .Append(" cs3Label=evidence cs3=").Append(Value(string.Join(' ', alert.Evidence.Select(e => $"{e.Source}:{e.Id}"))))
            .Append(" msg=").Append(Value(alert.Summary));
        return string.Create(CultureInfo.InvariantCulture,
            $"CEF:0|ResetTrail|ResetTrail|1.0|{Header(alert.Rule.Id)}|{Header(alert.Rule.Title)}|{cefSeverity}|{extension}");
    }

    private static string Header(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("|", "\\|", StringComparison.Ordinal);

    private static string Value(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("=", "\\=", StringComparison.Ordinal)
        .Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    // RFC 5424 section 6.3.3: '"', '\' and ']' are escaped in PARAM-VALUE.
    private static string SdValue(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("]", "\\]", StringComparison.Ordinal);

    // Header fields are printable US-ASCII without spaces; "-" is the nil value.
    private static string Token(string s)
    {
        var cleaned = new string([.. s.Where(c => c is > ' ' and < (char)127)]);
        return cleaned.Length == 0 ? "-" : cleaned[..Math.Min(cleaned.Length, 255)];
    }
}
