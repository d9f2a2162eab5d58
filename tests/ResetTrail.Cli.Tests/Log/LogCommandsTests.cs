using System.Text;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.EvidenceLog.Proofs;

namespace ResetTrail.Cli.Tests.Log;

public sealed class LogCommandsTests
{
    private const string Origin = "cli.example/resettrail";

    [Fact]
    public void Init_prints_the_verifier_key_and_key_prints_it_again()
    {
        using var cli = new CliRunner();

        var init = cli.Run("log", "init", "--db", cli.Database, "--origin", Origin);
        var key = cli.Run("log", "key", "--db", cli.Database);

        Assert.True(init.ExitCode == 0, init.Error);
        Assert.StartsWith(Origin + "+", init.Output, StringComparison.Ordinal);
        Assert.Equal(init.Output, key.Output);
        Assert.True(VerifierKey.Parse(key.Output).IsSuccess);
        Assert.True(File.Exists(cli.Database + ".key"));
    }

    [Fact]
    public void Append_stores_each_line_as_an_entry_and_prints_the_indices()
    {
        using var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", Origin);

        var first = cli.RunWithInput("alpha\nbeta\n", "log", "append", "--db", cli.Database);
        var second = cli.RunWithInput("gamma\r\n\nlast-without-newline", "log", "append", "--db", cli.Database);
        var entries = cli.Run("log", "entries", "--db", cli.Database, "--from", "1");

        Assert.Equal(["0", "1"], first.Lines);
        Assert.Equal(["2", "3", "4"], second.Lines);
        Assert.Equal(
            ["beta", "gamma\r", string.Empty, "last-without-newline"],
            entries.Output.Split('\n')[..^1].Select(l => Encoding.UTF8.GetString(Convert.FromBase64String(l))));
    }

    [Fact]
    public void The_checkpoint_proof_and_consistency_outputs_verify_with_the_printed_key()
    {
        using var cli = new CliRunner();
        var vkey = VerifierKey.Parse(cli.Run("log", "init", "--db", cli.Database, "--origin", Origin).Output).Value;
        cli.RunWithInput("a\nb\nc\n", "log", "append", "--db", cli.Database);
        cli.RunWithInput("d\ne\n", "log", "append", "--db", cli.Database);

        var latest = Checkpoint.Open(cli.Run("log", "checkpoint", "--db", cli.Database).Output, Origin, [vkey]).Value;
        var older = Checkpoint.Open(cli.Run("log", "checkpoint", "--db", cli.Database, "--size", "3").Output, Origin, [vkey]).Value;
        var proof = TlogProof.Parse(cli.Run("log", "proof", "--db", cli.Database, "--index", "1", "--size", "3").Output).Value;
        var consistency = cli.Run("log", "consistency", "--db", cli.Database, "--from", "3", "--to", "5").Lines.Select(Convert.FromBase64String).ToList();

        Assert.Equal(5UL, latest.Size);
        Assert.Equal(1UL, proof.Index);
        var proven = Checkpoint.Open(proof.SignedCheckpoint, Origin, [vkey]).Value;
        Assert.Equal(3UL, proven.Size);
        Assert.True(ProofVerifier.VerifyInclusion(1, 3, Rfc6962.HashLeaf("b"u8), proof.InclusionProof, proven.RootHash).IsValid);
        Assert.True(ProofVerifier.VerifyConsistency(3, 5, consistency, older.RootHash, latest.RootHash).IsValid);
    }

    [Theory]
    [InlineData("UPDATE log_entries SET entry = CAST('forged' AS BLOB) WHERE idx = 6", 6)]
    [InlineData("DELETE FROM log_entries WHERE idx = 4", 4)]
    [InlineData("INSERT INTO log_entries (idx, entry) VALUES (10, CAST('extra' AS BLOB))", 10)]
    [InlineData("UPDATE log_entries SET idx = -1 WHERE idx = 2; UPDATE log_entries SET idx = 2 WHERE idx = 8; UPDATE log_entries SET idx = 8 WHERE idx = -1", 2)]
    public void Verify_names_the_first_bad_index_of_a_tampered_database(string tamper, int firstBadIndex)
    {
        using var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", Origin);
        cli.RunWithInput(string.Join('\n', Enumerable.Range(0, 10).Select(i => $"entry {i}")), "log", "append", "--db", cli.Database, "--batch", "3");
        Assert.Equal(0, cli.Run("log", "verify", "--db", cli.Database).ExitCode);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={cli.Database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = tamper;
            command.ExecuteNonQuery();
        }

        var verify = cli.Run("log", "verify", "--db", cli.Database);

        Assert.Equal(1, verify.ExitCode);
        Assert.StartsWith($"FAILED: first bad index {firstBadIndex}:", verify.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "log", "frobnicate" }, "Unrecognized command or argument 'frobnicate'")]
    [InlineData(new[] { "log", "init", "--db", "x.db" }, "Option '--origin' is required")]
    [InlineData(new[] { "log", "proof", "--db", "x.db", "--index", "minus-one" }, "minus-one")]
    [InlineData(new[] { "log", "append", "--batch", "0" }, "--batch must be between 1 and 1000000")]
    public void Bad_arguments_give_one_line_and_exit_code_2(string[] args, string expected)
    {
        using var cli = new CliRunner();

        var result = cli.Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_database_gives_one_line_that_says_how_to_create_it()
    {
        using var cli = new CliRunner();

        var result = cli.Run("log", "checkpoint", "--db", Path.Combine(cli.Folder, "absent.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("resettrail log init", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(cli.Folder, "absent.db")));
    }

    [Fact]
    public void A_database_in_a_missing_folder_gives_one_line()
    {
        using var cli = new CliRunner();

        var result = cli.Run("log", "init", "--db", Path.Combine(cli.Folder, "no-such-folder", "x.db"), "--origin", Origin);

        Assert.Equal((1, "resettrail: cannot open the database file: check that its folder exists and is writable\n"), (result.ExitCode, result.Error));
    }

    [Fact]
    public void A_file_that_is_not_a_database_is_named_and_left_alone()
    {
        using var cli = new CliRunner();
        var notes = cli.WriteFile("notes.txt", "shopping list\n");

        var verify = cli.Run("log", "verify", "--db", notes);
        var init = cli.Run("log", "init", "--db", notes, "--origin", Origin);

        Assert.Equal((1, $"resettrail: '{notes}' is not a SQLite database\n"), (verify.ExitCode, verify.Error));
        Assert.Equal(1, init.ExitCode);
        Assert.Contains("file is not a database", init.Error, StringComparison.Ordinal);
        Assert.Equal("shopping list\n", File.ReadAllText(notes));
        Assert.False(File.Exists(notes + ".key"));
    }

    [Fact]
    public void Proof_and_checkpoint_requests_beyond_the_log_fail_with_a_reason()
    {
        using var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", Origin);
        cli.RunWithInput("a\nb\n", "log", "append", "--db", cli.Database);

        var proof = cli.Run("log", "proof", "--db", cli.Database, "--index", "2");
        var checkpoint = cli.Run("log", "checkpoint", "--db", cli.Database, "--size", "1");

        Assert.Equal((1, "resettrail: index 2 is not in a tree of 2 entries\n"), (proof.ExitCode, proof.Error));
        Assert.Equal(1, checkpoint.ExitCode);
        Assert.Contains("no checkpoint was signed at size 1", checkpoint.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_command_has_help()
    {
        using var cli = new CliRunner();
        foreach (var command in new[] { "init", "key", "append", "checkpoint", "proof", "consistency", "entries", "verify", "rotate-key" })
        {
            var help = cli.Run("log", command, "--help");
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("Usage:", help.Output, StringComparison.Ordinal);
            Assert.Contains("--db", help.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Appenders_in_separate_processes_get_one_gapless_order()
    {
        using var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", Origin);
        const int processes = 3;
        const int linesEach = 30;

        var running = Enumerable.Range(0, processes)
            .Select(p => CliRunner.Start(
                string.Concat(Enumerable.Range(0, linesEach).Select(i => $"process {p} line {i}\n")),
                "log", "append", "--db", cli.Database, "--batch", "1"))
            .ToList();
        var indices = new List<ulong>();
        foreach (var process in running)
        {
            var output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
            indices.AddRange(output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(ulong.Parse));
        }

        Assert.Equal(Enumerable.Range(0, processes * linesEach).Select(i => (ulong)i), indices.Order());
        var verify = cli.Run("log", "verify", "--db", cli.Database);
        Assert.Equal($"ok: {processes * linesEach} entries and {1 + (processes * linesEach)} checkpoints verified\n", verify.Output);
    }
}
