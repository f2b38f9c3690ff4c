#!/usr/bin/env bash
# Benchmark of `samla serve` posting form pages, against a bare Hummingbird handler in the same run.
#
#   scripts/bench/serve-wrk.sh [DURATION=15s] [CONNECTIONS=64] [RESPONSES=2000] [MAX_BATCH=512] [KEPT=4096]
#
# Builds release, makes a database with RESPONSES anonymous ESEM responses (serve-fixture), and runs
# `wrk -t2 -cCONNECTIONS --latency` with serve-post.lua, which posts the "respondent" and
# "organisation" pages with valid CSRF tokens (each post is checked by the validator and saved with
# synchronous=FULL through the group commit). A second run follows every post with a GET of its
# link, as a browser follows the 303, and reports the pages a respondent fills in per second (a POST
# and a GET each). Then the posts again against two yardsticks: `samla serve --baseline`, a bare
# handler (200, no work), and `samla serve --form-baseline`, the form's HTTP path without Samla's
# work (its middlewares, the body read and parsed, the 303 of a saved page). Each run prints the
# server's CPU per request, split by thread (event loops, Swift pool, writer), and how busy the
# cores were. Needs Debian wrk.
# MAX_BATCH=1 commits every write alone (no group commit);
# KEPT=0 reads every posted page's response from the store (none kept in memory between pages).
# The release build goes to .build-release (SAMLA_SCRATCH), apart from the debug build in .build;
# SAMLA_BIN=DIR uses the binaries in DIR as they are. The server runs with LOG_LEVEL=notice
# unless told otherwise: no line per request (LOG_LEVEL=info writes one per request to a file).
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-15s}"
CONNECTIONS="${2:-64}"
RESPONSES="${3:-2000}"
MAX_BATCH="${4:-512}"
KEPT="${5:-4096}"
LOG_LEVEL="${LOG_LEVEL:-notice}"
command -v wrk >/dev/null || { echo "serve-wrk: wrk is missing: apt-get install -y wrk" >&2; exit 1; }

if [ -n "${SAMLA_BIN:-}" ]; then
    BIN="$SAMLA_BIN"
else
    SCRATCH="${SAMLA_SCRATCH:-.build-release}"
    swift build -c release --scratch-path "$SCRATCH" --product samla >/dev/null
    swift build -c release --scratch-path "$SCRATCH" --product serve-fixture >/dev/null
    BIN="$SCRATCH/release"
fi
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)"
WORK="$(mktemp -d)"
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$WORK"' EXIT
SERVER=
PORT=

"$BIN/serve-fixture" "$WORK/db.sqlite" surveys/esem-se.yaml --responses "$RESPONSES" --lua "$WORK/tokens.lua" >/dev/null

# The CPU seconds (user + system) process $1 has used so far.
cpu_seconds() {
    awk -v hz="$(getconf CLK_TCK)" '{ print ($14 + $15) / hz }' "/proc/$1/stat"
}

# The CPU ticks (user + system) of each of the server's threads so far, one line per thread:
# its group (NIO's event loops, Group Commit's writer, or Swift's pool and the main thread) and ticks.
thread_ticks() {
    for task in /proc/"$1"/task/*; do
        case "$(cat "$task/comm" 2>/dev/null)" in
            NIO-*) group=loops ;;
            samla-writer) group=writer ;;
            *) group=pool ;;
        esac
        awk -v g="$group" '{ print g, $14 + $15 }' "$task/stat" 2>/dev/null || true
    done
}

# The machine's busy and total CPU ticks so far (all cores; idle and iowait count as not busy).
machine_ticks() {
    awk '/^cpu / { total = 0; for (i = 2; i <= NF; i++) total += $i; print total - $5 - $6, total }' /proc/stat
}

# Runs wrk with the post script (MODE $1: posts, or pages) against $PORT and prints the server's
# CPU time per request, a figure that the other work on a shared machine disturbs far less than
# the rate; then that time by thread (NIO's event loops, Swift's pool, the writer) and how busy
# the machine's cores were (wrk shares them).
run_wrk() {
    local before after
    before=$(cpu_seconds "$SERVER")
    thread_ticks "$SERVER" >"$WORK/threads.before"
    machine_ticks >"$WORK/machine.before"
    wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s scripts/bench/serve-post.lua "http://127.0.0.1:$PORT" -- "$WORK/tokens.lua" 2 "${1:-posts}" | tee "$WORK/wrk.out"
    after=$(cpu_seconds "$SERVER")
    thread_ticks "$SERVER" >"$WORK/threads.after"
    machine_ticks >"$WORK/machine.after"
    awk -v cpu="$(awk -v a="$after" -v b="$before" 'BEGIN { print a - b }')" '/^bench:/ { printf "server CPU: %.1f s for %d requests, %.3f ms per request\n", cpu, $2, cpu * 1000 / $2 }' "$WORK/wrk.out"
    awk -v hz="$(getconf CLK_TCK)" -v n="$(awk '/^bench:/ { print $2 }' "$WORK/wrk.out")" '
        FILENAME ~ /before/ { ticks[$1] -= $2; next }
        { ticks[$1] += $2 }
        END { printf "server CPU per request by thread: event loops %.3f ms, Swift pool %.3f ms, writer %.3f ms\n",
              ticks["loops"] * 1000 / hz / n, ticks["pool"] * 1000 / hz / n, ticks["writer"] * 1000 / hz / n }
    ' "$WORK/threads.before" "$WORK/threads.after"
    paste "$WORK/machine.before" "$WORK/machine.after" | awk -v cores="$(getconf _NPROCESSORS_ONLN)" \
        '{ printf "cores busy during the run: %.2f of %d (the server and wrk share them)\n", ($3 - $1) / ($4 - $2) * cores, cores }'
    if [ "${1:-posts}" = pages ]; then
        awk '/^bench:/ { printf "pages filled in: %.0f per second (a POST and its GET each)\n", $9 / 2 }' "$WORK/wrk.out"
    fi
    echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)"
}

# Starts `samla serve ARGS…` on a free port: sets SERVER (its pid) and PORT.
start() {
    "$BIN/samla" serve --port 0 "$@" >"$WORK/serve.out" 2>"$WORK/serve.log" &
    SERVER=$!
    for _ in $(seq 100); do
        # The line may still be half written: wait until it ends with its port and a slash.
        PORT=$(sed -n 's#^samla serve: listening on .*:\([0-9][0-9]*\)/$#\1#p' "$WORK/serve.out" 2>/dev/null)
        if [ -n "$PORT" ]; then
            return
        fi
        sleep 0.1
    done
    echo "serve-wrk: samla serve did not start" >&2
    cat "$WORK/serve.log" >&2
    exit 1
}

echo "== samla serve: POST form pages ($CONNECTIONS connections, $DURATION, $RESPONSES responses, max batch $MAX_BATCH, kept $KEPT)"
start --db "$WORK/db.sqlite" --log-level "$LOG_LEVEL" --max-batch "$MAX_BATCH" --kept-responses "$KEPT"
run_wrk
kill -TERM "$SERVER"
wait "$SERVER" || true
grep '"writer stopped"' "$WORK/serve.log" | sed 's/^/writer: /' || true
sqlite3 "$WORK/db.sqlite" "SELECT 'responses with the respondent page saved: ' || count(*) FROM answers_esem_se WHERE prio_fin IS NOT NULL; PRAGMA integrity_check;"

echo "== samla serve: pages as a browser fills them in, each POST followed by the GET of its link ($CONNECTIONS connections, $DURATION)"
"$BIN/serve-fixture" "$WORK/pages.sqlite" surveys/esem-se.yaml --responses "$RESPONSES" --lua "$WORK/tokens.lua" >/dev/null
start --db "$WORK/pages.sqlite" --log-level "$LOG_LEVEL" --max-batch "$MAX_BATCH" --kept-responses "$KEPT"
run_wrk pages
kill -TERM "$SERVER"
wait "$SERVER" || true

echo "== bare Hummingbird handler: same script, POST answered 200 with no work"
start --baseline
run_wrk
kill -TERM "$SERVER"
wait "$SERVER" || true

echo "== the form's HTTP path without Samla's work: same script, its middlewares, body read and parsed, 303"
start --form-baseline --log-level "$LOG_LEVEL"
run_wrk
kill -TERM "$SERVER"
wait "$SERVER" || true
