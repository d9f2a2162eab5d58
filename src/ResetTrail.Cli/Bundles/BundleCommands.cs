using System.CommandLine;
using System.Text;
using System.Text.Json;
using ResetTrail.Bundles.Account;
using ResetTrail.Bundles.Export;
using ResetTrail.Bundles.Format;
using ResetTrail.Bundles.Verification;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;

namespace ResetTrail.Cli.Bundles;

/// <summary>
/// <c>resettrail bundle export|verify</c>: one case's evidence as a file an auditor verifies offline with the log's
/// public key alone (docs/design/bundle-format.md).
/// </summary>
internal static class BundleCommands
{
    public static Command Create(CliIO io) => new("bundle", "Evidence bundles: export a case's evidence with its proofs; verify one offline")
    {
        Export(io),
        Verify(io),
    };

    private static Command Export(CliIO io)
    {
        var id = new Argument<string>("CASE") { Description = "The case id" };
        var database = LogOptions.Database();
        var output = new Option<string?>("--out") { Description = "Write the bundle to this file. Default: standard output", HelpName = "FILE" };
        var command = new Command("export", "Write one case's evidence bundle: every entry with its inclusion proof against the latest checkpoint, the policy version and the decision")
        {
            id, database, output,
        };
        command.SetAction(parse =>
        {
            using var opened = LogOptions.OpenForReading(parse, database, io);
            var log = opened.Log;
            var store = opened.Cases;
            var caseId = parse.GetValue(id)!;
            // The case's entries first, then the checkpoint (taken by the exporter): it covers every entry read.
            var bundle = CaseBundle.Export(log, store, caseId, opened.Cases.EntryIndices(caseId), io.Time.GetUtcNow());
            if (!bundle.IsSuccess)
            {
                throw new CommandFailedException(bundle.Error);
            }

            var json = BundleJson.Write(bundle.Value);
            if (parse.GetValue(output) is { } path)
            {
                File.WriteAllText(path, json, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                io.Error.WriteLine($"wrote {path}: case {caseId}, {bundle.Value.Entries.Count} entries, checkpoint size {CheckpointSize(bundle.Value.Checkpoint)}");
            }
            else
            {
                io.Output.Write(json);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command Verify(CliIO io)
    {
        var file = new Argument<string>("FILE") { Description = "The bundle file written by 'bundle export'" };
        var key = new Option<string>("--key") { Description = "The log's verifier key, or a file holding it", HelpName = "VKEY|FILE", Required = true };
        var format = new Option<string>("--format") { Description = "text or json", HelpName = "FORMAT", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var command = new Command("verify", "Verify a bundle offline with the public key alone, and print who did what, when, under which rule")
        {
            file, key, format,
        };
        command.SetAction(parse =>
        {
            var verifier = OfflineInputs.Key(parse.GetValue(key)!);
            var report = BundleVerifier.Verify(OfflineInputs.ReadBytes(parse.GetValue(file)!), verifier);
            if (parse.GetValue(format) == "json")
            {
                io.Output.WriteLine(BundleReportJson.ToJson(report).ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
            }
            else
            {
                BundleReportText.Write(report, io.Output);
            }

            return report.IsValid ? ExitCodes.Ok : ExitCodes.Failed;
        });
        return command;
    }

    private static string CheckpointSize(string note) => note.Split('\n') is { Length: > 1 } lines ? lines[1] : "?";
}
