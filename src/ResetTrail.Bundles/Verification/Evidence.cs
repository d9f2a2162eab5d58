using System.Text.Json.Nodes;
using ResetTrail.Core.Evidence;

namespace ResetTrail.Bundles.Verification;

/// <summary>
/// Reading evidence from a bundle, which is hostile input: <see cref="EvidenceRecord.TryParse"/> trusts the types of
/// the fields it reads (the log only holds what the workflow wrote), so a mistyped field is caught here as "not
/// evidence" rather than crashing the verifier.
/// </summary>
internal static class Evidence
{
    public static EvidenceRecord? TryRead(byte[] bytes)
    {
        try
        {
            return EvidenceRecord.TryParse(bytes);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException or ArgumentException)
        {
            return null;
        }
    }

    public static string? Text(JsonObject data, string name) =>
        data[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
