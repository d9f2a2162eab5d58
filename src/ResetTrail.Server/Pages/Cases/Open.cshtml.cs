using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResetTrail.Core;
using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authentication;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>A desk agent opens a case from a ticket; the case page then says what the policy requires next.</summary>
[Authorize(Policy = Permissions.OpenCase)]
public sealed class OpenModel(CaseDesk desk) : PageModel
{
    [BindProperty]
    public string? TicketSystem { get; set; }

    [BindProperty]
    public string? TicketKey { get; set; }

    [BindProperty]
    public string? TicketUrl { get; set; }

    [BindProperty]
    public string? Directory { get; set; }

    [BindProperty]
    public string? TargetId { get; set; }

    [BindProperty]
    public string? DisplayName { get; set; }

    [BindProperty]
    public string? Groups { get; set; }

    [BindProperty]
    public string? Roles { get; set; }

    [BindProperty]
    public string? Site { get; set; }

    [BindProperty]
    public string? Kind { get; set; }

    [BindProperty]
    public string? Channel { get; set; }

    [BindProperty]
    public string InitiatorType { get; set; } = "internal";

    [BindProperty]
    public string? Organisation { get; set; }

    [BindProperty]
    public string? Requester { get; set; }

    public DomainError? Refusal { get; private set; }

    public IActionResult OnPost()
    {
        var request = BuildRequest();
        if (!request.IsSuccess)
        {
            Refusal = request.Error;
            return Page();
        }

        var opened = desk.Open(request.Value);
        if (!opened.IsSuccess)
        {
            Refusal = opened.Error;
            return Page();
        }

        return Redirect($"/cases/{opened.Value.Case.Id}");
    }

    private Outcome<OpenCaseRequest> BuildRequest()
    {
        var missing = new (string Field, string? Value)[]
        {
            ("ticket system", TicketSystem), ("ticket key", TicketKey), ("directory", Directory), ("account id", TargetId), ("who asked", Requester),
        }.FirstOrDefault(f => string.IsNullOrWhiteSpace(f.Value));
        if (missing.Field is not null)
        {
            return WorkflowErrors.Invalid($"{missing.Field}: required");
        }

        if (!WireName.TryParse<ResetKind>(Kind, out var kind))
        {
            return WorkflowErrors.Invalid($"what is reset: '{Kind}' is not one of {string.Join(", ", WireName.All<ResetKind>())}");
        }

        if (!WireName.TryParse<Channel>(Channel, out var channel))
        {
            return WorkflowErrors.Invalid($"channel: '{Channel}' is not one of {string.Join(", ", WireName.All<Channel>())}");
        }

        if (!WireName.TryParse<InitiatorType>(InitiatorType, out var initiator))
        {
            return WorkflowErrors.Invalid($"who started it: '{InitiatorType}' is not one of {string.Join(", ", WireName.All<InitiatorType>())}");
        }

        if (initiator != Core.Cases.InitiatorType.Internal && string.IsNullOrWhiteSpace(Organisation))
        {
            return WorkflowErrors.Invalid("third party's organisation: name it when the request did not start inside the organisation");
        }

        var target = new TargetIdentity(Directory!.Trim(), TargetId!.Trim())
        {
            DisplayName = Blank(DisplayName),
            Groups = List(Groups),
            Roles = List(Roles),
            Site = Blank(Site),
        };
        return new OpenCaseRequest(
            CaseIds.New(),
            new Ticket(TicketSystem!.Trim(), TicketKey!.Trim(), Blank(TicketUrl)),
            target,
            kind,
            channel,
            new Initiator(initiator, initiator == Core.Cases.InitiatorType.Internal ? null : Organisation!.Trim()),
            Requester!.Trim(),
            User.Actor());
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string[] List(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
