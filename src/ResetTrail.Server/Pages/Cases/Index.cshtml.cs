using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResetTrail.Core;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>Every case, filterable by state.</summary>
[Authorize(Policy = Permissions.ReadCases)]
public sealed class CasesModel(CaseDesk desk) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? State { get; set; }

    public IReadOnlyList<CaseSummary> Cases { get; private set; } = [];

    public void OnGet()
    {
        CaseState? state = WireName.TryParse<CaseState>(State, out var parsed) ? parsed : null;
        State = state is { } s ? WireName.Of(s) : null;
        Cases = [.. desk.Database.Cases.List(new CaseQuery { State = state, Limit = 500 }).OrderByDescending(c => c.OpenedAt)];
    }
}
