namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// One help-desk export format. Reading streams: tickets are yielded one at a time, and a malformed record is
/// yielded as a problem while reading goes on (a JSON syntax error ends the file: nothing after it can be trusted).
/// </summary>
public interface ITicketSource
{
    /// <summary>servicenow, jira, csv: the --source name.</summary>
    string Name { get; }

    /// <summary>Whether the start of a file (its first few KB, already decompressed) looks like this format.</summary>
    bool Recognises(ReadOnlySpan<byte> head);

    /// <summary>Reads every ticket of the stream; <paramref name="fileName"/> is for locations in messages.</summary>
    IEnumerable<TicketReadResult> Read(Stream input, string fileName);
}
