using System.Numerics;

namespace ResetTrail.EvidenceLog.Merkle;

/// <summary>
/// Which subtree hashes make up an inclusion or consistency proof (RFC 9162 §2.1.3.1 PATH and
/// §2.1.4.1 SUBPROOF), as ranges of leaves, and which stored perfect nodes they are built from.
/// Every range is either a perfect node or lies on the right border of the tree, so it is the fold
/// of at most log2(size) perfect nodes: a proof needs O(log n) stored hashes.
/// </summary>
public sealed class ProofPlan
{
    private readonly List<(ulong Start, ulong End)> ranges;
    private readonly List<NodeId> nodes = [];
    private readonly List<(int First, int Count)> pieces = [];

    private ProofPlan(List<(ulong Start, ulong End)> ranges)
    {
        this.ranges = ranges;
        foreach (var (start, end) in ranges)
        {
            var first = nodes.Count;
            Decompose(start, end, nodes);
            pieces.Add((first, nodes.Count - first));
        }
    }

    /// <summary>The perfect nodes to read, in the order <see cref="Assemble"/> expects them.</summary>
    public IReadOnlyList<NodeId> Nodes => nodes;

    /// <summary>The proof's subtrees as leaf ranges [Start, End), from the leaf side upwards.</summary>
    public IReadOnlyList<(ulong Start, ulong End)> Ranges => ranges;

    public static ProofPlan Inclusion(ulong index, ulong size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var result = new List<(ulong, ulong)>();
        Path(index, 0, size, result);
        return new ProofPlan(result);
    }

    public static ProofPlan Consistency(ulong size1, ulong size2)
    {
        ArgumentOutOfRangeException.ThrowIfZero(size1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size1, size2);
        var result = new List<(ulong, ulong)>();
        SubProof(size1, 0, size2, originalTree: true, result);
        return new ProofPlan(result);
    }

    /// <summary>Builds the proof's hashes from the node hashes (32 bytes each, in the order of <see cref="Nodes"/>).</summary>
    public ProofHashes Assemble(ReadOnlySpan<byte> nodeHashes)
    {
        if (nodeHashes.Length != nodes.Count * Rfc6962.HashSize)
        {
            throw new ArgumentException($"expected {nodes.Count} node hashes, got {nodeHashes.Length} bytes", nameof(nodeHashes));
        }

        var proof = new byte[pieces.Count * Rfc6962.HashSize];
        for (var p = 0; p < pieces.Count; p++)
        {
            var (first, count) = pieces[p];
            var hash = proof.AsSpan(p * Rfc6962.HashSize, Rfc6962.HashSize);
            Node(nodeHashes, first + count - 1).CopyTo(hash);
            for (var i = first + count - 2; i >= first; i--)
            {
                Rfc6962.HashChildren(Node(nodeHashes, i), hash, hash);
            }
        }

        return new ProofHashes(proof);
    }

    /// <summary>Reads the nodes through <paramref name="reader"/> and assembles the proof.</summary>
    public ProofHashes Build(INodeReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var length = nodes.Count * Rfc6962.HashSize;
        Span<byte> hashes = length <= 4096 ? stackalloc byte[length] : new byte[length];
        reader.ReadNodes(nodes, hashes);
        return Assemble(hashes);
    }

    /// <summary>
    /// Splits [start, end) into perfect nodes from left to right: the binary digits of its width,
    /// largest first. Valid for ranges whose start is aligned, which every proof range is.
    /// </summary>
    public static void Decompose(ulong start, ulong end, List<NodeId> into)
    {
        while (start < end)
        {
            var level = 63 - BitOperations.LeadingZeroCount(end - start);
            if (start != 0)
            {
                level = Math.Min(level, BitOperations.TrailingZeroCount(start));
            }

            into.Add(new NodeId(level, start >> level));
            start += 1UL << level;
        }
    }

    // RFC 9162 §2.1.3.1: PATH(m, D[n]).
    private static void Path(ulong index, ulong start, ulong end, List<(ulong, ulong)> into)
    {
        var width = end - start;
        if (width == 1)
        {
            return;
        }

        var k = LargestPowerOfTwoBelow(width);
        if (index < start + k)
        {
            Path(index, start, start + k, into);
            into.Add((start + k, end));
        }
        else
        {
            Path(index, start + k, end, into);
            into.Add((start, start + k));
        }
    }

    // RFC 9162 §2.1.4.1: SUBPROOF(m, D[n], b).
    private static void SubProof(ulong m, ulong start, ulong end, bool originalTree, List<(ulong, ulong)> into)
    {
        var width = end - start;
        if (m == width)
        {
            if (!originalTree)
            {
                into.Add((start, end));
            }

            return;
        }

        var k = LargestPowerOfTwoBelow(width);
        if (m <= k)
        {
            SubProof(m, start, start + k, originalTree, into);
            into.Add((start + k, end));
        }
        else
        {
            SubProof(m - k, start + k, end, originalTree: false, into);
            into.Add((start, start + k));
        }
    }

    private static ReadOnlySpan<byte> Node(ReadOnlySpan<byte> hashes, int i) => hashes.Slice(i * Rfc6962.HashSize, Rfc6962.HashSize);

    private static ulong LargestPowerOfTwoBelow(ulong n) => 1UL << (63 - BitOperations.LeadingZeroCount(n - 1));
}
