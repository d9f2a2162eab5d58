namespace ResetTrail.EvidenceLog.Tests.Reference;

/// <summary>
/// The verification algorithms of RFC 9162 §2.1.3.2 and §2.1.4.2, step by step as the RFC numbers
/// them, to judge what a wrong size or index should do: some wrong sizes give the same proof shape
/// and verify legitimately, and only the RFC can say which.
/// </summary>
internal static class ReferenceVerifier
{
    public static bool VerifyInclusion(ulong leafIndex, ulong treeSize, byte[] hash, IReadOnlyList<byte[]> inclusionPath, byte[] rootHash)
    {
        // 1. Compare leaf_index from the inclusion_proof input against tree_size; fail if leaf_index >= tree_size.
        if (leafIndex >= treeSize)
        {
            return false;
        }

        // 2. Set fn to leaf_index and sn to tree_size - 1.  3. Set r to hash.
        var fn = leafIndex;
        var sn = treeSize - 1;
        var r = hash;

        // 4. For each value p in the inclusion_path array:
        foreach (var p in inclusionPath)
        {
            // a. If sn is 0, then stop the iteration and fail the proof verification.
            if (sn == 0)
            {
                return false;
            }

            // b. If LSB(fn) is set, or if fn is equal to sn, then:
            if ((fn & 1) == 1 || fn == sn)
            {
                // i. Set r to HASH(0x01 || p || r).
                r = ReferenceMerkleTree.NodeHash(p, r);

                // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn) is set or fn is 0.
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                // Otherwise: Set r to HASH(0x01 || r || p).
                r = ReferenceMerkleTree.NodeHash(r, p);
            }

            // c. Finally, right-shift both fn and sn one time.
            fn >>= 1;
            sn >>= 1;
        }

        // 5. Compare sn to 0. Compare r against the root_hash.
        return sn == 0 && r.AsSpan().SequenceEqual(rootHash);
    }

    public static bool VerifyConsistency(ulong first, ulong second, byte[] firstHash, byte[] secondHash, IReadOnlyList<byte[]> consistencyPath)
    {
        // Not RFC steps: PROOF(m, D[n]) exists only for 0 < m <= n, and is empty for m = n (§2.1.4.1).
        if (first == 0 || first > second)
        {
            return false;
        }

        if (first == second)
        {
            return consistencyPath.Count == 0 && firstHash.AsSpan().SequenceEqual(secondHash);
        }

        // 1. If consistency_path is an empty array, stop and fail the proof verification.
        if (consistencyPath.Count == 0)
        {
            return false;
        }

        // 2. If first is an exact power of 2, then prepend first_hash to the consistency_path array.
        var path = (first & (first - 1)) == 0 ? [firstHash, .. consistencyPath] : consistencyPath.ToList();

        // 3. Set fn to first - 1 and sn to second - 1.
        var fn = first - 1;
        var sn = second - 1;

        // 4. If LSB(fn) is set, then right-shift both fn and sn equally until LSB(fn) is not set.
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        // 5. Set both fr and sr to the first value in the consistency_path array.
        var fr = path[0];
        var sr = path[0];

        // 6. For each subsequent value c in the consistency_path array:
        foreach (var c in path.Skip(1))
        {
            // a. If sn is 0, then stop the iteration and fail the proof verification.
            if (sn == 0)
            {
                return false;
            }

            // b. If LSB(fn) is set, or if fn is equal to sn, then:
            if ((fn & 1) == 1 || fn == sn)
            {
                // i. Set fr to HASH(0x01 || c || fr). Set sr to HASH(0x01 || c || sr).
                fr = ReferenceMerkleTree.NodeHash(c, fr);
                sr = ReferenceMerkleTree.NodeHash(c, sr);

                // ii. If LSB(fn) is not set, then right-shift both fn and sn equally until either LSB(fn) is set or fn is 0.
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                // Otherwise: Set sr to HASH(0x01 || sr || c).
                sr = ReferenceMerkleTree.NodeHash(sr, c);
            }

            // c. Finally, right-shift both fn and sn one time.
            fn >>= 1;
            sn >>= 1;
        }

        // 7. Verify that fr equals first_hash, sr equals second_hash, and sn is 0.
        return fr.AsSpan().SequenceEqual(firstHash) && sr.AsSpan().SequenceEqual(secondHash) && sn == 0;
    }
}
