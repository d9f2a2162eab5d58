using System.Collections.Frozen;

namespace ResetTrail.Core;

/// <summary>
/// The snake_case names enums have on the wire (evidence entries, policy files, command lines). They are a
/// stable contract: renaming one breaks every log and policy that uses it.
/// </summary>
public static class WireName
{
    public static string Of<T>(T value)
        where T : struct, Enum => Names<T>.ToWire[value];

    public static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum => Names<T>.FromWire.TryGetValue(text ?? string.Empty, out value);

    public static IEnumerable<string> All<T>()
        where T : struct, Enum => Names<T>.ToWire.Values.Order(StringComparer.Ordinal);

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ToWire =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => Snake(v.ToString()));

        public static readonly FrozenDictionary<string, T> FromWire =
            ToWire.ToFrozenDictionary(kv => kv.Value, kv => kv.Key, StringComparer.Ordinal);

        private static string Snake(string name) =>
            string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : string.Empty) + char.ToLowerInvariant(c) : c.ToString()));
    }
}
