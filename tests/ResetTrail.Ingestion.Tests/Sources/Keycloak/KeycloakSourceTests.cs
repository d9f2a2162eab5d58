using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources;
using ResetTrail.Ingestion.Sources.Keycloak;

namespace ResetTrail.Ingestion.Tests.Sources.Keycloak;

/// <summary>
/// No real Keycloak export exists in the shared samples: TestData/keycloak is written from Keycloak's documentation
/// (Server Administration Guide, EventRepresentation / AdminEventRepresentation, the jboss-logging listener's line).
/// </summary>
public sealed class KeycloakSourceTests
{
    private const string Alice = "7d1b2f3e-0c55-4f6a-9d0e-3a2b1c4d5e6f";
    private const string Admin = "a0a0a0a0-1111-4222-8333-944445555666";

    private readonly KeycloakSource _source = new();

    private List<SourceRecord> Read(string file) => IdpSampleFiles.ReadFile(_source, IdpSampleFiles.PathOf("keycloak", file));

    [Theory]
    [InlineData("user-events.json", 6)]
    [InlineData("admin-events.jsonl", 3)]
    [InlineData("server.log", 5)]
    public void Every_documented_sample_reads_with_no_problem(string file, int events)
    {
        var records = Read(file);

        Assert.Equal(events, records.Count);
        Assert.All(records, r => Assert.Null(r.Problem));
        Assert.All(records, r => Assert.Equal("Keycloak", r.Event!.ProductName));
    }

    [Fact]
    public void User_events_map_to_their_kinds()
    {
        var events = Read("user-events.json").Select(r => r.Event!).ToList();

        Assert.Equal(
            [
                (ChangeKind.PasswordChange, true), (ChangeKind.PasswordChange, true), (ChangeKind.MfaFactorDisabled, true),
                (ChangeKind.MfaFactorEnabled, true), (ChangeKind.SignIn, true), (ChangeKind.SignIn, false),
            ],
            events.Select(e => (e.Kind, e.Success)));
        var update = events[0];
        Assert.Equal(new EventParty(Alice, "alice") { Type = "User" }, update.Target);
        Assert.Equal(update.Target, update.Actor);
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1714644901123), update.Time);
        Assert.Equal("198.51.100.7", update.SourceIp);
        Assert.Equal("user-events.json#1", update.Location);
        Assert.Equal("otp", events[2].FactorType);
        Assert.Equal(new EventParty(null, "mallory") { Type = "User" }, events[5].Target);
        Assert.False(events[0].IsCredentialChange);
    }

    [Fact]
    public void Admin_events_map_reset_password_and_credential_removal_to_the_admin()
    {
        var events = Read("admin-events.jsonl").Select(r => r.Event!).ToList();

        var reset = events[0];
        Assert.Equal(ChangeKind.PasswordReset, reset.Kind);
        Assert.Equal("ACTION users/{id}/reset-password", reset.SourceEventType);
        Assert.Equal(Alice, reset.Target.Uid);
        Assert.Equal(Admin, reset.Actor!.Uid);
        Assert.Equal("192.0.2.10", reset.SourceIp);
        Assert.True(reset.IsCredentialChange);

        Assert.Equal(ChangeKind.MfaFactorDisabled, events[1].Kind);
        Assert.Equal("DELETE users/{id}/credentials/{id}", events[1].SourceEventType);
        Assert.Equal(ChangeKind.RoleGranted, events[2].Kind);
        Assert.Equal("realm-admin", events[2].Role);
    }

    [Fact]
    public void Json_and_log_line_forms_of_the_same_events_map_alike()
    {
        var json = Read("user-events.json").Concat(Read("admin-events.jsonl")).Select(r => r.Event!)
            .Where(e => e.SourceEventType is "UPDATE_PASSWORD" or "LOGIN" or "LOGIN_ERROR"
                or "ACTION users/{id}/reset-password" or "DELETE users/{id}/credentials/{id}")
            .ToList();
        var log = Read("server.log").Select(r => r.Event!).ToList();

        Assert.Equal(json.Count, log.Count);
        foreach (var (j, l) in json.Zip(log))
        {
            Assert.Equal((j.Kind, j.Success, j.SourceEventType, j.Target, j.Actor, j.SourceIp, j.Time),
                (l.Kind, l.Success, l.SourceEventType, l.Target, l.Actor, l.SourceIp, l.Time));
        }
    }

    [Fact]
    public void A_log_line_time_is_read_in_the_offset_the_reader_is_given()
    {
        var source = new KeycloakSource(TimeSpan.FromHours(2));
        const string line = "2024-05-02 12:15:01,123 DEBUG [org.keycloak.events] (executor-thread-1) type=UPDATE_PASSWORD, realmId=acme, clientId=account-console, userId=u1, ipAddress=198.51.100.7, username=alice";

        var e = IdpSampleFiles.ReadText(source, line).Single().Event!;

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1714644901123), e.Time);
        Assert.Equal(new EventParty("u1", "alice") { Type = "User" }, e.Target);
    }

    [Fact]
    public void Bad_records_are_reported_with_their_location_and_reading_goes_on()
    {
        const string text = """
            2024-05-02 10:14:58,001 INFO  [io.quarkus] (main) started
            2024-05-02 10:15:01,123 DEBUG [org.keycloak.events] (executor-thread-1) nothing to see
            {"time": "yesterday", "type": "LOGIN", "realmId": "acme", "userId": "u1"}
            {"time": 1714644901123, "realmId": "acme"}
            {"time": 1714644901123, "type": "LOGIN", "realmId": "acme", "userId": "u1"
            2024-05-02 10:20:00,000 DEBUG [org.keycloak.events] (executor-thread-3) type="LOGIN", realmId="acme", userId="u1"
            """;

        var records = IdpSampleFiles.ReadText(_source, text, "kc.log");

        Assert.Equal(
            ["kc.log:2", "kc.log:3", "kc.log:4", "kc.log:5"],
            records.Where(r => r.Problem is not null).Select(r => r.Problem!.Location));
        Assert.Contains("epoch milliseconds", records[1].Problem!.Message, StringComparison.Ordinal);
        Assert.Equal(ChangeKind.SignIn, records[^1].Event!.Kind);
    }

    [Fact]
    public void A_json_array_that_breaks_off_is_reported_at_the_record_it_broke_in()
    {
        const string text = """[{"time": 1714644901123, "type": "LOGIN", "realmId": "acme", "userId": "u1"}, {"time": 17""";

        var records = IdpSampleFiles.ReadText(_source, text, "events.json");

        Assert.Equal(ChangeKind.SignIn, records[0].Event!.Kind);
        Assert.Equal("events.json#2", records[1].Problem!.Location);
    }

    [Theory]
    [InlineData("2024-05-02 10:15:01,123 DEBUG [org.keycloak.events] (executor-thread-1) type=LOGIN", true)]
    [InlineData("[{\"time\":1,\"type\":\"LOGIN\",\"realmId\":\"acme\"}]", true)]
    [InlineData("{\"time\":1,\"operationType\":\"ACTION\",\"resourcePath\":\"users/1/reset-password\"}", true)]
    [InlineData("{\"uuid\":\"x\",\"eventType\":\"user.account.reset_password\"}", false)]
    [InlineData("{\"operationName\":\"Reset password (by admin)\"}", false)]
    [InlineData("{\"kind\":\"admin#reports#activities\"}", false)]
    public void Recognises_its_own_formats_only(string head, bool expected) =>
        Assert.Equal(expected, _source.Recognises(System.Text.Encoding.UTF8.GetBytes(head)));
}
