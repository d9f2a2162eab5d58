using System.CommandLine;
using ResetTrail.Cli.Console;

namespace ResetTrail.Cli.Log;

/// <summary><c>resettrail log ...</c>: the tamper-evident evidence log.</summary>
internal static class LogCommands
{
    public static Command Create(CliIO io) => new("log", "The tamper-evident evidence log: append, checkpoints, proofs, verification")
    {
        InitCommand.Create(io),
        KeyCommand.Create(io),
        AppendCommand.Create(io),
        CheckpointCommand.Create(io),
        ProofCommand.Create(io),
        ConsistencyCommand.Create(io),
        EntriesCommand.Create(io),
        VerifyCommand.Create(io),
        VerifyProofCommand.Create(io),
        VerifyConsistencyCommand.Create(io),
        RotateKeyCommand.Create(io),
    };
}
