using System.Globalization;
using System.Text;
using ResetTrail.Bench.Corpus;
using ResetTrail.Bench.Harness;
using ResetTrail.Bench.Peers;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// Figure 10: <c>resettrail detect</c> end to end on the synthetic Okta corpus with the ten rules jq can express
/// (bench/detection-rules.jq), beside jq 1.6 running those ten rules; then the same run with 100 rules (the ten plus
/// 90 configured instances of the stateful rules, each with its own threshold, window and allow-list).
/// jq parses every record; detect parses only the records some rule reads and counts the others from their bytes
/// (ADR 0044, 0045). Alert counts per rule are compared on a small corpus first.
/// </summary>
internal static class DetectFigure
{
    /// <summary>The ten single-event rules of bench/detection-rules.jq.</summary>
    public static readonly string[] TenRules = ["RT-D001", "RT-D002", "RT-D010", "RT-D011", "RT-D013", "RT-D014", "RT-D015", "RT-D018", "RT-D023", "RT-D026"];

    // Stateful rules that read Okta events, the bases of the 90 extra instances.
    private static readonly string[] InstanceBases = ["RT-D003", "RT-D005", "RT-D019", "RT-D020", "RT-D022", "RT-D025", "RT-D107", "RT-D108", "RT-D109"];

    public static Figure Run(BenchOptions options, Workspace workspace, string? repoRoot)
    {
        var count = options.Quick ? 100_000L : 1_000_000L;
        var runs = options.Quick ? 2 : 3;
        var notes = new List<string>();
        var corpus = workspace.PathFor("detect-okta.ndjson");
        var stats = OktaCorpus.Write(corpus, count);
        var mb = stats.Bytes / 1e6;
        notes.Add(Invariant($"Corpus: `--corpus okta {count} FILE` (seed 0x{OktaCorpus.DefaultSeed:X}): {count:N0} Okta LogEvents, {mb:N0} MB, generated into the bench's temp dir."));

        var ten = workspace.PathFor("detect-10.yaml");
        var hundred = workspace.PathFor("detect-100.yaml");
        File.WriteAllText(ten, Config(extraInstances: 0));
        File.WriteAllText(hundred, Config(extraInstances: 90));
        var jqProgram = repoRoot is null ? null : Path.Combine(repoRoot, "bench", "detection-rules.jq");
        var dll = repoRoot is null ? null : IngestFigure.BuildCli(repoRoot, notes);
        var jq = ExternalCommand.Run("jq", ["--version"]) is { ExitCode: 0 } v ? v.Stdout.Trim() : null;
        if (dll is not null && jq is not null && jqProgram is not null)
        {
            notes.Add(Agreement(dll, jqProgram, ten, workspace));
        }

        var commands = new List<(string Name, string Shell)>();
        if (dll is not null)
        {
            commands.Add(("detect-10", $"dotnet {Quote(dll)} detect {Quote(corpus)} --config {Quote(ten)} --format jsonl > /dev/null"));
            commands.Add(("detect-100", $"dotnet {Quote(dll)} detect {Quote(corpus)} --config {Quote(hundred)} --format jsonl > /dev/null"));
        }

        if (jq is not null && jqProgram is not null)
        {
            commands.Add(("jq-10", $"jq -c -f {Quote(jqProgram)} {Quote(corpus)} > /dev/null"));
        }
        else
        {
            notes.Add("jq: not run (`apt-get install -y jq`).");
        }

        var hyperfine = ExternalCommand.Run("hyperfine", ["--version"]) is { ExitCode: 0 } hf ? hf.Stdout.Trim() : null;
        var cpu = new Dictionary<string, double>();
        var seconds = hyperfine is not null ? IngestFigure.Hyperfine(commands, runs, workspace, notes, cpu) : IngestFigure.OwnTimer(commands, runs, notes);
        notes.Add(hyperfine is not null
            ? $"Timed with {hyperfine}, `--runs {runs} --warmup 0`, median; each command in `sh -c` with its output to /dev/null, process start-up included."
            : $"Timed with the bench's own process timer ({runs} runs after a warm-up, median).");

        string Rate(string name) => seconds.TryGetValue(name, out var s) ? Invariant($"{Format.Rate(count / s, "events")} ({mb / s:N1} MB/s)") : "not run";
        double? Ratio(string a, string b) => seconds.TryGetValue(a, out var sa) && seconds.TryGetValue(b, out var sb) ? sb / sa : null;
        var rows = new List<FigureRow>
        {
            new(Invariant($"detect, 10 rules jq can express, {count:N0} Okta events"), Rate("detect-10"), $"{Rate("jq-10")} (jq, same 10 rules)", Ratio("detect-10", "jq-10"), 10),
            new("detect, 100 rules (the 10 + 90 configured stateful instances)", Rate("detect-100"), $"{Rate("detect-10")} (10 rules)", Ratio("detect-100", "detect-10"), 0.5),
        };
        if (cpu.TryGetValue("detect-10", out var ourCpu) && cpu.TryGetValue("jq-10", out var jqCpu))
        {
            // detect reads and parses on a second thread: the wall-clock ratio above uses two cores, jq one.
            rows.Add(new("detect vs jq, CPU time (user + system), 10 rules", Invariant($"{ourCpu:0.00} s"), Invariant($"{jqCpu:0.00} s (jq)"), jqCpu / ourCpu, null));
        }

        notes.Add("Ratios: detect ÷ jq is events/s over events/s with the same ten rules (goal ≥ 10×). 100 ÷ 10 rules is the 100-rule rate over the 10-rule rate (goal ≥ 0.5×, i.e. 100 rules cost at most 2×). detect reads and parses the file on a second thread while the rules run on the first (ADR 0045), so it uses up to two cores where jq uses one; the CPU-time row compares the work done, without that advantage.");
        notes.Add("Configurations, as generated: the 10-rule file enables only " + string.Join(", ", TenRules) + " (every other rule `enabled: false`) and sets `engine: throttle: 0` so every match is an alert, as jq prints every match; the 100-rule file adds 90 `instances:` of " + string.Join(", ", InstanceBases) + ", ten each, with thresholds 2-11, windows 10m-10h and an allow-list of two globs each.");
        if (options.Only is not null)
        {
            notes.Add($"Run on its own (`dotnet run -c Release --project bench/ResetTrail.Bench -- {string.Join(' ', options.Arguments)}`, {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC) on a shared machine of {Environment.ProcessorCount} cores (see Machine), {LoadAverage()}: absolute rates move with the other tenants; the ratios come from the same hyperfine run.");
        }

        foreach (var (name, s) in seconds)
        {
            notes.Add(Invariant($"{name}: median {s:0.00} s."));
        }

        return new Figure(10, "Detection rules on the Okta System Log, end to end", "jq 1.6 running the same ten rules (bench/detection-rules.jq) in the same hyperfine run", rows, notes);
    }

    /// <summary>The machine's one-minute load average when the timings ended, from /proc/loadavg, in words.</summary>
    private static string LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return $"load average {first} as the timings ended";
        }
        catch (IOException)
        {
            return "load average unknown (no /proc/loadavg)";
        }
        catch (UnauthorizedAccessException)
        {
            return "load average unknown (/proc/loadavg not readable)";
        }
    }

    /// <summary>Alert counts per rule of detect and of jq on a 20,000-event corpus: the two rule sets must agree.</summary>
    private static string Agreement(string dll, string jqProgram, string config, Workspace workspace)
    {
        var small = workspace.PathFor("detect-agree.ndjson");
        OktaCorpus.Write(small, 20_000);
        var ours = ExternalCommand.Run("dotnet", [dll, "detect", small, "--config", config, "--format", "jsonl"]);
        var theirs = ExternalCommand.Run("jq", ["-c", "-f", jqProgram, small]);
        if (ours is not { ExitCode: 0 } || theirs is not { ExitCode: 0 })
        {
            return "Agreement check: failed to run (" + ours?.Stderr.Trim() + theirs?.Stderr.Trim() + ").";
        }

        var a = Counts(ours.Value.Stdout);
        var b = Counts(theirs.Value.Stdout);
        var same = a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var n) && n == kv.Value);
        return $"Agreement check on 20,000 events: detect and jq raise {(same ? "the same" : "**different**")} numbers of alerts per rule (detect: {string.Join(", ", a.Select(kv => $"{kv.Key} {kv.Value}"))}; jq: {string.Join(", ", b.Select(kv => $"{kv.Key} {kv.Value}"))}).";
    }

    private static SortedDictionary<string, int> Counts(string lines)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = System.Text.Json.JsonDocument.Parse(line);
            var rule = json.RootElement.GetProperty("rule").GetString()!;
            counts[rule] = counts.GetValueOrDefault(rule) + 1;
        }

        return counts;
    }

    private static string Config(int extraInstances)
    {
        var yaml = new StringBuilder("version: 1\nengine:\n  throttle: 0\nrules:\n");
        foreach (var id in ResetTrail.Detection.Rules.RuleCatalog.Rules.Select(r => r.Id).Where(id => !TenRules.Contains(id)))
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  {id}:\n    enabled: false\n");
        }

        yaml.Append("instances:\n");
        for (var i = 0; i < extraInstances; i++)
        {
            var windowMinutes = 10 + (i * 7 % 600);
            yaml.Append(CultureInfo.InvariantCulture, $"  - id: RT-X{i:000}\n    of: {InstanceBases[i % InstanceBases.Length]}\n")
                .Append(CultureInfo.InvariantCulture, $"    threshold: {2 + (i % 10)}\n    window: {windowMinutes}m\n")
                .Append(CultureInfo.InvariantCulture, $"    allow: [\"svc-{i}-*\", \"*@partner{i}.example\"]\n");
        }

        if (extraInstances == 0)
        {
            yaml.Append("  []\n");
        }

        return yaml.ToString();
    }

    private static string Quote(string text) => IngestFigure.Quote(text);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
