using System.CommandLine;
using System.Security.Cryptography;
using ResetTrail.Cli.Console;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Cases;

/// <summary><c>resettrail case verify</c>: records one verification attempt, passed or failed.</summary>
internal static class VerifyCaseCommand
{
    public static Command Create(CliIO io)
    {
        var options = new CaseOptions();
        var method = new Option<string>("--method") { Description = $"How the caller was verified: {string.Join(", ", Core.WireName.All<VerificationMethod>())}", HelpName = "METHOD", Required = true };
        var result = new Option<string>("--result") { Description = "passed or failed (a failure is recorded and makes the next attempt stricter)", HelpName = "RESULT", Required = true };
        result.AcceptOnlyFromAmong("passed", "failed");
        var artifacts = new Option<string[]>("--artifact")
        {
            Description = "A file that evidences the check (recording, ID scan); only its SHA-256 enters the log. Repeatable",
            HelpName = "FILE",
        };
        var command = options.Step("verify", "Record a verification attempt by the verifier (--actor)", method, result, artifacts);
        command.SetAction(parse => options.RunOnCase(parse, io, (store, current, actor, now) =>
        {
            var hashes = (parse.GetValue(artifacts) ?? []).Select(HashFile).ToList();
            return CaseCommands.Verify(
                current, actor, CaseOptions.ParseWire<VerificationMethod>(parse.GetValue(method), "--method"),
                parse.GetValue(result) == "passed", hashes, PublishedPolicies.ForCase(store, current), now);
        }));
        return command;
    }

    private static string HashFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new CommandFailedException($"--artifact '{path}' does not exist");
        }

        using var stream = File.OpenRead(path);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
