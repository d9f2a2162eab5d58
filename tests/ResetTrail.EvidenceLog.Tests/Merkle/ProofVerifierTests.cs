using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Tests.Reference;

namespace ResetTrail.EvidenceLog.Tests.Merkle;

public sealed class ProofVerifierTests
{
    public static TheoryData<int> Sizes() => TreeSizes.All();

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Reference_inclusion_proofs_verify_and_their_mutations_do_not(int size)
    {
        var tree = TreeSizes.Tree;
        var root = tree.Root(size);
        var random = new Random(TreeSizes.Seed * size);
        foreach (var index in Sample.Indices(size))
        {
            var leaf = ReferenceMerkleTree.LeafHash(tree.Entry(index));
            var proof = tree.Path(index, size);
            Assert.True(Inclusion(index, size, leaf, proof, root).IsValid, $"leaf {index} of {size}");

            for (var i = 0; i < proof.Count; i++)
            {
                var flipped = FlipBit(proof, i, random);
                Assert.False(Inclusion(index, size, leaf, flipped, root).IsValid, $"leaf {index} of {size}, bit flipped in proof hash {i}");
            }

            // A different index changes which side each sibling is hashed on, or the proof's length.
            foreach (var wrong in new[] { index ^ 1, index + 1, index - 1, random.Next(size), size }.Where(w => w >= 0 && w != index))
            {
                Assert.False(Inclusion(wrong, size, leaf, proof, root).IsValid, $"leaf {index} of {size} claimed as leaf {wrong}");
            }

            // A wrong size sometimes leaves the proof's shape unchanged (leaf 0 of 4 and of 3 hash alike), so
            // the RFC 9162 §2.1.3.2 algorithm, transcribed literally, says which wrong sizes must fail.
            foreach (var wrongSize in new[] { size - 1, size + 1, 2 * size, random.Next(index + 1, (2 * size) + 2) }.Where(s => s != size))
            {
                var expected = ReferenceVerifier.VerifyInclusion((ulong)index, (ulong)wrongSize, leaf, proof, root);
                Assert.True(
                    expected == Inclusion(index, wrongSize, leaf, proof, root).IsValid,
                    $"leaf {index} of {size} claimed in a tree of {wrongSize}: the RFC says {(expected ? "valid" : "invalid")}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Reference_consistency_proofs_verify_and_their_mutations_do_not(int size)
    {
        var tree = TreeSizes.Tree;
        var root2 = tree.Root(size);
        var random = new Random(TreeSizes.Seed * size);
        foreach (var size1 in Sample.OldSizes(size))
        {
            var root1 = tree.Root(size1);
            var proof = tree.Proof(size1, size);
            Assert.True(ReferenceVerifier.VerifyConsistency((ulong)size1, (ulong)size, root1, root2, proof));
            Assert.True(Consistency(size1, size, proof, root1, root2).IsValid, $"{size1} to {size}");

            for (var i = 0; i < proof.Count; i++)
            {
                var flipped = FlipBit(proof, i, random);
                Assert.False(Consistency(size1, size, flipped, root1, root2).IsValid, $"{size1} to {size}, bit flipped in proof hash {i}");
            }

            if (size1 != size)
            {
                Assert.False(Consistency(size1, size, proof, root2, root1).IsValid, $"{size1} to {size} with swapped roots");
            }

            foreach (var (wrong1, wrong2) in new[] { (size1 - 1, size), (size1 + 1, size), (size1, size - 1), (size1, size + 1), (size1, 2 * size) })
            {
                if (wrong1 < 0 || wrong2 < 0 || (wrong1 == size1 && wrong2 == size))
                {
                    continue;
                }

                var expected = ReferenceVerifier.VerifyConsistency((ulong)wrong1, (ulong)wrong2, root1, root2, proof);
                Assert.True(
                    expected == Consistency(wrong1, wrong2, proof, root1, root2).IsValid,
                    $"{size1} to {size} claimed as {wrong1} to {wrong2}: the RFC says {(expected ? "valid" : "invalid")}");
            }
        }
    }

    [Fact]
    public void An_empty_root_or_leaf_hash_is_rejected()
    {
        var tree = TreeSizes.Tree;
        var leaf = ReferenceMerkleTree.LeafHash(tree.Entry(2));
        var proof = tree.Path(2, 5);
        var root = tree.Root(5);
        Assert.True(ProofVerifier.VerifyInclusion(2, 5, leaf, proof, root).IsValid);

        Assert.False(ProofVerifier.VerifyInclusion(2, 5, leaf, proof, []).IsValid);
        Assert.False(ProofVerifier.VerifyInclusion(2, 5, [], proof, root).IsValid);
        Assert.False(ProofVerifier.VerifyInclusion(0, 1, [], [], []).IsValid);
        Assert.False(ProofVerifier.VerifySubtreeInclusion(2, 0, 5, leaf, proof, []).IsValid);
        Assert.False(ProofVerifier.VerifySubtreeInclusion(2, 0, 5, [], proof, root).IsValid);

        var root3 = tree.Root(3);
        var consistency = tree.Proof(3, 5);
        Assert.True(ProofVerifier.VerifyConsistency(3, 5, consistency, root3, root).IsValid);
        Assert.False(ProofVerifier.VerifyConsistency(3, 5, consistency, [], root).IsValid);
        Assert.False(ProofVerifier.VerifyConsistency(3, 5, consistency, root3, []).IsValid);
        Assert.False(ProofVerifier.VerifyConsistency(3, 3, [], [], []).IsValid);
        Assert.True(ProofVerifier.VerifySubtreeConsistency(0, 3, 5, consistency, root3, root).IsValid);
        Assert.False(ProofVerifier.VerifySubtreeConsistency(0, 3, 5, consistency, [], root).IsValid);
        Assert.False(ProofVerifier.VerifySubtreeConsistency(0, 3, 5, consistency, root3, []).IsValid);
        Assert.False(ProofVerifier.VerifySubtreeConsistency(0, 5, 5, [], [], []).IsValid);
    }

    [Fact]
    public void A_consistency_proof_from_size_0_is_rejected_even_when_empty()
    {
        var empty = Rfc6962.EmptyRoot.ToArray();
        var root = TreeSizes.Tree.Root(5);
        Assert.False(ProofVerifier.VerifyConsistency(0, 0, [], empty, empty).IsValid);
        Assert.False(ProofVerifier.VerifyConsistency(0, 5, [], empty, root).IsValid);
        Assert.False(ProofVerifier.VerifyConsistency(0, 5, [root], empty, root).IsValid);
    }

    [Fact]
    public void A_proof_hash_of_the_wrong_length_is_rejected()
    {
        var tree = TreeSizes.Tree;
        var proof = tree.Path(2, 5);
        proof[0] = proof[0][..31];
        Assert.False(ProofVerifier.VerifyInclusion(2, 5, ReferenceMerkleTree.LeafHash(tree.Entry(2)), proof, tree.Root(5)).IsValid);
    }

    private static ProofCheck Inclusion(int index, int size, byte[] leaf, IReadOnlyList<byte[]> proof, byte[] root) =>
        ProofVerifier.VerifyInclusion((ulong)index, (ulong)size, leaf, proof, root);

    private static ProofCheck Consistency(int size1, int size2, IReadOnlyList<byte[]> proof, byte[] root1, byte[] root2) =>
        ProofVerifier.VerifyConsistency((ulong)size1, (ulong)size2, proof, root1, root2);

    private static List<byte[]> FlipBit(List<byte[]> proof, int hash, Random random)
    {
        var copy = proof.Select(h => (byte[])h.Clone()).ToList();
        var bit = random.Next(copy[hash].Length * 8);
        copy[hash][bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }
}
