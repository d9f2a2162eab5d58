package main

import (
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math"
	"math/rand"
	"os"
	"runtime"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

const (
	benchM    = 200000 // proofs generated and verified per measurement
	benchSeed = 1      // fixed math/rand seed for indices and sizes
)

// benchEntry is entry i of the benchmark tree: the 8-byte big-endian encoding
// of i. Its leaf hash is tlog.RecordHash = SHA-256(0x00 || entry).
func benchEntry(i int64) []byte {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], uint64(i))
	return b[:]
}

type benchResult struct {
	N                       int64   `json:"n"`
	InclusionGeneratePerS   float64 `json:"inclusion_generate_per_s"`
	InclusionVerifyPerS     float64 `json:"inclusion_verify_per_s"`
	ConsistencyGeneratePerS float64 `json:"consistency_generate_per_s"`
	ConsistencyVerifyPerS   float64 `json:"consistency_verify_per_s"`
	M                       int     `json:"m"`
	Seed                    int64   `json:"seed"`
	TreeBuildSeconds        float64 `json:"tree_build_s"`
	GoVersion               string  `json:"go"`
}

func perSecond(count int, d time.Duration) float64 {
	return math.Round(float64(count) / d.Seconds())
}

// bench builds an in-memory tree of n entries with tlog.StoredHashes into a
// slice-backed tlog.HashReader, then times, single-threaded, with time.Now():
//
//	(a) benchM tlog.ProveRecord calls at uniformly random indices in [0, n), tree size n;
//	(b) tlog.CheckRecord on those proofs (leaf hashes and root precomputed);
//	(c) benchM tlog.ProveTree calls and then benchM tlog.CheckTree calls between
//	    random sizes old <= new, both uniform in [1, n] (two draws, ordered);
//	    the tree roots for those sizes are computed before timing.
//
// Every verification must succeed, or the benchmark fails.
func bench(n int64) error {
	store := &memStore{hashes: make([]tlog.Hash, 0, tlog.StoredHashCount(n))}
	start := time.Now()
	for i := int64(0); i < n; i++ {
		if err := store.add(i, benchEntry(i)); err != nil {
			return err
		}
	}
	buildTime := time.Since(start)
	root, err := tlog.TreeHash(n, store)
	if err != nil {
		return err
	}

	rng := rand.New(rand.NewSource(benchSeed))

	// Inclusion.
	indices := make([]int64, benchM)
	leaves := make([]tlog.Hash, benchM)
	for j := range indices {
		indices[j] = rng.Int63n(n)
		leaves[j] = store.hashes[tlog.StoredHashIndex(0, indices[j])]
	}
	proofs := make([]tlog.RecordProof, benchM)
	runtime.GC() // start each timed phase with a clean heap
	start = time.Now()
	for j, idx := range indices {
		if proofs[j], err = tlog.ProveRecord(n, idx, store); err != nil {
			return err
		}
	}
	inclGen := time.Since(start)
	runtime.GC() // start each timed phase with a clean heap
	start = time.Now()
	for j, idx := range indices {
		if err := tlog.CheckRecord(proofs[j], n, root, idx, leaves[j]); err != nil {
			return fmt.Errorf("bench: inclusion proof %d (index %d) failed: %v", j, idx, err)
		}
	}
	inclVer := time.Since(start)
	proofs = nil

	// Consistency.
	olds := make([]int64, benchM)
	news := make([]int64, benchM)
	for j := range olds {
		a, b := 1+rng.Int63n(n), 1+rng.Int63n(n)
		if a > b {
			a, b = b, a
		}
		olds[j], news[j] = a, b
	}
	rootCache := make(map[int64]tlog.Hash, 2*benchM)
	rootOf := func(size int64) (tlog.Hash, error) {
		if h, ok := rootCache[size]; ok {
			return h, nil
		}
		h, err := tlog.TreeHash(size, store)
		rootCache[size] = h
		return h, err
	}
	oldRoots := make([]tlog.Hash, benchM)
	newRoots := make([]tlog.Hash, benchM)
	for j := range olds {
		if oldRoots[j], err = rootOf(olds[j]); err != nil {
			return err
		}
		if newRoots[j], err = rootOf(news[j]); err != nil {
			return err
		}
	}
	rootCache = nil
	treeProofs := make([]tlog.TreeProof, benchM)
	runtime.GC() // start each timed phase with a clean heap
	start = time.Now()
	for j := range olds {
		if treeProofs[j], err = tlog.ProveTree(news[j], olds[j], store); err != nil {
			return err
		}
	}
	consGen := time.Since(start)
	runtime.GC() // start each timed phase with a clean heap
	start = time.Now()
	for j := range olds {
		if err := tlog.CheckTree(treeProofs[j], news[j], newRoots[j], olds[j], oldRoots[j]); err != nil {
			return fmt.Errorf("bench: consistency proof %d (%d -> %d) failed: %v", j, olds[j], news[j], err)
		}
	}
	consVer := time.Since(start)

	out, err := json.Marshal(benchResult{
		N:                       n,
		InclusionGeneratePerS:   perSecond(benchM, inclGen),
		InclusionVerifyPerS:     perSecond(benchM, inclVer),
		ConsistencyGeneratePerS: perSecond(benchM, consGen),
		ConsistencyVerifyPerS:   perSecond(benchM, consVer),
		M:                       benchM,
		Seed:                    benchSeed,
		TreeBuildSeconds:        math.Round(buildTime.Seconds()*1000) / 1000,
		GoVersion:               runtime.Version(),
	})
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(os.Stdout, string(out))
	return err
}
