using System.Security.Cryptography;
using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.EvidenceLog.Tests.Merkle;

public sealed class Sha256Tests
{
    [Fact]
    public void Every_length_hashes_as_the_base_library_does()
    {
        var lengths = Enumerable.Range(0, 300).Concat([1023, 1024, 1025, Sha256.NativeLimit - 1, Sha256.NativeLimit, Sha256.NativeLimit + 1, 70_000]);
        var digest = new byte[32];
        foreach (var length in lengths)
        {
            var input = Enumerable.Range(0, length).Select(i => (byte)((i * 7) + length)).ToArray();
            Sha256.Hash(input, digest);
            Assert.Equal(SHA256.HashData(input), digest);
        }
    }

    [Fact]
    public void Concurrent_hashing_gives_the_same_digests()
    {
        var inputs = Enumerable.Range(0, 2000).Select(i => BitConverter.GetBytes(i).Concat(new byte[i % 200]).ToArray()).ToArray();

        var digests = new byte[inputs.Length][];
        Parallel.For(0, inputs.Length, i =>
        {
            digests[i] = new byte[32];
            Sha256.Hash(inputs[i], digests[i]);
        });

        Assert.All(Enumerable.Range(0, inputs.Length), i => Assert.Equal(SHA256.HashData(inputs[i]), digests[i]));
    }

    [Fact]
    public void Linux_uses_the_fast_path_through_libcrypto_and_other_systems_the_base_library()
    {
        var expected = OperatingSystem.IsLinux() ? "OpenSSL low-level SHA-256" : "BCL IncrementalHash";

        Assert.StartsWith(expected, Rfc6962.Sha256Implementation, StringComparison.Ordinal);
    }
}
