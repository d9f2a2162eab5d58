using System.Globalization;
using ResetTrail.Core.Policy.Yaml;

namespace ResetTrail.Core.Policy.Reading;

/// <summary>Typed reads of single YAML nodes; a wrong value is a problem naming the field, and the read returns null.</summary>
internal static class Scalars
{
    public static string? Text(YamlNode node, string field, ProblemList problems)
    {
        if (node is not YamlScalar scalar)
        {
            problems.Error(node, field, PolicyProblemCodes.Structure, "expected a single value, not a list or mapping");
            return null;
        }

        if (scalar.IsNull || scalar.Value.Trim().Length == 0)
        {
            problems.Error(node, field, PolicyProblemCodes.Missing, "a value is required");
            return null;
        }

        return scalar.Value;
    }

    public static int? Int(YamlNode node, string field, ProblemList problems, int min, int max)
    {
        if (Text(node, field, problems) is not { } text)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            problems.Error(node, field, PolicyProblemCodes.Invalid, $"'{text}' is not a whole number from {min} to {max}");
            return null;
        }

        return value;
    }

    public static bool? Bool(YamlNode node, string field, ProblemList problems)
    {
        // Only true and false: YAML 1.1's yes/no/on/off are how "NO" (Norway) became false.
        var text = Text(node, field, problems);
        return text switch
        {
            null => null,
            "true" => true,
            "false" => false,
            _ => Report<bool>(node, field, problems, PolicyProblemCodes.Invalid, $"'{text}' is not true or false"),
        };
    }

    public static TimeSpan? Duration(YamlNode node, string field, ProblemList problems)
    {
        if (Text(node, field, problems) is not { } text)
        {
            return null;
        }

        return Durations.TryParse(text, out var value, out var error)
            ? value
            : Report<TimeSpan>(node, field, problems, PolicyProblemCodes.Invalid, error!);
    }

    public static T? Enum<T>(YamlNode node, string field, ProblemList problems)
        where T : struct, System.Enum
    {
        if (Text(node, field, problems) is not { } text)
        {
            return null;
        }

        return WireName.TryParse<T>(text, out var value)
            ? value
            : Report<T>(node, field, problems, PolicyProblemCodes.UnknownName, $"unknown value '{text}'; expected one of: {string.Join(", ", WireName.All<T>())}");
    }

    /// <summary>The items of a list, each with its field path; null (with a problem) when the node is not a list.</summary>
    public static IReadOnlyList<(YamlNode Node, string Field)>? Items(YamlNode node, string field, ProblemList problems)
    {
        if (node is YamlSequence sequence)
        {
            return [.. sequence.Items.Select((item, i) => (item, MapReader.Index(field, i)))];
        }

        problems.Error(node, field, PolicyProblemCodes.Structure, "expected a list ([a, b] or one '- item' per line)");
        return null;
    }

    public static IReadOnlyList<string>? TextList(YamlNode node, string field, ProblemList problems) =>
        Items(node, field, problems)?.Select(i => Text(i.Node, i.Field, problems)).OfType<string>().ToList();

    /// <summary>A list of wire names, or <c>any</c> (returned as null with <paramref name="any"/> true).</summary>
    public static IReadOnlySet<T>? EnumSet<T>(YamlNode node, string field, ProblemList problems, out bool any)
        where T : struct, System.Enum
    {
        any = node is YamlScalar { Plain: true, Value: "any" };
        if (any || Items(node, field, problems) is not { } items)
        {
            return null;
        }

        var values = new HashSet<T>();
        foreach (var (item, itemField) in items)
        {
            if (Enum<T>(item, itemField, problems) is { } value && !values.Add(value))
            {
                problems.Error(item, itemField, PolicyProblemCodes.Duplicate, $"'{WireName.Of(value)}' is listed twice");
            }
        }

        if (items.Count == 0)
        {
            problems.Error(node, field, PolicyProblemCodes.Invalid, "an empty list matches nothing; write 'any' or name at least one value");
        }

        return values;
    }

    private static T? Report<T>(YamlNode node, string field, ProblemList problems, string code, string message)
        where T : struct
    {
        problems.Error(node, field, code, message);
        return null;
    }
}
