namespace ResetTrail.Cli.Tests.Log;

/// <summary>An auditor with the public key and the printed files, and no database.</summary>
public sealed class OfflineVerificationTests
{
    private const string Origin = "offline.example/resettrail";

    private static (CliRunner Cli, string Key) LogWithEntries()
    {
        var cli = new CliRunner();
        var key = cli.Run("log", "init", "--db", cli.Database, "--origin", Origin).Output.Trim();
        cli.RunWithInput("opened\nverified\napproved\n", "log", "append", "--db", cli.Database);
        cli.RunWithInput("executed\nclosed\n", "log", "append", "--db", cli.Database);
        return (cli, key);
    }

    [Fact]
    public void A_printed_proof_verifies_with_the_key_alone()
    {
        var (cli, key) = LogWithEntries();
        using var _ = cli;
        var proof = cli.WriteFile("p", cli.Run("log", "proof", "--db", cli.Database, "--index", "2").Output);
        File.Delete(cli.Database);

        var result = cli.Run("log", "verify-proof", "--key", key, "--proof", proof, "--entry", cli.WriteFile("e", "approved"));

        Assert.Equal((0, $"ok: entry 2 is in {Origin} at size 5\n"), (result.ExitCode, result.Output));
    }

    [Theory]
    [InlineData("approved ", "does not match")]
    [InlineData("executed", "does not match")]
    public void A_proof_for_other_bytes_fails(string entry, string reason)
    {
        var (cli, key) = LogWithEntries();
        using var _ = cli;
        var proof = cli.WriteFile("p", cli.Run("log", "proof", "--db", cli.Database, "--index", "2").Output);

        var result = cli.Run("log", "verify-proof", "--key", key, "--proof", proof, "--entry", cli.WriteFile("e", entry));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(reason, result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void A_proof_under_another_key_fails()
    {
        var (cli, _) = LogWithEntries();
        using var __ = cli;
        var otherKey = cli.Run("log", "init", "--db", Path.Combine(cli.Folder, "other.db"), "--origin", Origin).Output.Trim();
        var proof = cli.WriteFile("p", cli.Run("log", "proof", "--db", cli.Database, "--index", "0").Output);

        var result = cli.Run("log", "verify-proof", "--key", otherKey, "--proof", proof, "--entry", cli.WriteFile("e", "opened"));

        Assert.Equal((1, "FAILED: no signature from a known key\n"), (result.ExitCode, result.Output));
    }

    [Fact]
    public void Consistency_verifies_offline_and_a_swapped_pair_fails()
    {
        var (cli, key) = LogWithEntries();
        using var _ = cli;
        var older = cli.WriteFile("old", cli.Run("log", "checkpoint", "--db", cli.Database, "--size", "3").Output);
        var newer = cli.WriteFile("new", cli.Run("log", "checkpoint", "--db", cli.Database).Output);
        var proof = cli.WriteFile("c", cli.Run("log", "consistency", "--db", cli.Database, "--from", "3", "--to", "5").Output);
        var keyFile = cli.WriteFile("log.vkey", key + "\n");

        var good = cli.Run("log", "verify-consistency", "--key", keyFile, "--old", older, "--new", newer, "--proof", proof);
        var swapped = cli.Run("log", "verify-consistency", "--key", keyFile, "--old", newer, "--new", older, "--proof", proof);

        Assert.Equal((0, "ok: size 5 extends size 3\n"), (good.ExitCode, good.Output));
        Assert.Equal(1, swapped.ExitCode);
    }

    [Fact]
    public void A_proof_file_that_is_not_utf8_is_named()
    {
        var (cli, key) = LogWithEntries();
        using var _ = cli;
        var bad = Path.Combine(cli.Folder, "bad");
        File.WriteAllBytes(bad, [0x63, 0x32, 0xff, 0xfe]);

        var result = cli.Run("log", "verify-proof", "--key", key, "--proof", bad, "--entry", bad);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"resettrail: '{bad}' is not valid UTF-8\n", result.Error);
    }

    [Fact]
    public void A_bad_key_is_a_usage_error()
    {
        using var cli = new CliRunner();

        var result = cli.Run("log", "verify-proof", "--key", "not-a-key", "--proof", "p", "--entry", "e");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("resettrail: --key:", result.Error, StringComparison.Ordinal);
    }
}
