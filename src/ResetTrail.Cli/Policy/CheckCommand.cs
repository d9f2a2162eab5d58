using System.CommandLine;
using ResetTrail.Cli.Console;

namespace ResetTrail.Cli.Policy;

/// <summary>
/// <c>resettrail policy check FILE</c>: every problem as <c>file:line:col: field: message</c> and exit 1, or
/// warnings (if any) and <c>ok: FILE version V sha256 H, N rules</c>. Meant for CI on the policy repository.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliIO io)
    {
        var file = new Argument<string>("FILE") { Description = "The policy file (YAML)" };
        var command = new Command("check", "Validate a policy file; errors name the line and field") { file };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            var result = PolicyFile.Load(path);
            PolicyFile.Print(io, result.Problems);
            if (result.Policy is not { } policy)
            {
                return ExitCodes.Failed;
            }

            io.Output.WriteLine($"ok: {path} version {policy.Version} sha256 {policy.Hash}, {policy.RuleCount} rules");
            return ExitCodes.Ok;
        });
        return command;
    }
}
