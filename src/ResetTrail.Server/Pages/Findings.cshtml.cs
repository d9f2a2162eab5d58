using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResetTrail.Ingestion.Reconciliation;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages;

/// <summary>IAM's and security's findings: reconciliation of the stored IdP events against the cases, filterable, each linking to its evidence.</summary>
[Authorize(Policy = Permissions.ReadFindings)]
public sealed class FindingsModel(FindingsView findings) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Owner { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Severity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    public IReadOnlyList<Finding> Shown { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<string> Owners { get; private set; } = [];

    public ReconcileSummary Summary { get; private set; } = null!;

    public void OnGet()
    {
        var reconciled = findings.Reconcile();
        Summary = reconciled.Summary;
        Total = reconciled.Findings.Count;
        Owners = [.. reconciled.Findings.Select(f => f.Owner).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Shown = [.. reconciled.Findings
            .Where(f => string.IsNullOrEmpty(Owner) || f.Owner == Owner)
            .Where(f => string.IsNullOrEmpty(Severity) || f.Severity == Severity)
            .Where(f => string.IsNullOrWhiteSpace(Code) || f.Code.Equals(Code.Trim(), StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(f => f.Time)];
    }
}
