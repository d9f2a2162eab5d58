using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ResetTrail.Bench.Corpus;
using ResetTrail.Bench.Harness;
using ResetTrail.Bench.Peers;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// Figure 8: the CLI end to end on a synthetic Okta System Log (one million events; 100,000 with --quick), in one
/// hyperfine run beside jq 1.6 selecting and projecting the credential changes: <c>reconcile</c>, jq, and
/// <c>normalize</c>. Then the peak resident memory of <c>reconcile</c> at a tenth of the size and at the full size.
/// A missing tool makes its row "not run", never a crash.
/// </summary>
internal static class IngestFigure
{
    /// <summary>The jq peer's filter: the same selection and projection as a reconcile finding's event fields.</summary>
    public const string JqFilter =
        """select(.eventType | test("^user\\.(account\\.reset_password|mfa\\.factor\\.(deactivate|reset_all))")) | {uuid, published, eventType, actor: .actor.alternateId, target: .target[0].alternateId}""";

    /// <summary>
    /// The simdjson peer, compiled with g++ against Debian's libsimdjson-dev into the bench's temp dir (never
    /// committed as a binary): On-Demand over the NDJSON with iterate_many, the same selection and projection as jq.
    /// </summary>
    private const string SimdjsonScan = """
#include <simdjson.h>
#include <cstdio>
#include <string_view>
using namespace simdjson;
int main(int argc, char** argv) {
  padded_string json;
  if (padded_string::load(argv[1]).get(json)) { std::fprintf(stderr, "cannot read %s\n", argv[1]); return 1; }
  ondemand::parser parser;
  ondemand::document_stream docs;
  if (parser.iterate_many(json, 1 << 20).get(docs)) { std::fprintf(stderr, "iterate_many failed\n"); return 1; }
  size_t records = 0, selected = 0, bytes = 0;
  for (auto doc : docs) {
    std::string_view type;
    if (doc["eventType"].get_string().get(type)) { std::fprintf(stderr, "bad record %zu\n", records); return 1; }
    records++;
    if (type == "user.account.reset_password" || type == "user.mfa.factor.deactivate" || type == "user.mfa.factor.reset_all") {
      std::string_view uuid, published, actor, target;
      if (doc["uuid"].get_string().get(uuid) || doc["published"].get_string().get(published)
          || doc["actor"]["alternateId"].get_string().get(actor) || doc["target"].at(0)["alternateId"].get_string().get(target)) {
        std::fprintf(stderr, "bad credential change %zu\n", records); return 1;
      }
      selected++;
      bytes += uuid.size() + published.size() + actor.size() + target.size();
    }
  }
  std::printf("%zu records, %zu selected, %zu projected bytes\n", records, selected, bytes);
  return 0;
}
""";

    public static Figure Run(BenchOptions options, Workspace workspace, string? repoRoot)
    {
        var count = options.Quick ? 100_000L : 1_000_000L;
        var small = count / 10;
        var runs = options.Quick ? 2 : 3;
        var notes = new List<string>();
        var rows = new List<FigureRow>();
        var corpus = workspace.PathFor("okta.ndjson");
        var smallCorpus = workspace.PathFor("okta-small.ndjson");
        var entra = workspace.PathFor("entra.ndjson");
        var windows = workspace.PathFor("windows.ndjson");
        var tickets = workspace.PathFor("tickets.csv");
        var stats = OktaCorpus.Write(corpus, count);
        var smallStats = OktaCorpus.Write(smallCorpus, small);
        var entraStats = EntraCorpus.Write(entra, count);
        var windowsStats = WindowsCorpus.Write(windows, count);
        var ticketCount = TicketCorpus.Write(tickets, count, every: 15);
        var mb = stats.Bytes / 1e6;
        notes.Add(Invariant($"Corpus: `--corpus okta {count} FILE` (seed 0x{OktaCorpus.DefaultSeed:X}): {count:N0} NDJSON Okta LogEvents, {mb:N0} MB ({stats.Bytes / (double)count:N0} bytes per event on average, 1-3 KB each), {stats.CredentialChanges:N0} credential changes ({100.0 * stats.CredentialChanges / count:0.0}%: user.account.reset_password, user.mfa.factor.deactivate, user.mfa.factor.reset_all), {stats.Escaped:N0} events ({100.0 * stats.Escaped / count:0.0}%) with non-ASCII names or cities written as \\uXXXX escapes. Generated into the bench's temp dir, not committed."));
        notes.Add(Invariant($"Entra corpus: `--corpus entra {count} FILE`: Graph directoryAudit records one a line, {entraStats.Bytes / 1e6:N0} MB, {entraStats.CredentialChanges:N0} credential changes (Reset password (by admin), Admin deleted security info, Disable Strong Authentication; 5% of all records have result failure), {entraStats.Escaped:N0} with \\u escapes. Windows corpus: `--corpus windows {count} FILE`: Winlogbeat ECS JSON one a line, {windowsStats.Bytes / 1e6:N0} MB, {windowsStats.CredentialChanges:N0} resets by an administrator (4724) among 4624/4625/4634/4672/4688/4723/4740/4767, {windowsStats.Escaped:N0} with \\u escapes."));
        notes.Add(Invariant($"Tickets: a headered CSV with one closed, approved ticket for every 15th credential change an administrator made in the Okta corpus ({ticketCount:N0} tickets; opened 10 minutes before the change, closed 20 after), so the join finds matches as well as misses."));

        var dll = repoRoot is null ? null : BuildCli(repoRoot, notes);
        var hasJq = ExternalCommand.Run("jq", ["--version"]) is { ExitCode: 0 } jq ? jq.Stdout.Trim() : null;
        var hasHyperfine = ExternalCommand.Run("hyperfine", ["--version"]) is { ExitCode: 0 } hf ? hf.Stdout.Trim() : null;

        var scan = BuildSimdjson(workspace, notes);
        var commands = new List<(string Name, string Shell)>();
        if (dll is not null)
        {
            commands.Add(("reconcile", $"dotnet {Quote(dll)} reconcile --events {Quote(corpus)} --format jsonl > /dev/null"));
            commands.Add(("reconcile+tickets", $"dotnet {Quote(dll)} reconcile --events {Quote(corpus)} --tickets {Quote(tickets)} --format jsonl > /dev/null"));
        }

        if (hasJq is not null)
        {
            commands.Add(("jq", $"jq -c {Quote(JqFilter)} {Quote(corpus)} > /dev/null"));
        }
        else
        {
            notes.Add("jq: not run (jq is not installed; `apt-get install -y jq`).");
        }

        if (scan is not null)
        {
            commands.Add(("simdjson", $"{Quote(scan)} {Quote(corpus)} > /dev/null"));
        }

        if (dll is not null)
        {
            commands.Add(("normalize", $"dotnet {Quote(dll)} normalize {Quote(corpus)} --out /dev/null"));
        }

        var seconds = hasHyperfine is not null
            ? Hyperfine(commands, runs, workspace, notes)
            : OwnTimer(commands, runs, notes);
        notes.Add(hasHyperfine is not null
            ? $"Timed with {hasHyperfine} (`--runs {runs} --warmup 0` (the corpus was written just before, so it is in the page cache), each command's runs back to back, median reported); each command runs in `sh -c` with its output to /dev/null."
            : $"hyperfine is not installed (`apt-get install -y hyperfine`): timed with the bench's own process timer instead, {runs} runs each after one warm-up, median reported.");

        // Other sources, and normalise-and-persist (on a tenth of the events: every run starts from an empty database).
        var more = new List<(string Name, string Shell)>();
        var database = workspace.PathFor("ingest.db");
        var empty = workspace.PathFor("empty.db");
        if (dll is not null)
        {
            more.Add(("reconcile entra", $"dotnet {Quote(dll)} reconcile --events {Quote(entra)} --format jsonl > /dev/null"));
            more.Add(("reconcile windows", $"dotnet {Quote(dll)} reconcile --events {Quote(windows)} --format jsonl > /dev/null"));
            var created = ExternalCommand.Run("dotnet", [dll, "log", "init", "--db", empty, "--origin", "bench.resettrail.example/ingest"]);
            if (created is { ExitCode: 0 })
            {
                more.Add(("ingest", $"cp {Quote(empty)} {Quote(database)} && cp {Quote(empty + ".key")} {Quote(database + ".key")} && dotnet {Quote(dll)} ingest --db {Quote(database)} {Quote(smallCorpus)} > /dev/null"));
                more.Add(("normalize small", $"dotnet {Quote(dll)} normalize {Quote(smallCorpus)} --out /dev/null"));
            }
            else
            {
                notes.Add($"ingest: not run (`resettrail log init` failed: {created?.Stderr.Trim()}).");
            }
        }

        var moreRuns = options.Quick ? 1 : 2;
        foreach (var (name, s) in hasHyperfine is not null ? Hyperfine(more, moreRuns, workspace, notes) : OwnTimer(more, moreRuns, notes))
        {
            seconds[name] = s;
        }

        string Rate(string name, long events = 0, double megabytes = 0) => seconds.TryGetValue(name, out var s)
            ? Invariant($"{Format.Rate((events == 0 ? count : events) / s, "events")} ({(megabytes == 0 ? mb : megabytes) / s:N1} MB/s)")
            : "not run";
        double? Ratio(string a, string b) => seconds.TryGetValue(a, out var sa) && seconds.TryGetValue(b, out var sb) ? sb / sa : null;

        rows.Add(new FigureRow(Invariant($"reconcile end to end, {count:N0} Okta events"), Rate("reconcile"), $"{Rate("jq")} (jq)", Ratio("reconcile", "jq"), 10));
        rows.Add(new FigureRow("reconcile vs a simdjson scan", Rate("reconcile"), scan is null ? "not measured" : $"{Rate("simdjson")} (simdjson)", Ratio("reconcile", "simdjson"), 0.8));
        rows.Add(new FigureRow(Invariant($"reconcile with {ticketCount:N0} tickets (time without ÷ time with)"), Rate("reconcile+tickets"), $"{Rate("reconcile")} (no tickets)", Ratio("reconcile+tickets", "reconcile"), 0.67));
        rows.Add(new FigureRow("normalize to OCSF, to /dev/null (every record parsed)", Rate("normalize"), $"{Rate("reconcile")} (reconcile)", Ratio("normalize", "reconcile"), null));
        rows.Add(new FigureRow(Invariant($"ingest --db (normalise and persist), {small:N0} events"), Rate("ingest", small, smallStats.Bytes / 1e6), $"{Rate("normalize small", small, smallStats.Bytes / 1e6)} (normalize, same file)", Ratio("ingest", "normalize small"), 0.5));
        rows.Add(new FigureRow(Invariant($"reconcile, {count:N0} Entra directoryAudit events"), Rate("reconcile entra", count, entraStats.Bytes / 1e6), $"{Rate("reconcile")} (Okta)", Ratio("reconcile entra", "reconcile"), null));
        rows.Add(new FigureRow(Invariant($"reconcile, {count:N0} Windows (Winlogbeat) events"), Rate("reconcile windows", count, windowsStats.Bytes / 1e6), $"{Rate("reconcile")} (Okta)", Ratio("reconcile windows", "reconcile"), null));

        if (dll is not null && File.Exists("/usr/bin/time"))
        {
            var peakSmall = PeakRss(dll, smallCorpus, workspace);
            var peakLarge = PeakRss(dll, corpus, workspace);
            var mbOf = (long? kb) => kb is { } k ? Invariant($"{k / 1024.0:N0} MB") : "failed";
            rows.Add(new FigureRow(Invariant($"reconcile peak RSS, {small:N0} events"), mbOf(peakSmall), "—", null, null));
            rows.Add(new FigureRow(Invariant($"reconcile peak RSS, {count:N0} events"), mbOf(peakLarge), "—", null, null));
            if (peakSmall is { } a && peakLarge is { } b)
            {
                var delta = (b - a) / 1024.0;
                rows.Add(new FigureRow(Invariant($"reconcile peak RSS growth, {small:N0} → {count:N0} events"), Invariant($"{delta:+0;-0;0} MB"), "± 64 MB", null, null));
                notes.Add(Invariant($"Memory: `/usr/bin/time -f %M` (maximum resident set size) of one `reconcile --format jsonl` run on {small:N0} events ({smallStats.Bytes / 1e6:N0} MB) and on {count:N0}; the issue asks for the growth to stay within ±64 MB: {(Math.Abs(delta) <= 64 ? "it does" : "**it does not**")}."));
            }
        }
        else
        {
            notes.Add("Memory: not measured (" + (dll is null ? "the CLI was not built" : "/usr/bin/time is not installed; `apt-get install -y time`") + ").");
        }

        notes.Add("Commands, as timed (`CLI` is the Release build of src/ResetTrail.Cli, `resettrail.dll`, run with `dotnet`): (a) `dotnet CLI reconcile --events corpus.ndjson --format jsonl > /dev/null` (no cases; without tickets every credential change an administrator made comes out as a finding); (a') the same with `--tickets tickets.csv`; (b) `jq -c FILTER corpus.ndjson > /dev/null`; (c) `dotnet CLI normalize corpus.ndjson --out /dev/null`; (d) `simdjson-scan corpus.ndjson > /dev/null`; (e) `cp empty.db x.db && dotnet CLI ingest --db x.db small.ndjson` (empty.db made once by `log init`); (f) reconcile on the Entra and Windows corpora. Each includes process start-up (for the CLI, the .NET host's).");
        notes.Add($"jq filter ({hasJq ?? "jq not installed"}, Debian's): `{JqFilter}` - it selects the same three credential-change types that reconcile turns into findings and projects the fields a finding names (event id, time, type, actor, target). jq parses every record; reconcile reads every record's type, id and time, counts the ones whose type cannot be a credential change from their bytes, and parses the rest in full (ADR 0014).");
        notes.Add("Ratios: reconcile ÷ jq and reconcile ÷ simdjson are events/s over events/s (goals ≥ 10× and ≥ 0.8×). The ticket row is the time without tickets over the time with them: ≥ 0.67× means the join adds less than half. ingest ÷ normalize is the normalise-and-persist rate over the rate of parsing and normalising every record of the same file (goal ≥ 0.5×; reconcile no longer parses every record, so it is not the parse rate). The Entra and Windows rows have no goal; their sources have no prefilter yet, so every record is parsed.");
        if (scan is not null)
        {
            notes.Add("simdjson peer: a 30-line C++ program (its source is in IngestFigure.cs) compiled with `g++ -O2 -std=c++17 scan.cpp -lsimdjson` against Debian's libsimdjson-dev in the bench's temp dir: it loads the file (`padded_string::load`), walks it with On-Demand `iterate_many`, reads every record's eventType and, for the three credential-change types, uuid, published, actor.alternateId and target[0].alternateId, and prints only the counts. On-Demand validates UTF-8 and indexes every byte but skips the fields it is not asked for, so it is a scan, not a full parse.");
        }

        if (options.Only is not null)
        {
            notes.Add($"Run on its own after figures 1-7 (`dotnet run -c Release --project bench/ResetTrail.Bench -- {string.Join(' ', options.Arguments)}`, {TimeProvider.System.GetUtcNow().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC, same machine); its rows were merged into this file.");
        }

        foreach (var (name, s) in seconds)
        {
            notes.Add(Invariant($"{name}: median {s:0.00} s."));
        }

        return new Figure(8, "Okta System Log through the CLI, end to end", "jq 1.6 selecting and projecting the same records, and a simdjson On-Demand scan doing the same, timed in the same hyperfine run", rows, notes);
    }

    private static string? BuildSimdjson(Workspace workspace, List<string> notes)
    {
        if (!File.Exists("/usr/include/simdjson.h"))
        {
            notes.Add("simdjson peer: not run (Debian's libsimdjson-dev is not installed; `apt-get install -y libsimdjson-dev g++`), so the ≥ 0.8× simdjson goal is unchecked.");
            return null;
        }

        var source = workspace.PathFor("scan.cpp");
        var binary = workspace.PathFor("simdjson-scan");
        File.WriteAllText(source, SimdjsonScan);
        var built = ExternalCommand.Run("g++", ["-O2", "-std=c++17", source, "-lsimdjson", "-o", binary]);
        if (built is not { ExitCode: 0 })
        {
            notes.Add($"simdjson peer: not run (g++ {(built is null ? "is not installed" : "failed: " + built.Value.Stderr.Trim())}), so the ≥ 0.8× simdjson goal is unchecked.");
            return null;
        }

        var version = ExternalCommand.Run("dpkg-query", ["-W", "-f", "${Version}", "libsimdjson-dev"]) is { ExitCode: 0 } v ? v.Stdout.Trim() : "unknown version";
        notes.Add($"simdjson: libsimdjson-dev {version}.");
        return binary;
    }

    internal static string? BuildCli(string repoRoot, List<string> notes)
    {
        var project = Path.Combine(repoRoot, "src", "ResetTrail.Cli", "ResetTrail.Cli.csproj");
        var built = ExternalCommand.Run("dotnet", ["build", "-c", "Release", "--nologo", "-v", "q", project]);
        if (built is not { ExitCode: 0 })
        {
            notes.Add("reconcile and normalize: not run (`dotnet build -c Release src/ResetTrail.Cli` failed).");
            Console.Error.WriteLine(built?.Stdout + built?.Stderr);
            return null;
        }

        var dll = Directory.EnumerateFiles(Path.Combine(repoRoot, "src", "ResetTrail.Cli", "bin", "Release"), "resettrail.dll", SearchOption.AllDirectories).FirstOrDefault();
        if (dll is null)
        {
            notes.Add("reconcile and normalize: not run (no resettrail.dll after the Release build).");
        }

        return dll;
    }

    internal static Dictionary<string, double> Hyperfine(List<(string Name, string Shell)> commands, int runs, Workspace workspace, List<string> notes, Dictionary<string, double>? cpu = null)
    {
        var export = workspace.PathFor("hyperfine.json");
        var arguments = new List<string> { "--runs", runs.ToString(CultureInfo.InvariantCulture), "--warmup", "0", "--style", "basic", "--export-json", export };
        foreach (var (name, shell) in commands)
        {
            arguments.AddRange(["-n", name, shell]);
        }

        var result = ExternalCommand.Run("hyperfine", arguments);
        Console.Error.WriteLine(result?.Stdout);
        var seconds = new Dictionary<string, double>();
        if (result is not { ExitCode: 0 } || !File.Exists(export))
        {
            notes.Add($"hyperfine failed: {result?.Stderr.Trim()}");
            return seconds;
        }

        using var json = JsonDocument.Parse(File.ReadAllBytes(export));
        foreach (var item in json.RootElement.GetProperty("results").EnumerateArray())
        {
            var name = item.GetProperty("command").GetString()!;
            seconds[name] = item.GetProperty("median").GetDouble();
            if (cpu is not null)
            {
                cpu[name] = item.GetProperty("user").GetDouble() + item.GetProperty("system").GetDouble();
            }
        }

        return seconds;
    }

    internal static Dictionary<string, double> OwnTimer(List<(string Name, string Shell)> commands, int runs, List<string> notes)
    {
        var seconds = new Dictionary<string, double>();
        foreach (var (name, shell) in commands)
        {
            var times = new List<double>();
            for (var i = 0; i <= runs; i++)
            {
                var start = Stopwatch.GetTimestamp();
                var result = ExternalCommand.Run("sh", ["-c", shell]);
                if (result is not { ExitCode: 0 })
                {
                    notes.Add($"{name}: failed ({result?.Stderr.Trim()}).");
                    times.Clear();
                    break;
                }

                if (i > 0)
                {
                    times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
                }
            }

            if (times.Count > 0)
            {
                times.Sort();
                seconds[name] = times[times.Count / 2];
            }
        }

        return seconds;
    }

    private static long? PeakRss(string dll, string corpus, Workspace workspace)
    {
        var output = workspace.PathFor("rss.txt");
        var shell = $"/usr/bin/time -f %M -o {Quote(output)} dotnet {Quote(dll)} reconcile --events {Quote(corpus)} --format jsonl > /dev/null";
        var result = ExternalCommand.Run("sh", ["-c", shell]);
        return result is { ExitCode: 0 } && long.TryParse(File.ReadAllText(output).Trim(), CultureInfo.InvariantCulture, out var kb) ? kb : null;
    }

    internal static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
