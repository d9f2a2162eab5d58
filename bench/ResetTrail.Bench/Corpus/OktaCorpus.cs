using System.Buffers;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using ResetTrail.Bench.Harness;

namespace ResetTrail.Bench.Corpus;

/// <summary>
/// A seeded synthetic Okta System Log: NDJSON, one raw LogEvent a line, 1-3 KB each, in the shape the /api/v1/logs
/// API returns (uuid, published, eventType, actor, client, outcome, target, debugContext, authenticationContext,
/// securityContext, request, transaction). About 7.5% are credential changes (user.account.reset_password,
/// user.mfa.factor.deactivate, user.mfa.factor.reset_all), the rest sign-ins and other events; 1% carry non-ASCII
/// names and cities, which the writer escapes as \uXXXX, so a byte prefilter cannot assume plain ASCII.
/// The same seed and count give the same bytes.
/// </summary>
internal static class OktaCorpus
{
    public const ulong DefaultSeed = 0x5EED_0C7A;

    /// <summary>The event types jq's filter in figure 8 selects: the credential changes.</summary>
    public static readonly string[] CredentialChanges = ["user.account.reset_password", "user.mfa.factor.deactivate", "user.mfa.factor.reset_all"];

    private static readonly string[] OtherTypes =
    [
        "user.session.start", "user.session.start", "user.session.start", "user.authentication.sso", "user.authentication.sso",
        "user.authentication.auth_via_mfa", "policy.evaluate_sign_on", "policy.evaluate_sign_on", "app.oauth2.token.grant",
        "user.session.end", "user.authentication.verify", "system.push.send_factor_verify_push", "user.account.lock",
        "group.user_membership.add", "application.user_membership.add",
    ];

    private static readonly string[] FirstNames = ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy", "Mallory", "Niaj", "Olivia", "Peggy", "Rupert", "Sybil", "Trent", "Victor", "Walter", "Yolanda"];
    private static readonly string[] LastNames = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Patel", "Wright", "Garcia", "Martin", "Clarke", "Lewis", "Walker", "Hall"];
    private static readonly string[] UnicodeNames = ["José Müller", "Zoë Ångström", "Łukasz Żółć", "渡辺 健", "Søren Kierkegård", "Chloé Dubois", "Ирина Петрова", "Nguyễn Văn An"];
    private static readonly (string Country, string City)[] Places = [("United States", "Chicago"), ("United States", "Denver"), ("United Kingdom", "London"), ("Germany", "Berlin"), ("France", "Paris"), ("Canada", "Toronto"), ("Australia", "Sydney"), ("Netherlands", "Amsterdam")];
    private static readonly (string Country, string City)[] UnicodePlaces = [("Germany", "München"), ("Switzerland", "Zürich"), ("Japan", "東京"), ("Poland", "Łódź"), ("Iceland", "Reykjavík"), ("Brazil", "São Paulo")];
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
        "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
        "Okta Verify/9.12.0 (iPhone; iOS 17.4.1; Scale/3.00)",
    ];

    /// <summary>Writes <paramref name="count"/> events to <paramref name="path"/> (gzip when it ends in .gz); bytes are counted before compression.</summary>
    public static CorpusStats Write(string path, long count, ulong seed = DefaultSeed)
    {
        using var file = File.Create(path, 1 << 20);
        using Stream output = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? new GZipStream(file, CompressionLevel.Fastest) : file;
        return Write(output, count, seed);
    }

    /// <summary>Writes the corpus; <paramref name="onChange"/> hears each credential change's time, target login and reset kind.</summary>
    public static CorpusStats Write(Stream output, long count, ulong seed = DefaultSeed, Action<DateTime, string, string>? onChange = null) =>
        NdjsonCorpus.Write(output, count, seed, (json, rng, time, _, filler) => WriteEvent(json, rng, time, filler, onChange));

    private static (bool Credential, bool Unicode) WriteEvent(Utf8JsonWriter json, SplitMix64 rng, DateTime time, string filler, Action<DateTime, string, string>? onChange)
    {
        var roll = rng.Below(1000);
        var credential = roll < 75;
        var eventType = credential ? CredentialChanges[roll % 3] : OtherTypes[rng.Below((ulong)OtherTypes.Length)];
        var unicode = rng.Below(100) == 0;
        var target = 1 + (int)rng.Below(50_000);
        var selfService = credential && rng.Below(4) == 0;
        var actor = selfService ? target : 50_001 + (int)rng.Below(20);
        var place = unicode ? UnicodePlaces[rng.Below((ulong)UnicodePlaces.Length)] : Places[rng.Below((ulong)Places.Length)];
        var size = 1024 + (int)rng.Below(2048);
        var ip = $"{10 + rng.Below(200)}.{rng.Below(256)}.{rng.Below(256)}.{1 + rng.Below(254)}";
        if (credential && !selfService && onChange is not null)
        {
            onChange(time, Login(target), eventType switch
            {
                "user.account.reset_password" => "password",
                "user.mfa.factor.deactivate" => "mfa_factor",
                _ => "all_factors",
            });
        }

        json.WriteStartObject();
        json.WriteString("uuid", Uuid(rng));
        json.WriteString("published", time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("eventType", eventType);
        json.WriteString("version", "0");
        json.WriteString("severity", "INFO");
        json.WriteString("legacyEventType", credential ? "core.user.config.user_status.password_reset" : "core.user_auth.login_success");
        json.WriteString("displayMessage", credential ? "Reset all factors for user" : "User login to Okta");
        json.WriteStartObject("actor");
        WriteUser(json, actor, unicode && !credential, "User");
        json.WriteNull("detailEntry");
        json.WriteEndObject();
        json.WriteStartObject("client");
        json.WriteStartObject("userAgent");
        json.WriteString("rawUserAgent", Agents[rng.Below((ulong)Agents.Length)]);
        json.WriteString("os", "Windows 10");
        json.WriteString("browser", "CHROME");
        json.WriteEndObject();
        json.WriteString("zone", "null");
        json.WriteString("device", "Computer");
        json.WriteNull("id");
        json.WriteString("ipAddress", ip);
        json.WriteStartObject("geographicalContext");
        json.WriteString("city", place.City);
        json.WriteString("state", "State");
        json.WriteString("country", place.Country);
        json.WriteString("postalCode", "10001");
        json.WriteStartObject("geolocation");
        json.WriteNumber("lat", 40.7128 + rng.Below(1000) / 1000.0);
        json.WriteNumber("lon", -74.006 + rng.Below(1000) / 1000.0);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteNull("device");
        json.WriteStartObject("authenticationContext");
        json.WriteNull("authenticationProvider");
        json.WriteNull("credentialProvider");
        json.WriteNull("credentialType");
        json.WriteNull("issuer");
        json.WriteNumber("authenticationStep", 0);
        json.WriteString("externalSessionId", Hex(rng, 24));
        json.WriteNull("interface");
        json.WriteEndObject();
        json.WriteStartObject("outcome");
        json.WriteString("result", rng.Below(20) == 0 ? "FAILURE" : "SUCCESS");
        json.WriteNull("reason");
        json.WriteEndObject();
        json.WriteStartObject("securityContext");
        json.WriteNumber("asNumber", 7922 + (long)rng.Below(1000));
        json.WriteString("asOrg", "comcast");
        json.WriteString("isp", "comcast");
        json.WriteString("domain", "comcast.net");
        json.WriteBoolean("isProxy", false);
        json.WriteEndObject();
        json.WriteStartArray("target");
        json.WriteStartObject();
        if (credential || eventType.StartsWith("user.account", StringComparison.Ordinal) || eventType.StartsWith("group.", StringComparison.Ordinal))
        {
            WriteUser(json, target, unicode && credential, "User");
        }
        else
        {
            json.WriteString("id", "0oa" + Hex(rng, 17));
            json.WriteString("type", "AppInstance");
            json.WriteString("alternateId", "Corporate Portal");
            json.WriteString("displayName", "Corporate Portal");
        }

        json.WriteNull("detailEntry");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartObject("transaction");
        json.WriteString("type", "WEB");
        json.WriteString("id", Hex(rng, 27));
        json.WriteStartObject("detail");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartObject("request");
        json.WriteStartArray("ipChain");
        json.WriteStartObject();
        json.WriteString("ip", ip);
        json.WriteString("version", "V4");
        json.WriteNull("source");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteStartObject("debugContext");
        json.WriteStartObject("debugData");
        json.WriteString("requestId", Hex(rng, 27));
        json.WriteString("requestUri", credential ? $"/api/v1/users/00u{target:D17}/lifecycle/reset_factors" : "/idp/idx/identify");
        json.WriteString("url", credential ? $"/api/v1/users/00u{target:D17}/lifecycle/reset_factors?" : "/idp/idx/identify?");
        json.WriteString("threatSuspected", "false");
        json.WriteString("behaviors", "{New Geo-Location=NEGATIVE, New Device=NEGATIVE, New IP=NEGATIVE, New State=NEGATIVE, New Country=NEGATIVE, Velocity=NEGATIVE, New City=NEGATIVE}");
        json.WriteString("risk", "{level=LOW}");
        json.WriteString("dtHash", NdjsonCorpus.Padding(json, rng, filler, size, reserve: 20));
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
        return (credential, unicode);
    }

    private static void WriteUser(Utf8JsonWriter json, int user, bool unicode, string type)
    {
        var first = FirstNames[user % FirstNames.Length];
        var last = LastNames[user / FirstNames.Length % LastNames.Length];
        json.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"00u{user:D17}"));
        json.WriteString("type", type);
        json.WriteString("alternateId", Login(user));
        json.WriteString("displayName", unicode ? UnicodeNames[user % UnicodeNames.Length] : $"{first} {last}");
    }

    private static string Login(int user) =>
        string.Create(CultureInfo.InvariantCulture, $"{FirstNames[user % FirstNames.Length].ToLowerInvariant()}.{LastNames[user / FirstNames.Length % LastNames.Length].ToLowerInvariant()}{user}@example.com");

    internal static string Uuid(SplitMix64 rng)
    {
        var hex = Hex(rng, 32);
        return $"{hex[..8]}-{hex[8..12]}-{hex[12..16]}-{hex[16..20]}-{hex[20..]}";
    }

    internal static string Hex(SplitMix64 rng, int length)
    {
        Span<byte> bytes = stackalloc byte[(length + 1) / 2];
        rng.Fill(bytes);
        return Convert.ToHexStringLower(bytes)[..length];
    }

    internal static string Filler(SplitMix64 rng)
    {
        var bytes = new byte[6144];
        rng.Fill(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}

/// <summary>What a corpus holds: events, bytes (uncompressed), credential changes, events with escaped non-ASCII text.</summary>
internal sealed record CorpusStats(long Events, long Bytes, long CredentialChanges, long Escaped);
