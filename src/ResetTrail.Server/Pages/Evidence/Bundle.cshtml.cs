using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResetTrail.Bundles.Export;
using ResetTrail.Bundles.Format;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Evidence;

/// <summary>The case's evidence bundle, as 'resettrail bundle export' writes it; verified offline with 'resettrail bundle verify'.</summary>
[Authorize(Policy = Permissions.ReadEvidence)]
public sealed class EvidenceBundleModel(CaseDesk desk) : PageModel
{
    public IActionResult OnGet(string id)
    {
        var database = desk.Database;
        // The case's entries first, then the checkpoint (taken by the exporter): it covers every entry read.
        var bundle = CaseBundle.Export(database.Log, database.Cases, id, database.Cases.EntryIndices(id), desk.Now);
        if (!bundle.IsSuccess)
        {
            return NotFound();
        }

        return File(Encoding.UTF8.GetBytes(BundleJson.Write(bundle.Value)), "application/json", $"{id}.bundle.json");
    }
}
