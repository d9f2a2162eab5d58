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
    [BindProperty]
    public string? Task { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public IActionResult OnPost(string id) => Run(id, (current, actor, now) =>
    {
        var task = Wire<PostResetTaskKind>(Task, "task");
        return task.IsSuccess ? CaseCommands.CompleteTask(current, actor, task.Value, string.IsNullOrWhiteSpace(Note) ? null : Note.Trim(), now) : task.Error;
    });
}
