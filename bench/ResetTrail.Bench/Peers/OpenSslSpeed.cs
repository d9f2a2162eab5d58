using System.Globalization;

namespace ResetTrail.Bench.Peers;

/// <summary>
/// `openssl speed -evp sha256 -bytes 65 -seconds S -mr`: one SHA-256 over 65 bytes is exactly one
/// RFC 6962 node hash (0x01 ‖ left ‖ right), so bytes/s ÷ 65 is openssl's node hashes per second.
/// </summary>
internal static class OpenSslSpeed
{
    public static Result Sha256Of65Bytes(int seconds)
    {
        var run = ExternalCommand.Run("openssl", ["speed", "-evp", "sha256", "-bytes", "65", "-seconds", seconds.ToString(CultureInfo.InvariantCulture), "-mr"]);
        if (run is null)
        {
            return new Result(null, "openssl is not installed");
        }

        var (exit, stdout, stderr) = run.Value;
        if (exit != 0)
        {
            return new Result(null, $"openssl speed exited {exit}: {stderr.Trim()}");
        }

        // Machine-readable result line: +F:<n>:sha256:<bytes per second for each block size>.
        var line = stdout.Split('\n').FirstOrDefault(l => l.StartsWith("+F:", StringComparison.Ordinal));
        var fields = line?.Split(':');
        if (fields is null || fields.Length < 4 || !double.TryParse(fields[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var bytesPerSecond))
        {
            return new Result(null, $"no +F line in openssl speed -mr output: {stdout.Trim()}");
        }

        return new Result(bytesPerSecond / 65, null);
    }

    public sealed record Result(double? HashesPerSecond, string? Problem);

    public static string? Version() => ExternalCommand.Run("openssl", ["version"])?.Stdout.Trim();
}
