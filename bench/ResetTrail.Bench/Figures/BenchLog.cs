using ResetTrail.Bench.Harness;
using ResetTrail.Storage.Sqlite.EvidenceLog;

namespace ResetTrail.Bench.Figures;

internal static class BenchLog
{
    public const string Origin = "bench.example/resettrail";

    /// <summary>A fresh log (with its own signing key) in the workspace; a failure here is a bug in the bench.</summary>
    public static SqliteEvidenceLog Create(Workspace workspace, string name)
    {
        var created = SqliteEvidenceLog.Initialize(workspace.PathFor(name + ".db"), Origin, workspace.PathFor(name + ".key"), TimeProvider.System);
        return created.IsSuccess ? created.Value : throw new InvalidOperationException($"could not create the bench log: {created.Error}");
    }
}
