namespace ResetTrail.Ingestion.Sources;

/// <summary>
/// One identity provider's log format(s). Reading streams: records are yielded one at a time, so memory stays
/// bounded whatever the file size.
/// </summary>
public interface IEventSource
{
    /// <summary>okta, entra, windows, keycloak, google_workspace: the --source name.</summary>
    string Name { get; }

    /// <summary>Whether the start of a file (its first few KB, already decompressed) looks like this source.</summary>
    bool Recognises(ReadOnlySpan<byte> head);

    /// <summary>Reads every record of the stream; <paramref name="fileName"/> is for locations in messages.</summary>
    IEnumerable<SourceRecord> Read(Stream input, string fileName);

    /// <summary>
    /// Reads every record, turning into events only what <paramref name="detail"/> asks for; a source without a
    /// prefilter turns every record into an event.
    /// </summary>
    IEnumerable<SourceRecord> Read(Stream input, string fileName, ReadDetail detail) => Read(input, fileName);

    /// <summary>
    /// Reads every record; one whose kind and type <paramref name="wanted"/> refuses (and that cannot be a credential
    /// change) may come as a <see cref="CountedEvent"/> with its time instead, read without parsing the rest of it
    /// (detect: the rule set knows what it reads). A source without a prefilter turns every record into an event.
    /// </summary>
    IEnumerable<SourceRecord> Read(Stream input, string fileName, Func<Events.ChangeKind, string, bool> wanted) => Read(input, fileName);
}
