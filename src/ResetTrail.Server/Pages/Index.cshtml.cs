using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;
using ResetTrail.Server.Cases;
using ResetTrail.Server.Pages.Charts;

namespace ResetTrail.Server.Pages;

/// <summary>The dashboard: resets per day by tier, kind and channel; evidence completeness; findings by owner; time to validation.</summary>
[Authorize(Policy = Permissions.ReadCases)]
public sealed class IndexModel(CaseDesk desk, CaseSnapshot cases, FindingsView findings) : PageModel
{
    public DashboardFigures Figures { get; private set; } = null!;

    public void OnGet()
    {
        var all = cases.Current();
        Figures = new DashboardFigures(all, findings.Reconcile(all), desk.Now);
    }
}

/// <summary>How the dashboard writes shares and durations.</summary>
public static class DashboardFiguresText
{
    public static string Share(long part, long whole) => DashboardFigures.Percent(part, whole);

    public static string Duration(TimeSpan span) => span.TotalHours >= 1
        ? span.TotalHours.ToString("0.#", CultureInfo.InvariantCulture) + " h"
        : span.TotalMinutes.ToString("0", CultureInfo.InvariantCulture) + " min";
}
