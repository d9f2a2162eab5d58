using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>
/// Security or IAM reviews, after the fact, a reset that took the policy's emergency path, as the authority the policy
/// names. The workflow refuses a reviewer who approved or executed the reset.
/// </summary>
[Authorize(Policy = Permissions.ReviewCase)]
public sealed class ReviewModel(CaseDesk desk) : CaseStepPage(desk)
{
    [BindProperty]
    public string? Authority { get; set; }

    [BindProperty]
    public string? ReviewNote { get; set; }

    /// <summary>The authority the policy wants the review from, when the case took the emergency path.</summary>
    public string? ReviewAuthority => Case is { EmergencyPath: true, Decision.Emergency: { } emergency } ? emergency.ReviewAuthority : null;

    public IActionResult OnPost(string id) => RunWithText(id, Authority, nameof(Authority), "choose the authority you review as", (current, actor, now, authority) =>
        CaseCommands.ReviewEmergency(current, actor, authority, Optional(ReviewNote), now));
}
