package main

// The tiles mode: mirror a ResetTrail server's log as any C2SP tlog-tiles client
// would (https://c2sp.org/tlog-tiles), over HTTP, and check it with Go's own code:
// note.Open for the checkpoint, tlog.TileHashReader (which authenticates every
// tile it reads against the checkpoint's root) and tlog.TreeHash for the root,
// and, with a token, tlog.RecordHash over each entry of the entry bundles
// compared with the leaf hashes the tiles hold.

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"io"
	"net/http"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

const tileHeight = 8

// httpTiles reads tiles from BASE_URL/tile/... . Go's tile paths carry the
// height ("tile/8/0/x001/234"); tlog-tiles paths do not ("tile/0/x001/234"),
// and name entry bundles "entries" where Go says "data". N's encoding is Go's.
type httpTiles struct {
	base    string
	token   string
	fetched int
}

func (r *httpTiles) Height() int { return tileHeight }

func (r *httpTiles) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	data := make([][]byte, len(tiles))
	for i, t := range tiles {
		body, err := r.get(tilePath(t))
		if err != nil {
			return nil, err
		}
		if len(body) != t.W*tlog.HashSize {
			return nil, fmt.Errorf("%s: %d bytes, want %d", tilePath(t), len(body), t.W*tlog.HashSize)
		}
		data[i] = body
	}
	return data, nil
}

func (r *httpTiles) SaveTiles(tiles []tlog.Tile, data [][]byte) {}

func tilePath(t tlog.Tile) string {
	p := strings.Replace(t.Path(), fmt.Sprintf("tile/%d/", tileHeight), "tile/", 1)
	return strings.Replace(p, "tile/data/", "tile/entries/", 1)
}

func (r *httpTiles) get(path string) ([]byte, error) {
	req, err := http.NewRequest("GET", r.base+"/"+path, nil)
	if err != nil {
		return nil, err
	}
	if r.token != "" {
		req.Header.Set("Authorization", "Bearer "+r.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != 200 {
		return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	r.fetched++
	return body, nil
}

// cmdTiles verifies the server's latest checkpoint, recomputes its root from the
// hash tiles, and (with a token) checks every entry against its leaf hash.
func cmdTiles(vkeyPath, base, token string) (checkpoint, int, error) {
	verifiers, err := loadVerifier(vkeyPath)
	if err != nil {
		return checkpoint{}, 0, err
	}
	reader := &httpTiles{base: strings.TrimSuffix(base, "/"), token: token}
	note, err := reader.get("checkpoint")
	if err != nil {
		return checkpoint{}, 0, err
	}
	cp, err := openCheckpoint(note, verifiers)
	if err != nil {
		return checkpoint{}, 0, err
	}
	hashes := tlog.TileHashReader(tlog.Tree{N: cp.Size, Hash: cp.Root}, reader)
	root, err := tlog.TreeHash(cp.Size, hashes)
	if err != nil {
		return cp, reader.fetched, fmt.Errorf("tree hash from tiles: %v", err)
	}
	if root != cp.Root {
		return cp, reader.fetched, fmt.Errorf("tiles give root %s, checkpoint says %s", root, cp.Root)
	}
	if token == "" {
		return cp, reader.fetched, nil
	}
	for start := int64(0); start < cp.Size; start += 1 << tileHeight {
		w := cp.Size - start
		if w > 1<<tileHeight {
			w = 1 << tileHeight
		}
		t := tlog.Tile{H: tileHeight, L: -1, N: start >> tileHeight, W: int(w)}
		bundle, err := reader.get(tilePath(t))
		if err != nil {
			return cp, reader.fetched, err
		}
		indexes := make([]int64, w)
		for i := range indexes {
			indexes[i] = tlog.StoredHashIndex(0, start+int64(i))
		}
		leaves, err := hashes.ReadHashes(indexes)
		if err != nil {
			return cp, reader.fetched, err
		}
		rest := bundle
		for i := int64(0); i < w; i++ {
			if len(rest) < 2 || len(rest) < 2+int(binary.BigEndian.Uint16(rest)) {
				return cp, reader.fetched, fmt.Errorf("%s: entry %d is cut short", tilePath(t), start+i)
			}
			n := int(binary.BigEndian.Uint16(rest))
			if tlog.RecordHash(rest[2:2+n]) != leaves[i] {
				return cp, reader.fetched, fmt.Errorf("entry %d does not hash to its leaf in the tiles", start+i)
			}
			rest = rest[2+n:]
		}
		if !bytes.Equal(rest, nil) && len(rest) != 0 {
			return cp, reader.fetched, fmt.Errorf("%s: %d bytes after the last entry", tilePath(t), len(rest))
		}
	}
	return cp, reader.fetched, nil
}
