using System.Collections;

namespace ResetTrail.EvidenceLog.Merkle;

/// <summary>
/// The hashes of a proof in one contiguous buffer. A proof of twenty hashes is two objects instead of
/// twenty-one, which matters to a server that keeps many proofs alive (the garbage collector walks every
/// object). The verifier reads the hashes as spans; the list indexer returns copies for other callers.
/// </summary>
public sealed class ProofHashes : IReadOnlyList<byte[]>
{
    private readonly byte[] buffer;

    internal ProofHashes(byte[] buffer)
    {
        if (buffer.Length % Rfc6962.HashSize != 0)
        {
            throw new ArgumentException("a proof buffer holds whole hashes", nameof(buffer));
        }

        this.buffer = buffer;
    }

    public int Count => buffer.Length / Rfc6962.HashSize;

    public byte[] this[int index] => Span(index).ToArray();

    public ReadOnlySpan<byte> Span(int index) => buffer.AsSpan(checked(index * Rfc6962.HashSize), Rfc6962.HashSize);

    public IEnumerator<byte[]> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Hash <paramref name="index"/> of any proof list, without a copy when it is a <see cref="ProofHashes"/>.</summary>
    internal static ReadOnlySpan<byte> At(IReadOnlyList<byte[]> proof, int index) =>
        proof is ProofHashes hashes ? hashes.Span(index) : proof[index];
}
