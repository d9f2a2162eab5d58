using ResetTrail.Core.Cases;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Tests.Events;

public sealed class IdentityEventTests
{
    private static IdentityEvent Event(ChangeKind kind, bool success = true) => new()
    {
        Source = "okta",
        SourceEventId = "e1",
        SourceEventType = "user.account.reset_password",
        Time = DateTimeOffset.UnixEpoch,
        Kind = kind,
        Success = success,
        Target = new EventParty("00u1", "alice@example.com"),
        ProductName = "Okta System Log",
        VendorName = "Okta",
    };

    [Theory]
    [InlineData(ChangeKind.PasswordReset, ResetKind.Password)]
    [InlineData(ChangeKind.MfaFactorDisabled, ResetKind.MfaFactor)]
    [InlineData(ChangeKind.MfaFactorsResetAll, ResetKind.AllFactors)]
    [InlineData(ChangeKind.TemporaryAccessPassIssued, ResetKind.TemporaryAccessPass)]
    [InlineData(ChangeKind.RecoveryCodesChanged, ResetKind.RecoveryCodes)]
    [InlineData(ChangeKind.NhiSecretChanged, ResetKind.NhiSecret)]
    public void Credential_changes_map_to_the_reset_kind_a_case_records(ChangeKind kind, ResetKind expected)
    {
        Assert.Equal(expected, Event(kind).ResetKind);
        Assert.True(Event(kind).IsCredentialChange);
        Assert.False(Event(kind, success: false).IsCredentialChange);
    }

    [Theory]
    [InlineData(ChangeKind.PasswordChange)]
    [InlineData(ChangeKind.SignIn)]
    [InlineData(ChangeKind.MfaFactorEnabled)]
    [InlineData(ChangeKind.RoleGranted)]
    [InlineData(ChangeKind.Other)]
    public void Other_events_are_context_not_credential_changes(ChangeKind kind) => Assert.False(Event(kind).IsCredentialChange);

    [Fact]
    public void A_party_is_keyed_by_email_then_login_then_id()
    {
        Assert.Equal("a@x", new EventParty("1", "alogin") { Email = "a@x" }.Key);
        Assert.Equal("alogin", new EventParty("1", "alogin").Key);
        Assert.Equal("1", new EventParty("1", null).Key);
    }
}
