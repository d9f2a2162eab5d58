using ResetTrail.Bench.Harness;
using ResetTrail.Bench.Peers;
using ResetTrail.EvidenceLog.Merkle;

namespace ResetTrail.Bench.Figures;

/// <summary>
/// Figure 4: inclusion and consistency proofs generated from storage and verified, per second, at
/// random indices and sizes, beside Go's sumdb/tlog doing the same in the same run.
/// </summary>
internal static class ProofFigure
{
    public static Figure Run(BenchOptions options, Workspace workspace, ProofLog proofs, string? repoRoot)
    {
        var n = proofs.Size;
        var m = options.ProofsPerRepetition;
        var work = Draw(proofs, m);
        var (go, goProblem, goVersion) = GoSumdb.Build(repoRoot, workspace.Directory);

        RunOurs(proofs, work, m / 5); // warm-up: JIT and the tile cache
        var ours = new List<Rates>();
        var theirs = new List<Rates>();
        for (var r = 0; r < options.Repetitions; r++)
        {
            if (r % 2 == 0)
            {
                ours.Add(RunOurs(proofs, work, m));
            }

            if (go is not null && goProblem is null)
            {
                var (line, problem) = go.Bench(n);
                goProblem = problem;
                if (line is not null)
                {
                    theirs.Add(new Rates(line.InclusionGeneratePerS, line.InclusionVerifyPerS, line.ConsistencyGeneratePerS, line.ConsistencyVerifyPerS));
                }
            }

            if (r % 2 == 1)
            {
                ours.Add(RunOurs(proofs, work, m));
            }
        }

        var rows = new List<FigureRow>
        {
            Row("inclusion proof, generate from storage", ours, theirs, x => x.InclusionGenerate),
            Row("inclusion proof, verify", ours, theirs, x => x.InclusionVerify),
            Row("consistency proof, generate from storage", ours, theirs, x => x.ConsistencyGenerate),
            Row("consistency proof, verify", ours, theirs, x => x.ConsistencyVerify),
        };
        var goColumn = theirs.Count > 0
            ? $"Peer: `sumdbverify bench {n}` from tests/interop/go-sumdb ({goVersion}, golang.org/x/mod/sumdb/tlog from Debian, GOPATH mode): an in-memory tree of {n:N0} 8-byte entries read through `tlog.HashReader` over a slice, 200,000 `ProveRecord`/`CheckRecord` and `ProveTree`/`CheckTree` calls per repetition at uniform random indices and size pairs; one process run per repetition, alternating with ours."
            : $"Go column not run: {goProblem}.";
        return new Figure(
            4,
            $"Proofs on a {n:N0}-entry log",
            "Go's golang.org/x/mod/sumdb/tlog (`sumdbverify bench N`)",
            rows,
            [
                $"Ours: `SqliteEvidenceLog.InclusionProof(i, {n})` and `ConsistencyProof(a, b)` on a log of {n:N0} 100-byte entries built by {Format.Number(ProofLog.BuildBatch, "N0")}-entry batched appends ({Format.Number(proofs.BuildTime.TotalSeconds, "0.0")} s to build, one signed checkpoint per batch), then `ProofVerifier.VerifyInclusion`/`VerifyConsistency` on those proofs; {m:N0} of each per repetition, single thread, every proof must verify.",
                "Indices are uniform in [0, n); consistency sizes are two uniform draws in [1, n], ordered (as the Go side does). Leaf hashes and roots for every size come from the bench's own in-memory copy of the tree, checked against the log's signed root.",
                "Generation from storage goes through the log's public API: the size bound is checked against the largest committed size this process has seen (SQLite is read again only for a larger size), then nodes come from hash tiles through the log's tile cache, which holds all of this log's tiles after the warm-up. Go reads every node from an in-memory slice. Both sides keep every proof until it is verified; ours are one buffer per proof (`ProofHashes`).",
                goColumn,
                "@sigstore/verify (the JavaScript verifier) is not measured here.",
            ]);
    }

    private static FigureRow Row(string metric, List<Rates> ours, List<Rates> theirs, Func<Rates, double> pick)
    {
        var o = Stats.Median(ours.Select(pick));
        if (theirs.Count == 0)
        {
            return new FigureRow(metric, Format.Rate(o, "proofs"), "not run", null, 1.0);
        }

        var ratio = Stats.Median(ours.Zip(theirs, (a, b) => pick(a) / pick(b)));
        return new FigureRow(metric, Format.Rate(o, "proofs"), Format.Rate(Stats.Median(theirs.Select(pick)), "proofs"), ratio, 1.0);
    }

    private static Work Draw(ProofLog proofs, int m)
    {
        var random = new SplitMix64(4);
        var n = proofs.Size;
        var indices = new ulong[m];
        var pairs = new (ulong Old, ulong New)[m];
        for (var j = 0; j < m; j++)
        {
            indices[j] = random.Below(n);
            var a = 1 + random.Below(n);
            var b = 1 + random.Below(n);
            pairs[j] = a <= b ? (a, b) : (b, a);
        }

        var roots = new Dictionary<ulong, byte[]>();
        foreach (var size in pairs.SelectMany(p => new[] { p.Old, p.New }).Append(n))
        {
            if (!roots.ContainsKey(size))
            {
                roots[size] = proofs.Root(size);
            }
        }

        return new Work(indices, pairs, [.. pairs.Select(p => roots[p.Old])], [.. pairs.Select(p => roots[p.New])], roots[n]);
    }

    private static Rates RunOurs(ProofLog proofs, Work work, int count)
    {
        var log = proofs.Log;
        var n = proofs.Size;
        var root = work.Root;
        var inclusion = new IReadOnlyList<byte[]>[count];
        var consistency = new IReadOnlyList<byte[]>[count];
        var inclusionGenerate = Timed.Rate(count, () =>
        {
            for (var j = 0; j < count; j++)
            {
                var proof = log.InclusionProof(work.Indices[j], n);
                inclusion[j] = proof.IsSuccess ? proof.Value : throw new InvalidOperationException(proof.Error);
            }
        });
        var inclusionVerify = Timed.Rate(count, () =>
        {
            for (var j = 0; j < count; j++)
            {
                var check = ProofVerifier.VerifyInclusion(work.Indices[j], n, proofs.LeafHash(work.Indices[j]), inclusion[j], root);
                if (!check.IsValid)
                {
                    throw new InvalidOperationException($"inclusion proof for {work.Indices[j]} failed: {check}");
                }
            }
        });
        var consistencyGenerate = Timed.Rate(count, () =>
        {
            for (var j = 0; j < count; j++)
            {
                var proof = log.ConsistencyProof(work.Pairs[j].Old, work.Pairs[j].New);
                consistency[j] = proof.IsSuccess ? proof.Value : throw new InvalidOperationException(proof.Error);
            }
        });
        var consistencyVerify = Timed.Rate(count, () =>
        {
            for (var j = 0; j < count; j++)
            {
                var (a, b) = work.Pairs[j];
                var check = ProofVerifier.VerifyConsistency(a, b, consistency[j], work.OldRoots[j], work.NewRoots[j]);
                if (!check.IsValid)
                {
                    throw new InvalidOperationException($"consistency proof {a} -> {b} failed: {check}");
                }
            }
        });
        return new Rates(inclusionGenerate, inclusionVerify, consistencyGenerate, consistencyVerify);
    }

    private sealed record Work(ulong[] Indices, (ulong Old, ulong New)[] Pairs, byte[][] OldRoots, byte[][] NewRoots, byte[] Root);

    private sealed record Rates(double InclusionGenerate, double InclusionVerify, double ConsistencyGenerate, double ConsistencyVerify);
}
