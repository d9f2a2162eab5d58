using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>The executor records the reset done in the identity provider; the workflow checks approvals, cooling-off and hours.</summary>
[Authorize(Policy = Permissions.ExecuteCase)]
public sealed class ExecuteModel(CaseDesk desk) : CaseStepPage(desk)
{
    [BindProperty]
    public string? IdpEvent { get; set; }

    public IActionResult OnPost(string id) => Run(id, (current, actor, now) =>
        CaseCommands.Execute(current, actor, string.IsNullOrWhiteSpace(IdpEvent) ? null : IdpEvent.Trim(), null, now));
}
