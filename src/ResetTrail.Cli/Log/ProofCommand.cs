using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.EvidenceLog.Proofs;

namespace ResetTrail.Cli.Log;

/// <summary><c>resettrail log proof</c>: prints a c2sp.org/tlog-proof@v1 inclusion proof with its signed checkpoint.</summary>
internal static class ProofCommand
{
    public static Command Create(CliIO io)
    {
        var database = LogOptions.Database();
        var size = LogOptions.Size();
        var index = new Option<ulong>("--index") { Description = "Index of the entry to prove", HelpName = "I", Required = true };
        var command = new Command("proof", "Print the inclusion proof of entry I against the latest checkpoint (or the one for size N)")
        {
            database, index, size,
        };
        command.SetAction(parse =>
        {
            using var store = LogOptions.OpenForReading(parse, database, io);
            var log = store.Log;
            var requested = parse.GetValue(size);
            var checkpoint = requested is null ? log.LatestCheckpoint() : LogOptions.Require(log.CheckpointAt(requested.Value));
            var proof = LogOptions.Require(log.InclusionProof(parse.GetValue(index), checkpoint.Size));
            io.Output.Write(new TlogProof(parse.GetValue(index), proof, checkpoint.SignedNote).Format());
            return ExitCodes.Ok;
        });
        return command;
    }
}
