using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResetTrail.Core;
using ResetTrail.Core.Evidence;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authentication;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>
/// A page that takes one step on a case: GET shows the case as the step will bind to it, POST runs the step as the
/// signed-in user and goes back to the case, or shows the workflow's refusal (code and sentence) on the same page.
/// </summary>
public abstract class CaseStepPage(CaseDesk desk) : PageModel
{
    public ResetCase? Case { get; private set; }

    protected CaseDesk Desk => desk;

    public DomainError? Refusal { get; private set; }

    public string Actor => User.Actor();

    public string Next => Case is null ? string.Empty : NextStep.Describe(Case, desk.Now);

    public IActionResult OnGet(string id)
    {
        Case = desk.Find(id);
        return Case is null ? NotFound() : Page();
    }

    /// <summary>Runs the step; <paramref name="step"/> gets the case as it is inside the step's transaction.</summary>
    protected IActionResult Run(string id, Func<ResetCase, string, DateTimeOffset, Outcome<EvidenceRecord>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        var actor = User.Actor();
        var receipt = desk.Step(id, (current, now) => step(current, actor, now));
        if (receipt.IsSuccess)
        {
            return Redirect($"/cases/{receipt.Value.Case.Id}");
        }

        Case = desk.Find(id);
        if (Case is null)
        {
            return NotFound();
        }

        Refusal = receipt.Error;
        Response.StatusCode = receipt.Error.Code == "RT-2003" ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>A form value that must be one of an enum's wire names.</summary>
    protected static Outcome<T> Wire<T>(string? text, string field)
        where T : struct, Enum =>
        WireName.TryParse<T>(text, out var value) ? value : WorkflowErrors.Invalid($"{field}: '{text}' is not one of {string.Join(", ", WireName.All<T>())}");
}
