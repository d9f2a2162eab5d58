package main

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// memStore is a slice-backed tlog.HashReader holding the hashes returned by
// tlog.StoredHashes, at their tlog.StoredHashIndex positions.
type memStore struct {
	hashes []tlog.Hash
}

func (s *memStore) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(s.hashes)) {
			return nil, fmt.Errorf("memStore: hash index %d out of range", x)
		}
		out[i] = s.hashes[x]
	}
	return out, nil
}

// add appends record n (which must be the next record) to the store.
func (s *memStore) add(n int64, data []byte) error {
	if tlog.StoredHashIndex(0, n) != int64(len(s.hashes)) {
		return fmt.Errorf("memStore: record %d added out of order", n)
	}
	hs, err := tlog.StoredHashes(n, data, s)
	if err != nil {
		return err
	}
	s.hashes = append(s.hashes, hs...)
	return nil
}

// ---- a direct transcription of RFC 6962 section 2.1, used only to compare
// tlog's proof order with the RFC's; it never verifies anything itself ----

func rfcLargestPow2Below(n int) int {
	k := 1
	for k<<1 < n {
		k <<= 1
	}
	return k
}

func rfcMTH(d [][]byte) tlog.Hash {
	switch len(d) {
	case 0:
		return tlog.Hash(sha256.Sum256(nil))
	case 1:
		return tlog.RecordHash(d[0])
	}
	k := rfcLargestPow2Below(len(d))
	return tlog.NodeHash(rfcMTH(d[:k]), rfcMTH(d[k:]))
}

// rfcPath is PATH(m, D[n]) of RFC 6962 section 2.1.1.
func rfcPath(m int, d [][]byte) []tlog.Hash {
	if len(d) == 1 {
		return nil
	}
	k := rfcLargestPow2Below(len(d))
	if m < k {
		return append(rfcPath(m, d[:k]), rfcMTH(d[k:]))
	}
	return append(rfcPath(m-k, d[k:]), rfcMTH(d[:k]))
}

// rfcSubproof is SUBPROOF(m, D[n], b) of RFC 6962 section 2.1.2.
func rfcSubproof(m int, d [][]byte, b bool) []tlog.Hash {
	n := len(d)
	if m == n {
		if b {
			return nil
		}
		return []tlog.Hash{rfcMTH(d)}
	}
	k := rfcLargestPow2Below(n)
	if m <= k {
		return append(rfcSubproof(m, d[:k], b), rfcMTH(d[k:]))
	}
	return append(rfcSubproof(m-k, d[k:], false), rfcMTH(d[:k]))
}

func sameHashes(a, b []tlog.Hash) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// ---- helpers producing the formats ResetTrail emits ----

func signCheckpoint(signer note.Signer, origin string, size int64, root tlog.Hash) ([]byte, error) {
	return note.Sign(&note.Note{Text: fmt.Sprintf("%s\n%d\n%s\n", origin, size, root)}, signer)
}

func formatTlogProof(index int64, proof []tlog.Hash, cp []byte, extra []byte) []byte {
	var b bytes.Buffer
	b.WriteString(tlogProofHeader + "\n")
	if extra != nil {
		b.WriteString("extra " + base64.StdEncoding.EncodeToString(extra) + "\n")
	}
	fmt.Fprintf(&b, "index %d\n", index)
	for _, h := range proof {
		b.WriteString(h.String() + "\n")
	}
	b.WriteString("\n")
	b.Write(cp)
	return b.Bytes()
}

func formatHashLines(proof []tlog.Hash) []byte {
	var b bytes.Buffer
	for _, h := range proof {
		b.WriteString(h.String() + "\n")
	}
	return b.Bytes()
}

func flipBit(h tlog.Hash, bit int) tlog.Hash {
	h[(bit/8)%tlog.HashSize] ^= 1 << (bit % 8)
	return h
}

func withFlipped(p []tlog.Hash, pos, bit int) []tlog.Hash {
	q := append([]tlog.Hash(nil), p...)
	q[pos] = flipBit(q[pos], bit)
	return q
}

func selftestEntry(i int64) []byte {
	return []byte(fmt.Sprintf("selftest entry %d", i))
}

// The real sum.golang.org checkpoint and key, also used by selftest.sh.
const (
	sumGolangVkey = "sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8"
	sumGolangNote = "go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n\n— sum.golang.org Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n"
)

// selftest proves the verifier itself is sound: it must accept correct
// checkpoints and proofs and reject every tampered variant.
func selftest() error {
	const maxSize = 40
	const origin = "example.com/resettrail-selftest"
	accepted, rejected := 0, 0
	expectOK := func(what string, err error) error {
		if err != nil {
			return fmt.Errorf("selftest: %s: expected success, got: %v", what, err)
		}
		accepted++
		return nil
	}
	expectFail := func(what string, err error) error {
		if err == nil {
			return fmt.Errorf("selftest: %s: tampered input was accepted", what)
		}
		rejected++
		return nil
	}

	// 0. The real sum.golang.org checkpoint.
	sumV, err := parseVerifier(sumGolangVkey)
	if err != nil {
		return err
	}
	cp, err := openCheckpoint([]byte(sumGolangNote), sumV)
	if err := expectOK("sum.golang.org checkpoint", err); err != nil {
		return err
	}
	if cp.Origin != "go.sum database tree" || cp.Size != 6476701 {
		return fmt.Errorf("selftest: sum.golang.org checkpoint parsed as %+v", cp)
	}
	for i := 0; i < len(sumGolangNote); i++ {
		bad := []byte(sumGolangNote)
		bad[i] ^= 0x01
		if err := expectFail(fmt.Sprintf("sum.golang.org checkpoint with byte %d altered", i), func() error {
			_, err := openCheckpoint(bad, sumV)
			return err
		}()); err != nil {
			return err
		}
	}
	fmt.Printf("sum.golang.org checkpoint: accepted; all %d variants with one byte altered (low bit flipped) rejected\n", len(sumGolangNote))

	// 1. A fresh Ed25519 note key and a small tree.
	skey, vkey, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		return err
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		return err
	}
	verifiers, err := parseVerifier(vkey)
	if err != nil {
		return err
	}
	otherSkey, _, err := note.GenerateKey(rand.Reader, origin)
	if err != nil {
		return err
	}
	otherSigner, err := note.NewSigner(otherSkey)
	if err != nil {
		return err
	}

	store := &memStore{}
	entries := make([][]byte, maxSize)
	for i := int64(0); i < maxSize; i++ {
		entries[i] = selftestEntry(i)
		if err := store.add(i, entries[i]); err != nil {
			return err
		}
	}
	roots := make([]tlog.Hash, maxSize+1)
	cps := make([][]byte, maxSize+1)
	roots[0] = emptyRoot
	for t := int64(0); t <= maxSize; t++ {
		if t > 0 {
			if roots[t], err = tlog.TreeHash(t, store); err != nil {
				return err
			}
		}
		if roots[t] != rfcMTH(entries[:t]) {
			return fmt.Errorf("selftest: tlog.TreeHash(%d) differs from RFC 6962 MTH", t)
		}
		if cps[t], err = signCheckpoint(signer, origin, t, roots[t]); err != nil {
			return err
		}
		got, err := openCheckpoint(cps[t], verifiers)
		if err := expectOK(fmt.Sprintf("checkpoint size %d", t), err); err != nil {
			return err
		}
		if got.Origin != origin || got.Size != t || got.Root != roots[t] {
			return fmt.Errorf("selftest: checkpoint %d parsed as %+v", t, got)
		}
		forged, err := signCheckpoint(otherSigner, origin, t, roots[t])
		if err != nil {
			return err
		}
		if err := expectFail(fmt.Sprintf("checkpoint %d signed by another key of the same name", t), func() error {
			_, err := openCheckpoint(forged, verifiers)
			return err
		}()); err != nil {
			return err
		}
		altered, err := signCheckpoint(signer, origin, t, flipBit(roots[t], int(t)))
		if err != nil {
			return err
		}
		// Splice the valid signature onto an altered body.
		sig := cps[t][bytes.LastIndex(cps[t], []byte("\n\n")):]
		altered = append(altered[:bytes.LastIndex(altered, []byte("\n\n"))], sig...)
		if err := expectFail(fmt.Sprintf("checkpoint %d with altered root", t), func() error {
			_, err := openCheckpoint(altered, verifiers)
			return err
		}()); err != nil {
			return err
		}
	}
	fmt.Printf("tlog.TreeHash equals RFC 6962 MTH for sizes 1..%d (size 0: tlog uses all-zero, RFC 6962 uses SHA-256(\"\"))\n", maxSize)

	// 2. Inclusion proofs for every (index, size) pair.
	inclusionPairs := 0
	for t := int64(1); t <= maxSize; t++ {
		for i := int64(0); i < t; i++ {
			p, err := tlog.ProveRecord(t, i, store)
			if err != nil {
				return err
			}
			if !sameHashes(p, rfcPath(int(i), entries[:t])) {
				return fmt.Errorf("selftest: tlog.ProveRecord(%d, %d) order differs from RFC 6962 PATH", t, i)
			}
			what := fmt.Sprintf("inclusion index %d size %d", i, t)
			doc := formatTlogProof(i, p, cps[t], nil)
			gotI, gotT, err := verifyInclusion(verifiers, doc, entries[i])
			if err := expectOK(what, err); err != nil {
				return err
			}
			if gotI != i || gotT != t {
				return fmt.Errorf("selftest: %s reported as %d %d", what, gotI, gotT)
			}
			_, _, err = verifyInclusion(verifiers, formatTlogProof(i, p, cps[t], []byte("extra data")), entries[i])
			if err := expectOK(what+" with extra line", err); err != nil {
				return err
			}
			inclusionPairs++

			fail := func(how string, doc, entry []byte) error {
				_, _, err := verifyInclusion(verifiers, doc, entry)
				return expectFail(what+" "+how, err)
			}
			for pos := range p {
				for _, bit := range []int{0, 255, int(i*31+t) % 256} {
					if err := fail(fmt.Sprintf("hash %d bit %d flipped", pos, bit), formatTlogProof(i, withFlipped(p, pos, bit), cps[t], nil), entries[i]); err != nil {
						return err
					}
				}
			}
			badEntry := append([]byte(nil), entries[i]...)
			badEntry[len(badEntry)-1] ^= 1
			checks := []struct {
				how   string
				doc   []byte
				entry []byte
			}{
				{"entry altered", doc, badEntry},
				{"index+1", formatTlogProof(i+1, p, cps[t], nil), entries[i]},
				{"wrong checkpoint (size+1)", formatTlogProof(i, p, cps[min64(t+1, maxSize)], nil), entries[i]},
				{"hash appended", formatTlogProof(i, append(append([]tlog.Hash(nil), p...), roots[t]), cps[t], nil), entries[i]},
				{"forged checkpoint", formatTlogProof(i, p, mustSign(otherSigner, origin, t, roots[t]), nil), entries[i]},
			}
			if i > 0 {
				checks = append(checks, struct {
					how   string
					doc   []byte
					entry []byte
				}{"index-1", formatTlogProof(i-1, p, cps[t], nil), entries[i]})
			}
			if len(p) > 0 {
				checks = append(checks, struct {
					how   string
					doc   []byte
					entry []byte
				}{"last hash dropped", formatTlogProof(i, p[:len(p)-1], cps[t], nil), entries[i]})
			}
			for _, c := range checks {
				if c.how == "wrong checkpoint (size+1)" && t == maxSize {
					continue
				}
				if err := fail(c.how, c.doc, c.entry); err != nil {
					return err
				}
			}
		}
	}
	fmt.Printf("inclusion: tlog.ProveRecord order == RFC 6962 PATH order; %d (index,size) proofs accepted, tampered variants rejected\n", inclusionPairs)

	// 3. Consistency proofs for every (old, new) pair, including old = 0.
	consistencyPairs := 0
	for n := int64(1); n <= maxSize; n++ {
		for m := int64(0); m <= n; m++ {
			what := fmt.Sprintf("consistency %d -> %d", m, n)
			var p tlog.TreeProof
			if m > 0 {
				if p, err = tlog.ProveTree(n, m, store); err != nil {
					return err
				}
				if !sameHashes(p, rfcSubproof(int(m), entries[:n], true)) {
					return fmt.Errorf("selftest: tlog.ProveTree(%d, %d) order differs from RFC 6962 PROOF", n, m)
				}
			}
			gotM, gotN, err := verifyConsistency(verifiers, cps[m], cps[n], formatHashLines(p))
			if err := expectOK(what, err); err != nil {
				return err
			}
			if gotM != m || gotN != n {
				return fmt.Errorf("selftest: %s reported as %d %d", what, gotM, gotN)
			}
			consistencyPairs++
			fail := func(how string, oldCp, newCp []byte, proof []tlog.Hash) error {
				_, _, err := verifyConsistency(verifiers, oldCp, newCp, formatHashLines(proof))
				return expectFail(what+" "+how, err)
			}
			for pos := range p {
				for _, bit := range []int{0, 255, int(m*31+n) % 256} {
					if err := fail(fmt.Sprintf("hash %d bit %d flipped", pos, bit), cps[m], cps[n], withFlipped(p, pos, bit)); err != nil {
						return err
					}
				}
			}
			if m < n {
				if err := fail("old/new swapped", cps[n], cps[m], p); err != nil {
					return err
				}
			}
			if len(p) > 0 {
				if err := fail("last hash dropped", cps[m], cps[n], p[:len(p)-1]); err != nil {
					return err
				}
			}
			if err := fail("hash appended", cps[m], cps[n], append(append(tlog.TreeProof(nil), p...), roots[n])); err != nil {
				return err
			}
			badOld := mustSign(signer, origin, m, flipBit(roots[m], 7))
			if err := fail("old root altered (validly signed)", badOld, cps[n], p); err != nil {
				return err
			}
			if m > 0 { // any new root extends the empty tree
				badNew := mustSign(signer, origin, n, flipBit(roots[n], 7))
				if err := fail("new root altered (validly signed)", cps[m], badNew, p); err != nil {
					return err
				}
			}
			if err := fail("new checkpoint forged", cps[m], mustSign(otherSigner, origin, n, roots[n]), p); err != nil {
				return err
			}
			if err := fail("other origin", cps[m], mustSignText(signer, fmt.Sprintf("other.example/log\n%d\n%s\n", n, roots[n])), p); err != nil {
				return err
			}
		}
	}
	fmt.Printf("consistency: tlog.ProveTree order == RFC 6962 PROOF order; %d (old,new) proofs accepted, tampered variants rejected\n", consistencyPairs)

	// 4. The file-level subcommands, through real files.
	dir, err := os.MkdirTemp("", "sumdbverify-selftest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	write := func(name string, data []byte) string {
		path := filepath.Join(dir, name)
		if err == nil {
			err = os.WriteFile(path, data, 0o600)
		}
		return path
	}
	vkeyFile := write("log.vkey", []byte(vkey+"\n"))
	const i, t, m = int64(13), int64(37), int64(21)
	incl, _ := tlog.ProveRecord(t, i, store)
	cons, _ := tlog.ProveTree(t, m, store)
	proofFile := write("entry.tlog-proof", formatTlogProof(i, incl, cps[t], nil))
	entryFile := write("entry.bin", entries[i])
	oldFile := write("old.checkpoint", cps[m])
	newFile := write("new.checkpoint", cps[t])
	consFile := write("consistency.proof", formatHashLines(cons))
	badConsFile := write("bad-consistency.proof", formatHashLines(withFlipped(cons, 0, 3)))
	if err != nil {
		return err
	}
	if _, err := cmdCheckpoint(vkeyFile, newFile); err != nil {
		return fmt.Errorf("selftest: checkpoint subcommand: %v", err)
	}
	if _, _, err := cmdInclusion(vkeyFile, proofFile, entryFile); err != nil {
		return fmt.Errorf("selftest: inclusion subcommand: %v", err)
	}
	if _, _, err := cmdConsistency(vkeyFile, oldFile, newFile, consFile); err != nil {
		return fmt.Errorf("selftest: consistency subcommand: %v", err)
	}
	if _, _, err := cmdConsistency(vkeyFile, oldFile, newFile, badConsFile); err == nil {
		return errors.New("selftest: consistency subcommand accepted a flipped bit")
	}
	accepted += 3
	rejected++
	fmt.Println("file-level subcommands: checkpoint, inclusion, consistency accepted; flipped consistency proof rejected")

	fmt.Printf("selftest ok: %d correct inputs accepted, %d tampered inputs rejected\n", accepted, rejected)
	return nil
}

func mustSign(signer note.Signer, origin string, size int64, root tlog.Hash) []byte {
	b, err := signCheckpoint(signer, origin, size, root)
	if err != nil {
		panic(err)
	}
	return b
}

func mustSignText(signer note.Signer, text string) []byte {
	b, err := note.Sign(&note.Note{Text: text}, signer)
	if err != nil {
		panic(err)
	}
	return b
}

func min64(a, b int64) int64 {
	if a < b {
		return a
	}
	return b
}
