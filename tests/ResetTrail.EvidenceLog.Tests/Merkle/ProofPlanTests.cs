using System.Numerics;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Tests.Reference;

namespace ResetTrail.EvidenceLog.Tests.Merkle;

public sealed class ProofPlanTests
{
    public static TheoryData<int> Sizes() => TreeSizes.All();

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Inclusion_proofs_built_from_stored_nodes_equal_the_reference_PATH(int size)
    {
        var tree = TreeSizes.Tree;
        foreach (var index in Sample.Indices(size))
        {
            var plan = ProofPlan.Inclusion((ulong)index, (ulong)size);
            var proof = plan.Build(new ReferenceNodeReader(tree, size));

            Assert.Equal(Hex(tree.Path(index, size)), Hex(proof));
            AssertRangesMatch(tree, size, plan, proof);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Consistency_proofs_built_from_stored_nodes_equal_the_reference_SUBPROOF(int size)
    {
        var tree = TreeSizes.Tree;
        foreach (var size1 in Sample.OldSizes(size))
        {
            var plan = ProofPlan.Consistency((ulong)size1, (ulong)size);
            var proof = plan.Build(new ReferenceNodeReader(tree, size));

            Assert.Equal(Hex(tree.Proof(size1, size)), Hex(proof));
            AssertRangesMatch(tree, size, plan, proof);
        }
    }

    [Fact]
    public void Plans_outside_the_tree_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.Inclusion(5, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.Inclusion(0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.Consistency(0, 5));
        Assert.Throws<ArgumentOutOfRangeException>(() => ProofPlan.Consistency(6, 5));
    }

    [Fact]
    public void Assemble_refuses_the_wrong_number_of_node_hashes()
    {
        var plan = ProofPlan.Inclusion(0, 7);
        Assert.Throws<ArgumentException>(() => plan.Assemble([]));
    }

    /// <summary>
    /// Each proof range is a perfect node or lies on the right border (so it is a fold of few stored
    /// nodes), and its literal MTH is the proof hash at the same position.
    /// </summary>
    private static void AssertRangesMatch(ReferenceMerkleTree tree, int size, ProofPlan plan, ProofHashes proof)
    {
        Assert.Equal(plan.Ranges.Count, proof.Count);
        for (var i = 0; i < proof.Count; i++)
        {
            var (start, end) = plan.Ranges[i];
            var width = end - start;
            var perfect = BitOperations.IsPow2(width) && start % width == 0;
            Assert.True(perfect || end == (ulong)size, $"range [{start}, {end}) is neither perfect nor on the right border of {size}");
            Assert.Equal(tree.Mth((int)start, (int)end), proof[i]);
        }

        var bound = 2 * (64 - BitOperations.LeadingZeroCount((ulong)size));
        Assert.True(plan.Nodes.Count <= bound, $"{plan.Nodes.Count} stored nodes for a proof in a tree of {size}, want at most {bound}");
    }

    private static List<string> Hex(IEnumerable<byte[]> hashes) => hashes.Select(Convert.ToHexStringLower).ToList();
}
