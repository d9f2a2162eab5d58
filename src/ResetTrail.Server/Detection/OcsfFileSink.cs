using ResetTrail.Detection.Alerts;
using ResetTrail.Detection.Delivery;

namespace ResetTrail.Server.Detection;

/// <summary>Appends each alert as an OCSF Detection Finding, one JSON object a line, flushed to disk before it counts as delivered.</summary>
internal sealed class OcsfFileSink(string path) : IAlertSink
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public string Name => "ocsf-file";

    public async Task DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        var line = AlertJson.Ocsf(alert);
        var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(line, cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(NewLine, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
    }
}
