using System.Globalization;
using System.Text.Json;
using ResetTrail.Bench.Harness;

namespace ResetTrail.Bench.Corpus;

/// <summary>
/// A seeded synthetic Windows Security log as Winlogbeat writes it: NDJSON, one ECS event a line (@timestamp,
/// event.code, winlog.event_id, record_id, computer_name, event_data, message), 1-3 KB each. About 7.5% are
/// password resets by an administrator (4724), the rest sign-ins (4624, 4625), logoffs, privileged logons, process
/// creation, password changes (4723), locks and unlocks; 1% carry non-ASCII account names, written as \uXXXX escapes.
/// </summary>
internal static class WindowsCorpus
{
    public const ulong DefaultSeed = 0x5EED_3124;

    private static readonly int[] OtherEvents = [4624, 4624, 4624, 4624, 4634, 4634, 4672, 4688, 4625, 4723, 4740, 4767];

    private static readonly string[] UnicodeNames = ["jmüller", "zångström", "łżółć", "wtanabe.健", "skierkegård"];

    public static CorpusStats Write(string path, long count, ulong seed = DefaultSeed) =>
        NdjsonCorpus.Write(path, count, seed, WriteEvent);

    private static (bool Credential, bool Unicode) WriteEvent(Utf8JsonWriter json, SplitMix64 rng, DateTime time, long recordId, string filler)
    {
        var credential = rng.Below(1000) < 75;
        var eventId = credential ? 4724 : OtherEvents[rng.Below((ulong)OtherEvents.Length)];
        var unicode = rng.Below(100) == 0;
        var target = 1 + (int)rng.Below(50_000);
        var admin = 1 + (int)rng.Below(20);
        var size = 1024 + (int)rng.Below(2048);
        var targetName = unicode ? UnicodeNames[target % UnicodeNames.Length] + target : $"user{target}";

        json.WriteStartObject();
        json.WriteString("@timestamp", time.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        json.WriteStartObject("event");
        json.WriteString("code", eventId.ToString(CultureInfo.InvariantCulture));
        json.WriteString("kind", "event");
        json.WriteString("provider", "Microsoft-Windows-Security-Auditing");
        json.WriteString("outcome", eventId == 4625 ? "failure" : "success");
        json.WriteEndObject();
        json.WriteStartObject("host");
        json.WriteString("name", "DC01.contoso.local");
        json.WriteEndObject();
        json.WriteStartObject("winlog");
        json.WriteString("channel", "Security");
        json.WriteNumber("event_id", eventId);
        json.WriteNumber("record_id", recordId);
        json.WriteString("computer_name", "DC01.contoso.local");
        json.WriteString("provider_name", "Microsoft-Windows-Security-Auditing");
        json.WriteString("provider_guid", "{54849625-5478-4994-a5ba-3e3b0328c30d}");
        json.WriteStartObject("event_data");
        json.WriteString("SubjectUserSid", $"S-1-5-21-1004336348-1177238915-682003330-{1000 + admin}");
        json.WriteString("SubjectUserName", $"deskadmin{admin}");
        json.WriteString("SubjectDomainName", "CONTOSO");
        json.WriteString("SubjectLogonId", "0x" + OktaCorpus.Hex(rng, 6));
        json.WriteString(eventId is 4624 or 4625 ? "TargetUserSid" : "TargetSid", $"S-1-5-21-1004336348-1177238915-682003330-{100_000 + target}");
        json.WriteString("TargetUserName", targetName);
        json.WriteString("TargetDomainName", "CONTOSO");
        if (eventId is 4624 or 4625)
        {
            json.WriteString("LogonType", rng.Below(2) == 0 ? "2" : "3");
            json.WriteString("IpAddress", $"10.{rng.Below(256)}.{rng.Below(256)}.{1 + rng.Below(254)}");
            json.WriteString("IpPort", "0");
            json.WriteString("LogonProcessName", "User32 ");
            json.WriteString("AuthenticationPackageName", "Negotiate");
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteString("message", NdjsonCorpus.Padding(json, rng, filler, size, reserve: 40));
        json.WriteEndObject();
        return (credential, unicode);
    }
}
