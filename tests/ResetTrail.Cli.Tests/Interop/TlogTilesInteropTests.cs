using Microsoft.Data.Sqlite;
using ResetTrail.Cli.Tests.Server;

namespace ResetTrail.Cli.Tests.Interop;

/// <summary>
/// The running server's log mirrored over HTTP as C2SP tlog-tiles by Go's own tlog client code
/// (tlog.TileHashReader, tlog.TreeHash, tlog.RecordHash), not ours.
/// </summary>
public sealed class TlogTilesInteropTests
{
    private const string Origin = "tiles.example/resettrail";

    [Fact]
    public async Task Go_mirrors_the_served_tiles_and_recomputes_the_checkpoint_root_and_every_entry()
    {
        using var cli = new CliRunner();
        var vkey = cli.WriteFile("log.vkey", cli.Run("log", "init", "--db", cli.Database, "--origin", Origin).Output);
        // 66,000 entries: full and partial tiles on levels 0, 1 and 2 (a level-2 tile covers 65,536 entries).
        var lines = string.Concat(Enumerable.Range(0, 66_000).Select(i => $"{{\"n\":{i}}}\n"));
        Assert.Equal(0, cli.RunWithInput(lines, "log", "append", "--db", cli.Database, "--batch", "5000").ExitCode);
        var token = cli.Run("token", "create", "--db", cli.Database, "--name", "mirror", "--role", "auditor").Output.Trim();
        using var server = CliRunner.Start(string.Empty, "serve", "--db", cli.Database, "--urls", "http://127.0.0.1:0");
        try
        {
            var address = await ServeCommandTests.AddressFrom(server);

            var hashesOnly = GoSumdbVerifier.Run("tiles", vkey, address + "tlog");
            var withEntries = GoSumdbVerifier.Run("tiles", vkey, address + "tlog", token);
            using (var connection = new SqliteConnection($"Data Source={cli.Database};Pooling=false"))
            {
                connection.Open();
                using var tamper = connection.CreateCommand();
                // A leaf tile: Go's check of the entries against the leaf hashes catches it. (A zeroed level-1 tile 0 at this
                // size passes Debian's x/mod 0.7.0 TileHashReader, whose parent check starts at len(stx) rather than at the
                // number of distinct subtree tiles; reproduced by hand, see docs/design/server.md.)
                tamper.CommandText = "UPDATE log_tiles SET hashes = zeroblob(length(hashes)) WHERE level = 0 AND idx = 1";
                tamper.ExecuteNonQuery();
            }

            var tampered = GoSumdbVerifier.Run("tiles", vkey, address + "tlog", token);

            Assert.True(hashesOnly.ExitCode == 0, hashesOnly.Error);
            Assert.StartsWith($"ok {Origin} 66000 ", hashesOnly.Output, StringComparison.Ordinal);
            Assert.True(withEntries.ExitCode == 0, withEntries.Error);
            Assert.NotEqual(0, tampered.ExitCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }
}
