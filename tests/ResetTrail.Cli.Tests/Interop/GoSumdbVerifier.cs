using System.Diagnostics;

namespace ResetTrail.Cli.Tests.Interop;

/// <summary>
/// Builds tests/interop/go-sumdb (Go's own golang.org/x/mod/sumdb/note and tlog, from Debian's
/// golang-go and golang-golang-x-mod-dev) once per test run, offline in GOPATH mode.
/// </summary>
internal static class GoSumdbVerifier
{
    private const string GoPath = "/usr/share/gocode";
    private static readonly Lazy<string> Binary = new(Build);

    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var info = new ProcessStartInfo(Binary.Value) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output, error);
    }

    private static string Build()
    {
        var source = Path.Combine(RepositoryRoot(), "tests", "interop", "go-sumdb");
        if (!Directory.Exists(Path.Combine(GoPath, "src", "golang.org", "x", "mod", "sumdb")))
        {
            throw new InvalidOperationException(
                "Go's sumdb packages are missing: install Debian's golang-go and golang-golang-x-mod-dev (./test.sh does this)");
        }

        var output = Path.Combine(Path.GetTempPath(), "resettrail-sumdbverify-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(output);
        var info = new ProcessStartInfo("go") { WorkingDirectory = source, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { "build", "-o", Path.Combine(output, "sumdbverify"), "." })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["GO111MODULE"] = "off";
        info.Environment["GOPATH"] = GoPath;
        info.Environment["GOCACHE"] = Path.Combine(output, "cache");
        info.Environment["GOFLAGS"] = string.Empty;
        info.Environment["GOPROXY"] = "off";
        info.Environment["GOENV"] = "off";
        using var process = Process.Start(info)
            ?? throw new InvalidOperationException("could not start 'go'; install Debian's golang-go (./test.sh does this)");
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? Path.Combine(output, "sumdbverify") : throw new InvalidOperationException($"go build failed: {error}");
    }

    private static string RepositoryRoot()
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
