using ResetTrail.Core;
using ResetTrail.Server.Problems;

namespace ResetTrail.Server.Api;

/// <summary>Validation at the edge: a missing or unknown value comes back as RT-3104 naming the field and what it accepts.</summary>
internal static class Fields
{
    public static DomainError? Missing(string field, string? value) =>
        string.IsNullOrWhiteSpace(value) ? HttpErrors.BadRequest($"{field}: required") : null;

    public static bool TryWire<T>(string field, string? value, out T parsed, out DomainError? error)
        where T : struct, Enum
    {
        if (WireName.TryParse(value, out parsed))
        {
            error = null;
            return true;
        }

        error = HttpErrors.BadRequest($"{field}: '{value}' is not one of {string.Join(", ", WireName.All<T>())}");
        return false;
    }
}
