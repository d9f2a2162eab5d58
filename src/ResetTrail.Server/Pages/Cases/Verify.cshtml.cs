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
    [BindProperty]
    public string? Method { get; set; }

    [BindProperty]
    public string? Result { get; set; }

    public IActionResult OnPost(string id) => Run(id, (current, actor, now) =>
    {
        var method = Wire<VerificationMethod>(Method, "method");
        if (!method.IsSuccess)
        {
            return method.Error;
        }

        if (Result is not ("passed" or "failed"))
        {
            return WorkflowErrors.Invalid("result: passed or failed");
        }

        return CaseCommands.Verify(current, actor, method.Value, Result == "passed", [], PublishedPolicies.ForCase(Desk.Database.Cases, current), now);
    });
}
