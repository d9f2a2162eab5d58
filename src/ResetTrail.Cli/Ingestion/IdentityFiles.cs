using ResetTrail.Cli.Console;
using ResetTrail.Ingestion.Identities;
using ResetTrail.Ingestion.Reconciliation;

namespace ResetTrail.Cli.Ingestion;

/// <summary>The identities file, or the evident ties only (identical identifiers) when none is given.</summary>
internal static class IdentityFiles
{
    public static IPersonMatcher Load(string? path)
    {
        if (path is null)
        {
            return EvidentPersonMatcher.Instance;
        }

        if (!File.Exists(path))
        {
            throw new CommandFailedException($"'{path}' does not exist");
        }

        using var stream = File.OpenRead(path);
        var loaded = IdentityDirectory.Load(stream, path);
        if (loaded.Problems.Count > 0)
        {
            // A person merged or split on a bad row would turn into false findings: the file must be clean.
            throw new CommandFailedException($"{loaded.Problems[0]} ({loaded.Problems.Count} problem(s) in the identities file)");
        }

        return new DirectoryPersonMatcher(loaded.Directory);
    }
}
