using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace ResetTrail.EvidenceLog.Merkle;

/// <summary>
/// SHA-256 for the many small inputs of Merkle hashing (65-byte nodes, short entries).
/// On .NET 10 with OpenSSL 3, <see cref="SHA256.HashData(ReadOnlySpan{byte}, Span{byte})"/> pays a digest
/// lookup and a context allocation on every call, which costs several times the hash itself for 65
/// bytes (docs/benchmarks.md). Where the same libcrypto that .NET uses on Linux is loadable, this calls its
/// low-level SHA256_Init/Update/Final on a stack context instead; everywhere else it reuses one BCL hash
/// context per thread. The native path is used only after it reproduces the BCL's digests at start-up,
/// and only for inputs up to <see cref="NativeLimit"/> bytes, because it runs without a GC transition.
/// See docs/adr/0007-node-hashing-through-libcrypto.md.
/// </summary>
internal static unsafe class Sha256
{
    /// <summary>Inputs above this size take the BCL path: a long hash must not hold off the GC.</summary>
    public const int NativeLimit = 4096;

    // SHA256_CTX is 112 bytes in OpenSSL 1.1 and 3.x; the buffer leaves room for any padding.
    private const int ContextBytes = 256;

    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, int> Init;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, nuint, int> Update;
    private static readonly delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, int> Final;

    [ThreadStatic]
    private static IncrementalHash? managed;

    static Sha256()
    {
        foreach (var name in new[] { "libcrypto.so.3", "libcrypto.so.1.1" })
        {
            if (!NativeLibrary.TryLoad(name, out var library))
            {
                continue;
            }

            if (NativeLibrary.TryGetExport(library, "SHA256_Init", out var init)
                && NativeLibrary.TryGetExport(library, "SHA256_Update", out var update)
                && NativeLibrary.TryGetExport(library, "SHA256_Final", out var final))
            {
                Init = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, int>)init;
                Update = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, nuint, int>)update;
                Final = (delegate* unmanaged[Cdecl, SuppressGCTransition]<byte*, byte*, int>)final;
                if (NativeAgreesWithBcl())
                {
                    Implementation = $"OpenSSL low-level SHA-256 ({name})";
                    return;
                }

                Init = null;
            }
        }
    }

    /// <summary>Which implementation this process uses, for benchmark reports.</summary>
    public static string Implementation { get; } = "BCL IncrementalHash (one context per thread)";

    public static void Hash(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        if (Init != null && data.Length <= NativeLimit && destination.Length >= Rfc6962.HashSize)
        {
            HashNative(data, destination);
            return;
        }

        HashManaged(data, destination);
    }

    private static void HashNative(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var context = stackalloc byte[ContextBytes];
        fixed (byte* input = data)
        fixed (byte* output = destination)
        {
            if (Init(context) != 1 || Update(context, input, (nuint)data.Length) != 1 || Final(output, context) != 1)
            {
                throw new CryptographicException("libcrypto SHA-256 failed");
            }
        }
    }

    private static void HashManaged(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var hash = managed ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        try
        {
            hash.AppendData(data);
            hash.GetHashAndReset(destination);
        }
        catch
        {
            // Never reuse a context left half-way.
            managed = null;
            hash.Dispose();
            throw;
        }
    }

    private static bool NativeAgreesWithBcl()
    {
        Span<byte> native = stackalloc byte[Rfc6962.HashSize];
        foreach (var length in new[] { 0, 1, 55, 56, 64, 65, 1000 })
        {
            var input = new byte[length];
            for (var i = 0; i < length; i++)
            {
                input[i] = (byte)(i * 31);
            }

            HashNative(input, native);
            if (!native.SequenceEqual(SHA256.HashData(input)))
            {
                return false;
            }
        }

        return true;
    }
}
