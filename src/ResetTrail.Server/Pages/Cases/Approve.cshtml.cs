using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>
/// An approver approves exactly what the page showed (the digest travels with the form and must still be the
/// case's digest) or denies with a reason. The approver is the signed-in user; the workflow refuses an approver
/// who is also the requester, verifier or executor where the policy keeps them apart (RT-2101).
/// </summary>
[Authorize(Policy = Permissions.ApproveCase)]
public sealed class ApproveModel(CaseDesk desk) : CaseStepPage(desk)
{
    [BindProperty]
    public string? Digest { get; set; }

    [BindProperty]
    public string? Authority { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    /// <summary>The approver takes the policy's emergency path (fewer approvals, a review afterwards); refused where the rule has none.</summary>
    [BindProperty]
    public bool Emergency { get; set; }

    public IActionResult OnPostApprove(string id) => Run(id, (current, actor, now) =>
        string.IsNullOrWhiteSpace(Digest) || string.IsNullOrWhiteSpace(Authority)
            ? WorkflowErrors.Invalid("digest and authority: required")
            : CaseCommands.Approve(current, actor, Authority.Trim(), Digest.Trim().ToLowerInvariant(), Emergency, Blank(Reason), now));

    public IActionResult OnPostDeny(string id) => Run(id, (current, actor, now) =>
        Blank(Reason) is { } reason ? CaseCommands.Deny(current, actor, reason, now) : WorkflowErrors.Invalid("reason: say why you deny"));

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
