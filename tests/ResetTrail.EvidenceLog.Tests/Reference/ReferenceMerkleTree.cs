using System.Security.Cryptography;

namespace ResetTrail.EvidenceLog.Tests.Reference;

/// <summary>
/// A deliberately literal Merkle tree over an in-memory list of entries, in the spirit of
/// transparency-dev/merkle testonly/reference_test.go: every definition is the RFC text transcribed,
/// recursive and slow, sharing no code with the library, so the fast implementation has something
/// obvious to be compared with. D[start:end] is the list of entries from start (inclusive) to end
/// (exclusive).
/// </summary>
internal sealed class ReferenceMerkleTree(IReadOnlyList<byte[]> entries)
{
    public int Count => entries.Count;

    public byte[] Entry(int index) => entries[index];

    /// <summary>RFC 6962 §2.1: the leaf hash, SHA-256(0x00 ‖ d).</summary>
    public static byte[] LeafHash(byte[] entry) => SHA256.HashData([0x00, .. entry]);

    /// <summary>RFC 6962 §2.1: an interior node, SHA-256(0x01 ‖ left ‖ right).</summary>
    public static byte[] NodeHash(byte[] left, byte[] right) => SHA256.HashData([0x01, .. left, .. right]);

    /// <summary>RFC 6962 §2.1: MTH(D[n]) of the first <paramref name="size"/> entries.</summary>
    public byte[] Root(int size) => Mth(0, size);

    /// <summary>
    /// RFC 6962 §2.1: MTH({}) = SHA-256(); MTH({d(0)}) = SHA-256(0x00 ‖ d(0)); for n &gt; 1, with k the largest
    /// power of two smaller than n, MTH(D[n]) = SHA-256(0x01 ‖ MTH(D[0:k]) ‖ MTH(D[k:n])).
    /// </summary>
    public byte[] Mth(int start, int end)
    {
        var n = end - start;
        if (n == 0)
        {
            return SHA256.HashData(Array.Empty<byte>());
        }

        if (n == 1)
        {
            return LeafHash(entries[start]);
        }

        var k = LargestPowerOfTwoSmallerThan(n);
        return NodeHash(Mth(start, start + k), Mth(start + k, end));
    }

    /// <summary>RFC 9162 §2.1.3.1: the inclusion proof PATH(m, D[n]) for leaf m of the first n entries.</summary>
    public List<byte[]> Path(int m, int size) => Path(m, 0, size);

    /// <summary>RFC 9162 §2.1.4.1: the consistency proof PROOF(m, D[n]) = SUBPROOF(m, D[n], true).</summary>
    public List<byte[]> Proof(int m, int size) => SubProof(m, 0, size, true);

    // PATH(m, D[n]): empty for n = 1; otherwise, for m < k, PATH(m, D[0:k]) : MTH(D[k:n]),
    // and for m >= k, PATH(m - k, D[k:n]) : MTH(D[0:k]).
    private List<byte[]> Path(int m, int start, int end)
    {
        var n = end - start;
        if (n == 1)
        {
            return [];
        }

        var k = LargestPowerOfTwoSmallerThan(n);
        if (m < k)
        {
            return [.. Path(m, start, start + k), Mth(start + k, end)];
        }

        return [.. Path(m - k, start + k, end), Mth(start, start + k)];
    }

    // SUBPROOF(m, D[n], b): for m = n, empty if b is true, else {MTH(D[n])}; for m <= k,
    // SUBPROOF(m, D[0:k], b) : MTH(D[k:n]); for m > k, SUBPROOF(m - k, D[k:n], false) : MTH(D[0:k]).
    private List<byte[]> SubProof(int m, int start, int end, bool b)
    {
        var n = end - start;
        if (m == n)
        {
            return b ? [] : [Mth(start, end)];
        }

        var k = LargestPowerOfTwoSmallerThan(n);
        if (m <= k)
        {
            return [.. SubProof(m, start, start + k, b), Mth(start + k, end)];
        }

        return [.. SubProof(m - k, start + k, end, false), Mth(start, start + k)];
    }

    private static int LargestPowerOfTwoSmallerThan(int n)
    {
        var k = 1;
        while (k * 2 < n)
        {
            k *= 2;
        }

        return k;
    }
}
