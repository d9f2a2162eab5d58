using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using ResetTrail.Core;
using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Delivery;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages;

/// <summary>
/// Security's alerts: what detection queued in its outbox for delivery (each once, latest first), filterable by rule,
/// severity and owner, each with the events and case steps it rests on (case steps link to the case's evidence).
/// The same readers as findings: IAM, security, audit.
/// </summary>
[Authorize(Policy = Permissions.ReadFindings)]
public sealed class AlertsModel(IServiceProvider services) : PageModel
{
    /// <summary>How many of the latest alerts the page reads before it filters.</summary>
    public const int Window = 1000;

    [BindProperty(SupportsGet = true)]
    public string? Rule { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Severity { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Owner { get; set; }

    /// <summary>False when detection is off in this server (no sink configured): nothing is detected or stored.</summary>
    public bool DetectionOn { get; private set; }

    public IReadOnlyList<Alert> Shown { get; private set; } = [];

    public int Total { get; private set; }

    public IReadOnlyList<(string Id, string Title)> Rules { get; private set; } = [];

    public IReadOnlyList<string> Owners { get; private set; } = [];

    public static IReadOnlyList<string> Severities { get; } = [.. WireName.All<ResetTrail.Detection.Alerts.Severity>().Reverse()];

    public void OnGet()
    {
        var outbox = services.GetService<IAlertOutbox>();
        DetectionOn = outbox is not null;
        var alerts = outbox?.Recent(Window) ?? [];
        Total = alerts.Count;
        Rules = [.. alerts.Select(a => (a.Rule.Id, a.Rule.Title)).Distinct().OrderBy(r => r.Id, StringComparer.Ordinal)];
        Owners = [.. alerts.Select(a => a.Rule.Owner).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        Shown = [.. alerts
            .Where(a => string.IsNullOrEmpty(Rule) || a.Rule.Id == Rule)
            .Where(a => string.IsNullOrEmpty(Severity) || WireName.Of(a.Rule.Severity) == Severity)
            .Where(a => string.IsNullOrEmpty(Owner) || a.Rule.Owner == Owner)];
    }

    /// <summary>The case a piece of case evidence belongs to (its id is "case id/step"), or null for an identity provider's event.</summary>
    public static string? CaseOf(AlertEvidence evidence)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        return evidence.Source == "case" && evidence.Id.IndexOf('/', StringComparison.Ordinal) is > 0 and var slash ? evidence.Id[..slash] : null;
    }
}
