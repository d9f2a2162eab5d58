using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages;

/// <summary>The approver's queue: every case awaiting approval, with what an approval would bind to.</summary>
[Authorize(Policy = Permissions.ApproveCase)]
public sealed class ApprovalsModel(CaseDesk desk) : PageModel
{
    public IReadOnlyList<ResetCase> Queue { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public void OnGet()
    {
        Now = desk.Now;
        Queue = [.. desk.Database.Cases.List(new CaseQuery { State = CaseState.AwaitingApproval, Limit = 500 }).Select(s => desk.Find(s.CaseId)).OfType<ResetCase>().OrderBy(c => c.OpenedAt)];
    }
}
