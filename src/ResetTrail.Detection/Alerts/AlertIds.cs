using System.Security.Cryptography;
using System.Text;

namespace ResetTrail.Detection.Alerts;

/// <summary>
/// Stable alert ids: SHA-256 over the rule id, the subject and the evidence ids in order, as 32 hex digits with an
/// "rta_" prefix. The same detection replayed (after a restart, a re-read file) has the same id.
/// </summary>
public static class AlertIds
{
    public static string Of(string ruleId, string subject, IEnumerable<AlertEvidence> evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        var text = new StringBuilder(ruleId).Append('\n').Append(subject);
        foreach (var e in evidence)
        {
            text.Append('\n').Append(e.Source).Append(':').Append(e.Id);
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return "rta_" + Convert.ToHexStringLower(hash.AsSpan(0, 16));
    }
}
