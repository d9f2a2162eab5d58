using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Ingestion.Tickets;

/// <summary>
/// How to read a CSV whose header is not the canonical one: which column holds which field, how times are
/// written, and what the kind column's values mean. Loaded from a small JSON file (see docs/design/ingestion.md).
/// </summary>
public sealed record TicketMapping
{
    /// <summary>TicketRecord.System for tickets read with this mapping.</summary>
    public string System { get; init; } = "csv";

    public char Delimiter { get; init; } = ',';

    /// <summary>Column header (as written, compared ignoring case) → field (ticket, opened, ..., third_party).</summary>
    public required IReadOnlyDictionary<string, string> Columns { get; init; }

    /// <summary>A .NET custom date format ("dd/MM/yyyy HH:mm"); null means ISO 8601 with an offset.</summary>
    public string? TimeFormat { get; init; }

    /// <summary>The zone of times whose format carries no offset.</summary>
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    public string ApproverSeparator { get; init; } = ";";

    /// <summary>The kind column's values: this file's own, on top of the defaults.</summary>
    public TicketKindMap Kinds { get; init; } = TicketKindMap.Default;

    /// <summary>Reads a mapping file; every error names the file, the line and the key.</summary>
    public static TicketMappingLoad Load(Stream input, string fileName) => TicketMappingLoader.Load(input, fileName);
}

/// <summary>A mapping, or why the file is not one.</summary>
public sealed record TicketMappingLoad(TicketMapping? Mapping, IReadOnlyList<RecordProblem> Problems);
