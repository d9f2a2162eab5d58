using ResetTrail.Ingestion.Sources.JsonRecords;

namespace ResetTrail.Ingestion.Sources.Entra;

/// <summary>
/// Microsoft Entra ID: Graph directoryAudit and signIn responses ({"value":[...]}, one page a file), the
/// diagnostic-settings and Log Analytics export shapes (records with properties/Properties, possibly
/// {"records":[...]}, nested objects possibly as JSON strings), and Office 365 Management Activity records of the
/// AzureActiveDirectory workload ("Update user.", "UserLoggedIn").
/// </summary>
public sealed class EntraSource : IEventSource
{
    private static readonly string[][] Wrappers = [["value"], ["records"], ["Records"]];

    public string Name => "entra";

    public bool Recognises(ReadOnlySpan<byte> head) => LooksLikeEntra(head);

    public IEnumerable<SourceRecord> Read(Stream input, string fileName) =>
        JsonRecordReader.Read(input, fileName, Wrappers, EntraRecord.Map);

    /// <summary>Keys only Microsoft's identity logs write; none of them occurs in an Okta LogEvent.</summary>
    internal static bool LooksLikeEntra(ReadOnlySpan<byte> head) =>
        HeadScan.Contains(head, "\"activityDisplayName\""u8)
        || HeadScan.Contains(head, "\"operationName\""u8)
        || HeadScan.Contains(head, "\"AzureActiveDirectory"u8)
        || (HeadScan.Contains(head, "\"createdDateTime\""u8) && HeadScan.Contains(head, "\"userPrincipalName\""u8))
        || HeadScan.Contains(head, "graph.microsoft.com"u8);
}
