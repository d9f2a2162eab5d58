namespace ResetTrail.Cli.Console;

/// <summary>The streams and clock a command uses; injected so tests run commands in-process.</summary>
public sealed record CliIO(TextReader Input, TextWriter Output, TextWriter Error, TimeProvider Time)
{
    /// <summary>Standard input as bytes, when the command runs against the real console.</summary>
    public Stream OpenInputBytes() =>
        ReferenceEquals(Input, System.Console.In) ? System.Console.OpenStandardInput() : new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Input.ReadToEnd()));

    /// <summary>Progress goes to standard error, and only when a person is watching it.</summary>
    public bool ShowsProgress => ReferenceEquals(Error, System.Console.Error) && !System.Console.IsErrorRedirected;
}
