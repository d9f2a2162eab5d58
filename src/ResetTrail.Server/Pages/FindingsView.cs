using ResetTrail.Core.Workflow;
using ResetTrail.Ingestion.Reconciliation;
using ResetTrail.Server.Cases;
using ResetTrail.Server.Hosting;

namespace ResetTrail.Server.Pages;

/// <summary>Reconciliation findings as 'resettrail reconcile --db' computes them: the events ingest stored, matched against every case.</summary>
public sealed class FindingsView(ServerDatabase database, CaseSnapshot cases, TimeProvider time)
{
    public Reconciliation Reconcile() => Reconcile(cases.Current());

    /// <summary>The findings over <paramref name="all"/>, every case the caller already holds.</summary>
    public Reconciliation Reconcile(IReadOnlyList<ResetCase> all)
    {
        var reconciler = new Reconciler(all, [], EvidentPersonMatcher.Instance, new ReconcileOptions(), time.GetUtcNow());
        var findings = reconciler.Reconcile(database.Events.ReadAll()).ToList();
        return new Reconciliation(findings, reconciler.Summary);
    }
}

public sealed record Reconciliation(IReadOnlyList<Finding> Findings, ReconcileSummary Summary);
