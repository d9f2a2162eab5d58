namespace ResetTrail.Core.Policy.Yaml;

/// <summary>
/// A YAML node with its position. The policy reader works on this small tree rather than on YamlDotNet's
/// representation model so that aliases, tags and duplicate keys can be refused before anything reads them.
/// Lines and columns are 1-based, as editors show them.
/// </summary>
internal abstract record YamlNode(int Line, int Column);

/// <summary>A scalar as written. <paramref name="Plain"/> is false for quoted and block scalars: "true" in quotes is text.</summary>
internal sealed record YamlScalar(string Value, bool Plain, int Line, int Column) : YamlNode(Line, Column)
{
    /// <summary>YAML's null: an empty plain scalar, <c>~</c> or <c>null</c>.</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlMapping(IReadOnlyList<KeyValuePair<YamlScalar, YamlNode>> Entries, int Line, int Column) : YamlNode(Line, Column);

internal sealed record YamlSequence(IReadOnlyList<YamlNode> Items, int Line, int Column) : YamlNode(Line, Column);
