using System.Text.Json;
using ResetTrail.EvidenceLog.Merkle;
using ResetTrail.EvidenceLog.Tests.Reference;

namespace ResetTrail.EvidenceLog.Tests.Merkle;

public sealed class CompactRangeTests
{
    public static TheoryData<int> Sizes() => TreeSizes.All();

    [Fact]
    public void Reference_roots_for_sizes_0_to_8_are_computed_by_the_compact_range_and_the_literal_reference()
    {
        using var document = JsonDocument.Parse(TestDataFiles.ReadText("transparency-dev-merkle", "rfc6962_reference_vectors.json"));
        var entries = document.RootElement.GetProperty("leaf_inputs_hex").EnumerateArray()
            .Select(e => Convert.FromHexString(e.GetString()!)).ToList();
        var roots = document.RootElement.GetProperty("root_hashes_by_tree_size_hex").EnumerateArray()
            .Select(e => e.GetString()!).ToList();
        Assert.Equal(8, entries.Count);
        Assert.Equal(9, roots.Count);

        var reference = new ReferenceMerkleTree(entries);
        var range = new CompactRange();
        for (var size = 0; size <= 8; size++)
        {
            Assert.Equal(roots[size], Convert.ToHexStringLower(reference.Root(size)));
            Assert.Equal(roots[size], Convert.ToHexStringLower(range.Root()));
            if (size < 8)
            {
                range.Append(Rfc6962.HashLeaf(entries[size]));
            }
        }
    }

    [Fact]
    public void The_empty_range_has_the_empty_root()
    {
        Assert.Equal(Rfc6962.EmptyRoot.ToArray(), new CompactRange().Root());
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(Rfc6962.EmptyRoot));
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Root_equals_the_reference_MTH(int size)
    {
        var tree = TreeSizes.Tree;
        var range = new CompactRange();
        for (var i = 0; i < size; i++)
        {
            range.Append(ReferenceMerkleTree.LeafHash(tree.Entry(i)));
        }

        Assert.Equal((ulong)size, range.Size);
        Assert.Equal(tree.Root(size), range.Root());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Every_completed_node_reported_while_appending_is_the_reference_node(int size)
    {
        var tree = TreeSizes.Tree;
        var range = new CompactRange();
        var reported = new List<NodeId>();
        for (var i = 0; i < size; i++)
        {
            range.Append(ReferenceMerkleTree.LeafHash(tree.Entry(i)), (node, hash) =>
            {
                reported.Add(node);
                Assert.Equal(tree.Mth((int)node.FirstLeaf, (int)node.EndLeaf), hash);
            });
        }

        // Each perfect node completes exactly once, and a tree of n leaves has n >> level of them on each level.
        var expected = Enumerable.Range(0, 31).Sum(level => size >> level);
        Assert.Equal(expected, reported.Count);
        Assert.Equal(reported.Count, reported.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void A_range_rebuilt_from_its_border_continues_to_the_same_root(int size)
    {
        var tree = TreeSizes.Tree;
        var split = size / 2;
        var range = new CompactRange();
        for (var i = 0; i < split; i++)
        {
            range.Append(ReferenceMerkleTree.LeafHash(tree.Entry(i)));
        }

        var border = CompactRange.BorderNodes((ulong)split);
        var resumed = CompactRange.FromBorder((ulong)split, border.Select(n => tree.Mth((int)n.FirstLeaf, (int)n.EndLeaf)).ToList());
        Assert.Equal(range.Root(), resumed.Root());
        for (var i = split; i < size; i++)
        {
            resumed.Append(ReferenceMerkleTree.LeafHash(tree.Entry(i)));
        }

        Assert.Equal(tree.Root(size), resumed.Root());
    }
}
