using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using ResetTrail.Bench.Harness;
using ResetTrail.Bench.Peers;
using ResetTrail.Server.Hosting;
using ResetTrail.Server.Tokens;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// Figure 11: `resettrail serve` under wrk on loopback. Reads and validations against a minimal Kestrel endpoint that
/// does nothing, run in the same process set-up in the same run; durable case steps (opening a case: decide, append,
/// index, sign, fsync, group-committed) against the log's own batched append rate, and their p99 against two fsyncs.
/// </summary>
internal static partial class ServerFigure
{
    private const int Connections = 16;

    public static Figure Run(BenchOptions options, Workspace workspace)
    {
        var wrk = ExternalCommand.Run("wrk", ["--version"]);
        var version = wrk is null ? null : (wrk.Value.Stdout + wrk.Value.Stderr).Split('\n')[0].Trim();
        if (version is null || !version.StartsWith("wrk", StringComparison.Ordinal))
        {
            return new Figure(11, "The server under load (wrk)", "a minimal Kestrel endpoint", [],
                ["Not measured: wrk is not installed (Debian package `wrk`: `apt-get install wrk`)."]);
        }

        var seconds = options.Quick ? 3 : 10;
        using var baseline = MinimalKestrel.Start();
        using var server = BenchServer.Start(workspace);
        var readPath = server.OpenOneCase();

        var nothing = Wrk(baseline.Address + "ping", seconds, null, null);
        var read = Wrk(server.Address + readPath, seconds, server.Token, null);
        var checkpoint = Wrk(server.Address + "api/v1/evidence/checkpoint", seconds, server.Token, null);
        var script = workspace.PathFor("open-case.lua");
        File.WriteAllText(script, OpenCaseScript);
        var durable = Wrk(server.Address + "api/v1/cases/", seconds, server.Token, script);
        var batched = BatchedAppendRate(workspace, seconds);
        var fsync = FsyncMilliseconds(workspace);

        var rows = new List<FigureRow>
        {
            new("read a case (GET /api/v1/cases/{id})", Describe(read), Describe(nothing), read.Rps / nothing.Rps, 0.5),
            new("read the latest checkpoint (GET /api/v1/evidence/checkpoint)", Describe(checkpoint), Describe(nothing), checkpoint.Rps / nothing.Rps, 0.5),
            new("durable step: open a case (POST /api/v1/cases/)", Describe(durable), Format.Rate(batched, "entries") + " (batched append, 256/commit)", durable.Rps / batched, 0.5),
            new("durable step p99 vs two fsyncs", $"p99 {durable.P99:N1} ms", $"2 × fdatasync = {2 * fsync:N2} ms", durable.P99 > 0 ? 2 * fsync / durable.P99 : null, 1.0),
        };
        return new Figure(11, "The server under load (wrk)", "a minimal Kestrel endpoint (`MapGet(\"/ping\", () => \"ok\")`) for reads; the log's batched append rate for durable steps", rows,
        [
            $"{version}; `wrk -t2 -c{Connections} -d{seconds}s --latency`, each run one after the other on loopback; wrk shares the 2 cores with the server, as it would with a reverse proxy.",
            "Both servers run in this process on Kestrel with logging off; ResetTrail's with its whole middleware (security headers, metrics, authentication by API token, authorization, rate limiter) and a SQLite database in the bench's temporary folder, the sample policy published.",
            "Reads send a bearer API token; the read rows are ratios of requests per second to the empty endpoint's.",
            $"Durable step: each request opens a new case under the sample policy (decision, evidence entry, case tables, tiles, a signed checkpoint per group, fsync); {Connections} connections keep steps arriving together so they group-commit (ADR 0040). Peer: `SqliteEvidenceLog.Append` of 256 entries per commit on its own file, same disk, measured right after.",
            $"The p99 row's ratio is (2 × fdatasync) ÷ p99, so ≥ 1 meets the goal; wrk is closed-loop, so at saturation p99 includes queueing behind {Connections} connections (latency ≈ connections ÷ throughput), which no batching can remove.",
            $"Latency p50/p99 (ms): empty {nothing.P50:N2}/{nothing.P99:N2}, case read {read.P50:N2}/{read.P99:N2}, checkpoint {checkpoint.P50:N2}/{checkpoint.P99:N2}, open case {durable.P50:N2}/{durable.P99:N2}; fdatasync {fsync:N3} ms (median of 200).",
        ]);
    }

    private static string Describe(WrkResult r) => $"{Format.Rate(r.Rps, "req")} (p50 {r.P50:N2} ms, p99 {r.P99:N2} ms)";

    private static WrkResult Wrk(string url, int seconds, string? token, string? script)
    {
        var arguments = new List<string> { "-t2", $"-c{Connections}", $"-d{seconds}s", "--latency" };
        if (token is not null)
        {
            arguments.AddRange(["-H", $"Authorization: Bearer {token}"]);
        }

        if (script is not null)
        {
            arguments.AddRange(["-s", script]);
        }

        arguments.Add(url);
        var run = ExternalCommand.Run("wrk", arguments) ?? throw new InvalidOperationException("wrk did not run");
        var text = run.Stdout;
        var errors = NonSuccess().Match(text);
        if (errors.Success)
        {
            throw new InvalidOperationException($"wrk saw {errors.Groups[1].Value} non-2xx answers from {url}: the bench's requests are wrong");
        }

        var rps = double.Parse(RequestsPerSecond().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        return new WrkResult(rps, Percentile(text, "50%"), Percentile(text, "99%"));
    }

    private static double Percentile(string text, string which)
    {
        var match = Regex.Match(text, $@"^\s*{Regex.Escape(which)}\s+([0-9.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static double BatchedAppendRate(Workspace workspace, int seconds)
    {
        using var log = BenchLog.Create(workspace, "server-peer");
        var pool = Entries.Pool(256 * 4, seed: 11);
        var batches = Enumerable.Range(0, 4).Select(b => new ArraySegment<byte[]>(pool, b * 256, 256)).ToArray();
        var next = 0;
        return Timed.Rate(TimeSpan.FromSeconds(seconds), () =>
        {
            log.Append(batches[next++ % batches.Length]);
            return 256;
        });
    }

    private static double FsyncMilliseconds(Workspace workspace)
    {
        using var probe = new FdatasyncProbe(workspace.PathFor("server-fsync.bin"), extend: false);
        var times = Enumerable.Range(0, 200).Select(_ => Timed.Duration(probe.WriteAndSync).TotalMilliseconds).Order().ToList();
        return times[times.Count / 2];
    }

    private const string OpenCaseScript = """
        wrk.method = "POST"
        wrk.headers["Content-Type"] = "application/json"
        wrk.body = '{"ticket":{"system":"servicenow","key":"INC0099999"},"target":{"directory":"okta","id":"sam.user@example.com"},"kind":"mfa_factor","channel":"phone","initiator":{"type":"internal"},"requester":"sam.user"}'
        """;

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    private sealed record WrkResult(double Rps, double P50, double P99);

    /// <summary>The baseline: Kestrel answering "ok" and nothing else.</summary>
    private sealed class MinimalKestrel : IDisposable
    {
        private readonly WebApplication app;

        private MinimalKestrel(WebApplication app, string address)
        {
            this.app = app;
            Address = address;
        }

        public string Address { get; }

        public static MinimalKestrel Start()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            app.MapGet("/ping", () => "ok");
            app.StartAsync().GetAwaiter().GetResult();
            return new MinimalKestrel(app, ServerHost.Addresses(app).Single().TrimEnd('/') + "/");
        }

        public void Dispose()
        {
            app.StopAsync().GetAwaiter().GetResult();
            ((IDisposable)app).Dispose();
        }
    }

    /// <summary>ResetTrail's server on a fresh database with the sample policy published and a token for every reader and the desk.</summary>
    private sealed class BenchServer : IDisposable
    {
        private readonly WebApplication app;
        private readonly ServerDatabase database;

        private BenchServer(WebApplication app, ServerDatabase database, string token)
        {
            this.app = app;
            this.database = database;
            Token = token;
            Address = ServerHost.Addresses(app).Single().TrimEnd('/') + "/";
        }

        public string Address { get; }

        public string Token { get; }

        public static BenchServer Start(Workspace workspace)
        {
            var settings = new ServerSettings { Db = workspace.PathFor("server.db"), Urls = "http://127.0.0.1:0", Origin = "bench.example/server" };
            var database = ServerDatabase.OpenOrCreate(settings, TimeProvider.System).Value;
            var policy = CaseLifecycle.SamplePolicyBytes();
            var loaded = Core.Policy.PolicyLoader.Load(policy, "policies/sample-policy.yaml").Policy!;
            database.Cases.Publish(policy, loaded.Hash, loaded.Version, "policies/sample-policy.yaml", "bench", TimeProvider.System.GetUtcNow());
            var token = new TokenIssuer(database.Tokens, TimeProvider.System)
                .Create("bench", ["desk_agent", "auditor", "iam_admin"], null, "bench").Value.Secret.Value;
            var app = ServerHost.Build(settings, database, TimeProvider.System, logging => logging.ClearProviders());
            app.StartAsync().GetAwaiter().GetResult();
            return new BenchServer(app, database, token);
        }

        /// <summary>Opens one case through the API and returns its path.</summary>
        public string OpenOneCase()
        {
            using var client = new HttpClient { BaseAddress = new Uri(Address) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
            using var body = new StringContent(OpenCaseScript.Split("wrk.body = '")[1].Split("'")[0], Encoding.UTF8, "application/json");
            using var response = client.PostAsync("api/v1/cases/", body).GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"opening the bench's case failed: {(int)response.StatusCode} {response.Content.ReadAsStringAsync().GetAwaiter().GetResult()}");
            }

            return response.Headers.Location is { } location ? location.ToString().TrimStart('/') : throw new InvalidOperationException("no Location for the opened case");
        }

        public void Dispose()
        {
            app.StopAsync().GetAwaiter().GetResult();
            ((IDisposable)app).Dispose();
            database.Dispose();
        }
    }
}
