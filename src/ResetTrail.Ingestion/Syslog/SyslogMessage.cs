namespace ResetTrail.Ingestion.Syslog;

/// <summary>
/// One RFC 5424 message. Fields the sender left out (the NILVALUE "-") are null; <see cref="Message"/> is the
/// free-form part as UTF-8 text without its byte-order mark (empty when there is none).
/// </summary>
public sealed record SyslogMessage(
    int Facility,
    int Severity,
    DateTimeOffset? Timestamp,
    string? Hostname,
    string? AppName,
    string? ProcId,
    string? MsgId,
    IReadOnlyList<StructuredDataElement> StructuredData,
    string Message);

/// <summary>An SD-ELEMENT: its SD-ID and its parameters in the order sent (names may repeat).</summary>
public sealed record StructuredDataElement(string Id, IReadOnlyList<KeyValuePair<string, string>> Parameters);
