namespace ResetTrail.Cli.Console;

/// <summary>An expected failure of a command: printed as one line on standard error, never with a stack trace.</summary>
public sealed class CommandFailedException(string message, int exitCode = ExitCodes.Failed) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
