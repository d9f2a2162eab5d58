using System.Text.Json.Nodes;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.EvidenceLog.Notes;
using ResetTrail.Storage.Sqlite.Cases;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Cli.Tests.Bundles;

public sealed class BundleCommandsTests : IDisposable
{
    private readonly CliRunner cli = new();

    public BundleCommandsTests() => VerifierKey = RecordClosedCase();

    private string VerifierKey { get; }

    [Fact]
    public void Export_writes_a_bundle_that_verify_accepts_and_tells_as_an_account()
    {
        var exported = cli.Run("bundle", "export", "RT-7", "--db", cli.Database);
        Assert.Equal(0, exported.ExitCode);
        var file = cli.WriteFile("rt-7.bundle.json", exported.Output);

        var verified = cli.Run("bundle", "verify", file, "--key", VerifierKey);

        Assert.True(verified.ExitCode == 0, verified.Output + verified.Error);
        Assert.Contains("result  VALID: every check passed", verified.Output, StringComparison.Ordinal);
        Assert.Contains("case      RT-7  [closed]", verified.Output, StringComparison.Ordinal);
        Assert.Contains("policy    version 2026-11-01", verified.Output, StringComparison.Ordinal);
        Assert.Contains("eddie.executor", verified.Output, StringComparison.Ordinal);
        Assert.Matches(@"case\.reset_executed\s+reset executed, IdP event okta-1; rule standard-password \(line \d+\)", verified.Output);
        Assert.DoesNotContain("FAILED", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_to_a_file_and_a_json_report_for_scripts()
    {
        var path = Path.Combine(cli.Folder, "out.json");
        var exported = cli.Run("bundle", "export", "RT-7", "--db", cli.Database, "--out", path);
        Assert.Equal(0, exported.ExitCode);
        Assert.Contains("wrote", exported.Error, StringComparison.Ordinal);
        var keyFile = cli.WriteFile("log.vkey", VerifierKey + "\n");

        var verified = cli.Run("bundle", "verify", path, "--key", keyFile, "--format", "json");

        Assert.Equal(0, verified.ExitCode);
        var report = JsonNode.Parse(verified.Output)!;
        Assert.True(report["valid"]!.GetValue<bool>());
        Assert.True(report["account"]!["closed"]!.GetValue<bool>());
    }

    [Fact]
    public void A_tampered_bundle_fails_with_the_check_and_entry_that_failed()
    {
        var json = cli.Run("bundle", "export", "RT-7", "--db", cli.Database).Output;
        var bundle = JsonNode.Parse(json)!;
        var entry = bundle["entries"]![2]!;
        var bytes = Convert.FromBase64String(entry["entry"]!.GetValue<string>());
        bytes[^3] ^= 0x01;
        entry["entry"] = Convert.ToBase64String(bytes);
        var file = cli.WriteFile("tampered.json", bundle.ToJsonString());

        var verified = cli.Run("bundle", "verify", file, "--key", VerifierKey);

        Assert.Equal(1, verified.ExitCode);
        Assert.Matches(@"FAILED\s+entry\.inclusion\s+entry 2 \(log index \d+\): the entry is not included", verified.Output);
        Assert.Contains("result  INVALID", verified.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Export_of_an_unknown_case_and_verify_with_a_bad_key_are_refused()
    {
        var unknown = cli.Run("bundle", "export", "RT-404", "--db", cli.Database);
        Assert.Equal((1, "resettrail: RT-2002: no case RT-404\n"), (unknown.ExitCode, unknown.Error.ReplaceLineEndings("\n")));

        var file = cli.WriteFile("b.json", cli.Run("bundle", "export", "RT-7", "--db", cli.Database).Output);
        var badKey = cli.Run("bundle", "verify", file, "--key", "not-a-key");
        Assert.Equal(2, badKey.ExitCode);
        Assert.Contains("--key:", badKey.Error, StringComparison.Ordinal);
    }

    public void Dispose() => cli.Dispose();

    /// <summary>
    /// Publishes the sample policy and records a standard password reset through the real policy and the store,
    /// from opening to closing; returns the log's verifier key.
    /// </summary>
    private string RecordClosedCase()
    {
        var text = File.ReadAllBytes(Path.Combine(Root(), "policies", "sample-policy.yaml"));
        var policy = PolicyLoader.Load(text, "sample-policy.yaml").Policy ?? throw new InvalidOperationException("the sample policy does not load");
        var opened = SqliteEvidenceLog.Initialize(cli.Database, "example.com/resettrail", SigningKeyFile.DefaultPathFor(cli.Database), cli.Time);
        using var log = opened.IsSuccess ? opened.Value : throw new InvalidOperationException(opened.Error);
        var store = new SqliteCaseStore(log);
        store.Publish(text, policy.Hash, policy.Version, "policies/sample-policy.yaml", "ivy.iam", cli.Time.GetUtcNow());
        var request = new OpenCaseRequest("RT-7", new Ticket("jira", "HD-7", null), new TargetIdentity("corp", "tom"), ResetKind.Password,
            Channel.Phone, new Initiator(InitiatorType.Internal, null), "rita.requester", "rita.requester");
        Step(store, _ => CaseCommands.Open(request, policy, cli.Time.GetUtcNow()));
        Step(store, c => CaseCommands.Verify(c!, "vera.verifier", VerificationMethod.CallbackOnRecord, true, [], policy, cli.Time.GetUtcNow()));
        Step(store, c => CaseCommands.Verify(c!, "vera.verifier", VerificationMethod.PushToEnrolledDevice, true, [], policy, cli.Time.GetUtcNow()));
        Step(store, c => CaseCommands.Execute(c!, "eddie.executor", "okta-1", cli.Time.GetUtcNow(), cli.Time.GetUtcNow()));
        Step(store, c => CaseCommands.CompleteTask(c!, "eddie.executor", PostResetTaskKind.RevokeSessions, null, cli.Time.GetUtcNow()));
        Step(store, c => CaseCommands.CompleteTask(c!, "eddie.executor", PostResetTaskKind.NotifyUser, null, cli.Time.GetUtcNow()));
        cli.Time.Advance(TimeSpan.FromDays(7));
        Step(store, c => CaseCommands.CompleteTask(c!, "ivy.iam", PostResetTaskKind.FollowUp, "no unexpected sign-ins in 7 days", cli.Time.GetUtcNow()));
        Step(store, c => CaseCommands.Close(c!, "eddie.executor", null, cli.Time.GetUtcNow()));
        return log.Verifier.ToString();
    }

    private void Step(SqliteCaseStore store, Func<ResetCase?, Core.Outcome<Core.Evidence.EvidenceRecord>> decide)
    {
        cli.Time.Advance(TimeSpan.FromMinutes(2));
        var receipt = store.Apply("RT-7", decide);
        Assert.True(receipt.IsSuccess, receipt.Error?.ToString());
    }

    private static string Root()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ResetTrail.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ResetTrail.slnx not found above the test binaries");
    }
}
