namespace ResetTrail.Cli.Tests.Interop;

/// <summary>
/// Our checkpoints and proofs, as the CLI prints them, checked by a verifier that is not ours:
/// Go's golang.org/x/mod/sumdb/note (signed notes) and sumdb/tlog (RFC 6962 proofs).
/// </summary>
public sealed class GoSumdbInteropTests
{
    private const string Origin = "interop.example/resettrail";

    [Fact]
    public void Go_verifies_our_checkpoints_inclusion_and_consistency_proofs()
    {
        using var cli = new CliRunner();
        var vkey = cli.WriteFile("log.vkey", cli.Run("log", "init", "--db", cli.Database, "--origin", Origin).Output);
        var entries = Enumerable.Range(0, 37).Select(i => $"{{\"case\":{i},\"step\":\"verified\"}}").ToList();
        cli.RunWithInput(string.Join('\n', entries[..13]) + "\n", "log", "append", "--db", cli.Database);
        cli.RunWithInput(string.Join('\n', entries[13..]) + "\n", "log", "append", "--db", cli.Database, "--batch", "8");
        var sizes = new[] { 13, 21, 29, 37 };

        foreach (var size in sizes)
        {
            var checkpoint = cli.WriteFile($"cp{size}", cli.Run("log", "checkpoint", "--db", cli.Database, "--size", $"{size}").Output);
            var opened = GoSumdbVerifier.Run("checkpoint", vkey, checkpoint);
            Assert.True(opened.ExitCode == 0, opened.Error);
            Assert.StartsWith($"{Origin} {size} ", opened.Output, StringComparison.Ordinal);

            for (var index = 0; index < size; index++)
            {
                var proof = cli.WriteFile("proof", cli.Run("log", "proof", "--db", cli.Database, "--index", $"{index}", "--size", $"{size}").Output);
                var entry = cli.WriteFile("entry", entries[index]);
                var included = GoSumdbVerifier.Run("inclusion", vkey, proof, entry);
                Assert.True(included.ExitCode == 0, $"index {index} size {size}: {included.Error}");
            }
        }

        foreach (var older in sizes)
        {
            foreach (var newer in sizes.Where(s => s > older))
            {
                var proof = cli.WriteFile("consistency", cli.Run("log", "consistency", "--db", cli.Database, "--from", $"{older}", "--to", $"{newer}").Output);
                var result = GoSumdbVerifier.Run("consistency", vkey, Path.Combine(cli.Folder, $"cp{older}"), Path.Combine(cli.Folder, $"cp{newer}"), proof);
                Assert.True(result.ExitCode == 0, $"{older}->{newer}: {result.Error}");
                Assert.Equal($"ok {older} {newer}", result.Output.Trim());
            }
        }
    }

    [Fact]
    public void Go_rejects_a_proof_for_an_entry_we_did_not_log()
    {
        using var cli = new CliRunner();
        var vkey = cli.WriteFile("log.vkey", cli.Run("log", "init", "--db", cli.Database, "--origin", Origin).Output);
        cli.RunWithInput("approved\ndenied\n", "log", "append", "--db", cli.Database);
        var proof = cli.WriteFile("proof", cli.Run("log", "proof", "--db", cli.Database, "--index", "1").Output);

        var honest = GoSumdbVerifier.Run("inclusion", vkey, proof, cli.WriteFile("honest", "denied"));
        var forged = GoSumdbVerifier.Run("inclusion", vkey, proof, cli.WriteFile("forged", "approved!"));

        Assert.Equal(0, honest.ExitCode);
        Assert.NotEqual(0, forged.ExitCode);
    }

    [Fact]
    public void Go_rejects_our_checkpoint_under_another_key()
    {
        using var cli = new CliRunner();
        cli.Run("log", "init", "--db", cli.Database, "--origin", Origin);
        var otherDatabase = Path.Combine(cli.Folder, "other.db");
        var otherKey = cli.WriteFile("other.vkey", cli.Run("log", "init", "--db", otherDatabase, "--origin", Origin).Output);
        var checkpoint = cli.WriteFile("cp", cli.Run("log", "checkpoint", "--db", cli.Database).Output);

        var result = GoSumdbVerifier.Run("checkpoint", otherKey, checkpoint);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no verifiable signatures", result.Error, StringComparison.Ordinal);
    }
}
