using System.Buffers.Binary;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using ResetTrail.EvidenceLog.Tiles;
using ResetTrail.Server.Authorization;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Problems;

namespace ResetTrail.Server.Tlog;

/// <summary>
/// The evidence log as C2SP tlog-tiles (https://c2sp.org/tlog-tiles), so any tlog client can mirror and audit it
/// without our code. The checkpoint and hash tiles are public by design: they hold hashes only, and witnesses and
/// monitors must fetch them without an account. Entry bundles hold the evidence itself (names, targets), so they
/// need a role that reads evidence; a mirroring client sends an API token.
/// </summary>
internal static class TlogEndpoints
{
    public const string Prefix = "/tlog";

    // A full tile never changes once written: cache it forever. A partial tile of width W never changes either, but
    // is replaced by a wider one soon, so clients should not keep it long.
    private const string FullTileCache = "public, max-age=31536000, immutable";
    private const string PartialTileCache = "public, max-age=60";

    public static IEndpointRouteBuilder MapTlogEndpoints(this IEndpointRouteBuilder app)
    {
        var tlog = app.MapGroup(Prefix).WithTags("tlog-tiles");
        tlog.MapGet("/checkpoint", Checkpoint).AllowAnonymous().WithName("TlogCheckpoint").WithSummary("The latest checkpoint (C2SP signed note)");
        tlog.MapGet("/tile/entries/{**path}", EntryBundle).RequireAuthorization(Permissions.ReadEvidence).WithName("TlogEntryBundle")
            .WithSummary("An entry bundle: tile/entries/<N>[.p/<W>]");
        tlog.MapGet("/tile/{**path}", HashTile).AllowAnonymous().WithName("TlogHashTile")
            .WithSummary("A hash tile: tile/<L>/<N>[.p/<W>], N in x-prefixed 3-digit groups");
        return app;
    }

    private static ContentHttpResult Checkpoint(HttpContext context, ServerDatabase database)
    {
        context.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Text(database.Log.LatestCheckpoint().SignedNote, "text/plain; charset=utf-8");
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> HashTile(HttpContext context, string path, ServerDatabase database)
    {
        if (TilePath.Parse(path) is not { Entries: false } tile)
        {
            return Problem.For(HttpErrors.NotFound("not a tile path: tile/<L>/<N>[.p/<W>], N in 3-digit groups with 'x' before all but the last"));
        }

        var bytes = database.Log.ReadTile(new TileId(tile.Level, tile.Index), tile.Width);
        return bytes is null ? NotYet() : Tile(context, tile, bytes);
    }

    private static Results<FileContentHttpResult, ProblemHttpResult> EntryBundle(HttpContext context, string path, ServerDatabase database)
    {
        if (TilePath.Parse($"entries/{path}") is not { } tile)
        {
            return Problem.For(HttpErrors.NotFound("not an entry bundle path: tile/entries/<N>[.p/<W>]"));
        }

        var first = checked(tile.Index * TileId.Width);
        var size = database.Log.LatestCheckpoint().Size;
        if (size < first + (ulong)tile.Width)
        {
            return NotYet();
        }

        using var bundle = new MemoryStream();
        Span<byte> length = stackalloc byte[2];
        foreach (var entry in database.Log.ReadEntries(first, first + (ulong)tile.Width))
        {
            // tlog-tiles entry bundles prefix each entry with a 16-bit big-endian length.
            if (entry.Data.Length > ushort.MaxValue)
            {
                throw new InvalidDataException($"entry {entry.Index} has {entry.Data.Length} bytes, more than an entry bundle can carry");
            }

            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)entry.Data.Length);
            bundle.Write(length);
            bundle.Write(entry.Data);
        }

        return Tile(context, tile, bundle.ToArray());
    }

    private static FileContentHttpResult Tile(HttpContext context, TilePath tile, byte[] bytes)
    {
        context.Response.Headers.CacheControl = tile.PartialWidth is null ? FullTileCache : PartialTileCache;
        return TypedResults.Bytes(bytes, "application/octet-stream");
    }

    private static ProblemHttpResult NotYet() => Problem.For(HttpErrors.NotFound("the log does not hold that tile (yet): fetch the checkpoint, then tiles within its size"));
}
