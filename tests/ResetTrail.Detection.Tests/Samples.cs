using System.Text;
using System.Text.Json.Nodes;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Detection.Tests;

/// <summary>
/// Events built from the shared real samples that tests/ResetTrail.Ingestion.Tests/TestData already holds (with
/// their licences and attribution there; Panther's test logs, Microsoft's documentation, OTRF). A scenario takes a
/// sample, optionally edits a field, and places it at a time: the record is still the vendor's.
/// </summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 4, 10, 0, 0, TimeSpan.Zero); // a Wednesday, 10:00 UTC

    private static int counter;

    public static string Dir(string sub)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "ResetTrail.Ingestion.Tests", "TestData", sub);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"TestData/{sub} not found above {AppContext.BaseDirectory}");
    }

    /// <summary>The raw record of the Panther-derived sample in <paramref name="file"/> whose _test is <paramref name="test"/>.</summary>
    public static JsonObject Raw(string source, string file, string? test = null)
    {
        foreach (var line in File.ReadLines(Path.Combine(Dir(source), file)))
        {
            var wrapper = JsonNode.Parse(line)!.AsObject();
            if (test is null || (string?)wrapper["_test"] == test)
            {
                return wrapper["event"]!.DeepClone().AsObject();
            }
        }

        throw new InvalidOperationException($"{source}/{file} has no sample '{test}'");
    }

    /// <summary>The record parsed by its real source, then placed at <paramref name="at"/> with a fresh event id.</summary>
    public static IdentityEvent Event(string source, JsonObject raw, DateTimeOffset at, string? id = null)
    {
        // Some Panther fixtures are trimmed to the fields a rule reads; the source needs an id and a time.
        if (source == "okta")
        {
            raw["uuid"] ??= "sample";
            raw["published"] ??= "2022-03-22T14:21:53.225Z";
        }

        if (source == "entra")
        {
            var body = raw["properties"] as JsonObject ?? raw;
            body["id"] ??= "sample";
            if (body["activityDisplayName"] is null && raw["operationName"] is not null && raw["category"]?.ToString() == "SignInLogs")
            {
                body["createdDateTime"] ??= "2024-01-01T00:00:00Z";
            }
        }

        var parsed = Parse(source, raw.ToJsonString());
        return parsed with { Time = at, SourceEventId = id ?? $"{parsed.SourceEventId}#{Interlocked.Increment(ref counter)}" };
    }

    public static IdentityEvent Event(string source, string file, string? test, DateTimeOffset at, Action<JsonObject>? edit = null)
    {
        var raw = Raw(source, file, test);
        edit?.Invoke(raw);
        return Event(source, raw, at);
    }

    public static IdentityEvent Parse(string source, string text)
    {
        var reader = SourceCatalog.ByName(source)!;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text + "\n"));
        var record = reader.Read(stream, "sample").First();
        return record.Event ?? throw new InvalidOperationException($"sample does not parse: {record.Problem}");
    }

    /// <summary>A Windows event from Microsoft's documentation (event-NNNN.event.xml, CC BY 4.0).</summary>
    public static IdentityEvent Windows(string file, DateTimeOffset at)
    {
        var reader = SourceCatalog.ByName("windows")!;
        using var stream = File.OpenRead(Path.Combine(Dir("windows"), file));
        var parsed = reader.Read(stream, file).First().Event!;
        return parsed with { Time = at, SourceEventId = $"{parsed.SourceEventId}#{Interlocked.Increment(ref counter)}" };
    }

    /// <summary>A Windows event XML from Microsoft's documentation, with <paramref name="edit"/> applied to its text first.</summary>
    public static IdentityEvent WindowsEdited(string file, DateTimeOffset at, Func<string, string> edit)
    {
        var text = edit(File.ReadAllText(Path.Combine(Dir("windows"), file)));
        var reader = SourceCatalog.ByName("windows")!;
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var parsed = reader.Read(stream, file).First().Event!;
        return parsed with { Time = at, SourceEventId = $"{parsed.SourceEventId}#{Interlocked.Increment(ref counter)}" };
    }

    public static EventParty User(string email) => new(null, email) { Email = email, Type = "User" };
}
