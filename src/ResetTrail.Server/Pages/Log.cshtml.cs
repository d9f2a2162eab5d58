using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResetTrail.Server.Authorization;
using ResetTrail.Server.Pages.Evidence;

namespace ResetTrail.Server.Pages;

/// <summary>The log's latest checkpoint and whether it verifies with the log's key.</summary>
[Authorize(Policy = Permissions.ReadEvidence)]
public sealed class LogModel(CaseDesk desk) : PageModel
{
    public CheckpointStatus Checkpoint { get; private set; } = null!;

    public void OnGet() => Checkpoint = EvidenceChain.Latest(desk.Database);
}
