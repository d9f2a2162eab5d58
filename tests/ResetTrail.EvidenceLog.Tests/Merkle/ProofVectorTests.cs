using System.Text.Json;
using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.EvidenceLog.Tests.Merkle;

/// <summary>
/// The transparency-dev/merkle proof vectors (TestData/transparency-dev-merkle/testdata): valid proofs
/// and systematic mutations of them, each saying whether a verifier must reject it.
/// </summary>
public sealed class ProofVectorTests
{
    private const int ExpectedVectorFiles = 518;

    private static readonly string[] Kinds = ["inclusion", "consistency", "subtreeinclusion", "subtreeconsistency"];

    private static string VectorRoot => TestDataFiles.PathOf("transparency-dev-merkle", "testdata");

    public static IEnumerable<TheoryDataRow<string>> VectorFiles() =>
        FindVectorFiles().Select(path => new TheoryDataRow<string>(path) { TestDisplayName = path });

    [Fact]
    public void Every_vector_file_was_copied()
    {
        Assert.Equal(ExpectedVectorFiles, FindVectorFiles().Count);
    }

    [Theory]
    [MemberData(nameof(VectorFiles))]
    public void Every_vector_is_accepted_or_rejected_as_it_says(string relativePath)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(VectorRoot, relativePath)));
        var vector = document.RootElement;
        var wantErr = vector.GetProperty("wantErr").GetBoolean();

        var check = relativePath.Split('/')[0] switch
        {
            "inclusion" => ProofVerifier.VerifyInclusion(
                Number(vector, "leafIdx"), Number(vector, "treeSize"), Hash(vector, "leafHash"), Proof(vector), Hash(vector, "root")),
            "consistency" => ProofVerifier.VerifyConsistency(
                Number(vector, "size1"), Number(vector, "size2"), Proof(vector), Hash(vector, "root1"), Hash(vector, "root2")),
            "subtreeinclusion" => ProofVerifier.VerifySubtreeInclusion(
                Number(vector, "leafIdx"), Number(vector, "start"), Number(vector, "end"), Hash(vector, "leafHash"), Proof(vector), Hash(vector, "root")),
            "subtreeconsistency" => ProofVerifier.VerifySubtreeConsistency(
                Number(vector, "start"), Number(vector, "end"), Number(vector, "size"), Proof(vector), Hash(vector, "root1"), Hash(vector, "root2")),
            var kind => throw new InvalidOperationException($"unknown vector kind '{kind}'"),
        };

        var description = vector.GetProperty("desc").GetString();
        Assert.True(
            check.IsValid == !wantErr,
            $"{relativePath} ({description}): want {(wantErr ? "rejection" : "acceptance")}, verifier said: {check}");
    }

    private static List<string> FindVectorFiles() =>
        Kinds
            .Where(kind => Directory.Exists(Path.Combine(VectorRoot, kind)))
            .SelectMany(kind => Directory.EnumerateFiles(Path.Combine(VectorRoot, kind), "*.json", SearchOption.AllDirectories))
            .Select(path => Path.GetRelativePath(VectorRoot, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    private static ulong Number(JsonElement vector, string name) => vector.GetProperty(name).GetUInt64();

    private static byte[] Hash(JsonElement vector, string name) =>
        Convert.FromBase64String(vector.GetProperty(name).GetString() ?? "");

    private static List<byte[]> Proof(JsonElement vector)
    {
        var proof = vector.GetProperty("proof");
        return proof.ValueKind == JsonValueKind.Null
            ? []
            : proof.EnumerateArray().Select(h => Convert.FromBase64String(h.GetString() ?? "")).ToList();
    }
}
