using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Evidence;

/// <summary>The auditor's view of a case: its chain as a timeline with each entry's proof status, and the bundle download.</summary>
[Authorize(Policy = Permissions.ReadEvidence)]
public sealed class EvidenceCaseModel(CaseDesk desk) : PageModel
{
    public string CaseId { get; private set; } = string.Empty;

    public CheckpointStatus Checkpoint { get; private set; } = null!;

    public IReadOnlyList<ChainEntry> Chain { get; private set; } = [];

    public int Proven => Chain.Count(e => e.Proven);

    public IActionResult OnGet(string id)
    {
        CaseId = id;
        // The chain first, then the checkpoint would miss nothing new; but a checkpoint taken first covers every entry
        // committed before it, and later entries show as 'not yet covered' rather than failing.
        Checkpoint = EvidenceChain.Latest(desk.Database);
        Chain = EvidenceChain.Of(desk.Database, id, Checkpoint);
        return Chain.Count == 0 ? NotFound() : Page();
    }
}
