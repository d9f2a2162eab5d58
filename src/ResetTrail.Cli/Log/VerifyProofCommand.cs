using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Proofs;

namespace ResetTrail.Cli.Log;

/// <summary>
/// <c>resettrail log verify-proof</c>: what an auditor runs offline, with the public key alone: checks a
/// c2sp.org/tlog-proof@v1 proof's checkpoint signature and that the entry is included at its index.
/// </summary>
internal static class VerifyProofCommand
{
    public static Command Create(CliIO io)
    {
        var key = new Option<string>("--key") { Description = "The log's verifier key, or a file holding it", HelpName = "VKEY|FILE", Required = true };
        var proof = new Option<string>("--proof") { Description = "The proof file printed by 'resettrail log proof'", HelpName = "FILE", Required = true };
        var entry = new Option<string>("--entry") { Description = "A file holding the entry's exact bytes", HelpName = "FILE", Required = true };
        var origin = new Option<string?>("--origin") { Description = "The expected log origin. Default: the key's name", HelpName = "ORIGIN" };
        var command = new Command("verify-proof", "Verify an inclusion proof offline with the log's public key; no database needed") { key, proof, entry, origin };
        command.SetAction(parse =>
        {
            var verifier = OfflineInputs.Key(parse.GetValue(key)!);
            var parsed = TlogProof.Parse(OfflineInputs.ReadText(parse.GetValue(proof)!));
            if (!parsed.IsSuccess)
            {
                return Fail(io, parsed.Error);
            }

            var checkpoint = Checkpoint.Open(parsed.Value.SignedCheckpoint, parse.GetValue(origin) ?? verifier.Name, [verifier]);
            if (!checkpoint.IsSuccess)
            {
                return Fail(io, checkpoint.Error);
            }

            var leaf = Rfc6962.HashLeaf(OfflineInputs.ReadBytes(parse.GetValue(entry)!));
            var check = ProofVerifier.VerifyInclusion(parsed.Value.Index, checkpoint.Value.Size, leaf, parsed.Value.InclusionProof, checkpoint.Value.RootHash);
            if (!check.IsValid)
            {
                return Fail(io, check.Error!);
            }

            io.Output.WriteLine($"ok: entry {parsed.Value.Index} is in {checkpoint.Value.Origin} at size {checkpoint.Value.Size}");
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static int Fail(CliIO io, string reason)
    {
        io.Output.WriteLine($"FAILED: {reason}");
        return ExitCodes.Failed;
    }
}
