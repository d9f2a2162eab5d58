using ResetTrail.Core.Workflow;
using ResetTrail.Ingestion.Reconciliation;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Pages;

/// <summary>Reconciliation findings as 'resettrail reconcile --db' computes them: the events ingest stored, matched against every case.</summary>
public sealed class FindingsView(ServerDatabase database, TimeProvider time)
{
    public Reconciliation Reconcile()
    {
        var reconciler = new Reconciler(database.Cases.LoadAll(), [], EvidentPersonMatcher.Instance, new ReconcileOptions(), time.GetUtcNow());
        var findings = reconciler.Reconcile(database.Events.ReadAll()).ToList();
        return new Reconciliation(findings, reconciler.Summary);
    }
}

public sealed record Reconciliation(IReadOnlyList<Finding> Findings, ReconcileSummary Summary);
