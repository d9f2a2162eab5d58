using System.Numerics;

namespace ResetTrail.EvidenceLog.Merkle;

/// <summary>
/// Verifies RFC 9162 §2.1.3.2 inclusion proofs and §2.1.4.2 consistency proofs, and the subtree
/// variants of draft-ietf-plants-merkle-tree-certs (a subtree [start, end) whose start is a multiple
/// of the smallest power of two not below its width).
/// Stricter than the RFC text on purpose: an empty root or leaf hash is refused, a proof or leaf hash
/// of any length but 32 bytes is refused, and a consistency proof from size 0 is refused even when
/// empty, because it proves nothing. Roots that are only compared (equal sizes) may have any
/// non-zero length, as transparency-dev/merkle's vectors expect; a root of the wrong length never
/// matches a computed one.
/// </summary>
public static class ProofVerifier
{
    public static ProofCheck VerifyInclusion(
        ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        if (root.IsEmpty)
        {
            return ProofCheck.Invalid("the root hash is empty");
        }

        Span<byte> computed = stackalloc byte[Rfc6962.HashSize];
        var check = RootFromInclusionProof(index, size, leafHash, proof, computed);
        return check.IsValid ? Match(computed, root) : check;
    }

    /// <summary>RFC 9162 §2.1.3.2: computes the root implied by an inclusion proof into <paramref name="root"/>.</summary>
    public static ProofCheck RootFromInclusionProof(
        ulong index, ulong size, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, Span<byte> root)
    {
        if (index >= size)
        {
            return ProofCheck.Invalid($"index {index} is not below tree size {size}");
        }

        if (leafHash.Length != Rfc6962.HashSize)
        {
            return ProofCheck.Invalid($"leaf hash has {leafHash.Length} bytes, want {Rfc6962.HashSize}");
        }

        var (inner, border) = DecomposeInclusion(index, size);
        if (proof.Count != inner + border)
        {
            return ProofCheck.Invalid($"inclusion proof has {proof.Count} hashes, want {inner + border}");
        }

        if (!AllHashSized(proof, out var bad))
        {
            return bad;
        }

        leafHash.CopyTo(root);
        ChainInner(root, proof, 0, inner, index);
        ChainBorderRight(root, proof, inner, border);
        return ProofCheck.Valid;
    }

    public static ProofCheck VerifySubtreeInclusion(
        ulong index, ulong start, ulong end, ReadOnlySpan<byte> leafHash, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root)
    {
        var subtree = CheckSubtree(start, end);
        if (!subtree.IsValid)
        {
            return subtree;
        }

        if (index < start || index >= end)
        {
            return ProofCheck.Invalid($"index {index} is outside the subtree [{start}, {end})");
        }

        return VerifyInclusion(index - start, end - start, leafHash, proof, root);
    }

    public static ProofCheck VerifyConsistency(
        ulong size1, ulong size2, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> root1, ReadOnlySpan<byte> root2)
    {
        if (root1.IsEmpty || root2.IsEmpty)
        {
            return ProofCheck.Invalid("a root hash is empty");
        }

        if (size2 < size1)
        {
            return ProofCheck.Invalid($"size2 ({size2}) is below size1 ({size1})");
        }

        if (size1 == 0)
        {
            return ProofCheck.Invalid("a consistency proof from the empty tree proves nothing");
        }

        if (size1 == size2)
        {
            return proof.Count > 0
                ? ProofCheck.Invalid("sizes are equal but the proof is not empty")
                : Match(root1, root2);
        }

        if (proof.Count == 0)
        {
            return ProofCheck.Invalid("the proof is empty");
        }

        if (root1.Length != Rfc6962.HashSize)
        {
            return ProofCheck.Invalid($"root1 has {root1.Length} bytes, want {Rfc6962.HashSize}");
        }

        Span<byte> computed = stackalloc byte[Rfc6962.HashSize];
        var check = RootFromSubtreeConsistency(0, size1, size2, proof, root1, computed);
        return check.IsValid ? Match(computed, root2) : check;
    }

    public static ProofCheck VerifySubtreeConsistency(
        ulong start, ulong end, ulong size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> subtreeRoot, ReadOnlySpan<byte> root)
    {
        var subtree = CheckSubtree(start, end);
        if (!subtree.IsValid)
        {
            return subtree;
        }

        if (end > size)
        {
            return ProofCheck.Invalid($"subtree end {end} is beyond tree size {size}");
        }

        if (subtreeRoot.IsEmpty || root.IsEmpty)
        {
            return ProofCheck.Invalid("a root hash is empty");
        }

        if (start == end)
        {
            // The empty subtree is consistent with every tree; only its canonical form is accepted.
            if (proof.Count > 0)
            {
                return ProofCheck.Invalid("the subtree is empty but the proof is not");
            }

            return subtreeRoot.SequenceEqual(Rfc6962.EmptyRoot)
                ? ProofCheck.Valid
                : ProofCheck.Invalid("the subtree is empty but its root is not the empty root");
        }

        if (start == 0 && end == size)
        {
            return proof.Count > 0
                ? ProofCheck.Invalid("the subtree is the whole tree but the proof is not empty")
                : Match(subtreeRoot, root);
        }

        if (proof.Count == 0)
        {
            return ProofCheck.Invalid("the proof is empty");
        }

        if (subtreeRoot.Length != Rfc6962.HashSize)
        {
            return ProofCheck.Invalid($"subtree root has {subtreeRoot.Length} bytes, want {Rfc6962.HashSize}");
        }

        Span<byte> computed = stackalloc byte[Rfc6962.HashSize];
        var check = RootFromSubtreeConsistency(start, end, size, proof, subtreeRoot, computed);
        return check.IsValid ? Match(computed, root) : check;
    }

    /// <summary>
    /// A subtree [start, end) is valid when start is a multiple of the smallest power of two that is
    /// not below end - start: then it is one node of the tree, or the left part of one.
    /// </summary>
    internal static ProofCheck CheckSubtree(ulong start, ulong end)
    {
        if (start > end)
        {
            return ProofCheck.Invalid($"subtree start {start} is after its end {end}");
        }

        if (start == 0 || start == end)
        {
            return ProofCheck.Valid;
        }

        var width = end - start;
        if (width > 1UL << 63)
        {
            return ProofCheck.Invalid($"subtree [{start}, {end}) is too wide to start anywhere but 0");
        }

        var ceiling = BitOperations.RoundUpToPowerOf2(width);
        return (start & (ceiling - 1)) == 0
            ? ProofCheck.Valid
            : ProofCheck.Invalid($"subtree start {start} is not a multiple of {ceiling}");
    }

    /// <summary>
    /// Rebuilds the root of the tree of <paramref name="size"/> leaves from the root of its subtree
    /// [start, end) and a consistency proof; when the proof carries nodes inside the subtree it also
    /// checks that they hash back to <paramref name="subtreeRoot"/>.
    /// </summary>
    private static ProofCheck RootFromSubtreeConsistency(
        ulong start, ulong end, ulong size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> subtreeRoot, Span<byte> root)
    {
        if (!AllHashSized(proof, out var bad))
        {
            return bad;
        }

        if (end == size)
        {
            // The subtree is a node on the right border: one left sibling per level where its
            // ancestor is a right child.
            var height = BitLength((end - 1) ^ start);
            var expected = BitOperations.PopCount(start >> height);
            if (proof.Count != expected)
            {
                return ProofCheck.Invalid($"consistency proof has {proof.Count} hashes, want {expected}");
            }

            subtreeRoot.CopyTo(root);
            ChainBorderRight(root, proof, 0, proof.Count);
            return ProofCheck.Valid;
        }

        var (forkLevel, border) = DecomposeInclusion(end - 1, size);
        var shift = BitOperations.TrailingZeroCount(end - start);
        var inner = forkLevel - shift;

        // The proof starts with the root of the rightmost perfect subtree inside [start, end),
        // unless [start, end) is itself perfect: then the verifier already holds that root.
        var subtreeIsPerfect = (end - start) == 1UL << shift;
        var offset = subtreeIsPerfect ? 0 : 1;
        if (proof.Count != offset + inner + border)
        {
            return ProofCheck.Invalid($"consistency proof has {proof.Count} hashes, want {offset + inner + border}");
        }

        var mask = (end - 1) >> shift;
        Span<byte> seed = stackalloc byte[Rfc6962.HashSize];
        (subtreeIsPerfect ? subtreeRoot : ProofHashes.At(proof, 0)).CopyTo(seed);

        if (!subtreeIsPerfect)
        {
            var check = CheckOldRoot(start, end, size, border, proof, offset, inner, shift, mask, seed, subtreeRoot);
            if (!check.IsValid)
            {
                return check;
            }
        }

        seed.CopyTo(root);
        ChainInner(root, proof, offset, inner, mask);
        ChainBorderRight(root, proof, offset + inner, border);
        return ProofCheck.Valid;
    }

    /// <summary>The proof's nodes that lie inside the subtree must rebuild the subtree's own root.</summary>
    private static ProofCheck CheckOldRoot(
        ulong start, ulong end, ulong size, int border, IReadOnlyList<byte[]> proof, int offset, int inner,
        int shift, ulong mask, ReadOnlySpan<byte> seed, ReadOnlySpan<byte> subtreeRoot)
    {
        var height = BitLength((end - 1) ^ start);
        var forkLevel = BitLength((end - 1) ^ (size - 1));
        var subInner = Math.Min(height, forkLevel) - shift;
        var subBorder = Math.Max(0, border - BitOperations.PopCount((end - 1) >> height));

        Span<byte> hash = stackalloc byte[Rfc6962.HashSize];
        seed.CopyTo(hash);
        for (var i = 0; i < subInner; i++)
        {
            // Only left siblings belong to the older, smaller tree.
            if (((mask >> i) & 1) == 1)
            {
                Rfc6962.HashChildren(ProofHashes.At(proof, offset + i), hash, hash);
            }
        }

        ChainBorderRight(hash, proof, offset + inner, subBorder);
        return Match(hash, subtreeRoot);
    }

    /// <summary>
    /// Splits the inclusion proof of leaf <paramref name="index"/> in a tree of <paramref name="size"/>
    /// leaves at the level where the paths to <paramref name="index"/> and size-1 diverge: below it,
    /// siblings may be left or right (inner); above it, they are all left siblings (border).
    /// </summary>
    private static (int Inner, int Border) DecomposeInclusion(ulong index, ulong size)
    {
        var inner = BitLength(index ^ (size - 1));
        var border = BitOperations.PopCount(index >> inner);
        return (inner, border);
    }

    private static void ChainInner(Span<byte> seed, IReadOnlyList<byte[]> proof, int from, int count, ulong index)
    {
        for (var i = 0; i < count; i++)
        {
            if (((index >> i) & 1) == 0)
            {
                Rfc6962.HashChildren(seed, ProofHashes.At(proof, from + i), seed);
            }
            else
            {
                Rfc6962.HashChildren(ProofHashes.At(proof, from + i), seed, seed);
            }
        }
    }

    private static void ChainBorderRight(Span<byte> seed, IReadOnlyList<byte[]> proof, int from, int count)
    {
        for (var i = 0; i < count; i++)
        {
            Rfc6962.HashChildren(ProofHashes.At(proof, from + i), seed, seed);
        }
    }

    private static bool AllHashSized(IReadOnlyList<byte[]> proof, out ProofCheck failure)
    {
        if (proof is ProofHashes)
        {
            failure = ProofCheck.Valid;
            return true;
        }

        for (var i = 0; i < proof.Count; i++)
        {
            if (proof[i].Length != Rfc6962.HashSize)
            {
                failure = ProofCheck.Invalid($"proof hash {i} has {proof[i].Length} bytes, want {Rfc6962.HashSize}");
                return false;
            }
        }

        failure = ProofCheck.Valid;
        return true;
    }

    private static ProofCheck Match(ReadOnlySpan<byte> computed, ReadOnlySpan<byte> expected) =>
        computed.SequenceEqual(expected)
            ? ProofCheck.Valid
            : ProofCheck.Invalid($"computed root {Convert.ToBase64String(computed)} does not match {Convert.ToBase64String(expected)}");

    private static int BitLength(ulong value) => 64 - BitOperations.LeadingZeroCount(value);
}
