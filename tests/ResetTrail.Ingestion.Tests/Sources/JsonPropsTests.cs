using System.Text.Json;
using ResetTrail.Ingestion.Sources.JsonRecords;

namespace ResetTrail.Ingestion.Tests.Sources;

/// <summary>Field lookup across the spellings pipelines give one log: exact first, then ignoring case.</summary>
public sealed class JsonPropsTests
{
    [Theory]
    [InlineData("""{"eventType":"a"}""", "a")]
    [InlineData("""{"eventtype":"b"}""", "b")] // Panther lower-cases keys
    [InlineData("""{"EventType":"c"}""", "c")] // Log Analytics' PascalCase
    [InlineData("""{"\u0065venttype":"d"}""", "d")] // an escaped name is decoded before it is compared
    [InlineData("""{"other":1,"EVENTTYPE":"e"}""", "e")]
    [InlineData("""{"eventType":"exact","eventtype":"folded"}""", "exact")] // the exact spelling wins
    [InlineData("""{"event_type":"f"}""", null)]
    [InlineData("""{"eventTyp":"g","éventtype":"h"}""", null)] // neither a prefix nor a non-ASCII near miss matches
    [InlineData("""{"eventType":null}""", null)]
    public void A_field_is_found_by_its_exact_name_else_ignoring_case(string json, string? expected)
    {
        using var document = JsonDocument.Parse(json);
        Assert.Equal(expected, document.RootElement.Str("eventType"));
    }
}
