using ResetTrail.Core.Policy.Reading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ResetTrail.Core.Policy.Yaml;

/// <summary>
/// Reads one YAML document into a <see cref="YamlNode"/> tree from parser events. Policy files are
/// configuration that weakens a security control when misread, so the reader refuses what a policy never needs:
/// aliases (the "billion laughs" expansion), anchors, explicit tags (type-tag deserialization), complex keys,
/// duplicate keys, more than one document and nesting beyond <see cref="MaxDepth"/>.
/// </summary>
internal static class YamlTreeReader
{
    public const int MaxDepth = 32;

    /// <summary>The tree, or null when the text is not a single plain YAML document; problems are added to <paramref name="problems"/>.</summary>
    public static YamlNode? Read(string text, ProblemList problems)
    {
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                problems.Error(1, 1, string.Empty, PolicyProblemCodes.Structure, "the file is empty");
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, problems, 0);
            parser.Consume<DocumentEnd>();
            if (!parser.Accept<StreamEnd>(out _))
            {
                var at = parser.Current!.Start;
                problems.Error((int)at.Line, (int)at.Column, string.Empty, PolicyProblemCodes.YamlFeature, "a policy file holds one YAML document; remove the second '---'");
                return null;
            }

            return root;
        }
        catch (YamlException e)
        {
            problems.Error((int)e.Start.Line, (int)e.Start.Column, string.Empty, PolicyProblemCodes.Syntax, $"YAML syntax: {Describe(e)}");
            return null;
        }
    }

    private static YamlNode? ReadNode(IParser parser, ProblemList problems, int depth)
    {
        var current = parser.Current!;
        var (line, column) = ((int)current.Start.Line, (int)current.Start.Column);
        if (depth > MaxDepth)
        {
            throw new YamlException(current.Start, current.End, $"nesting deeper than {MaxDepth} levels");
        }

        if (current is AnchorAlias alias)
        {
            // Refused, not expanded: nothing is ever copied, so no expansion can blow up.
            problems.Error(line, column, string.Empty, PolicyProblemCodes.YamlFeature, $"aliases (*{alias.Value}) are not allowed in a policy file; write the value out");
            parser.MoveNext();
            return new YamlScalar(string.Empty, Plain: false, line, column);
        }

        if (current is NodeEvent node && (!node.Anchor.IsEmpty || !node.Tag.IsEmpty))
        {
            var what = node.Anchor.IsEmpty ? $"tags ({node.Tag})" : $"anchors (&{node.Anchor})";
            problems.Error(line, column, string.Empty, PolicyProblemCodes.YamlFeature, $"{what} are not allowed in a policy file");
        }

        switch (current)
        {
            case Scalar scalar:
                parser.MoveNext();
                return new YamlScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, line, column);

            case SequenceStart:
                parser.MoveNext();
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, problems, depth + 1)!);
                }

                return new YamlSequence(items, line, column);

            case MappingStart:
                parser.MoveNext();
                return ReadMapping(parser, problems, depth, line, column);

            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }
    }

    private static YamlMapping ReadMapping(IParser parser, ProblemList problems, int depth, int line, int column)
    {
        var entries = new List<KeyValuePair<YamlScalar, YamlNode>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = parser.Current!;
            if (ReadNode(parser, problems, depth + 1) is not YamlScalar key)
            {
                throw new YamlException(keyEvent.Start, keyEvent.End, "keys must be plain words");
            }

            var value = ReadNode(parser, problems, depth + 1)!;
            if (seen.TryGetValue(key.Value, out var first))
            {
                // YAML requires unique keys, and most parsers silently keep the last one: a second
                // "min_strength" lower in the block would quietly replace the first.
                problems.Error(key.Line, key.Column, key.Value, PolicyProblemCodes.Duplicate, $"duplicate key (first at line {first})");
                continue;
            }

            seen[key.Value] = key.Line;
            entries.Add(KeyValuePair.Create(key, value));
        }

        return new YamlMapping(entries, line, column);
    }

    private static string Describe(YamlException e)
    {
        // YamlDotNet prefixes its messages with the position, which the problem already carries.
        var message = e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith("(Line", StringComparison.Ordinal) && close > 0 ? message[(close + 3)..] : message;
    }
}
