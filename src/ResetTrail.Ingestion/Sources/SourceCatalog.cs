namespace ResetTrail.Ingestion.Sources;

/// <summary>Every identity-provider source, by name, and detection from a file's first bytes.</summary>
public static class SourceCatalog
{
    public static IReadOnlyList<IEventSource> All { get; } =
    [
        new Okta.OktaSource(),
        new Entra.EntraSource(),
        new Windows.WindowsSource(),
        new Keycloak.KeycloakSource(),
        new Google.GoogleWorkspaceSource(),
    ];

    public static IEventSource? ByName(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The one source that recognises the head, or null when none or several do (then --source decides).</summary>
    public static IEventSource? Detect(ReadOnlySpan<byte> head)
    {
        IEventSource? found = null;
        foreach (var source in All)
        {
            if (!source.Recognises(head))
            {
                continue;
            }

            if (found is not null)
            {
                return null;
            }

            found = source;
        }

        return found;
    }
}
