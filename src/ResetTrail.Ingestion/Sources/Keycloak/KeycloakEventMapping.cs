using System.Globalization;
using System.Text.Json;
using ResetTrail.Ingestion.Events;

namespace ResetTrail.Ingestion.Sources.Keycloak;

/// <summary>
/// Keycloak event types and admin operations to our kinds. Types and fields follow Keycloak's Server
/// Administration Guide ("Auditing user events", "Auditing admin events") and its EventRepresentation /
/// AdminEventRepresentation; no real Keycloak export was available for the tests.
/// </summary>
internal static class KeycloakEventMapping
{
    public const string ProductName = "Keycloak";
    public const string VendorName = "Keycloak";

    public static SourceRecord Map(KeycloakRecord r)
    {
        DateTimeOffset time;
        if (r["time"] is { } ms)
        {
            if (!long.TryParse(ms, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epochMs))
            {
                return SourceRecord.Bad(r.Location, $"time is not epoch milliseconds: {ms}");
            }

            time = DateTimeOffset.FromUnixTimeMilliseconds(epochMs);
        }
        else if (r.LineTime is { } lineTime)
        {
            time = lineTime;
        }
        else
        {
            return SourceRecord.Bad(r.Location, "no time (the event's time field or a timestamped log line)");
        }

        if (r.IsAdminEvent)
        {
            return SourceRecord.Of(MapAdmin(r, time));
        }

        if (r["type"] is not { } type)
        {
            return SourceRecord.Bad(r.Location, "neither a user event (type) nor an admin event (operationType)");
        }

        return SourceRecord.Of(MapUser(r, type, time));
    }

    private static IdentityEvent MapUser(KeycloakRecord r, string type, DateTimeOffset time)
    {
        // Keycloak names a failure TYPE_ERROR (LOGIN_ERROR, UPDATE_PASSWORD_ERROR); it is the same action, failed.
        var failed = type.EndsWith("_ERROR", StringComparison.Ordinal) || r["error"] is not null;
        var action = type.EndsWith("_ERROR", StringComparison.Ordinal) ? type[..^"_ERROR".Length] : type;
        var credentialType = r["details.credential_type"];
        var isPassword = string.Equals(credentialType, "password", StringComparison.OrdinalIgnoreCase);
        var (kind, factor) = action switch
        {
            "UPDATE_PASSWORD" => (ChangeKind.PasswordChange, null),

            // The user set a new password through the e-mailed reset link: a self-service change, not a desk reset.
            "RESET_PASSWORD" => (ChangeKind.PasswordChange, null),
            "REMOVE_TOTP" => (ChangeKind.MfaFactorDisabled, credentialType ?? "otp"),
            "UPDATE_TOTP" => (ChangeKind.MfaFactorEnabled, credentialType ?? "otp"),

            // Keycloak 24+ reports any credential through these, with details.credential_type.
            "UPDATE_CREDENTIAL" => isPassword ? (ChangeKind.PasswordChange, null) : (ChangeKind.MfaFactorEnabled, credentialType),
            "REMOVE_CREDENTIAL" => isPassword ? (ChangeKind.Other, credentialType) : (ChangeKind.MfaFactorDisabled, credentialType),
            "LOGIN" => (ChangeKind.SignIn, null),
            _ => (ChangeKind.Other, (string?)null),
        };
        var user = new EventParty(r["userId"], r["details.username"]) { Type = "User" };
        return new IdentityEvent
        {
            Source = KeycloakSource.SourceName,
            SourceEventId = r["id"] ?? string.Join(':', r["realmId"], time.ToUnixTimeMilliseconds(), type, r["userId"] ?? r["details.username"], r["sessionId"]),
            SourceEventType = type,
            Time = time,
            Kind = kind,
            Success = !failed,
            Target = user,
            Actor = kind == ChangeKind.SignIn ? null : user,
            SourceIp = r["ipAddress"],
            FactorType = factor,
            ProductName = ProductName,
            VendorName = VendorName,
            Location = r.Location,
        };
    }

    private static IdentityEvent MapAdmin(KeycloakRecord r, DateTimeOffset time)
    {
        var operation = r["operationType"]!;
        var path = r["resourcePath"] ?? string.Empty;
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var userId = segments is ["users", var id, ..] ? id : null;
        var kind = (segments.Length > 2 ? segments[2] : null, operation) switch
        {
            ("reset-password", "ACTION" or "UPDATE") => ChangeKind.PasswordReset,
            ("credentials", "DELETE") when segments.Length > 3 => ChangeKind.MfaFactorDisabled,
            ("remove-totp", _) => ChangeKind.MfaFactorDisabled,
            ("role-mappings", "CREATE") => ChangeKind.RoleGranted,
            _ => ChangeKind.Other,
        };
        return new IdentityEvent
        {
            Source = KeycloakSource.SourceName,
            SourceEventId = r["id"] ?? string.Join(':', "admin", r["realmId"], time.ToUnixTimeMilliseconds(), operation, path, r["authDetails.userId"]),
            SourceEventType = $"{operation} {Template(segments)}",
            Time = time,
            Kind = kind,
            Success = r["error"] is null,
            Target = new EventParty(userId, null) { Type = userId is null ? null : "User" },
            Actor = r["authDetails.userId"] is { } admin ? new EventParty(admin, null) { Type = "User" } : null,
            SourceIp = r["authDetails.ipAddress"],
            Role = kind == ChangeKind.RoleGranted ? RoleNames(r["representation"]) : null,
            ProductName = ProductName,
            VendorName = VendorName,
            Location = r.Location,
        };
    }

    /// <summary>users/8f1c.../reset-password → users/{id}/reset-password: the operation without the ids.</summary>
    private static string Template(string[] segments)
    {
        var parts = (string[])segments.Clone();
        for (var i = 1; i < parts.Length; i++)
        {
            if (parts[i - 1] is "users" or "credentials" or "clients" or "groups" or "roles-by-id")
            {
                parts[i] = "{id}";
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>The role names of a role-mapping representation (a JSON array of RoleRepresentation).</summary>
    private static string? RoleNames(string? representation)
    {
        if (representation is null)
        {
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(representation);
            if (doc.RootElement.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var names = doc.RootElement.EnumerateArray()
                .Select(x => x.ValueKind == JsonValueKind.Object && x.TryGetProperty("name", out var n) ? n.GetString() : null)
                .OfType<string>()
                .ToList();
            return names.Count == 0 ? null : string.Join(',', names);
        }
        catch (JsonException)
        {
            // The representation is informational; an unreadable one leaves the role unnamed.
            return null;
        }
    }
}
