using System.Text;
using System.Text.RegularExpressions;
using ResetTrail.Ingestion.Sources.Streaming;

namespace ResetTrail.Ingestion.Sources.Keycloak;

/// <summary>
/// The line Keycloak's jboss-logging event listener writes (category org.keycloak.events), e.g.
/// <c>2024-05-02 10:15:01,123 WARN [org.keycloak.events] (executor-thread-1) type="LOGIN_ERROR", realmId="...",
/// clientId="...", userId="null", ipAddress="...", error="invalid_user_credentials", username="alice"</c>.
/// Keycloak 20 and later quote values; earlier versions do not; both are read. The listener writes no event time,
/// so the time is the log line's own, in the zone the reader is told (the default log format has no zone).
/// Admin events on this line carry the admin's realmId/clientId/userId/ipAddress at top level (authDetails in JSON).
/// </summary>
internal static partial class KeycloakLogLine
{
    private static readonly string[] AdminAuthFields = ["realmId", "clientId", "userId", "ipAddress"];

    public static bool IsEventLine(string line) => line.Contains("[org.keycloak.events]", StringComparison.Ordinal);

    public static KeycloakRecord? Parse(string location, string line, TimeSpan offsetWhenNoZone)
    {
        var start = line.IndexOf("[org.keycloak.events]", StringComparison.Ordinal);
        var pairs = line.AsSpan(start + "[org.keycloak.events]".Length).TrimStart();
        if (pairs.StartsWith("("))
        {
            // The thread name, e.g. (executor-thread-1).
            var close = pairs.IndexOf(')');
            pairs = close < 0 ? [] : pairs[(close + 1)..].TrimStart();
        }

        var fields = ParsePairs(pairs);
        if (fields is null || fields.Count == 0)
        {
            return null;
        }

        if (fields.ContainsKey("operationType"))
        {
            foreach (var name in AdminAuthFields)
            {
                if (fields.Remove(name, out var value))
                {
                    fields["authDetails." + name] = value;
                }
            }

            if (fields.TryGetValue("authDetails.realmId", out var realm))
            {
                fields["realmId"] = realm;
            }
        }

        var stamp = TimestampPrefix().Match(line);
        return new KeycloakRecord(location, fields, stamp.Success ? TimeText.Parse(stamp.Value, offsetWhenNoZone) : null);
    }

    /// <summary>key=value, key="quoted, value" pairs separated by ", "; null when the text is not in that form.</summary>
    private static Dictionary<string, string>? ParsePairs(ReadOnlySpan<char> s)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        while (!s.IsEmpty)
        {
            var eq = s.IndexOf('=');
            if (eq <= 0)
            {
                return null;
            }

            var key = s[..eq].Trim().ToString();
            s = s[(eq + 1)..];
            string value;
            if (s.StartsWith("\""))
            {
                var sb = new StringBuilder();
                var i = 1;
                for (; i < s.Length && s[i] != '"'; i++)
                {
                    if (s[i] == '\\' && i + 1 < s.Length)
                    {
                        i++;
                    }

                    sb.Append(s[i]);
                }

                if (i >= s.Length)
                {
                    return null;
                }

                value = sb.ToString();
                s = s[(i + 1)..];
                var comma = s.IndexOf(',');
                s = comma < 0 ? [] : s[(comma + 1)..].TrimStart();
            }
            else
            {
                var comma = s.IndexOf(", ");
                value = (comma < 0 ? s : s[..comma]).Trim().ToString();
                s = comma < 0 ? [] : s[(comma + 2)..].TrimStart();
            }

            if (key.Length == 0 || key.Contains(' ', StringComparison.Ordinal))
            {
                return null;
            }

            fields[IsCoreField(key) ? key : "details." + key] = value;
        }

        return fields;
    }

    private static bool IsCoreField(string key) => key is "type" or "realmId" or "realmName" or "clientId" or "userId"
        or "sessionId" or "ipAddress" or "error" or "operationType" or "resourceType" or "resourcePath" or "representation" or "id";

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?")]
    private static partial Regex TimestampPrefix();
}
