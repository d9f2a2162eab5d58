namespace ResetTrail.EvidenceLog.Tests;

/// <summary>
/// The copied third-party vectors, found beside the test assembly (they are copied to the output), so
/// no test names a path on the machine that built it.
/// </summary>
internal static class TestDataFiles
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string ReadText(params string[] parts) => File.ReadAllText(PathOf(parts));
}
