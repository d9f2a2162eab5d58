using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResetTrail.Bench.Peers;

/// <summary>
/// Go's golang.org/x/mod/sumdb/tlog doing the proof work of figure 4, through the interop verifier in
/// tests/interop/go-sumdb (`sumdbverify bench N`: an in-memory tree of N entries, 200,000 proofs of
/// each kind at random indices and sizes). Built offline in GOPATH mode with Debian's golang.org/x/mod.
/// </summary>
internal sealed class GoSumdb
{
    private readonly string binary;

    private GoSumdb(string binary) => this.binary = binary;

    /// <summary>Builds the program, or says why it could not (Go or the source missing, build failure).</summary>
    public static (GoSumdb? Peer, string? Problem, string? GoVersion) Build(string? repoRoot, string workDirectory)
    {
        if (repoRoot is null)
        {
            return (null, "the repository root (ResetTrail.slnx) was not found, so tests/interop/go-sumdb could not be located", null);
        }

        var source = Path.Combine(repoRoot, "tests", "interop", "go-sumdb");
        if (!File.Exists(Path.Combine(source, "bench.go")))
        {
            return (null, "tests/interop/go-sumdb/bench.go does not exist (the `sumdbverify bench` subcommand is missing)", null);
        }

        var version = ExternalCommand.Run("go", ["version"]);
        if (version is null)
        {
            return (null, "Go is not installed (`go` not on PATH)", null);
        }

        var output = Path.Combine(workDirectory, "sumdbverify");
        var environment = new Dictionary<string, string>
        {
            ["GO111MODULE"] = "off",
            ["GOPATH"] = "/usr/share/gocode",
            ["GOCACHE"] = Path.Combine(workDirectory, "gocache"),
            ["GOFLAGS"] = string.Empty,
            ["GOPROXY"] = "off",
        };
        var build = ExternalCommand.Run("go", ["build", "-o", output, "./tests/interop/go-sumdb"], repoRoot, environment);
        return build is { ExitCode: 0 }
            ? (new GoSumdb(output), null, version.Value.Stdout.Trim())
            : (null, $"`go build ./tests/interop/go-sumdb` failed: {build?.Stderr.Trim()}", version.Value.Stdout.Trim());
    }

    public (BenchLine? Line, string? Problem) Bench(ulong n)
    {
        var run = ExternalCommand.Run(binary, ["bench", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (run is not { ExitCode: 0 } ok)
        {
            return (null, $"sumdbverify bench failed: {run?.Stderr.Trim()}");
        }

        var json = ok.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? string.Empty;
        try
        {
            var line = JsonSerializer.Deserialize<BenchLine>(json);
            return line is null ? (null, $"sumdbverify bench printed no JSON: {json}") : (line, null);
        }
        catch (JsonException e)
        {
            return (null, $"sumdbverify bench printed bad JSON ({e.Message}): {json}");
        }
    }

    internal sealed record BenchLine(
        [property: JsonPropertyName("n")] long N,
        [property: JsonPropertyName("inclusion_generate_per_s")] double InclusionGeneratePerS,
        [property: JsonPropertyName("inclusion_verify_per_s")] double InclusionVerifyPerS,
        [property: JsonPropertyName("consistency_generate_per_s")] double ConsistencyGeneratePerS,
        [property: JsonPropertyName("consistency_verify_per_s")] double ConsistencyVerifyPerS,
        [property: JsonPropertyName("m")] int? M = null,
        [property: JsonPropertyName("tree_build_s")] double? TreeBuildSeconds = null);
}
