using System.CommandLine;
using System.Globalization;
using System.Runtime;
using ResetTrail.Cli.Console;
using ResetTrail.Cli.Ingestion;
using ResetTrail.Detection.Engine;
using ResetTrail.Detection.Signals;
using ResetTrail.Ingestion.Sources;

namespace ResetTrail.Cli.Detection;

/// <summary>
/// <c>resettrail detect</c>: runs the detection rules over identity-provider logs, joined with the case signals of
/// --db, and prints alerts. With --follow it keeps reading what is appended to the files (polling once a second,
/// surviving truncation and rotation) until interrupted; time passing while input is idle still decides the rules
/// that wait for something not to happen.
/// </summary>
internal static class DetectCommand
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    public static Command Create(CliIO io)
    {
        var files = new Argument<string[]>("FILE") { Description = "Log files (JSON, NDJSON, XML; .gz read directly)", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--source") { Description = "okta, entra, windows, keycloak or google_workspace (default: detected per file)", HelpName = "SOURCE" };
        var config = new Option<string?>("--config") { Description = "Detection configuration (default: the built-in policies/detection.yaml)", HelpName = "FILE" };
        var database = new Option<string?>("--db") { Description = "A ResetTrail database whose cases' steps (opened, verifications, approvals, executions) the rules join", HelpName = "FILE" };
        var format = new Option<string>("--format") { Description = "ocsf (Detection Finding), jsonl, or table", HelpName = "FORMAT", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("ocsf", "jsonl", "table");
        var follow = new Option<bool>("--follow") { Description = "Keep reading lines appended to the files (NDJSON), until interrupted" };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Skip malformed records, reporting and counting each, instead of stopping" };
        var command = new Command("detect", "Run the detection rules over identity-provider logs and case signals; print alerts")
        {
            files, source, config, database, format, follow, skipBad,
        };
        command.SetAction(parse =>
        {
            // The reader thread may report skipped records while this one reports late events.
            var shared = ReferenceEquals(io.Error, System.Console.Error) ? io : io with { Error = TextWriter.Synchronized(io.Error) };
            using var formatted = new AlertOutput(shared, parse.GetValue(format)!);
            using var output = new AlertWriterThread(formatted);
            var engine = new DetectionEngine(DetectionConfigFile.Load(parse.GetValue(config), shared), output);
            var signals = new Queue<CaseSignal>(CaseSignalFiles.Load(parse.GetValue(database), shared));
            var reader = new EventFiles(shared, parse.GetValue(source), parse.GetValue(skipBad));
            var paths = parse.GetValue(files)!;

            // A batch job until the files are read: no background collections competing with the two threads.
            var latency = GCSettings.LatencyMode;
            GCSettings.LatencyMode = GCLatencyMode.Batch;
            try
            {
                // Records no rule reads are counted from their bytes, unparsed; their time still moves the engine's clock.
                foreach (var item in ReadAhead.Items(reader, paths, engine.Reads))
                {
                    AddSignalsUpTo(engine, signals, item.Time);
                    if (item.Event is { } e)
                    {
                        engine.Add(e);
                    }
                    else
                    {
                        engine.Pass(item.Time);
                    }
                }
            }
            finally
            {
                GCSettings.LatencyMode = latency;
            }

            AddSignalsUpTo(engine, signals, DateTimeOffset.MaxValue);
            if (parse.GetValue(follow))
            {
                Follow(engine, output, paths, parse.GetValue(source), shared);
            }

            engine.Flush();
            output.Flush();
            shared.Error.WriteLine($"resettrail: {engine.Rules.Count} rules; {engine.Stats}; {reader.Duplicates} repeats dropped, {reader.Skipped} malformed records skipped");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void AddSignalsUpTo(DetectionEngine engine, Queue<CaseSignal> signals, DateTimeOffset time)
    {
        while (signals.TryPeek(out var next) && next.Time <= time)
        {
            engine.Add(signals.Dequeue());
        }
    }

    private static void Follow(DetectionEngine engine, AlertWriterThread output, string[] paths, string? sourceName, CliIO io)
    {
        using var stop = new CancellationTokenSource();
        System.Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.Cancel();
        };

        // Start at the current end: what was there has just been read.
        var followers = paths.Select(p => new FileFollower(p)).ToList();
        foreach (var f in followers)
        {
            f.Poll();
        }

        var sources = new Dictionary<string, IEventSource>(StringComparer.Ordinal);
        output.Flush();
        io.Error.WriteLine($"resettrail: following {followers.Count} file(s); interrupt to stop");
        while (!stop.IsCancellationRequested)
        {
            foreach (var f in followers)
            {
                var chunk = f.Poll();
                if (chunk.Length == 0)
                {
                    continue;
                }

                var source = sources.TryGetValue(f.Path, out var known) ? known : sourceName is not null ? SourceCatalog.ByName(sourceName) : SourceCatalog.Detect(chunk);
                if (source is null)
                {
                    io.Error.WriteLine($"resettrail: cannot tell which identity provider wrote the new lines of '{f.Path}'; name it with --source");
                    continue;
                }

                sources[f.Path] = source;
                using var stream = new MemoryStream(chunk);
                foreach (var record in source.Read(stream, f.Path))
                {
                    if (record.Event is { } e)
                    {
                        engine.Add(e);
                    }
                    else
                    {
                        io.Error.WriteLine($"resettrail: skipped {record.Problem}");
                    }
                }
            }

            engine.AdvanceTo(io.Time.GetUtcNow());
            output.Flush();
            stop.Token.WaitHandle.WaitOne(PollEvery);
        }

        io.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"resettrail: stopped following ({followers.Sum(f => f.Rotations)} truncation(s) or rotation(s) seen)"));
    }
}
