using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Sources.Entra;
using ResetTrail.Ingestion.Sources.Okta;
using static ResetTrail.Ingestion.Tests.Sources.SourceTestData;

namespace ResetTrail.Ingestion.Tests.Sources.Okta;

/// <summary>
/// Okta System Log on the Panther samples (real field shapes, some trimmed) and on fixtures written from Okta's
/// LogEvent and Event Hook documentation (TestData/okta/fixtures; see the README there).
/// </summary>
public sealed class OktaSourceTests
{
    private readonly OktaSource source = new();

    private static string Fixture(string name) => Path.Combine(Dir("okta"), "fixtures", name);

    private static string Sample(string name) => Path.Combine(Dir("okta"), name);

    private List<Ingestion.Sources.SourceRecord> ReadSample(string path)
    {
        using var stream = Unwrapped(path);
        return [.. source.Read(stream, Path.GetFileName(path))];
    }

    [Fact]
    public void Every_complete_sample_record_parses_and_every_trimmed_one_is_reported_with_what_it_lacks()
    {
        var events = 0;
        var trimmed = 0;
        foreach (var path in Samples("okta"))
        {
            foreach (var record in ReadSample(path))
            {
                if (record.Event is not null)
                {
                    events++;
                    Assert.Equal("okta", record.Event.Source);
                    continue;
                }

                trimmed++;
                Assert.Matches(@"^[^:]+\.jsonl:\d+$", record.Problem!.Location);
                Assert.Matches("^(not an Okta LogEvent: no (eventType|uuid|published)|published is not a time)", record.Problem.Message);
            }
        }

        // Panther's fixtures: 73 records in 33 files; 20 lack uuid or published, or say "redacted" (checked with jq).
        Assert.Equal(73, events + trimmed);
        Assert.Equal(53, events);
    }

    [Fact]
    public void Classic_reset_all_is_all_factors_reset_with_the_user_target_and_the_actor()
    {
        var e = ReadSample(Sample("user.mfa.factor.reset_all.jsonl")).Events()
            .First(x => x.SourceEventType == "user.mfa.factor.reset_all");

        Assert.Equal(ChangeKind.MfaFactorsResetAll, e.Kind);
        Assert.Equal("AbC-123-XyZ", e.SourceEventId);
        Assert.Equal(new DateTimeOffset(2022, 6, 22, 18, 18, 29, 15, TimeSpan.Zero), e.Time);
        Assert.Equal("peter.griffin@company.com", e.Target.Key);
        Assert.Equal("0002222AAAA", e.Target.Uid);
        Assert.Equal("homer.simpson@duff.com", e.Actor!.Email);
        Assert.Equal("1.3.2.4", e.SourceIp);
        Assert.Equal("United States", e.Country);
        Assert.True(e.IsCredentialChange);
    }

    [Fact]
    public void Admin_reset_password_identity_engine_deactivate_and_self_update_are_told_apart()
    {
        var events = Read(source, Fixture("system-log.array.json")).Events();

        var reset = events.Single(e => e.SourceEventType == "user.account.reset_password");
        Assert.Equal(ChangeKind.PasswordReset, reset.Kind);
        Assert.Equal("alice@example.com", reset.Target.Key);
        Assert.Equal("desk.admin@example.com", reset.Actor!.Key);
        Assert.Equal(DateTimeOffset.Parse("2025-03-04T09:15:02.123Z", System.Globalization.CultureInfo.InvariantCulture), reset.Time);
        Assert.Equal("Mozilla/5.0 (Windows NT 10.0; Win64; x64)", reset.UserAgent);

        var deactivate = events.Single(e => e.SourceEventType == "user.mfa.factor.deactivate");
        Assert.Equal(ChangeKind.MfaFactorDisabled, deactivate.Kind);
        Assert.Equal("00u2alice", deactivate.Target.Uid);
        Assert.Equal("Okta Verify", deactivate.FactorType);

        Assert.Equal(ChangeKind.PasswordChange, events.Single(e => e.SourceEventType == "user.account.update_password").Kind);
    }

    [Fact]
    public void Okta_system_actor_is_kept_as_given()
    {
        var resetAll = Read(source, Fixture("system-log.array.json")).Events().Single(e => e.Kind == ChangeKind.MfaFactorsResetAll);

        Assert.Equal("system@okta.com", resetAll.Actor!.Key);
        Assert.Equal("SystemPrincipal", resetAll.Actor.Type);
    }

    [Fact]
    public void Sign_in_outcome_sets_success()
    {
        var signIns = ReadSample(Sample("user.session.start.jsonl")).Where(r => r.Event is not null).Select(r => r.Event!).ToList();

        Assert.All(signIns, e => Assert.Equal(ChangeKind.SignIn, e.Kind));
        Assert.Contains(signIns, e => !e.Success);
        Assert.Contains(signIns, e => e.Success);

        var fixture = Read(source, Fixture("system-log.array.json")).Events().Single(e => e.Kind == ChangeKind.SignIn);
        Assert.True(fixture.Success);
        Assert.Equal("alice@example.com", fixture.Target.Key);
    }

    [Fact]
    public void Privilege_grant_is_a_role_grant_naming_the_privileges()
    {
        var grant = ReadSample(Sample("user.account.privilege.grant.jsonl")).Events().First();

        Assert.Equal(ChangeKind.RoleGranted, grant.Kind);
        Assert.Equal("alice@acme.io", grant.Target.Key);
        Assert.Equal("jack@acme.io", grant.Actor!.Key);
        Assert.Equal("Organization administrator, Application administrator (all)", grant.Role);
        Assert.Equal(new DateTimeOffset(2020, 11, 25, 21, 27, 3, 496, TimeSpan.Zero), grant.Time);
    }

    [Fact]
    public void Api_token_creation_is_a_non_human_secret_change_and_unknown_types_are_kept_as_other()
    {
        var token = ReadSample(Sample("system.api_token.create.jsonl")).Where(r => r.Event is not null).Select(r => r.Event!).Single();
        Assert.Equal(ChangeKind.NhiSecretChanged, token.Kind);
        Assert.Equal("test_key", token.Target.DisplayName);

        var other = ReadSample(Sample("security.threat.detected.jsonl")).Events();
        Assert.All(other, e => Assert.Equal(ChangeKind.Other, e.Kind));
    }

    [Theory]
    [InlineData("system-log.ndjson")]
    [InlineData("event-hook.json")]
    [InlineData("event-hook.ndjson")]
    public void Array_ndjson_and_event_hook_deliveries_give_the_same_events(string file)
    {
        static object Key(IdentityEvent e) => (e.SourceEventId, e.SourceEventType, e.Kind, e.Time, e.Target.Key, e.Actor?.Key, e.Success, e.SourceIp);
        var expected = Read(source, Fixture("system-log.array.json")).Events().Select(Key).ToList();

        var actual = Read(source, Fixture(file)).Events().Select(Key).ToList();

        Assert.Equal(5, expected.Count);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Locations_are_line_numbers_for_ndjson_and_record_numbers_for_arrays()
    {
        Assert.Equal("system-log.ndjson:3", Read(source, Fixture("system-log.ndjson")).Events()[2].Location);
        Assert.Equal("system-log.array.json#3", Read(source, Fixture("system-log.array.json")).Events()[2].Location);
        Assert.Equal("event-hook.ndjson:2#1", Read(source, Fixture("event-hook.ndjson")).Events()[2].Location);
    }

    [Fact]
    public void A_malformed_line_is_reported_with_file_and_line_and_reading_goes_on()
    {
        var lines = File.ReadAllLines(Fixture("system-log.ndjson"));
        var text = string.Join('\n', lines[0], lines[1][..40], "", lines[2], "[1]", lines[3]);

        var records = source.Read(Utf8(text), "broken.ndjson").ToList();

        Assert.Equal(5, records.Count);
        Assert.Equal("broken.ndjson:2", records[1].Problem!.Location);
        Assert.StartsWith("not valid JSON", records[1].Problem!.Message, StringComparison.Ordinal);
        Assert.Equal("broken.ndjson:4", records[2].Event!.Location);
        Assert.Equal("broken.ndjson:5", records[3].Problem!.Location);
        Assert.Equal("broken.ndjson:6", records[4].Event!.Location);
    }

    [Fact]
    public void An_unterminated_array_reports_once_where_it_broke_and_stops()
    {
        var text = File.ReadAllText(Fixture("system-log.array.json"));
        var cut = text[..text.IndexOf("5b1e0d7a-0003", StringComparison.Ordinal)];

        var records = source.Read(Utf8(cut), "cut.json").ToList();

        Assert.Equal(3, records.Count);
        Assert.NotNull(records[0].Event);
        Assert.NotNull(records[1].Event);
        Assert.Equal("cut.json#3", records[2].Problem!.Location);
    }

    [Fact]
    public void Records_larger_than_the_read_buffer_stream_through()
    {
        var events = Read(source, Fixture("system-log.array.json")).Events();
        var padded = "[" + string.Join(",", Enumerable.Range(0, 300).Select(i =>
            Json(new { uuid = $"u{i}", published = "2025-03-04T09:15:02Z", eventType = "user.session.start", outcome = new { result = "SUCCESS" }, actor = new { id = "00u", alternateId = "a@example.com" }, debugContext = new { debugData = new { pad = new string('x', 1000 + (i * 37 % 200_000)) } } }))) + "]";

        var read = source.Read(Utf8(padded), "big.json").Events();

        Assert.Equal(300, read.Count);
        Assert.Equal("u299", read[^1].SourceEventId);
        Assert.NotEmpty(events);
    }

    [Fact]
    public void Recognises_okta_shapes_and_rejects_entra()
    {
        Assert.True(source.Recognises(Head(Fixture("system-log.array.json"))));
        Assert.True(source.Recognises(Head(Fixture("system-log.ndjson"))));
        Assert.True(source.Recognises(Head(Fixture("event-hook.json"))));
        using var lowercased = Unwrapped(Sample("user.mfa.factor.reset_all.jsonl"));
        Assert.True(source.Recognises(((MemoryStream)lowercased).ToArray()));

        Assert.False(source.Recognises(Head(Path.Combine(Dir("entra"), "fixtures", "graph-directoryAudits.page1.json"))));
        using var o365 = Unwrapped(Path.Combine(Dir("entra"), "Update_user..jsonl"));
        Assert.False(source.Recognises(((MemoryStream)o365).ToArray()));
        Assert.False(new EntraSource().Recognises(Head(Fixture("system-log.ndjson"))));
    }
}
