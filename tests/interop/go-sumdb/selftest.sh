#!/usr/bin/env bash
# Builds sumdbverify offline (GOPATH mode, Debian's golang.org/x/mod) into a
# temporary directory and checks it: the real sum.golang.org checkpoint must
# verify, a one-byte-altered copy must not, and `sumdbverify selftest` must pass.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

export GO111MODULE=off GOPATH=/usr/share/gocode GOCACHE="$tmp/gocache" GOFLAGS= GOPROXY=off GOENV=off
go version
(cd "$here" && go build -o "$tmp/sumdbverify" .)
bin="$tmp/sumdbverify"

vkey='sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8'
printf '%s\n' "$vkey" > "$tmp/sum.golang.org.vkey"
printf 'go.sum database tree\n6476701\nmb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=\n\n\xe2\x80\x94 sum.golang.org Az3grsLX85Gz+s1SiTbgkuqxgItqFq7gsMUEyVnrsa9LM7Us9S+1xbFIGu95949rj4nPRYfvimWEPWL+o3GeoWwOoAw=\n' \
  > "$tmp/sum.golang.org.checkpoint"

echo "== real sum.golang.org checkpoint (must verify)"
out="$("$bin" checkpoint "$tmp/sum.golang.org.vkey" "$tmp/sum.golang.org.checkpoint")"
echo "$out"
[ "$out" = "go.sum database tree 6476701 mb8QLQIs0Z0yP5Cstq6guj87oXWeC9gEM8oVikmm9Wk=" ]

echo "== one byte of the root hash altered (must fail)"
sed 's/^mb8QLQIs/nb8QLQIs/' "$tmp/sum.golang.org.checkpoint" > "$tmp/altered.checkpoint"
cmp -s "$tmp/sum.golang.org.checkpoint" "$tmp/altered.checkpoint" && { echo "alteration did not apply"; exit 1; }
if err="$("$bin" checkpoint "$tmp/sum.golang.org.vkey" "$tmp/altered.checkpoint" 2>&1)"; then
  echo "FAIL: altered checkpoint was accepted"; exit 1
fi
echo "rejected: $err"

echo "== one byte of the signature altered (must fail)"
sed 's/Az3grsLX85/Az3grsLX86/' "$tmp/sum.golang.org.checkpoint" > "$tmp/altered-sig.checkpoint"
cmp -s "$tmp/sum.golang.org.checkpoint" "$tmp/altered-sig.checkpoint" && { echo "alteration did not apply"; exit 1; }
if err="$("$bin" checkpoint "$tmp/sum.golang.org.vkey" "$tmp/altered-sig.checkpoint" 2>&1)"; then
  echo "FAIL: checkpoint with altered signature was accepted"; exit 1
fi
echo "rejected: $err"

echo "== sumdbverify selftest"
"$bin" selftest

echo "selftest.sh: PASS"
