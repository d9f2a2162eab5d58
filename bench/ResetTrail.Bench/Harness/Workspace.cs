namespace ResetTrail.Bench.Harness;

/// <summary>
/// The bench's temporary folder: every database, key and fdatasync probe file lives here, so the
/// durable figures and their fdatasync peer share one filesystem. Deleted at the end of the run.
/// </summary>
internal sealed class Workspace : IDisposable
{
    private Workspace(string directory) => Directory = directory;

    public string Directory { get; }

    public static Workspace Create() =>
        new(System.IO.Directory.CreateTempSubdirectory("resettrail-bench-").FullName);

    public string PathFor(string name) => Path.Combine(Directory, name);

    /// <summary>The folder holding ResetTrail.slnx, searched upwards from the current folder and then from the binary.</summary>
    public static string? FindRepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "ResetTrail.slnx")))
                {
                    return dir.FullName;
                }
            }
        }

        return null;
    }

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"bench: could not delete {Directory}: {e.Message}");
        }
    }
}
