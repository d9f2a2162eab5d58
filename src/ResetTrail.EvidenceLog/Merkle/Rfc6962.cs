using System.Security.Cryptography;

namespace ResetTrail.EvidenceLog.Merkle;

/// <summary>
/// RFC 6962 §2.1 / RFC 9162 §2.1 Merkle tree hashing with SHA-256.
/// A leaf hash is SHA-256(0x00 ‖ entry); an interior node is SHA-256(0x01 ‖ left ‖ right);
/// the root of the empty tree is SHA-256 of the empty string.
/// The distinct prefixes give second-preimage resistance between leaves and nodes.
/// </summary>
public static class Rfc6962
{
    /// <summary>Size in bytes of every hash in the tree.</summary>
    public const int HashSize = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;

    private static readonly byte[] EmptyRootHash = SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The root hash of a tree with no leaves: SHA-256("").</summary>
    public static ReadOnlySpan<byte> EmptyRoot => EmptyRootHash;

    /// <summary>Which SHA-256 implementation this process hashes with (see <see cref="Sha256"/>).</summary>
    public static string Sha256Implementation => Sha256.Implementation;

    public static byte[] HashLeaf(ReadOnlySpan<byte> entry)
    {
        var hash = new byte[HashSize];
        HashLeaf(entry, hash);
        return hash;
    }

    public static void HashLeaf(ReadOnlySpan<byte> entry, Span<byte> destination)
    {
        if (entry.Length < 1024)
        {
            Span<byte> buffer = stackalloc byte[entry.Length + 1];
            buffer[0] = LeafPrefix;
            entry.CopyTo(buffer[1..]);
            Sha256.Hash(buffer, destination);
            return;
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData([LeafPrefix]);
        hash.AppendData(entry);
        hash.GetHashAndReset(destination);
    }

    public static byte[] HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var hash = new byte[HashSize];
        HashChildren(left, right, hash);
        return hash;
    }

    /// <summary>
    /// Hashes two children into <paramref name="destination"/>, which may overlap either input:
    /// both are copied into the hash input before the digest is written.
    /// </summary>
    public static void HashChildren(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + (2 * HashSize)];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer.Slice(1, HashSize));
        right.CopyTo(buffer.Slice(1 + HashSize, HashSize));
        Sha256.Hash(buffer, destination);
    }
}
