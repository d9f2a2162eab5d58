using System.CommandLine;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Log;
using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;

namespace ResetTrail.Cli.Cases;

/// <summary>The options case commands share, and running one step against the store.</summary>
internal sealed class CaseOptions
{
    public Option<string> Database { get; } = LogOptions.Database();

    public Option<string?> Key { get; } = LogOptions.Key();

    public Option<string> Actor { get; } = new("--actor")
    {
        Description = "Who performs this step (recorded in the evidence). The server will take it from the signed-in user",
        HelpName = "NAME",
        Required = true,
    };

    public Argument<string> Case { get; } = new("CASE") { Description = "The case id, as printed by 'case open'" };

    public Command Step(string name, string description, params Symbol[] extra)
    {
        var command = new Command(name, description) { Case, Actor, Database, Key };
        foreach (var symbol in extra)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
            }
        }

        return command;
    }

    /// <summary>Opens the log for writing, runs one step, prints the case's new state and what comes next.</summary>
    public int Run(ParseResult parse, CliIO io, Func<ICaseStore, ResetCase?, DateTimeOffset, Outcome<EvidenceRecord>> decide, string? caseId = null)
    {
        using var opened = LogOptions.OpenForWriting(parse, Database, Key, io);
        var store = opened.Cases;
        var id = caseId ?? parse.GetValue(Case)!;
        var now = io.Time.GetUtcNow();
        var receipt = store.Apply(id, current => decide(store, current, now));
        if (!receipt.IsSuccess)
        {
            throw new CommandFailedException($"{receipt.Error.Code}: {receipt.Error.Message}");
        }

        var updated = receipt.Value.Case;
        io.Output.WriteLine($"{updated.Id} {WireName.Of(updated.State)} (evidence entry {receipt.Value.LogIndex})");
        io.Output.WriteLine($"next: {NextStep.Describe(updated, now)}");
        return ExitCodes.Ok;
    }

    /// <summary>Runs a step on a case that must already exist.</summary>
    public int RunOnCase(ParseResult parse, CliIO io, Func<ICaseStore, ResetCase, string, DateTimeOffset, Outcome<EvidenceRecord>> step)
    {
        var id = parse.GetValue(Case)!;
        var actor = parse.GetValue(Actor)!;
        return Run(parse, io, (store, current, now) => current is null ? WorkflowErrors.CaseNotFound(id) : step(store, current, actor, now));
    }

    public static T ParseWire<T>(string? text, string option)
        where T : struct, Enum =>
        WireName.TryParse<T>(text, out var value)
            ? value
            : throw new CommandFailedException($"{option} '{text}' is not one of: {string.Join(", ", WireName.All<T>())}", ExitCodes.Usage);
}
