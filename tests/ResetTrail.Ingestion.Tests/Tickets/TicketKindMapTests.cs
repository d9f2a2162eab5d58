using ResetTrail.Core.Cases;
using ResetTrail.Ingestion.Tickets;

namespace ResetTrail.Ingestion.Tests.Tickets;

public sealed class TicketKindMapTests
{
    [Theory]
    [InlineData("Password Reset", ResetKind.Password)]
    [InlineData("password_reset", ResetKind.Password)]
    [InlineData("MFA Reset", ResetKind.MfaFactor)]
    [InlineData("reset-mfa", ResetKind.MfaFactor)]
    [InlineData("  Reset   MFA ", ResetKind.MfaFactor)]
    [InlineData("Reset all factors", ResetKind.AllFactors)]
    [InlineData("Backup codes", ResetKind.RecoveryCodes)]
    [InlineData("Temporary Access Pass", ResetKind.TemporaryAccessPass)]
    [InlineData("temporary_access_pass", ResetKind.TemporaryAccessPass)]
    [InlineData("Service account secret", ResetKind.NhiSecret)]
    [InlineData("nhi_secret", ResetKind.NhiSecret)]
    public void Defaults_and_wire_names_map(string text, ResetKind kind) =>
        Assert.Equal(kind, TicketKindMap.Default.Find(text));

    [Theory]
    [InlineData("Printer broken")]
    [InlineData("Please reset my password, I think")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_has_no_kind(string? text) => Assert.Null(TicketKindMap.Default.Find(text));

    [Fact]
    public void An_override_wins_over_a_default()
    {
        var map = TicketKindMap.Default.With([new("MFA", ResetKind.AllFactors)]);

        Assert.Equal(ResetKind.AllFactors, map.Find("mfa"));
        Assert.Equal(ResetKind.MfaFactor, TicketKindMap.Default.Find("mfa"));
    }
}
