using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace ResetTrail.Cli.Tests;

/// <summary>Runs resettrail commands in-process (fast) or as real processes (for concurrency across processes).</summary>
internal sealed class CliRunner : IDisposable
{
    public CliRunner()
    {
        Directory.CreateDirectory(Folder);
        Database = Path.Combine(Folder, "cli.db");
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "resettrail-cli-" + Guid.NewGuid().ToString("N"));

    public string Database { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero));

    public CliResult RunWithInput(string stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = CliApp.Run(args, new StringReader(stdin), output, error, Time);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    public CliResult Run(params string[] args) => RunWithInput(string.Empty, args);

    /// <summary>The same command as a separate operating-system process.</summary>
    public static Process Start(string stdin, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "resettrail.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info)!;
        process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        return process;
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(Folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left in the temp area.
        }
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error)
{
    public string[] Lines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
