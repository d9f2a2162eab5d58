using ResetTrail.Bench.Harness;
using ResetTrail.Bench.Peers;
using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.Bench.Figures;

/// <summary>Figure 5: RFC 6962 node hashes per second on one thread, against openssl's SHA-256 over 65-byte inputs.</summary>
internal static class HashingFigure
{
    private const int Chunk = 10_000;

    public static Figure Run(BenchOptions options)
    {
        var left = new byte[Rfc6962.HashSize];
        var right = new byte[Rfc6962.HashSize];
        new SplitMix64(5).Fill(left);
        new SplitMix64(6).Fill(right);
        var destination = new byte[Rfc6962.HashSize];
        var window = TimeSpan.FromSeconds(options.OpenSslSeconds);

        double Ours() => Timed.Rate(window, () =>
        {
            for (var i = 0; i < Chunk; i++)
            {
                // Chain the output into the next input, as a tree build does, so no call can be skipped.
                Rfc6962.HashChildren(left, destination, destination);
            }

            return Chunk;
        });

        string? problem = null;
        double OpenSsl()
        {
            var result = OpenSslSpeed.Sha256Of65Bytes(options.OpenSslSeconds);
            problem ??= result.Problem;
            return result.HashesPerSecond ?? double.NaN;
        }

        Timed.Rate(TimeSpan.FromMilliseconds(200), () => { Rfc6962.HashChildren(left, right, destination); return 1; }); // warm-up
        var result = Paired.Run(options.Repetitions, Ours, OpenSsl);
        var peer = problem is null ? Format.Rate(result.PeerMedian, "hashes") : "not run";
        return new Figure(
            5,
            "RFC 6962 node hashing, one thread",
            $"`openssl speed -evp sha256 -bytes 65 -seconds {options.OpenSslSeconds} -mr` ({OpenSslSpeed.Version() ?? "openssl missing"}), bytes/s ÷ 65",
            [
                new FigureRow("Rfc6962.HashChildren (32 + 32 bytes)", Format.Rate(result.OursMedian, "hashes"), peer, problem is null ? result.RatioMedian : null, 0.5),
            ],
            [
                $"Ours: `Rfc6962.HashChildren(left, right, destination)` (the span overload, no allocation) in a loop for {options.OpenSslSeconds} s, each output fed back as the next right child. One node hash is SHA-256 over 65 bytes (0x01 ‖ left ‖ right), the same work as openssl's 65-byte blocks.",
                ".NET's SHA256.HashData on Linux calls into the system OpenSSL (libcrypto), so the ratio is mostly the cost of the managed call, the stack copy and OpenSSL's one-shot EVP setup per hash.",
                problem is null
                    ? $"Per repetition, ours: {string.Join(", ", result.Ours.Select(r => Format.Number(r, "N0")))}; openssl: {string.Join(", ", result.Peer.Select(r => Format.Number(r, "N0")))} hashes/s."
                    : $"openssl not run: {problem}.",
            ]);
    }
}
