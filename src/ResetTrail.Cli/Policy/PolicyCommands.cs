using System.CommandLine;
using ResetTrail.Cli.Console;

namespace ResetTrail.Cli.Policy;

/// <summary><c>resettrail policy ...</c>: check a policy file and explain what it requires of a request.</summary>
internal static class PolicyCommands
{
    public static Command Create(CliIO io) => new("policy", "Reset policy as code: validate a policy file, explain its decisions, publish it")
    {
        CheckCommand.Create(io),
        ExplainCommand.Create(io),
        PublishCommand.Create(io),
    };
}
