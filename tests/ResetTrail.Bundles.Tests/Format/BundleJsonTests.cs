using ResetTrail.Bundles.Format;
using ResetTrail.Bundles.Tests.Fixtures;

namespace ResetTrail.Bundles.Tests.Format;

public sealed class BundleJsonTests
{
    [Fact]
    public void A_bundle_reads_back_as_it_was_written()
    {
        using var sample = SampleCase.Closed();
        var json = sample.Export();

        var read = BundleJson.Read(json);

        Assert.True(read.IsSuccess, read.Error);
        Assert.Equal(json, BundleJson.Write(read.Value));
        Assert.StartsWith("{\n  \"format\": \"resettrail.bundle/v1\",\n  \"case\": \"RT-1\",", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"format":"resettrail.bundle/v2"}""", "is not resettrail.bundle/v1")]
    [InlineData("""{"case":"RT-1"}""", "no \"format\" member")]
    [InlineData("""[1]""", "not a JSON object")]
    [InlineData("""{"format":"resettrail.bundle/v1",""", "not valid JSON")]
    [InlineData("""{"format":"resettrail.bundle/v1","case":"RT-1"}""", "does not have the resettrail.bundle/v1 shape")]
    public void What_is_not_a_v1_bundle_is_named(string json, string expected)
    {
        var read = BundleJson.Read(json);

        Assert.False(read.IsSuccess);
        Assert.Contains(expected, read.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_duplicate_and_null_members_are_refused()
    {
        using var sample = SampleCase.Closed();
        var json = sample.Export();

        Assert.False(BundleJson.Read(json.Replace("\"case\":", "\"note\": 1, \"case\":", StringComparison.Ordinal)).IsSuccess);
        Assert.False(BundleJson.Read(json.Replace("\"case\": \"RT-1\",", "\"case\": \"RT-1\", \"case\": \"RT-1\",", StringComparison.Ordinal)).IsSuccess);
        Assert.False(BundleJson.Read(json.Replace("\"case\": \"RT-1\",", "\"case\": null,", StringComparison.Ordinal)).IsSuccess);
        Assert.False(BundleJson.Read([0xC3, 0x28]).IsSuccess);
    }
}
