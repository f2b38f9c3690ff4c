#!/usr/bin/env bash
# Benchmark of `samla serve` posting form pages, against a bare Hummingbird handler in the same run.
#
#   scripts/bench/serve-wrk.sh [DURATION=15s] [CONNECTIONS=64] [RESPONSES=2000] [MAX_BATCH=512]
#
# Builds release, makes a database with RESPONSES anonymous ESEM responses (serve-fixture), and runs
# `wrk -t2 -cCONNECTIONS --latency` with serve-post.lua, which posts the "respondent" and
# "organisation" pages with valid CSRF tokens (each post is checked by the validator and saved with
# synchronous=FULL through the group commit), then the same against `samla serve --baseline`
# (200, no work). Needs Debian wrk. MAX_BATCH=1 commits every write alone (no group commit).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-15s}"
CONNECTIONS="${2:-64}"
RESPONSES="${3:-2000}"
MAX_BATCH="${4:-512}"
command -v wrk >/dev/null || { echo "serve-wrk: wrk is missing: apt-get install -y wrk" >&2; exit 1; }

swift build -c release --product samla >/dev/null
swift build -c release --product serve-fixture >/dev/null
BIN=.build/release
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
SERVER=
PORT=

"$BIN/serve-fixture" "$WORK/db.sqlite" surveys/esem-se.yaml --responses "$RESPONSES" --lua "$WORK/tokens.lua" >/dev/null

# Starts `samla serve ARGS…` on a free port: sets SERVER (its pid) and PORT.
start() {
    "$BIN/samla" serve --port 0 "$@" >"$WORK/serve.out" 2>"$WORK/serve.log" &
    SERVER=$!
    for _ in $(seq 100); do
        if grep -q "listening on" "$WORK/serve.out" 2>/dev/null; then
            PORT=$(sed -n 's#.*:\([0-9]*\)/$#\1#p' "$WORK/serve.out")
            return
        fi
        sleep 0.1
    done
    echo "serve-wrk: samla serve did not start" >&2
    cat "$WORK/serve.log" >&2
    exit 1
}

echo "== samla serve: POST form pages ($CONNECTIONS connections, $DURATION, $RESPONSES responses, max batch $MAX_BATCH)"
start --db "$WORK/db.sqlite" --log-level notice --max-batch "$MAX_BATCH"
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/bench/serve-post.lua "http://127.0.0.1:$PORT" -- "$WORK/tokens.lua" 2
kill -TERM "$SERVER"
wait "$SERVER" || true
grep '"writer stopped"' "$WORK/serve.log" | sed 's/^/writer: /' || true
sqlite3 "$WORK/db.sqlite" "SELECT 'responses with the respondent page saved: ' || count(*) FROM answers_esem_se WHERE prio_fin IS NOT NULL; PRAGMA integrity_check;"

echo "== bare Hummingbird handler: same script, POST answered 200 with no work"
start --baseline
wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/bench/serve-post.lua "http://127.0.0.1:$PORT" -- "$WORK/tokens.lua" 2
kill -TERM "$SERVER"
wait "$SERVER" || true
