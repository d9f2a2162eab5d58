using ResetTrail.Bench;
using ResetTrail.Bench.Corpus;
using ResetTrail.Bench.Figures;
using ResetTrail.Bench.Harness;

if (args.Length > 0 && args[0] == "--corpus")
{
    // --corpus okta|entra|windows COUNT OUT [SEED]: write a synthetic corpus (gzip when OUT ends in .gz) and stop.
    if (args.Length is < 4 or > 5 || args[1] is not ("okta" or "entra" or "windows")
        || !long.TryParse(args[2], System.Globalization.CultureInfo.InvariantCulture, out var count) || count < 0)
    {
        Console.Error.WriteLine("usage: dotnet run -c Release --project bench/ResetTrail.Bench -- --corpus okta|entra|windows COUNT OUT[.gz] [SEED]");
        return 2;
    }

    ulong? seed = args.Length == 5 ? ulong.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : null;
    var stats = args[1] switch
    {
        "entra" => EntraCorpus.Write(args[3], count, seed ?? EntraCorpus.DefaultSeed),
        "windows" => WindowsCorpus.Write(args[3], count, seed ?? WindowsCorpus.DefaultSeed),
        _ => OktaCorpus.Write(args[3], count, seed ?? OktaCorpus.DefaultSeed),
    };
    Console.Error.WriteLine($"bench: wrote {stats.Events} {args[1]} events ({stats.Bytes} bytes uncompressed, {stats.CredentialChanges} credential changes, {stats.Escaped} with escaped unicode) to {args[3]}");
    return 0;
}

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/ResetTrail.Bench -- [--quick] [--only N] [--out docs/benchmarks.md]");
    Console.Error.WriteLine("       dotnet run -c Release --project bench/ResetTrail.Bench -- --corpus okta|entra|windows COUNT OUT[.gz] [SEED]");
    return 2;
}

using var workspace = Workspace.Create();
var repoRoot = Workspace.FindRepositoryRoot();
var report = new Report(options, Machine.Describe(workspace.Directory, TimeProvider.System));
Console.Error.WriteLine($"bench: {(options.Quick ? "quick" : "full")} run in {workspace.Directory}");

if (options.Runs(1))
{
    report.Add(DurableAppendFigure.Run(options, workspace));
}

if (options.Runs(2))
{
    report.Add(BatchedAppendFigure.Run(options, workspace));
}

if (options.Runs(3))
{
    report.Add(SubmitLatencyFigure.Run(options, workspace));
}

if (options.Runs(4) || options.Runs(5) || options.Runs(6))
{
    using var bigLog = ProofLog.Build(options, workspace);
    if (options.Runs(4))
    {
        report.Add(ProofFigure.Run(options, workspace, bigLog, repoRoot));
    }

    if (options.Runs(5))
    {
        report.Add(HashingFigure.Run(options));
    }

    if (options.Runs(6))
    {
        report.Add(AuditFigure.Run(options, bigLog));
    }
}

if (options.Runs(7))
{
    report.Add(LifecycleFigure.Run(options, workspace));
}

if (options.Runs(8))
{
    report.Add(IngestFigure.Run(options, workspace, repoRoot));
}

if (options.Runs(9))
{
    report.Add(PostgresFigure.Run(options, workspace));
}

if (options.Runs(10))
{
    report.Add(DetectFigure.Run(options, workspace, repoRoot));
}

if (options.Runs(11))
{
    report.Add(ServerFigure.Run(options, workspace));
}

if (options.Runs(12))
{
    report.Add(AlertLatencyFigure.Run(options, workspace));
}

var markdown = report.ToMarkdown();
Console.WriteLine(markdown);
if (options.OutPath is not null)
{
    ReportFile.Write(options.OutPath, markdown, options.Only);
    Console.Error.WriteLine($"bench: wrote {options.OutPath}");
}

return 0;
