using ResetTrail.Ingestion.Sources.JsonRecords;

namespace ResetTrail.Ingestion.Sources.Okta;

/// <summary>
/// The Okta System Log: the /api/v1/logs JSON array, newline-delimited JSON (one LogEvent a line), and Event Hook
/// deliveries ({"data":{"events":[...]}}, alone or one a line). Keys may be Okta's camelCase or the lower-cased
/// form some pipelines (Panther) write.
/// </summary>
public sealed class OktaSource : IEventSource
{
    private static readonly string[][] Wrappers = [["data", "events"]];

    public string Name => "okta";

    /// <summary>
    /// An Okta LogEvent has "eventType" with "uuid", "legacyEventType" or "displayMessage"; an Event Hook delivery names
    /// "com.okta.event_hook". Entra records never carry a bare "eventType" key (Office 365's is
    /// "AzureActiveDirectoryEventType"), and anything that looks like Entra is left to the Entra source.
    /// </summary>
    public bool Recognises(ReadOnlySpan<byte> head)
    {
        var okta = HeadScan.Contains(head, "\"eventType\""u8)
            && (HeadScan.Contains(head, "\"uuid\""u8) || HeadScan.Contains(head, "\"legacyEventType\""u8)
                || HeadScan.Contains(head, "\"displayMessage\""u8)
                || HeadScan.Contains(head, "\"com.okta."u8));
        return okta && !Entra.EntraSource.LooksLikeEntra(head);
    }

    public IEnumerable<SourceRecord> Read(Stream input, string fileName) =>
        JsonRecordReader.Read(input, fileName, Wrappers, OktaRecord.Map);

    public IEnumerable<SourceRecord> Read(Stream input, string fileName, ReadDetail detail) =>
        detail == ReadDetail.CredentialChanges
            ? JsonRecordReader.Read(input, fileName, Wrappers, OktaRecord.Map, new OktaPrefilter().TryCount)
            : Read(input, fileName);

    public IEnumerable<SourceRecord> Read(Stream input, string fileName, Func<Events.ChangeKind, string, bool> wanted) =>
        JsonRecordReader.Read(input, fileName, Wrappers, OktaRecord.Map, new OktaPrefilter(wanted).TryCount);
}
