using System.Net;
using System.Security.Cryptography;
using ResetTrail.Core.Access;
using ResetTrail.Server.Tlog;

namespace ResetTrail.Server.Tests.Tlog;

public sealed class TlogTileTests
{
    [Theory]
    [InlineData("0/000", false, 0, 0ul, null)]
    [InlineData("1/x001/234", false, 1, 1234ul, null)]
    [InlineData("0/x001/x234/067.p/8", false, 0, 1234067ul, 8)]
    [InlineData("entries/005.p/255", true, 0, 5ul, 255)]
    public void Tile_paths_decode_as_the_spec_writes_them(string path, bool entries, int level, ulong index, int? width)
    {
        Assert.Equal(new TilePath(entries, level, index, width), TilePath.Parse(path));
    }

    [Theory]
    [InlineData("0/1")]
    [InlineData("0/0001")]
    [InlineData("00/000")]
    [InlineData("0/001/234")]
    [InlineData("0/x000/001")]
    [InlineData("0/000.p/0")]
    [InlineData("0/000.p/256")]
    [InlineData("64/000")]
    public void Anything_else_is_not_a_tile(string path) => Assert.Null(TilePath.Parse(path));

    [Fact]
    public async Task Hash_tiles_are_public_immutable_when_full_and_hash_to_the_entries()
    {
        await using var server = await RunningServer.StartAsync();
        var entries = Enumerable.Range(0, 300).Select(i => System.Text.Encoding.UTF8.GetBytes($"{{\"entry\":{i}}}")).ToList();
        server.Database.Log.Append(entries);
        using var anonymous = server.Anonymous();

        using var full = await anonymous.GetAsync("tlog/tile/0/000");
        using var partial = await anonymous.GetAsync("tlog/tile/0/001.p/44");
        using var tooWide = await anonymous.GetAsync("tlog/tile/0/001.p/45");
        using var entriesAnonymous = await anonymous.GetAsync("tlog/tile/entries/000");
        var checkpoint = await anonymous.GetStringAsync("tlog/checkpoint");

        Assert.Equal(HttpStatusCode.OK, full.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", full.Headers.CacheControl?.ToString());
        var hashes = await full.Content.ReadAsByteArrayAsync();
        Assert.Equal(256 * 32, hashes.Length);
        Assert.Equal(Leaf(entries[255]), hashes[(255 * 32)..]);
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        Assert.Equal(Leaf(entries[299]), (await partial.Content.ReadAsByteArrayAsync())[(43 * 32)..]);
        Assert.Equal(HttpStatusCode.NotFound, tooWide.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, entriesAnonymous.StatusCode);
        Assert.Contains("\n300\n", checkpoint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Entry_bundles_carry_each_entry_after_its_16_bit_length_for_evidence_readers()
    {
        await using var server = await RunningServer.StartAsync();
        server.Database.Log.Append([[1, 2, 3], [], [9]]);
        using var auditor = server.ClientAs("audrey", Role.Auditor);

        var bundle = await auditor.GetByteArrayAsync("tlog/tile/entries/000.p/3");

        Assert.Equal(new byte[] { 0, 3, 1, 2, 3, 0, 0, 0, 1, 9 }, bundle);
    }

    private static byte[] Leaf(byte[] entry) => SHA256.HashData([0, .. entry]);
}
