using System.Runtime.InteropServices;

namespace ResetTrail.Bench.Harness;

/// <summary>What the figures were measured on: they mean little without it.</summary>
internal sealed record Machine(string Cpu, int Cores, string Os, string Runtime, string Filesystem, DateTimeOffset Date)
{
    public static Machine Describe(string workDirectory, TimeProvider time) => new(
        CpuModel(),
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        FilesystemOf(workDirectory),
        time.GetUtcNow());

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        var line = File.ReadLines(cpuinfo).FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
        return line is null ? RuntimeInformation.ProcessArchitecture.ToString() : line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
    }

    /// <summary>The mount (type and device) that holds <paramref name="path"/>, from /proc/self/mounts.</summary>
    private static string FilesystemOf(string path)
    {
        const string mounts = "/proc/self/mounts";
        if (!File.Exists(mounts))
        {
            return "unknown";
        }

        var best = (Point: string.Empty, Text: "unknown");
        foreach (var line in File.ReadLines(mounts))
        {
            var fields = line.Split(' ');
            if (fields.Length < 3)
            {
                continue;
            }

            var point = fields[1];
            var covers = path == point || path.StartsWith(point.TrimEnd('/') + "/", StringComparison.Ordinal);
            if (covers && point.Length >= best.Point.Length)
            {
                best = (point, $"{fields[2]} on {fields[0]} (mounted at {point})");
            }
        }

        return best.Text;
    }
}
