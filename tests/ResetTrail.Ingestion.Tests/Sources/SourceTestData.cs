using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Ingestion.Tests.Sources;

/// <summary>Finds TestData/ and turns the DERIVED sample files back into the raw log lines they wrap.</summary>
internal static class SourceTestData
{
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

    public static IEnumerable<string> Samples(string sub) =>
        Directory.EnumerateFiles(Dir(sub), "*.jsonl").Order(StringComparer.Ordinal);

    /// <summary>The sample file as NDJSON of the verbatim records (the "event" field), line for line.</summary>
    public static Stream Unwrapped(string path)
    {
        var builder = new StringBuilder();
        foreach (var line in File.ReadLines(path))
        {
            builder.Append(JsonNode.Parse(line)!["event"]!.ToJsonString()).Append('\n');
        }

        return Utf8(builder.ToString());
    }

    public static Stream Utf8(string text) => new MemoryStream(Encoding.UTF8.GetBytes(text));

    public static List<SourceRecord> Read(IEventSource source, string path)
    {
        using var stream = File.OpenRead(path);
        return [.. source.Read(stream, Path.GetFileName(path))];
    }

    public static List<IdentityEvent> Events(this IEnumerable<SourceRecord> records)
    {
        var list = records.ToList();
        Assert.All(list, r => Assert.Null(r.Problem));
        return [.. list.Select(r => r.Event!)];
    }

    public static byte[] Head(string path) => File.ReadAllBytes(path).AsSpan(0, Math.Min(4096, (int)new FileInfo(path).Length)).ToArray();

    public static string Json(object value) => JsonSerializer.Serialize(value);
}
