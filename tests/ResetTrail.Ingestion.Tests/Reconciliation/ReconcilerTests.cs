using ResetTrail.Core.Cases;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Reconciliation;

namespace ResetTrail.Ingestion.Tests.Reconciliation;

/// <summary>One positive and one negative scenario per finding code, on generated data.</summary>
public sealed class ReconcilerTests
{
    private static readonly DateTimeOffset T = Scenario.Start;

    private static string[] Codes(List<Finding> findings) => [.. findings.Select(f => f.Code).Distinct().Order(StringComparer.Ordinal)];

    [Fact]
    public void A_reset_under_a_complete_case_has_no_finding()
    {
        var s = new Scenario();
        s.ExecutedCase("rc-1", "alice@corp.example");
        s.Change("alice@corp.example", T.AddMinutes(10));

        Assert.Empty(s.Reconcile());
        Assert.Equal((1, 1, 1.0), (s.Summary!.CredentialChanges, s.Summary.MatchedToCase, s.Summary.CompleteShare));
    }

    [Fact]
    public void A_reset_with_no_case_or_ticket_is_reset_without_evidence()
    {
        var s = new Scenario();
        s.Change("mallory-target@corp.example", T);

        var finding = Assert.Single(s.Reconcile());
        Assert.Equal("reset_without_evidence", finding.Code);
        Assert.Equal("security", finding.Owner);
        Assert.Contains("CSF:PR.AA-05", finding.Controls);
        Assert.Equal(["okta:evt-1"], finding.EventIds);
    }

    [Fact]
    public void A_ticket_accounts_for_a_change_when_no_case_exists()
    {
        var s = new Scenario();
        s.Ticket("INC1", "alice@corp.example", ResetKind.Password, T.AddMinutes(-30), T.AddHours(2));
        s.Change("alice@corp.example", T);

        Assert.Empty(s.Reconcile());
        Assert.Equal(1, s.Summary!.MatchedToTicket);
    }

    [Fact]
    public void A_case_executed_for_one_person_while_another_was_reset_is_a_target_mismatch()
    {
        var s = new Scenario();
        s.ExecutedCase("rc-1", "bob@corp.example");
        s.Change("alice@corp.example", T.AddMinutes(11));

        Assert.Contains("ticket_target_mismatch", Codes(s.Reconcile()));
    }

    [Fact]
    public void Resetting_all_factors_under_a_password_case_is_a_kind_mismatch_but_factor_by_factor_under_all_factors_is_not()
    {
        var mismatch = new Scenario();
        mismatch.ExecutedCase("rc-1", "alice@corp.example", ResetKind.Password);
        mismatch.Change("alice@corp.example", T.AddMinutes(10), ChangeKind.MfaFactorsResetAll);
        var fits = new Scenario();
        fits.ExecutedCase("rc-2", "alice@corp.example", ResetKind.AllFactors);
        fits.Change("alice@corp.example", T.AddMinutes(10), ChangeKind.MfaFactorDisabled);
        fits.Change("alice@corp.example", T.AddMinutes(11), ChangeKind.MfaFactorDisabled);

        Assert.Equal(["ticket_kind_mismatch"], Codes(mismatch.Reconcile()));
        Assert.Empty(fits.Reconcile());
    }

    [Fact]
    public void A_change_before_the_approval_is_executed_before_approval()
    {
        var s = new Scenario();
        var c = s.OpenCase("rc-1", "alice@corp.example");
        Scenario.Verify(c, passed: true, T.AddMinutes(2));
        Scenario.Approve(c, "carol.manager", T.AddMinutes(30));
        s.Change("alice@corp.example", T.AddMinutes(5));

        Assert.Contains("executed_before_approval", Codes(s.Reconcile()));
    }

    [Fact]
    public void The_approver_executing_the_reset_is_a_separation_of_duties_violation()
    {
        var s = new Scenario();
        s.ExecutedCase("rc-1", "alice@corp.example");
        s.Change("alice@corp.example", T.AddMinutes(10), actor: "carol.manager");
        var clean = new Scenario();
        clean.ExecutedCase("rc-1", "alice@corp.example");
        clean.Change("alice@corp.example", T.AddMinutes(10), actor: "dave.iam");

        Assert.Equal(["separation_of_duties_violated"], Codes(s.Reconcile()));
        Assert.Empty(clean.Reconcile());
    }

    [Fact]
    public void Two_resets_hours_apart_under_one_case_reuse_its_approval()
    {
        var s = new Scenario();
        s.ExecutedCase("rc-1", "alice@corp.example");
        s.Change("alice@corp.example", T.AddMinutes(10));
        s.Change("alice@corp.example", T.AddHours(5));

        var reused = Assert.Single(s.Reconcile(), f => f.Code == "approval_reused");
        Assert.Equal("rc-1", reused.Case);
        Assert.Equal(2, reused.EventIds.Count);
    }

    [Fact]
    public void A_reset_after_a_failed_verification_with_no_pass_after_it_is_flagged()
    {
        var s = new Scenario();
        var c = s.OpenCase("rc-1", "alice@corp.example");
        Scenario.Verify(c, passed: false, T.AddMinutes(2));
        s.Change("alice@corp.example", T.AddMinutes(4));
        var recovered = new Scenario();
        recovered.ExecutedCase("rc-2", "alice@corp.example");
        recovered.Change("alice@corp.example", T.AddMinutes(10));

        Assert.Contains("reset_after_failed_verification", Codes(s.Reconcile()));
        Assert.Empty(recovered.Reconcile());
    }

    [Fact]
    public void A_reset_with_no_approval_at_all_leaves_the_policy_unmet()
    {
        var s = new Scenario();
        var c = s.OpenCase("rc-1", "alice@corp.example");
        Scenario.Verify(c, passed: true, T.AddMinutes(2));
        s.Change("alice@corp.example", T.AddMinutes(4));

        Assert.Contains("policy_requirements_unmet", Codes(s.Reconcile()));
    }

    [Fact]
    public void Okta_support_resetting_under_an_internal_case_is_an_unattributed_third_party()
    {
        var s = new Scenario();
        s.ExecutedCase("rc-1", "alice@corp.example");
        s.Change("alice@corp.example", T.AddMinutes(10), actor: "system@okta.com");
        var attributed = new Scenario();
        attributed.Ticket("INC1", "alice@corp.example", ResetKind.Password, T.AddMinutes(-5), T.AddHours(1), thirdParty: "Okta Support");
        attributed.Change("alice@corp.example", T, actor: "system@okta.com");

        Assert.Contains("third_party_unattributed", Codes(s.Reconcile()));
        Assert.Empty(attributed.Reconcile());
    }

    [Fact]
    public void A_case_that_never_revoked_sessions_after_the_deadline_has_tasks_missing()
    {
        var s = new Scenario();
        var c = s.OpenCase("rc-1", "alice@corp.example");
        Scenario.Verify(c, passed: true, T.AddMinutes(2));
        Scenario.Approve(c, "carol.manager", T.AddMinutes(5));
        s.Change("alice@corp.example", T.AddMinutes(10));

        Assert.Equal(["post_reset_tasks_missing"], Codes(s.Reconcile()));
    }

    [Fact]
    public void A_change_long_after_the_ticket_closed_is_outside_its_window()
    {
        var s = new Scenario();
        s.Ticket("INC1", "alice@corp.example", ResetKind.Password, T, T.AddHours(1));
        s.Change("alice@corp.example", T.AddHours(20));
        var inside = new Scenario();
        inside.Ticket("INC1", "alice@corp.example", ResetKind.Password, T, T.AddHours(1));
        inside.Change("alice@corp.example", T.AddMinutes(30));

        Assert.Equal(["outside_approved_window"], Codes(s.Reconcile()));
        Assert.Empty(inside.Reconcile());
    }

    [Fact]
    public void The_summary_counts_codes_owners_and_unmapped_events()
    {
        var s = new Scenario();
        s.ExecutedCase("rc-1", "alice@corp.example");
        s.Change("alice@corp.example", T.AddMinutes(10));
        s.Change("eve@corp.example", T.AddHours(3));
        s.Change("eve@corp.example", T.AddHours(3), ChangeKind.Other);

        s.Reconcile();

        Assert.Equal(3, s.Summary!.EventsRead);
        Assert.Equal(2, s.Summary.CredentialChanges);
        Assert.Equal(0.5, s.Summary.CompleteShare);
        Assert.Equal(1, s.Summary.ByCode["reset_without_evidence"]);
        Assert.Equal(1, s.Summary.ByOwner["security"]);
        Assert.Equal(1, s.Summary.Unmapped["okta:user.account.reset_password"]);
    }

    [Fact]
    public void Every_catalogued_code_has_an_owner_and_controls()
    {
        Assert.All(FindingCatalog.All, e =>
        {
            Assert.Contains(e.Owner, new[] { "service_desk", "iam", "security" });
            Assert.NotEmpty(e.Controls);
            Assert.Matches("^[a-z_]+$", e.Code);
        });
    }
}
