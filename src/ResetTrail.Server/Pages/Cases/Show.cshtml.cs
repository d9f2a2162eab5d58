using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ResetTrail.Core.Policy;
using ResetTrail.Core.Workflow;
using ResetTrail.Server.Authorization;

namespace ResetTrail.Server.Pages.Cases;

/// <summary>A case: what the policy requires next and why (the decision's explanations), its verifications, approvals and steps.</summary>
[Authorize(Policy = Permissions.ReadCases)]
public sealed class ShowModel(CaseDesk desk, IAuthorizationService authorization) : PageModel
{
    public ResetCase? Case { get; private set; }

    public string Next { get; private set; } = string.Empty;

    public DateTimeOffset Now { get; private set; }

    /// <summary>Each requirement with the rule and line that set it; empty when the deciding policy version is not in this database.</summary>
    public IReadOnlyList<Explanation> Explanations { get; private set; } = [];

    /// <summary>The steps this user may take on the case in its state, as links to their pages.</summary>
    public IReadOnlyList<(string Href, string Text)> Actions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id)
    {
        Case = desk.Find(id);
        if (Case is null)
        {
            return NotFound();
        }

        Now = desk.Now;
        Next = NextStep.Describe(Case, Now);
        Explanations = PublishedPolicies.ForCase(desk.Database.Cases, Case) is { } policy ? CaseExplanations.Of(Case, policy) : [];
        var candidates = StepLinks(Case);
        candidates.Add(($"/evidence/{id}", "Evidence timeline", Permissions.ReadEvidence));
        var allowed = new List<(string, string)>();
        foreach (var candidate in candidates)
        {
            if ((await authorization.AuthorizeAsync(User, candidate.Policy)).Succeeded)
            {
                allowed.Add((candidate.Href, candidate.Text));
            }
        }

        Actions = allowed;
        return Page();
    }

    /// <summary>The pages for the steps the case's state allows, each with the permission its page requires.</summary>
    private static List<(string Href, string Text, string Policy)> StepLinks(ResetCase c)
    {
        var at = $"/cases/{c.Id}";
        var links = new List<(string Href, string Text, string Policy)>();
        switch (c.State)
        {
            case CaseState.Opened or CaseState.Verifying:
                links.Add(($"{at}/verify", "Record verification", Permissions.VerifyCase));
                break;
            case CaseState.AwaitingApproval:
                links.Add(($"{at}/approve", "Review and approve or deny", Permissions.ApproveCase));
                break;
            case CaseState.Approved:
                links.Add(($"{at}/execute", "Record the reset as executed", Permissions.ExecuteCase));
                break;
            case CaseState.Executed or CaseState.Validating:
                var reviewOwed = c.EmergencyPath && c.EmergencyReview is null;
                if (c.OutstandingTasks().Count > 0)
                {
                    links.Add(($"{at}/follow-up", "Hand over: record post-reset tasks", Permissions.FollowUpCase));
                }

                if (reviewOwed)
                {
                    links.Add(($"{at}/review", "Review the emergency reset", Permissions.ReviewCase));
                }

                links.Add(($"{at}/link", "Link the identity provider's event", Permissions.FollowUpCase));
                if (c.OutstandingTasks().Count == 0 && !reviewOwed)
                {
                    links.Add(($"{at}/end", "Close the case", Permissions.EndCase));
                }

                break;
            case CaseState.Closed:
                links.Add(($"{at}/link", "Link the identity provider's event", Permissions.FollowUpCase));
                break;
        }

        if (c.State is CaseState.Opened or CaseState.Verifying or CaseState.AwaitingApproval or CaseState.Approved)
        {
            links.Add(($"{at}/end", "Cancel the case", Permissions.EndCase));
        }

        return links;
    }
}
