using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.EvidenceLog.Checkpoints;
using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.Cli.Log;

/// <summary>
/// <c>resettrail log verify-consistency</c>: offline, with the public key alone: checks that a newer
/// checkpoint extends an older one (the log was only appended to in between).
/// </summary>
internal static class VerifyConsistencyCommand
{
    public static Command Create(CliIO io)
    {
        var key = new Option<string>("--key") { Description = "The log's verifier key, or a file holding it", HelpName = "VKEY|FILE", Required = true };
        var older = new Option<string>("--old") { Description = "The older signed checkpoint", HelpName = "FILE", Required = true };
        var newer = new Option<string>("--new") { Description = "The newer signed checkpoint", HelpName = "FILE", Required = true };
        var proof = new Option<string>("--proof") { Description = "The proof printed by 'resettrail log consistency'", HelpName = "FILE", Required = true };
        var command = new Command("verify-consistency", "Verify offline that the newer checkpoint extends the older one; no database needed")
        {
            key, older, newer, proof,
        };
        command.SetAction(parse =>
        {
            var verifier = OfflineInputs.Key(parse.GetValue(key)!);
            var first = Checkpoint.Open(OfflineInputs.ReadText(parse.GetValue(older)!), verifier.Name, [verifier]);
            var second = Checkpoint.Open(OfflineInputs.ReadText(parse.GetValue(newer)!), verifier.Name, [verifier]);
            if (!first.IsSuccess || !second.IsSuccess)
            {
                return VerifyProofCommand.Fail(io, first.Error ?? second.Error!);
            }

            var hashes = new List<byte[]>();
            var lines = OfflineInputs.ReadText(parse.GetValue(proof)!).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < lines.Length; i++)
            {
                var hash = new byte[Rfc6962.HashSize];
                if (!Convert.TryFromBase64String(lines[i], hash, out var written) || written != Rfc6962.HashSize)
                {
                    return VerifyProofCommand.Fail(io, $"proof line {i + 1} is not a base64 SHA-256 hash");
                }

                hashes.Add(hash);
            }

            var (a, b) = (first.Value, second.Value);
            var check = ProofVerifier.VerifyConsistency(a.Size, b.Size, hashes, a.RootHash, b.RootHash);
            if (!check.IsValid)
            {
                return VerifyProofCommand.Fail(io, check.Error!);
            }

            io.Output.WriteLine($"ok: size {b.Size} extends size {a.Size}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
