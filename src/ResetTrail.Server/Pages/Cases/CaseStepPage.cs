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
/// A form value that cannot be used is answered before the step runs, with its error next to its field.
/// </summary>
public abstract class CaseStepPage(CaseDesk desk) : PageModel
{
    private readonly Dictionary<string, string> fieldErrors = new(StringComparer.Ordinal);

    public ResetCase? Case { get; private set; }

    protected CaseDesk Desk => desk;

    public DomainError? Refusal { get; private set; }

    public string Actor => User.Actor();

    public string Next => Case is null ? string.Empty : NextStep.Describe(Case, desk.Now);

    /// <summary>The error for the form field whose id is <paramref name="field"/>, if its value was refused.</summary>
    public FieldError? ErrorFor(string field) => fieldErrors.TryGetValue(field, out var message) ? new FieldError(field, message) : null;

    /// <summary>"true" for a field whose value was refused (its aria-invalid), else null (no attribute).</summary>
    public string? Invalid(string field) => fieldErrors.ContainsKey(field) ? "true" : null;

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

    /// <summary>Runs the step with the value of field <paramref name="field"/>, which must be one of <typeparamref name="T"/>'s wire names.</summary>
    protected IActionResult RunWith<T>(string id, string? text, string field, Func<ResetCase, string, DateTimeOffset, T, Outcome<EvidenceRecord>> step)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(step);
        return WireName.TryParse<T>(text, out var value)
            ? Run(id, (current, actor, now) => step(current, actor, now, value))
            : Refuse(id, field, $"choose one of: {string.Join(", ", WireName.All<T>())}");
    }

    /// <summary>Runs the step with the text of field <paramref name="field"/>, which must not be blank (<paramref name="need"/> says what to write).</summary>
    protected IActionResult RunWithText(string id, string? text, string field, string need, Func<ResetCase, string, DateTimeOffset, string, Outcome<EvidenceRecord>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        return Optional(text) is { } value ? Run(id, (current, actor, now) => step(current, actor, now, value)) : Refuse(id, field, need);
    }

    /// <summary>Shows the form again with <paramref name="message"/> next to <paramref name="field"/> (400); the step does not run.</summary>
    protected IActionResult Refuse(string id, string field, string message)
    {
        Case = desk.Find(id);
        if (Case is null)
        {
            return NotFound();
        }

        fieldErrors[field] = message;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>The trimmed text, or null when blank.</summary>
    protected static string? Optional(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>A form field's refused value: the field's id and what is wrong, shown next to it (Shared/_FieldError).</summary>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>The id of the message element, for the field's aria-describedby.</summary>
    public string MessageId => Field + "-error";
}
