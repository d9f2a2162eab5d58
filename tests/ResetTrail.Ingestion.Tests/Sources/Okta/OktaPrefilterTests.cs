using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResetTrail.Ingestion.Events;
using ResetTrail.Ingestion.Reconciliation;
using ResetTrail.Ingestion.Sources;
using ResetTrail.Ingestion.Sources.Okta;
using static ResetTrail.Ingestion.Tests.Sources.SourceTestData;

namespace ResetTrail.Ingestion.Tests.Sources.Okta;

/// <summary>
/// The Okta byte prefilter behind <c>reconcile</c> never takes a credential change for something else: every shared
/// sample and fixture record, with its fields in other orders, other whitespace, its eventType set to each credential
/// change and to unknown types, and with escapes, read with the prefilter gives exactly the events and problems the
/// full parse gives, and what it counts is what the full parse would have made of the record.
/// </summary>
public sealed class OktaPrefilterTests
{
    private static readonly string[] Types =
    [
        "user.account.reset_password", "user.account.update_password", "user.credential.forgot_password", "user.mfa.factor.deactivate",
        "user.mfa.factor.reset_all", "system.api_token.create", "app.oauth2.client.secret.rotate", "user.session.start",
        "user.authentication.sso", "user.account.lock", "policy.evaluate_sign_on", "vendor.brand_new.event_type", string.Empty,
    ];

    // Okta writes text as it is; the default encoder would \u-escape '+' and non-ASCII and so hide every record from the prefilter.
    private static readonly JsonSerializerOptions AsOktaWrites = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly OktaSource source = new();

    public static TheoryData<string> SampleFiles()
    {
        var files = new TheoryData<string>();
        foreach (var path in Samples("okta"))
        {
            files.Add(Path.GetFileName(path));
        }

        return files;
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Sample_records_in_every_variant_read_the_same_with_and_without_the_prefilter(string file)
    {
        AssertSameAsFullParse(Variants(SampleLines(file)));
    }

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public void Given_what_detect_wants_sample_records_read_the_same_or_are_counted_with_their_time(string file)
    {
        // detect's rule set decides what it reads: here only failed-verification types and lockouts, the rest may be counted.
        AssertSameAsFullParse(Variants(SampleLines(file)), (kind, type) => kind == ChangeKind.AccountLocked || type == "user.identity_verification");
    }

    [Fact]
    public void The_samples_exercise_the_prefilter()
    {
        // Samples with Panther's lower-cased keys ("eventtype") are always parsed in full; the others must be counted.
        var counted = Samples("okta").Sum(path => AssertSameAsFullParse(Variants(SampleLines(Path.GetFileName(path)))));

        Assert.True(counted > 100, $"only {counted} sample variants were counted: the prefilter was hardly exercised");
    }

    [Fact]
    public void Fixture_records_in_every_variant_read_the_same_with_and_without_the_prefilter()
    {
        var lines = File.ReadAllLines(Path.Combine(Dir("okta"), "fixtures", "system-log.ndjson")).Where(l => l.Length > 0).ToArray();
        Assert.True(AssertSameAsFullParse(Variants(lines)) > 0, "no fixture variant was counted: the prefilter was not exercised");
    }

    [Fact]
    public void Event_hook_lines_are_expanded_not_counted()
    {
        var text = File.ReadAllText(Path.Combine(Dir("okta"), "fixtures", "event-hook.ndjson"));
        var records = Read(text, ReadDetail.CredentialChanges);

        Assert.All(records, r => Assert.Null(r.Counted));
        Assert.Equal(Read(text, ReadDetail.Full), records);
    }

    [Fact]
    public void Sign_ins_and_unknown_types_are_counted_and_unknown_types_stay_reported()
    {
        var line = """{"uuid":"u-1","published":"2026-01-01T00:00:00.000Z","eventType":"vendor.brand_new.event_type","actor":{"id":"00u1","type":"User"},"target":[]}""";
        var signIn = line.Replace("u-1", "u-2", StringComparison.Ordinal).Replace("vendor.brand_new.event_type", "user.session.start", StringComparison.Ordinal);

        var records = Read(line + "\n" + signIn + "\n", ReadDetail.CredentialChanges);

        var at = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(new CountedEvent("okta", "vendor.brand_new.event_type", ChangeKind.Other, EventKey.Of("okta", "u-1")) { Time = at }, records[0].Counted);
        Assert.Equal(new CountedEvent("okta", "user.session.start", ChangeKind.SignIn, EventKey.Of("okta", "u-2")) { Time = at }, records[1].Counted);
        var reconciler = new Reconciler([], [], EvidentPersonMatcher.Instance, new ReconcileOptions(), DateTimeOffset.UnixEpoch);
        reconciler.Count(records[0].Counted!);
        reconciler.Count(records[1].Counted!);
        Assert.Equal(2, reconciler.Summary.EventsRead);
        Assert.Equal(1, Assert.Single(reconciler.Summary.Unmapped, kv => kv.Key == "okta:vendor.brand_new.event_type").Value);
    }

    [Theory]
    [InlineData("""{"uuid":"u","published":"2026-01-01T00:00:00Z","event\u0054ype":"user.session.start"}""")]
    [InlineData("""{"uuid":"u","published":"2026-01-01T00:00:00Z","eventType":"user.session\u002estart"}""")]
    [InlineData("""{"uuid":"u","published":"2026-01-01T00:00:00Z","debug":{"eventType":"user.session.start"}}""")]
    [InlineData("""{"uuid":"u","published":"2026-01-01T00:00:00Z","eventType":"user.session.start","x":{"eventType":"user.mfa.factor.reset_all"}}""")]
    [InlineData("""{"uuid":"u","published":"2026-01-01T00:00:00Z","eventType":"user.session.start","eventType":"user.account.reset_password"}""")]
    [InlineData("""{"uuid":"u","published":"not a time","eventType":"user.session.start"}""")]
    [InlineData("""{"uuid":"","published":"2026-01-01T00:00:00Z","eventType":"user.session.start"}""")]
    [InlineData("""{"uuid":"u","published":"2026-01-01T00:00:00Z","eventType":"user.session.start\"}""")]
    [InlineData("""{"note":"a \"eventType\":\"x","uuid":"u","published":"2026-01-01T00:00:00Z"}""")]
    [InlineData("""["uuid","published","eventType"]""")]
    public void Doubtful_records_are_left_to_the_full_parse(string line)
    {
        var prefilter = new OktaPrefilter();

        Assert.False(prefilter.TryCount(Encoding.UTF8.GetBytes(line), out var counted));
        Assert.Null(counted);
    }

    [Fact]
    public void A_key_that_appears_as_a_value_elsewhere_does_not_confuse_it()
    {
        var line = """{"note":"eventType","uuid":"u-9","published":"2026-01-01T00:00:00Z", "eventType" :  "user.session.start","tags":["uuid"]}""";

        Assert.True(new OktaPrefilter().TryCount(Encoding.UTF8.GetBytes(line), out var counted));
        Assert.Equal("user.session.start", counted!.SourceEventType);
        Assert.Equal(EventKey.Of("okta", "u-9"), counted.Key);
    }

    /// <summary>Checks every line; returns how many the prefilter counted.</summary>
    private int AssertSameAsFullParse(IEnumerable<string> lines, Func<ChangeKind, string, bool>? wanted = null)
    {
        var checkedLines = 0;
        var counted = 0;
        foreach (var line in lines)
        {
            var full = Assert.Single(Read(line + "\n", ReadDetail.Full));
            var filtered = Assert.Single(wanted is null ? Read(line + "\n", ReadDetail.CredentialChanges) : Read(line + "\n", wanted));
            checkedLines++;
            if (filtered.Counted is not { } c)
            {
                Assert.Equal(full, filtered);
                continue;
            }

            counted++;
            var e = full.Event;
            Assert.True(e is not null, $"counted a record the full parse rejects: {line}");
            Assert.False(e.IsCredentialChange, $"counted a credential change: {line}");
            Assert.Null(e.ResetKind);
            Assert.Equal(e.SourceEventType, c.SourceEventType);
            Assert.Equal(e.Kind, c.Kind);
            Assert.Equal(EventKey.Of("okta", e.SourceEventId), c.Key);
            Assert.Equal(e.Time, c.Time);
            Assert.True(wanted is null || !wanted(c.Kind, c.SourceEventType), $"counted a record the caller wants: {line}");
        }

        Assert.True(checkedLines > 0);
        return counted;
    }

    private List<SourceRecord> Read(string text, Func<ChangeKind, string, bool> wanted)
    {
        using var stream = Utf8(text);
        return [.. ((IEventSource)source).Read(stream, "input", wanted)];
    }

    private List<SourceRecord> Read(string text, ReadDetail detail)
    {
        using var stream = Utf8(text);
        return [.. ((IEventSource)source).Read(stream, "input", detail)];
    }

    private static string[] SampleLines(string file)
    {
        using var reader = new StreamReader(Unwrapped(Path.Combine(Dir("okta"), file)));
        return reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Each line as it is, then reordered, re-spaced, retyped and escaped: one JSON object a line throughout.</summary>
    private static IEnumerable<string> Variants(IEnumerable<string> lines)
    {
        var seed = 0;
        foreach (var line in lines)
        {
            yield return line;
            if (JsonNode.Parse(line) is not JsonObject record)
            {
                continue;
            }

            foreach (var type in Types.Prepend(null))
            {
                var copy = (JsonObject)record.DeepClone();
                if (type is not null && copy.ContainsKey("eventType"))
                {
                    copy["eventType"] = type;
                }

                // Panther trimmed uuid or published from many samples: every other variant gets them back, so the prefilter sees it whole.
                seed++;
                if (seed % 2 == 0)
                {
                    copy.TryAdd("uuid", $"sample-{seed}");
                    copy.TryAdd("published", "2022-03-22 14:21:53.225");
                }

                var compact = Reordered(copy, seed).ToJsonString(AsOktaWrites);
                yield return compact;
                yield return Spaced(compact, seed);
                yield return Reordered(copy, seed + 1).ToJsonString(AsOktaWrites).Replace("\"eventType\"", "\"event\\u0054ype\"", StringComparison.Ordinal);
                yield return Spaced(Reordered(copy, seed + 2).ToJsonString(AsOktaWrites), seed + 3).Replace("user.", "user\\u002e", StringComparison.Ordinal);
            }
        }
    }

    /// <summary>The object's properties, at every depth, in a rotated or reversed order chosen by the seed.</summary>
    private static JsonNode Reordered(JsonNode node, int seed)
    {
        switch (node)
        {
            case JsonObject obj:
                var properties = obj.Select(p => (p.Key, Value: p.Value?.DeepClone())).ToList();
                var shift = properties.Count == 0 ? 0 : seed % properties.Count;
                var order = seed % 3 == 0 ? Enumerable.Reverse(properties) : properties.Skip(shift).Concat(properties.Take(shift));
                var result = new JsonObject();
                foreach (var (key, value) in order)
                {
                    result[key] = value is null ? null : Reordered(value, seed + key.Length);
                }

                return result;
            case JsonArray array:
                return new JsonArray([.. array.Select(item => item is null ? null : Reordered(item, seed))]);
            default:
                return node.DeepClone();
        }
    }

    /// <summary>Spaces and tabs between tokens (never inside strings), differently for each seed; still one line.</summary>
    private static string Spaced(string json, int seed)
    {
        string[] gaps = [" ", "\t", "  ", " \t ", string.Empty];
        var output = new StringBuilder(json.Length * 2);
        var inString = false;
        var escaped = false;
        var n = seed;
        foreach (var c in json)
        {
            if (inString)
            {
                output.Append(c);
                escaped = !escaped && c == '\\';
                inString = escaped || c != '"';
                continue;
            }

            if (c is ':' or ',' or '{' or '}' or '[' or ']')
            {
                output.Append(gaps[n++ % gaps.Length]).Append(c).Append(gaps[(n * 7) % gaps.Length]);
                continue;
            }

            output.Append(c);
            inString = c == '"';
        }

        return output.ToString().Trim();
    }
}
