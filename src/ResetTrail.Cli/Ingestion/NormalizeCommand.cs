using System.CommandLine;
using System.Text.Json;
using ResetTrail.Cli.Console;
using ResetTrail.Ingestion.Ocsf;

namespace ResetTrail.Cli.Ingestion;

/// <summary><c>resettrail normalize</c>: identity-provider logs in, OCSF 1.x JSON out, one object a line.</summary>
internal static class NormalizeCommand
{
    public static Command Create(CliIO io)
    {
        var files = new Argument<string[]>("FILE") { Description = "Log files (JSON, NDJSON, XML; .gz read directly)", Arity = ArgumentArity.OneOrMore };
        var source = new Option<string?>("--source") { Description = "okta, entra, windows, keycloak or google_workspace (default: detected per file)", HelpName = "SOURCE" };
        var skipBad = new Option<bool>("--skip-bad") { Description = "Skip malformed records, reporting and counting each, instead of stopping" };
        var output = new Option<string?>("--out") { Description = "Write to this file instead of standard output", HelpName = "FILE" };
        var command = new Command("normalize", "Normalise identity-provider logs to OCSF JSON lines (Account Change, Authentication, User Access Management)")
        {
            files, source, skipBad, output,
        };
        command.SetAction(parse =>
        {
            var reader = new EventFiles(io, parse.GetValue(source), parse.GetValue(skipBad));
            using var file = parse.GetValue(output) is { } path ? File.Create(path) : null;
            var written = 0L;
            foreach (var e in reader.Read(parse.GetValue(files)!))
            {
                var line = Line(e);
                if (file is not null)
                {
                    file.Write(line);
                    file.WriteByte((byte)'\n');
                }
                else
                {
                    io.Output.WriteLine(System.Text.Encoding.UTF8.GetString(line));
                }

                written++;
            }

            io.Error.WriteLine($"resettrail: {written} events normalised, {reader.Duplicates} repeats dropped, {reader.Skipped} malformed records skipped");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static byte[] Line(ResetTrail.Ingestion.Events.IdentityEvent e)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            OcsfWriter.Write(json, e);
        }

        return buffer.ToArray();
    }
}
