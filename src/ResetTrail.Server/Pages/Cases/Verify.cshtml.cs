using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>A desk agent or verifier records one verification attempt, passed or failed.</summary>
[Authorize(Policy = Permissions.VerifyCase)]
public sealed class VerifyModel(CaseDesk desk) : CaseStepPage(desk)
{
    /// <summary>Records the attempt; the form's Method and Result arrive as the handler's arguments.</summary>
    public IActionResult OnPost(string id, string? method, string? result) => result is "passed" or "failed"
        ? RunWith<VerificationMethod>(id, method, "Method", (current, actor, now, chosen) =>
            CaseCommands.Verify(current, actor, chosen, result == "passed", [], PublishedPolicies.ForCase(Desk.Database.Cases, current), now))
        : Refuse(id, "Result", "choose passed or failed");
}
