using System.Text.Json;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Ocsf;

namespace ResetTrail.Ingestion.Tests.Ocsf;

public sealed class OcsfWriterTests
{
    private static JsonElement Write(IdentityEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            OcsfWriter.Write(json, e);
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private static IdentityEvent Event(ChangeKind kind, bool success = true) => new()
    {
        Source = "okta",
        SourceEventId = "9d1a3c0e",
        SourceEventType = "user.account.reset_password",
        Time = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero),
        Kind = kind,
        Success = success,
        Target = new EventParty("00u1", "alice@corp.example") { Email = "alice@corp.example" },
        Actor = new EventParty("00u9", "dave@corp.example"),
        SourceIp = "192.0.2.10",
        ProductName = "Okta System Log",
        VendorName = "Okta",
    };

    [Theory]
    [InlineData(ChangeKind.PasswordReset, 3001, 4)]
    [InlineData(ChangeKind.PasswordChange, 3001, 3)]
    [InlineData(ChangeKind.MfaFactorEnabled, 3001, 10)]
    [InlineData(ChangeKind.MfaFactorDisabled, 3001, 11)]
    [InlineData(ChangeKind.MfaFactorsResetAll, 3001, 11)]
    [InlineData(ChangeKind.AccountLocked, 3001, 9)]
    [InlineData(ChangeKind.AccountEnabled, 3001, 2)]
    [InlineData(ChangeKind.SignIn, 3002, 1)]
    [InlineData(ChangeKind.RoleGranted, 3005, 1)]
    public void Kinds_map_to_their_ocsf_class_and_activity(ChangeKind kind, int classUid, int activityId)
    {
        var json = Write(Event(kind));

        Assert.Equal(classUid, json.GetProperty("class_uid").GetInt32());
        Assert.Equal(activityId, json.GetProperty("activity_id").GetInt32());
        Assert.Equal((classUid * 100L) + activityId, json.GetProperty("type_uid").GetInt64());
    }

    [Fact]
    public void The_required_fields_are_always_set()
    {
        var json = Write(Event(ChangeKind.PasswordReset, success: false));

        Assert.Equal(1793610000000, json.GetProperty("time").GetInt64());
        Assert.Equal(2, json.GetProperty("status_id").GetInt32());
        Assert.Equal("alice@corp.example", json.GetProperty("user").GetProperty("email_addr").GetString());
        Assert.Equal("00u1", json.GetProperty("user").GetProperty("uid").GetString());
        Assert.Equal("dave@corp.example", json.GetProperty("actor").GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("192.0.2.10", json.GetProperty("src_endpoint").GetProperty("ip").GetString());
        Assert.Equal("Okta System Log", json.GetProperty("metadata").GetProperty("product").GetProperty("name").GetString());
        Assert.Equal("Okta", json.GetProperty("metadata").GetProperty("product").GetProperty("vendor_name").GetString());
        Assert.Equal("9d1a3c0e", json.GetProperty("metadata").GetProperty("uid").GetString());
        Assert.Equal("user.account.reset_password", json.GetProperty("unmapped").GetProperty("source_event_type").GetString());
    }
}
