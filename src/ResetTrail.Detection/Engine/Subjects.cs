namespace ResetTrail.Detection.Engine;

/// <summary>How accounts are keyed: case-insensitively, by the key a source names them with (e-mail, login, id).</summary>
internal static class Subjects
{
    public static string Normalise(string key) => key.ToLowerInvariant();

    /// <summary>Whether an actor acted on someone other than itself (a reset of another user).</summary>
    public static bool IsOther(Observation o) => o.Actor is { } a && a != o.Target;
}
