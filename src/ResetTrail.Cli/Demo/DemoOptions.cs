namespace ResetTrail.Cli.Demo;

/// <summary>The demo's knobs, validated at the command line.</summary>
internal sealed record DemoOptions(int Days, int CasesPerDay, ulong Seed, string Origin);
