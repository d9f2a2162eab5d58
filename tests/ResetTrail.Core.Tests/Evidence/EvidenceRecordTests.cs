using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using ResetTrail.Core.Evidence;

namespace ResetTrail.Core.Tests.Evidence;

public sealed class EvidenceRecordTests
{
    private static readonly EvidenceRecord Sample = new(
        EvidenceType.ApprovalGranted,
        "RT-1",
        new DateTimeOffset(2026, 3, 10, 10, 0, 0, TimeSpan.FromHours(1)).AddTicks(1_234_567),
        "alice",
        new JsonObject { ["digest"] = "ab", ["emergency"] = false, ["reason"] = null, ["z"] = new JsonArray(1, "é") });

    [Fact]
    public void An_entry_is_the_canonical_JSON_of_its_fields_with_the_time_in_UTC_milliseconds()
    {
        Assert.Equal(
            """{"actor":"alice","at":"2026-03-10T09:00:00.123Z","case":"RT-1","code":1120,"data":{"digest":"ab","emergency":false,"reason":null,"z":[1,"é"]},"type":"case.approval_granted","v":1}""",
            Encoding.UTF8.GetString(Sample.ToCanonicalBytes()));
    }

    [Fact]
    public void An_entry_read_back_has_the_same_bytes_and_digest()
    {
        var bytes = Sample.ToCanonicalBytes();

        var parsed = EvidenceRecord.TryParse(bytes);

        Assert.NotNull(parsed);
        Assert.Equal(bytes, parsed.ToCanonicalBytes());
        Assert.Equal(Sample.Digest(), parsed.Digest());
        Assert.Matches("^[0-9a-f]{64}$", parsed.Digest());
        Assert.Equal(EvidenceRecord.ParseTime("2026-03-10T09:00:00.123Z"), parsed.At);
    }

    [Fact]
    public void A_record_holds_its_time_as_its_entry_writes_it()
    {
        var written = EvidenceRecord.ParseTime("2026-03-10T09:00:00.123Z");

        Assert.Equal(written, Sample.At);
        Assert.Equal(TimeSpan.Zero, Sample.At.Offset);
        Assert.Equal(written, (Sample with { At = Sample.At.AddTicks(9_999) }).At);
        Assert.Equal(written.UtcTicks, Sample.At.UtcTicks);
    }

    [Fact]
    public void Every_evidence_type_survives_the_round_trip()
    {
        foreach (var type in Enum.GetValues<EvidenceType>())
        {
            var record = Sample with { Type = type, CaseId = type == EvidenceType.PolicyPublished ? null : "RT-9" };

            var parsed = EvidenceRecord.TryParse(record.ToCanonicalBytes());

            Assert.Equal(record.Digest(), parsed?.Digest());
            Assert.Equal(type, parsed?.Type);
        }
    }

    [Theory]
    [InlineData("2026-03-10T09:00:00Z")]
    [InlineData("2026-03-10T09:00:00.1Z")]
    [InlineData("2026-03-10T09:00:00.123+00:00")]
    [InlineData("2026-03-10 09:00:00.123Z")]
    public void Times_have_one_spelling_only(string text)
    {
        Assert.Throws<FormatException>(() => EvidenceRecord.ParseTime(text));
        Assert.Null(EvidenceRecord.TryParse(Replace("\"at\":\"2026-03-10T09:00:00.123Z\"", $"\"at\":\"{text}\"")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("[1,2,3]")]
    [InlineData("\"case.opened\"")]
    [InlineData("{}")]
    [InlineData("{\"hello\":\"world\"}")]
    [InlineData("{\"v\":1,\"type\":\"case.opened\",\"code\":1100,\"case\":\"RT-1\",\"at\":\"2026-03-10T09:00:00.000Z\",\"actor\":\"a\"}")]
    public void Bytes_that_are_not_evidence_read_as_null(string text)
    {
        Assert.Null(EvidenceRecord.TryParse(Encoding.UTF8.GetBytes(text)));
    }

    [Theory]
    [InlineData("\"code\":1120", "\"code\":1100")] // type and code disagree
    [InlineData("\"code\":1120", "\"code\":9999")]
    [InlineData("\"code\":1120", "\"code\":1.5")]
    [InlineData("\"code\":1120", "\"code\":99999999999")]
    [InlineData("\"code\":1120", "\"code\":\"1120\"")]
    [InlineData("\"type\":\"case.approval_granted\"", "\"type\":1120")]
    [InlineData("\"case\":\"RT-1\"", "\"case\":17")]
    [InlineData("\"actor\":\"alice\"", "\"actor\":[\"alice\"]")]
    [InlineData("\"v\":1", "\"v\":\"1\"")]
    [InlineData("\"data\":{", "\"data\":[],\"x\":{")]
    [InlineData("\"v\":1", "\"v\":1,\"v\":1")] // a duplicate member
    public void Entries_with_a_field_of_the_wrong_kind_read_as_null_rather_than_throwing(string field, string replacement)
    {
        Assert.Null(EvidenceRecord.TryParse(Replace(field, replacement)));
    }

    [Fact]
    public void Random_bytes_read_as_null_and_never_throw()
    {
        var prefix = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Sample.ToCanonicalBytes())[..40]);
        var bytes = Gen.OneOf(
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)),
            Gen.ArrayOf(Gen.Elements("{", "}", "[", "]", ",", ":", "\"", "v", "1", "1120", "\"code\"", "\"data\"", "null", "{}", "\\u0000").Select(Encoding.UTF8.GetBytes))
                .Select(parts => parts.SelectMany(p => p).ToArray()),
            Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b)).Select(tail => prefix.Concat(tail).ToArray()));

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(1000).WithQuietOnSuccess(true), Prop.ForAll(bytes.ToArbitrary(), b => EvidenceRecord.TryParse(b) is null));
    }

    private static byte[] Replace(string field, string replacement)
    {
        var text = Encoding.UTF8.GetString(Sample.ToCanonicalBytes());
        Assert.Contains(field, text, StringComparison.Ordinal);
        return Encoding.UTF8.GetBytes(text.Replace(field, replacement, StringComparison.Ordinal));
    }
}
