namespace ResetTrail.Cli.Console;

/// <summary>Process exit codes, stable for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The command ran and found a problem (a failed verification, a bad file).</summary>
    public const int Failed = 1;

    /// <summary>The command line itself was wrong.</summary>
    public const int Usage = 2;
}
