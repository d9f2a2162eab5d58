using System.Globalization;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Sources.Windows;

/// <summary>
/// Security event ids to our kinds. The field meanings are Microsoft's event pages
/// (learn.microsoft.com/windows/security/threat-protection/auditing/event-NNNN).
/// </summary>
internal static class WindowsEventMapping
{
    public const string ProductName = "Microsoft Windows Security Auditing";
    public const string VendorName = "Microsoft";

    // 4738 attributes that show "-" when unchanged; a value means the attribute changed.
    private static readonly string[] AccountAttributes =
    [
        "SamAccountName", "DisplayName", "UserPrincipalName", "HomeDirectory", "HomePath", "ScriptPath", "ProfilePath",
        "UserWorkstations", "PasswordLastSet", "AccountExpires", "PrimaryGroupId", "AllowedToDelegateTo",
        "UserParameters", "SidHistory", "LogonHours",
    ];

    // Well-known RIDs of groups that confer administration (Microsoft "Security identifiers" reference):
    // Domain/Schema/Enterprise Admins, Group Policy Creator Owners, Key Admins, Enterprise Key Admins.
    private static readonly string[] PrivilegedDomainRids = ["-512", "-518", "-519", "-520", "-526", "-527"];

    // BUILTIN Administrators, Account/Server/Print/Backup Operators.
    private static readonly string[] PrivilegedBuiltinSids = ["S-1-5-32-544", "S-1-5-32-548", "S-1-5-32-549", "S-1-5-32-550", "S-1-5-32-551"];

    public static SourceRecord Map(WindowsRecord r)
    {
        if (r.EventId is not { } id)
        {
            return SourceRecord.Bad(r.Location, "no EventID");
        }

        if (r.Time is not { } time)
        {
            return SourceRecord.Bad(r.Location, $"event {id}: no time (TimeCreated/@SystemTime or @timestamp) or one that cannot be read");
        }

        if (string.IsNullOrEmpty(r.RecordId))
        {
            return SourceRecord.Bad(r.Location, $"event {id}: no EventRecordID / record_id, so the event has no identity to deduplicate on");
        }

        // Logon events (4624, 4625) name the account's SID TargetUserSid; account management events TargetSid.
        var target = Party(r, r.Value("TargetSid") is null ? "TargetUserSid" : "TargetSid", "TargetUserName", "TargetDomainName");
        var actor = Party(r, "SubjectUserSid", "SubjectUserName", "SubjectDomainName");
        var type = id.ToString(CultureInfo.InvariantCulture);
        var e = new IdentityEvent
        {
            Source = WindowsSource.SourceName,

            // Record ids are per machine: the same number on two domain controllers is two events.
            SourceEventId = r.Computer is null ? r.RecordId : $"{r.Computer}:{r.RecordId}",
            SourceEventType = type,
            Time = time,
            Kind = ChangeKind.Other,
            Target = target,
            Actor = actor,
            SessionId = r.Value("SubjectLogonId"),
            Host = r.Computer,
            ProductName = ProductName,
            VendorName = VendorName,
            Location = r.Location,
        };

        return SourceRecord.Of(id switch
        {
            4723 => e with { Kind = ChangeKind.PasswordChange },
            4724 => e with { Kind = ChangeKind.PasswordReset },
            4738 => e with { SourceEventType = AccountChange(r) },

            // 4740's TargetDomainName is the caller computer, not the account's domain (event-4740 page).
            4740 => e with { Kind = ChangeKind.AccountLocked, Target = target with { Name = r.Value("TargetUserName") } },
            4767 => e with { Kind = ChangeKind.AccountUnlocked },
            4722 => e with { Kind = ChangeKind.AccountEnabled },
            4725 => e with { Kind = ChangeKind.AccountDisabled },

            // For a logon the Subject is the service that asked for it, not a person acting on the account.
            4624 => e with { Kind = ChangeKind.SignIn, Actor = null, SourceIp = r.Value("IpAddress"), SessionId = r.Value("TargetLogonId"), LogonType = r.Value("LogonType") },
            4625 => e with { Kind = ChangeKind.SignIn, Success = false, Actor = null, SourceIp = r.Value("IpAddress"), LogonType = r.Value("LogonType") },
            4728 or 4732 or 4756 => GroupAdd(r, e, target),
            _ => e,
        });
    }

    private static IdentityEvent GroupAdd(WindowsRecord r, IdentityEvent e, EventParty group)
    {
        var member = new EventParty(r.Value("MemberSid"), r.Value("MemberName"));
        var sid = group.Uid ?? string.Empty;
        var privileged = PrivilegedBuiltinSids.Contains(sid, StringComparer.OrdinalIgnoreCase)
            || (sid.StartsWith("S-1-5-21-", StringComparison.OrdinalIgnoreCase)
                && PrivilegedDomainRids.Any(rid => sid.EndsWith(rid, StringComparison.Ordinal)));
        return e with { Kind = privileged ? ChangeKind.RoleGranted : ChangeKind.Other, Target = member, Role = group.Name };
    }

    /// <summary>4738 stays Other; which attributes changed is kept after the id, e.g. "4738 changed=PasswordLastSet".</summary>
    private static string AccountChange(WindowsRecord r)
    {
        var changed = AccountAttributes.Where(a => r.Value(a) is not null).ToList();
        if (r.Value("OldUacValue") is { } oldUac && r.Value("NewUacValue") is { } newUac
            && !string.Equals(oldUac, newUac, StringComparison.OrdinalIgnoreCase))
        {
            changed.Add("UserAccountControl");
        }

        return changed.Count == 0 ? "4738" : "4738 changed=" + string.Join(',', changed);
    }

    private static EventParty Party(WindowsRecord r, string sid, string user, string domain)
    {
        var name = r.Value(user);
        var qualified = name is not null && r.Value(domain) is { } d ? $"{d}\\{name}" : name;
        return new EventParty(r.Value(sid), qualified) { Type = "User" };
    }
}
