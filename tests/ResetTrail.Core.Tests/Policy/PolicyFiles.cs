using System.Text;
using ResetTrail.Core.Policy;

namespace ResetTrail.Core.Tests.Policy;

/// <summary>Finds the repository's policy files and fixtures, and loads policies from text for tests.</summary>
internal static class PolicyFiles
{
    public static readonly string Root = FindRoot();

    public static string SamplePath => Path.Combine(Root, "policies", "sample-policy.yaml");

    public static string Fixtures(string folder) => Path.Combine(Root, "tests", "ResetTrail.Core.Tests", "Policy", folder);

    public static ResetPolicy Sample()
    {
        var loaded = PolicyLoader.Load(File.ReadAllBytes(SamplePath), "sample-policy.yaml");
        return loaded.Policy ?? throw new InvalidOperationException(string.Join('\n', loaded.Problems));
    }

    public static PolicyLoadResult LoadText(string yaml, string source = "test.yaml") =>
        PolicyLoader.Load(Encoding.UTF8.GetBytes(yaml), source);

    /// <summary>A policy that must load; the problems are the failure message when it does not.</summary>
    public static ResetPolicy Valid(string yaml)
    {
        var loaded = LoadText(yaml);
        return loaded.Policy ?? throw new InvalidOperationException(string.Join('\n', loaded.Problems));
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ResetTrail.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ResetTrail.slnx not found above the test binaries");
    }
}
