using System.Globalization;
using System.Text.Json;
using ResetTrail.Bench.Harness;

namespace ResetTrail.Bench.Corpus;

/// <summary>
/// A seeded synthetic Entra ID audit log: NDJSON, one Microsoft Graph directoryAudit a line (the shape of
/// /auditLogs/directoryAudits and of an Event Hub export), 1-3 KB each. About 7.5% are credential changes
/// ("Reset password (by admin)", "Admin deleted security info", "Disable Strong Authentication"), the rest other
/// directory changes; 1% carry non-ASCII display names, written as \uXXXX escapes. Same seed and count, same bytes.
/// </summary>
internal static class EntraCorpus
{
    public const ulong DefaultSeed = 0x5EED_E417;

    public static readonly string[] CredentialChanges = ["Reset password (by admin)", "Admin deleted security info", "Disable Strong Authentication"];

    private static readonly (string Activity, string Category, string Service)[] OtherActivities =
    [
        ("Update user", "UserManagement", "Core Directory"), ("Update user", "UserManagement", "Core Directory"),
        ("Add member to group", "GroupManagement", "Core Directory"), ("Add user", "UserManagement", "Core Directory"),
        ("User registered security info", "UserManagement", "Authentication Methods"),
        ("Add app role assignment grant to user", "ApplicationManagement", "Core Directory"),
        ("Consent to application", "ApplicationManagement", "Core Directory"), ("Remove member from group", "GroupManagement", "Core Directory"),
        ("Update device", "Device", "Core Directory"), ("Add registered owner to device", "Device", "Core Directory"),
    ];

    private static readonly string[] UnicodeNames = ["José Müller", "Zoë Ångström", "Łukasz Żółć", "渡辺 健", "Søren Kierkegård", "Ирина Петрова"];

    public static CorpusStats Write(string path, long count, ulong seed = DefaultSeed) =>
        NdjsonCorpus.Write(path, count, seed, WriteAudit);

    private static (bool Credential, bool Unicode) WriteAudit(Utf8JsonWriter json, SplitMix64 rng, DateTime time, long number, string filler)
    {
        var roll = rng.Below(1000);
        var credential = roll < 75;
        var (activity, category, service) = credential
            ? (CredentialChanges[roll % 3], "UserManagement", roll % 3 == 1 ? "Authentication Methods" : "Core Directory")
            : OtherActivities[rng.Below((ulong)OtherActivities.Length)];
        var unicode = rng.Below(100) == 0;
        var target = 1 + (int)rng.Below(50_000);
        var admin = 1 + (int)rng.Below(20);
        var size = 1024 + (int)rng.Below(2048);

        json.WriteStartObject();
        json.WriteString("id", $"Directory_{OktaCorpus.Uuid(rng)}");
        json.WriteString("category", category);
        json.WriteString("correlationId", OktaCorpus.Uuid(rng));
        json.WriteString("result", rng.Below(20) == 0 ? "failure" : "success");
        json.WriteString("resultReason", string.Empty);
        json.WriteString("activityDisplayName", activity);
        json.WriteString("activityDateTime", time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture));
        json.WriteString("loggedByService", service);
        json.WriteString("operationType", "Update");
        json.WriteStartObject("initiatedBy");
        json.WriteNull("app");
        json.WriteStartObject("user");
        json.WriteString("id", $"a1b2c3d4-0000-4000-8000-{admin:D12}");
        json.WriteNull("displayName");
        json.WriteString("userPrincipalName", $"desk.admin{admin}@contoso.com");
        json.WriteString("ipAddress", $"198.51.100.{1 + rng.Below(254)}");
        json.WriteNull("userType");
        json.WriteNull("homeTenantId");
        json.WriteNull("homeTenantName");
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteStartArray("targetResources");
        json.WriteStartObject();
        json.WriteString("id", $"b0b0b0b0-0000-4000-8000-{target:D12}");
        json.WriteString("displayName", unicode ? UnicodeNames[target % UnicodeNames.Length] : $"User {target}");
        json.WriteString("type", "User");
        json.WriteString("userPrincipalName", $"user{target}@contoso.com");
        json.WriteNull("groupType");
        json.WriteStartArray("modifiedProperties");
        json.WriteStartObject();
        json.WriteString("displayName", activity == "Update user" ? "DisplayName" : "Included Updated Properties");
        json.WriteString("oldValue", "[\"User\"]");
        json.WriteString("newValue", "[\"User Name\"]");
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("additionalDetails");
        json.WriteStartObject();
        json.WriteString("key", "User-Agent");
        json.WriteString("value", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36");
        json.WriteEndObject();
        var padding = NdjsonCorpus.Padding(json, rng, filler, size, reserve: 40);
        json.WriteStartObject();
        json.WriteString("key", "RequestTrace");
        json.WriteString("value", padding);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteEndObject();
        return (credential, unicode);
    }
}
