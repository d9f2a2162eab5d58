using ResetTrail.Cli.Console;
using ResetTrail.Cli.Ingestion;
using ResetTrail.Detection.Signals;

namespace ResetTrail.Cli.Detection;

/// <summary>The case signals (opened, verification failed or passed, approved, executed) of every case in --db, in time order.</summary>
internal static class CaseSignalFiles
{
    public static List<CaseSignal> Load(string? database, CliIO io) =>
        database is null ? [] : [.. ReconcileCommand.LoadCases(database, io).SelectMany(CaseSignals.Of).OrderBy(s => s.Time)];
}
