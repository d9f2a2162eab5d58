using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>
/// Ends a case the way its state allows: before the reset it is cancelled (a reason is required); after it, it is
/// closed once the post-reset validation is done (every task, and the emergency review on that path). The workflow
/// decides; the page shows the form that fits the state.
/// </summary>
[Authorize(Policy = Permissions.EndCase)]
public sealed class EndModel(CaseDesk desk) : CaseStepPage(desk)
{
    [BindProperty]
    public string? CancelReason { get; set; }

    [BindProperty]
    public string? CloseNote { get; set; }

    /// <summary>True while the reset is not done: the case can be cancelled.</summary>
    public bool Cancellable => Case?.State is CaseState.Opened or CaseState.Verifying or CaseState.AwaitingApproval or CaseState.Approved;

    /// <summary>True after the reset: the case is closed when its validation is done.</summary>
    public bool Closable => Case?.State is CaseState.Executed or CaseState.Validating;

    public IActionResult OnPostCancel(string id) => RunWithText(id, CancelReason, nameof(CancelReason), "say why the case is cancelled", (current, actor, now, reason) =>
        CaseCommands.Cancel(current, actor, reason, now));

    public IActionResult OnPostClose(string id) => Run(id, (current, actor, now) => CaseCommands.Close(current, actor, Optional(CloseNote), now));
}
