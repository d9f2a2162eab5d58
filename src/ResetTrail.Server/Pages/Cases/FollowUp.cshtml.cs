using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>After the reset, the desk or the executor records the post-reset tasks the policy requires (the hand-over).</summary>
[Authorize(Policy = Permissions.FollowUpCase)]
public sealed class FollowUpModel(CaseDesk desk) : CaseStepPage(desk)
{
    /// <summary>Records one task as done; the form's Task and optional Note arrive as the handler's arguments.</summary>
    public IActionResult OnPost(string id, string? task, string? note) =>
        RunWith<PostResetTaskKind>(id, task, "Task", (current, actor, now, kind) => CaseCommands.CompleteTask(current, actor, kind, Optional(note), now));
}
