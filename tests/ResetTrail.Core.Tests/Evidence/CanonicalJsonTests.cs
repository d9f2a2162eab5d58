using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using ResetTrail.Core.Evidence;

namespace ResetTrail.Core.Tests.Evidence;

/// <summary>RFC 8785 (JSON Canonicalization Scheme) for the subset evidence uses: no fractions, no exponents.</summary>
public sealed class CanonicalJsonTests
{
    [Fact]
    public void Members_are_sorted_by_UTF_16_code_units_as_in_RFC_8785_section_3_2_3()
    {
        // RFC 8785 §3.2.3: the emoji (a surrogate pair, 0xD83D...) sorts before U+FB33, though its code point is larger.
        const string input = """
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """;

        var canonical = CanonicalJson.SerializeToString(JsonNode.Parse(input));

        Assert.Equal(
            "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":\"Latin Small Letter O With Diaeresis\","
            + "\"\u20ac\":\"Euro Sign\",\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}",
            canonical);
    }

    [Fact]
    public void Strings_are_escaped_as_in_RFC_8785_section_3_2_2_2()
    {
        const string input = """{"string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false]}""";

        var canonical = CanonicalJson.Serialize(JsonNode.Parse(input));

        // UTF-8 bytes: € literal, \u000f lower-case, \n named, ' B and / literal, " and \ escaped.
        Assert.Equal("{\"literals\":[null,true,false],\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}"u8.ToArray(), canonical);
    }

    [Fact]
    public void Every_control_character_has_one_escape_and_nothing_else_is_escaped()
    {
        var named = new Dictionary<char, string> { ['\b'] = "\\b", ['\t'] = "\\t", ['\n'] = "\\n", ['\f'] = "\\f", ['\r'] = "\\r" };
        for (var c = '\0'; c < ' '; c++)
        {
            var expected = named.TryGetValue(c, out var escape) ? escape : $"\\u00{(int)c:x2}";
            Assert.Equal($"\"{expected}\"", CanonicalJson.SerializeToString(JsonValue.Create(c.ToString())));
        }

        Assert.Equal("\"\u007f\u2028/é\"", CanonicalJson.SerializeToString(JsonValue.Create("\u007f\u2028/é")));
    }

    [Fact]
    public void Nested_arrays_and_objects_are_written_without_whitespace_and_keep_array_order()
    {
        var node = JsonNode.Parse("""[56, {"d": true, "10": null, "1": [ ]}, [[3, 2], [1]], "b", "a"]""");

        Assert.Equal("""[56,{"1":[],"10":null,"d":true},[[3,2],[1]],"b","a"]""", CanonicalJson.SerializeToString(node));
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("-0", "0")]
    [InlineData("42", "42")]
    [InlineData("-17", "-17")]
    [InlineData("9007199254740991", "9007199254740991")]
    [InlineData("-9007199254740991", "-9007199254740991")]
    public void Integers_up_to_2_to_the_53_minus_1_are_plain_decimals(string json, string canonical)
    {
        Assert.Equal(canonical, CanonicalJson.SerializeToString(JsonNode.Parse(json)));
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("9007199254740992")]
    [InlineData("9007199254740993")]
    [InlineData("-9007199254740993")]
    [InlineData("-9223372036854775808")]
    [InlineData("18446744073709551616")]
    [InlineData("1e2")]
    [InlineData("1.0")]
    public void Numbers_outside_the_supported_integers_are_refused_rather_than_rounded(string json)
    {
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["n"] = JsonNode.Parse(json) }));
    }

    [Fact]
    public void A_lone_surrogate_is_refused_rather_than_replaced()
    {
        // Encoding it as U+FFFD would give "\ud800" and "\ufffd" the same bytes, and so the same digest.
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(JsonValue.Create("a\ud800b")));
        Assert.Throws<ArgumentException>(() => CanonicalJson.Serialize(new JsonObject { ["\udc00"] = 1 }));
    }

    [Fact]
    public void Canonical_output_is_a_fixed_point_and_ignores_input_member_order()
    {
        var text = Gen.Elements("a", "b", "ab", "B", "é", "\u20ac", "\ud83d\ude00", "\u0001", "\"", "\\", "1", "10");
        var leaf = Gen.OneOf(
            text.Select(s => (JsonNode?)JsonValue.Create(s)),
            Gen.Choose(-1000, 1000).Select(i => (JsonNode?)JsonValue.Create(i)),
            Gen.Elements<JsonNode?>(null, JsonValue.Create(true), JsonValue.Create(false)));
        var members = Gen.ListOf(Gen.Zip(text, leaf), 5);
        var objects = members.Select(list => list.DistinctBy(m => m.Item1, StringComparer.Ordinal).ToList());

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(300).WithQuietOnSuccess(true), Prop.ForAll(objects.ToArbitrary(), list =>
        {
            var forwards = new JsonObject(list.Select(m => KeyValuePair.Create(m.Item1, m.Item2?.DeepClone())));
            var backwards = new JsonObject(Enumerable.Reverse(list).Select(m => KeyValuePair.Create(m.Item1, m.Item2?.DeepClone())));
            var canonical = CanonicalJson.Serialize(forwards);

            Assert.Equal(canonical, CanonicalJson.Serialize(backwards));
            Assert.Equal(canonical, CanonicalJson.Serialize(JsonNode.Parse(canonical)));
            var keys = JsonNode.Parse(canonical)!.AsObject().Select(p => p.Key).ToList();
            Assert.Equal(keys.Order(StringComparer.Ordinal), keys);
        }));
    }

    [Fact]
    public void Output_is_UTF_8_without_a_byte_order_mark()
    {
        var bytes = CanonicalJson.Serialize(JsonValue.Create("é"));

        Assert.Equal(new byte[] { (byte)'"', 0xC3, 0xA9, (byte)'"' }, bytes);
        Assert.Equal("\"é\"", Encoding.UTF8.GetString(bytes));
    }
}
