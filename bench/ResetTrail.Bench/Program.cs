using ResetTrail.Bench;
using ResetTrail.Bench.Figures;
using ResetTrail.Bench.Harness;

var options = BenchOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/ResetTrail.Bench -- [--quick] [--out docs/benchmarks.md]");
    return 2;
}

using var workspace = Workspace.Create();
var repoRoot = Workspace.FindRepositoryRoot();
var report = new Report(options, Machine.Describe(workspace.Directory, TimeProvider.System));
Console.Error.WriteLine($"bench: {(options.Quick ? "quick" : "full")} run in {workspace.Directory}");

report.Add(DurableAppendFigure.Run(options, workspace));
report.Add(BatchedAppendFigure.Run(options, workspace));
report.Add(SubmitLatencyFigure.Run(options, workspace));
using (var bigLog = ProofLog.Build(options, workspace))
{
    report.Add(ProofFigure.Run(options, workspace, bigLog, repoRoot));
    report.Add(HashingFigure.Run(options));
    report.Add(AuditFigure.Run(options, bigLog));
}

var markdown = report.ToMarkdown();
Console.WriteLine(markdown);
if (options.OutPath is not null)
{
    ReportFile.Write(options.OutPath, markdown);
    Console.Error.WriteLine($"bench: wrote {options.OutPath}");
}

return 0;
