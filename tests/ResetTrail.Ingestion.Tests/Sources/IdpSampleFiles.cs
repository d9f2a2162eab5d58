using System.Text;
using System.Text.Json.Nodes;
using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Ingestion.Tests.Sources;

/// <summary>The committed samples under TestData/, found from the test binary up to the project folder.</summary>
internal static class IdpSampleFiles
{
    private static readonly Lazy<string> Root = new(() =>
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ResetTrail.Ingestion.Tests.csproj")))
            {
                return Path.Combine(dir.FullName, "TestData");
            }
        }

        throw new DirectoryNotFoundException("TestData of ResetTrail.Ingestion.Tests not found above " + AppContext.BaseDirectory);
    });

    public static string PathOf(string source, string file) => Path.Combine(Root.Value, source, file);

    public static IEnumerable<string> Files(string source, string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root.Value, source), pattern).Order(StringComparer.Ordinal);

    public static List<SourceRecord> ReadFile(IEventSource source, string path)
    {
        using var stream = File.OpenRead(path);
        return [.. source.Read(stream, Path.GetFileName(path))];
    }

    public static List<SourceRecord> ReadText(IEventSource source, string text, string fileName = "input")
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return [.. source.Read(stream, fileName)];
    }

    /// <summary>
    /// The verbatim records of a DERIVED panther-analysis file (each line {"_origin", ..., "event": record}), one a line
    /// in the same order, so line N of the result is line N of the file.
    /// </summary>
    public static string UnwrapDerived(string path) =>
        string.Join('\n', File.ReadLines(path).Select(line => JsonNode.Parse(line)!["event"]!.ToJsonString())) + "\n";
}
