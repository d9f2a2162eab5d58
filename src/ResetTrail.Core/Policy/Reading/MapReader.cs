using System.Globalization;
using ResetTrail.Core.Policy.Yaml;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>
/// Reads the keys of one YAML mapping into typed values, adding a problem (with line and field path) for
/// every key it does not know and every value it cannot read, and carrying on so all problems are reported.
/// </summary>
internal sealed class MapReader
{
    private readonly Dictionary<string, KeyValuePair<YamlScalar, YamlNode>> entries;

    private MapReader(YamlMapping node, string path, ProblemList problems)
    {
        Node = node;
        Path = path;
        Problems = problems;
        entries = node.Entries.ToDictionary(e => e.Key.Value, StringComparer.Ordinal);
    }

    public YamlMapping Node { get; }

    public string Path { get; }

    public ProblemList Problems { get; }

    /// <summary>A reader over <paramref name="node"/>, or null (with a problem) when it is not a mapping.</summary>
    public static MapReader? Open(YamlNode node, string path, ProblemList problems, params string[] keys)
    {
        if (node is not YamlMapping mapping)
        {
            problems.Error(node, path, PolicyProblemCodes.Structure, $"expected a mapping with the keys {string.Join(", ", keys)}");
            return null;
        }

        var reader = new MapReader(mapping, path, problems);
        foreach (var (key, _) in mapping.Entries.Where(e => !keys.Contains(e.Key.Value, StringComparer.Ordinal)))
        {
            var hint = keys.OrderBy(k => Similarity.Distance(k, key.Value)).First();
            var suggestion = Similarity.Distance(hint, key.Value) <= 2 ? $"did you mean '{hint}'?" : $"expected one of: {string.Join(", ", keys)}";
            problems.Error(key, reader.Field(key.Value), PolicyProblemCodes.UnknownKey, $"unknown key '{key.Value}'; {suggestion}");
        }

        return reader;
    }

    public string Field(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => entries.ContainsKey(key);

    /// <summary>The value of <paramref name="key"/>; a missing required key is a problem at the mapping's line.</summary>
    public YamlNode? Value(string key, bool required = false)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            return entry.Value;
        }

        if (required)
        {
            Problems.Error(Node, Field(key), PolicyProblemCodes.Missing, "is required");
        }

        return null;
    }

    /// <summary>The line of <paramref name="key"/> itself, which explanations cite; the mapping's line when absent.</summary>
    public int LineOf(string key) => entries.TryGetValue(key, out var entry) ? entry.Key.Line : Node.Line;

    public string? Text(string key, bool required = false) =>
        Value(key, required) is { } node ? Scalars.Text(node, Field(key), Problems) : null;

    public int? Int(string key, int min, int max, bool required = false) =>
        Value(key, required) is { } node ? Scalars.Int(node, Field(key), Problems, min, max) : null;

    public bool? Bool(string key) =>
        Value(key) is { } node ? Scalars.Bool(node, Field(key), Problems) : null;

    public TimeSpan? Duration(string key, bool required = false) =>
        Value(key, required) is { } node ? Scalars.Duration(node, Field(key), Problems) : null;

    public T? Enum<T>(string key, bool required = false)
        where T : struct, Enum =>
        Value(key, required) is { } node ? Scalars.Enum<T>(node, Field(key), Problems) : null;

    /// <summary>A <see cref="Sourced{T}"/> for a value read from this mapping.</summary>
    public Model.Sourced<T>? Sourced<T>(string key, T? value, string ruleId)
        where T : struct => value is { } v ? new(v, ruleId, LineOf(key)) : null;

    public Model.Sourced<T>? SourcedRef<T>(string key, T? value, string ruleId)
        where T : class => value is { } v ? new(v, ruleId, LineOf(key)) : null;

    internal static string Index(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");
}
