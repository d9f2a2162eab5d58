using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ResetTrail.Testing;

/// <summary>
/// A real PostgreSQL server in a temporary folder, for tests and the bench: Debian's initdb and pg_ctl, a free
/// loopback TCP port, the unix socket inside the folder, trust authentication for loopback only (initdb writes
/// host lines for 127.0.0.1/32 and ::1/128 alone), fsync left on so durability is what production gets.
/// initdb refuses to run as root, so as root the server runs as the unprivileged `postgres` user (runuser) and that
/// user is given the folder. <see cref="Dispose"/> stops it (pg_ctl stop -m fast) and removes the folder.
/// </summary>
internal sealed class TemporaryPostgres : IDisposable
{
    private const string ServiceUser = "postgres";
    private readonly string bin;
    private readonly bool asServiceUser;
    private bool stopped;

    private TemporaryPostgres(string bin, bool asServiceUser, string folder, int port)
    {
        this.bin = bin;
        this.asServiceUser = asServiceUser;
        Folder = folder;
        Port = port;
    }

    public string Folder { get; }

    public int Port { get; }

    private string DataFolder => Path.Combine(Folder, "data");

    /// <summary>Creates a cluster and starts it; throws with what is missing or what initdb/pg_ctl said.</summary>
    public static TemporaryPostgres Start()
    {
        var bin = FindBinaries();
        var asServiceUser = Environment.UserName == "root" || IsRoot();
        var folder = Path.Combine(Path.GetTempPath(), "resettrail-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new TemporaryPostgres(bin, asServiceUser, folder, FreePort());
        try
        {
            if (asServiceUser)
            {
                Run("chown", [$"{ServiceUser}:{ServiceUser}", folder]);
            }

            server.RunTool("initdb", ["-D", server.DataFolder, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--no-locale", "--no-instructions"]);
            server.RunTool("pg_ctl", [
                "-D", server.DataFolder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
                "-o", $"-c listen_addresses=127.0.0.1 -p {server.Port} -c unix_socket_directories={folder} -c fsync=on -c max_connections=200",
                "start"]);
            AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Dispose();
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>The URL of a database on this server (the trusted superuser, no password).</summary>
    public string Url(string database) => $"postgres://postgres@127.0.0.1:{Port}/{database}";

    /// <summary>Creates an empty database with a fresh name and returns its URL.</summary>
    public string CreateDatabase(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        Admin($"CREATE DATABASE \"{name}\"");
        return Url(name);
    }

    /// <summary>Runs SQL as the superuser on a database of this server (default: the maintenance database).</summary>
    public void Admin(string sql, string database = "postgres")
    {
        using var connection = new NpgsqlConnection($"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=false");
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        if (stopped)
        {
            return;
        }

        stopped = true;
        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                RunTool("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"]);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(Folder, recursive: true);
            }
            catch (IOException)
            {
                // Left in the temp area; nothing else uses it.
            }
        }
    }

    private void RunTool(string tool, string[] arguments)
    {
        var path = Path.Combine(bin, tool);
        if (asServiceUser)
        {
            Run("runuser", ["-u", ServiceUser, "--", path, .. arguments]);
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string file, string[] arguments)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {file}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error}{output.Result}");
        }
    }

    private static string FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl) were not found under /usr/lib/postgresql/*/bin: install Debian's postgresql package " +
            "(apt-get install postgresql), or run ./test.sh, which installs it when missing");
    }

    private static bool IsRoot()
    {
        try
        {
            return File.ReadAllLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?.Split('\t')[1] == "0";
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
