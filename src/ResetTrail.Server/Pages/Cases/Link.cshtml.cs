using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>
/// Links the identity provider's own event for the reset to the case (after execution, or after closing when the
/// event arrives late), so reconciliation can match the two.
/// </summary>
[Authorize(Policy = Permissions.FollowUpCase)]
public sealed class LinkModel(CaseDesk desk) : CaseStepPage(desk)
{
    [BindProperty]
    public string? Source { get; set; }

    [BindProperty]
    public string? EventId { get; set; }

    [BindProperty]
    public string? ChangedAt { get; set; }

    public IActionResult OnPost(string id)
    {
        if (Optional(Source) is not { } source)
        {
            return Refuse(id, nameof(Source), "name the identity provider the event comes from, e.g. okta");
        }

        DateTimeOffset? changedAt = null;
        if (Optional(ChangedAt) is { } text)
        {
            if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
            {
                return Refuse(id, nameof(ChangedAt), $"'{text}' is not a time; write it as 2026-11-27T09:30:00Z (UTC)");
            }

            changedAt = parsed;
        }

        return RunWithText(id, EventId, nameof(EventId), "give the event's id as the identity provider shows it", (current, actor, now, eventId) =>
            CaseCommands.LinkIdpEvent(current, actor, source, eventId, changedAt, now));
    }
}
