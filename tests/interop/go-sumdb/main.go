// Command sumdbverify is an independent interoperability verifier for
// ResetTrail's evidence log. It checks signed checkpoints, c2sp.org/tlog-proof@v1
// inclusion proofs and RFC 6962 consistency proofs using only the Go team's
// golang.org/x/mod/sumdb/note and golang.org/x/mod/sumdb/tlog packages (as
// packaged by Debian), never ResetTrail's own C# code.
//
// Build (GOPATH mode, offline, from this directory; see README.md):
//
//	GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE=$(mktemp -d) GOFLAGS= GOPROXY=off GOENV=off \
//	    go build -o "$(mktemp -d)/sumdbverify" .
//
// Usage:
//
//	sumdbverify checkpoint VKEY_FILE CHECKPOINT_FILE
//	sumdbverify inclusion VKEY_FILE PROOF_FILE ENTRY_FILE
//	sumdbverify consistency VKEY_FILE OLD_CHECKPOINT NEW_CHECKPOINT PROOF_FILE
//	sumdbverify tiles VKEY_FILE BASE_URL [TOKEN]   (tlog-tiles over HTTP; see tiles.go)
//	sumdbverify selftest
//	sumdbverify bench N
//
// Exit status is 0 on success; on any failure a one-line reason is printed to
// stderr and the exit status is 1 (2 for usage errors).
package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const tlogProofHeader = "c2sp.org/tlog-proof@v1"

// checkpoint is the parsed body of a verified c2sp.org/tlog-checkpoint note.
type checkpoint struct {
	Origin string
	Size   int64
	Root   tlog.Hash
}

func main() {
	args := os.Args[1:]
	if len(args) == 0 {
		usage()
	}
	var err error
	switch cmd := args[0]; {
	case cmd == "checkpoint" && len(args) == 3:
		var cp checkpoint
		if cp, err = cmdCheckpoint(args[1], args[2]); err == nil {
			fmt.Printf("%s %d %s\n", cp.Origin, cp.Size, cp.Root)
		}
	case cmd == "inclusion" && len(args) == 4:
		var index, size int64
		if index, size, err = cmdInclusion(args[1], args[2], args[3]); err == nil {
			fmt.Printf("ok %d %d\n", index, size)
		}
	case cmd == "consistency" && len(args) == 5:
		var oldSize, newSize int64
		if oldSize, newSize, err = cmdConsistency(args[1], args[2], args[3], args[4]); err == nil {
			fmt.Printf("ok %d %d\n", oldSize, newSize)
		}
	case cmd == "tiles" && (len(args) == 3 || len(args) == 4):
		token := ""
		if len(args) == 4 {
			token = args[3]
		}
		var cp checkpoint
		var fetched int
		if cp, fetched, err = cmdTiles(args[1], args[2], token); err == nil {
			fmt.Printf("ok %s %d %s (%d resources fetched)\n", cp.Origin, cp.Size, cp.Root, fetched)
		}
	case cmd == "selftest" && len(args) == 1:
		err = selftest()
	case cmd == "bench" && len(args) == 2:
		var n int64
		n, err = strconv.ParseInt(args[1], 10, 64)
		if err != nil || n < 1 {
			err = fmt.Errorf("bench: N must be a positive integer, got %q", args[1])
		} else {
			err = bench(n)
		}
	default:
		usage()
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "sumdbverify: %s\n", oneLine(err.Error()))
		os.Exit(1)
	}
}

func usage() {
	fmt.Fprintln(os.Stderr, "usage: sumdbverify checkpoint VKEY CHECKPOINT | inclusion VKEY PROOF ENTRY | consistency VKEY OLD_CHECKPOINT NEW_CHECKPOINT PROOF | tiles VKEY BASE_URL [TOKEN] | selftest | bench N")
	os.Exit(2)
}

func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// ---- file-level commands ----

func readFile(what, path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %v", what, err)
	}
	return data, nil
}

func loadVerifier(path string) (note.Verifiers, error) {
	data, err := readFile("verifier key", path)
	if err != nil {
		return nil, err
	}
	return parseVerifier(string(data))
}

// parseVerifier accepts a verifier key "name+hash+keydata" (surrounding
// whitespace, e.g. a trailing newline in the key file, is ignored).
func parseVerifier(vkey string) (note.Verifiers, error) {
	v, err := note.NewVerifier(strings.TrimSpace(vkey))
	if err != nil {
		return nil, fmt.Errorf("verifier key: %v", err)
	}
	return note.VerifierList(v), nil
}

func cmdCheckpoint(vkeyPath, cpPath string) (checkpoint, error) {
	verifiers, err := loadVerifier(vkeyPath)
	if err != nil {
		return checkpoint{}, err
	}
	data, err := readFile("checkpoint", cpPath)
	if err != nil {
		return checkpoint{}, err
	}
	return openCheckpoint(data, verifiers)
}

func cmdInclusion(vkeyPath, proofPath, entryPath string) (int64, int64, error) {
	verifiers, err := loadVerifier(vkeyPath)
	if err != nil {
		return 0, 0, err
	}
	proof, err := readFile("proof", proofPath)
	if err != nil {
		return 0, 0, err
	}
	entry, err := readFile("entry", entryPath)
	if err != nil {
		return 0, 0, err
	}
	return verifyInclusion(verifiers, proof, entry)
}

func cmdConsistency(vkeyPath, oldPath, newPath, proofPath string) (int64, int64, error) {
	verifiers, err := loadVerifier(vkeyPath)
	if err != nil {
		return 0, 0, err
	}
	oldData, err := readFile("old checkpoint", oldPath)
	if err != nil {
		return 0, 0, err
	}
	newData, err := readFile("new checkpoint", newPath)
	if err != nil {
		return 0, 0, err
	}
	proof, err := readFile("consistency proof", proofPath)
	if err != nil {
		return 0, 0, err
	}
	return verifyConsistency(verifiers, oldData, newData, proof)
}

// ---- verification logic (all cryptography is done by note and tlog) ----

// openCheckpoint verifies the note signature with note.Open and parses the
// c2sp.org/tlog-checkpoint body: origin line, decimal tree size, base64 root
// hash, then optional non-empty extension lines (ignored).
//
// tlog.ParseTree cannot be used: it only accepts the legacy sum.golang.org
// body, whose first line must be "go.sum database tree".
func openCheckpoint(msg []byte, verifiers note.Verifiers) (checkpoint, error) {
	n, err := note.Open(msg, verifiers)
	if err != nil {
		return checkpoint{}, fmt.Errorf("checkpoint signature: %v", err)
	}
	// note.Open guarantees n.Text ends in "\n".
	lines := strings.Split(strings.TrimSuffix(n.Text, "\n"), "\n")
	if len(lines) < 3 {
		return checkpoint{}, errors.New("checkpoint: body must have origin, size and root hash lines")
	}
	for i, l := range lines {
		if l == "" {
			return checkpoint{}, fmt.Errorf("checkpoint: body line %d is empty", i+1)
		}
	}
	size, err := parseDecimal(lines[1])
	if err != nil {
		return checkpoint{}, fmt.Errorf("checkpoint: size line: %v", err)
	}
	root, err := parseHash(lines[2])
	if err != nil {
		return checkpoint{}, fmt.Errorf("checkpoint: root hash line: %v", err)
	}
	return checkpoint{Origin: lines[0], Size: size, Root: root}, nil
}

// parseDecimal parses an ASCII decimal without sign or leading zeroes.
func parseDecimal(s string) (int64, error) {
	if s == "" || (len(s) > 1 && s[0] == '0') {
		return 0, fmt.Errorf("%q is not a decimal without leading zeroes", s)
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("%q is not a decimal", s)
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is out of range", s)
	}
	return v, nil
}

// parseHash decodes one standard-base64 SHA-256 hash (canonical encoding only).
func parseHash(s string) (tlog.Hash, error) {
	h, err := tlog.ParseHash(s)
	if err != nil || h.String() != s {
		return tlog.Hash{}, fmt.Errorf("%q is not a base64 SHA-256 hash", s)
	}
	return h, nil
}

// parseTlogProof splits a c2sp.org/tlog-proof@v1 document into its index,
// inclusion proof hashes and the verbatim signed checkpoint that follows the
// blank line.
func parseTlogProof(data []byte) (index int64, proof tlog.RecordProof, cp []byte, err error) {
	rest := data
	lineNo := 0
	next := func() (string, bool) {
		i := bytes.IndexByte(rest, '\n')
		if i < 0 {
			return "", false
		}
		line := string(rest[:i])
		rest = rest[i+1:]
		lineNo++
		return line, true
	}
	line, ok := next()
	if !ok || line != tlogProofHeader {
		return 0, nil, nil, fmt.Errorf("proof: first line must be %q", tlogProofHeader)
	}
	if line, ok = next(); !ok {
		return 0, nil, nil, errors.New("proof: truncated after header")
	}
	if strings.HasPrefix(line, "extra ") {
		if _, err := base64.StdEncoding.Strict().DecodeString(line[len("extra "):]); err != nil {
			return 0, nil, nil, fmt.Errorf("proof line %d: extra data is not base64", lineNo)
		}
		if line, ok = next(); !ok {
			return 0, nil, nil, errors.New("proof: truncated after extra line")
		}
	}
	if !strings.HasPrefix(line, "index ") {
		return 0, nil, nil, fmt.Errorf("proof line %d: expected \"index N\"", lineNo)
	}
	if index, err = parseDecimal(line[len("index "):]); err != nil {
		return 0, nil, nil, fmt.Errorf("proof line %d: index: %v", lineNo, err)
	}
	proof = tlog.RecordProof{}
	for {
		if line, ok = next(); !ok {
			return 0, nil, nil, errors.New("proof: missing blank line before checkpoint")
		}
		if line == "" {
			break
		}
		h, err := parseHash(line)
		if err != nil {
			return 0, nil, nil, fmt.Errorf("proof line %d: %v", lineNo, err)
		}
		proof = append(proof, h)
	}
	if len(rest) == 0 {
		return 0, nil, nil, errors.New("proof: no checkpoint after the blank line")
	}
	return index, proof, rest, nil
}

// verifyInclusion verifies a tlog-proof for the raw entry bytes.
// The c2sp/RFC 6962 audit path order (leaf's sibling first, root's child last)
// is exactly tlog.RecordProof's order, so the hashes are passed through as-is.
func verifyInclusion(verifiers note.Verifiers, proofDoc, entry []byte) (int64, int64, error) {
	index, proof, cpBytes, err := parseTlogProof(proofDoc)
	if err != nil {
		return 0, 0, err
	}
	cp, err := openCheckpoint(cpBytes, verifiers)
	if err != nil {
		return 0, 0, err
	}
	if index >= cp.Size {
		return 0, 0, fmt.Errorf("inclusion: index %d is not below checkpoint size %d", index, cp.Size)
	}
	leaf := tlog.RecordHash(entry)
	if err := tlog.CheckRecord(proof, cp.Size, cp.Root, index, leaf); err != nil {
		return 0, 0, fmt.Errorf("inclusion: tlog.CheckRecord(index %d, size %d): %v", index, cp.Size, err)
	}
	return index, cp.Size, nil
}

// parseHashLines parses a consistency proof file: one base64 hash per line,
// every line terminated by "\n" (a missing final newline is tolerated); an
// empty file is the empty proof.
func parseHashLines(data []byte) (tlog.TreeProof, error) {
	p := tlog.TreeProof{}
	text := strings.TrimSuffix(string(data), "\n")
	if text == "" {
		return p, nil
	}
	for i, line := range strings.Split(text, "\n") {
		h, err := parseHash(line)
		if err != nil {
			return nil, fmt.Errorf("consistency proof line %d: %v", i+1, err)
		}
		p = append(p, h)
	}
	return p, nil
}

// emptyRoot is RFC 6962's MTH({}) = SHA-256(""). (tlog.TreeHash(0, ...) returns
// an all-zero Hash instead, so it is not used for size 0.)
var emptyRoot = tlog.Hash(sha256.Sum256(nil))

// verifyConsistency verifies both checkpoint signatures and the RFC 6962
// consistency proof between them with tlog.CheckTree. The proof order
// (RFC 6962 SUBPROOF order) is exactly tlog.TreeProof's order.
func verifyConsistency(verifiers note.Verifiers, oldData, newData, proofData []byte) (int64, int64, error) {
	oldCp, err := openCheckpoint(oldData, verifiers)
	if err != nil {
		return 0, 0, fmt.Errorf("old %v", err)
	}
	newCp, err := openCheckpoint(newData, verifiers)
	if err != nil {
		return 0, 0, fmt.Errorf("new %v", err)
	}
	if oldCp.Origin != newCp.Origin {
		return 0, 0, fmt.Errorf("consistency: origins differ: %q vs %q", oldCp.Origin, newCp.Origin)
	}
	if oldCp.Size > newCp.Size {
		return 0, 0, fmt.Errorf("consistency: old size %d exceeds new size %d", oldCp.Size, newCp.Size)
	}
	proof, err := parseHashLines(proofData)
	if err != nil {
		return 0, 0, err
	}
	if oldCp.Size == 0 {
		// tlog.CheckTree is undefined for an empty old tree. Every tree extends
		// the empty tree; accept only the empty proof and RFC 6962's empty root.
		if len(proof) != 0 {
			return 0, 0, errors.New("consistency: proof from the empty tree must be empty")
		}
		if oldCp.Root != emptyRoot {
			return 0, 0, errors.New("consistency: old checkpoint of size 0 does not have the RFC 6962 empty root SHA-256(\"\")")
		}
		return 0, newCp.Size, nil
	}
	if err := tlog.CheckTree(proof, newCp.Size, newCp.Root, oldCp.Size, oldCp.Root); err != nil {
		return 0, 0, fmt.Errorf("consistency: tlog.CheckTree(%d -> %d): %v", oldCp.Size, newCp.Size, err)
	}
	return oldCp.Size, newCp.Size, nil
}
