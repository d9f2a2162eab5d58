using ResetTrail.Cli.Console;
using ResetTrail.Core.Policy;

namespace ResetTrail.Cli.Policy;

/// <summary>Reads and loads a policy file, never more than the loader's size limit plus one byte.</summary>
internal static class PolicyFile
{
    public static PolicyLoadResult Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new CommandFailedException($"no policy file at {path}");
        }

        using var stream = File.OpenRead(path);
        var buffer = new byte[PolicyLoader.MaxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = stream.Read(buffer, length, buffer.Length - length)) > 0)
        {
            length += read;
        }

        return PolicyLoader.Load(buffer[..length], path);
    }

    /// <summary>Problems go to standard output, one per line, in the form editors and CI annotate.</summary>
    public static void Print(CliIO io, IEnumerable<PolicyProblem> problems)
    {
        foreach (var problem in problems)
        {
            io.Output.WriteLine(problem.ToString());
        }
    }
}
