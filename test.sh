#!/usr/bin/env bash
# Runs every test of ResetTrail: `./test.sh` (extra arguments go to `dotnet test`).
# Installs what the tests need when it is missing, from Debian's packages:
#   golang-go, golang-golang-x-mod-dev  - Go's sumdb/note and sumdb/tlog, the independent verifier
#                                          the interoperability tests check our checkpoints and proofs with.
#   postgresql                          - initdb and pg_ctl: the PostgreSQL store's tests start a real server
#                                          in a temporary folder (as the `postgres` user when run as root).
#   chromium                            - the browser the web UI tests drive through Playwright
#                                          (Playwright's own browser download is never used).
set -euo pipefail
cd "$(dirname "$0")"

missing=()
command -v go >/dev/null 2>&1 || missing+=(golang-go)
[ -d /usr/share/gocode/src/golang.org/x/mod/sumdb ] || missing+=(golang-golang-x-mod-dev)
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; elif command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
    echo "test.sh: these Debian packages are needed and I cannot install them without root: ${missing[*]}" >&2
    exit 1
  fi
  echo "test.sh: installing ${missing[*]}" >&2
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

exec dotnet test ResetTrail.slnx "$@"
