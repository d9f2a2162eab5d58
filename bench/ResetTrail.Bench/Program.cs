using ResetTrail.Bench;
using ResetTrail.Bench.Figures;
using ResetTrail.Bench.Harness;

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/ResetTrail.Bench -- [--quick] [--only N] [--out docs/benchmarks.md]");
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

var markdown = report.ToMarkdown();
Console.WriteLine(markdown);
if (options.OutPath is not null)
{
    ReportFile.Write(options.OutPath, markdown);
    Console.Error.WriteLine($"bench: wrote {options.OutPath}");
}

return 0;
