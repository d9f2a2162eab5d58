using ResetTrail.Core.Cases;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Tests;

public sealed class WireNameTests
{
    [Fact]
    public void Wire_names_are_the_documented_snake_case_names()
    {
        Assert.Equal(["all_factors", "mfa_factor", "nhi_secret", "password", "recovery_codes", "temporary_access_pass"], WireName.All<ResetKind>());
        Assert.Equal(["chat", "phone", "portal", "vendor_line", "walk_in"], WireName.All<Channel>());
        Assert.Equal(["idp_support", "internal", "msp", "vendor"], WireName.All<InitiatorType>());
        Assert.Equal(["admin", "executive", "finance", "non_human", "privileged", "standard"], WireName.All<Tier>());
    }

    [Fact]
    public void Unknown_names_do_not_parse()
    {
        Assert.True(WireName.TryParse<ResetKind>("mfa_factor", out var kind));
        Assert.Equal(ResetKind.MfaFactor, kind);
        Assert.False(WireName.TryParse<ResetKind>("MfaFactor", out _));
        Assert.False(WireName.TryParse<ResetKind>(null, out _));
    }
}
