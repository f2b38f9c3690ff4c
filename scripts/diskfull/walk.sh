#!/usr/bin/env bash
# A full disk, walked as MSI's data manager would meet it, on a real file system: a 40 MB ext4
# image mounted on a loop device, filled up with `fallocate` to leave a few KiB.
#
#   sudo scripts/diskfull/walk.sh
#
# What the unit tests cannot show, since they simulate a full disk with /dev/full: SQLite's own
# answers on a full disk (its -wal and -shm files), and `samla serve` taking API and form posts
# until the disk fills, then a restart. Checks, each printed as `ok` or `FAIL`:
#   1. an import that does not fit is refused whole (E433), the database passes integrity_check,
#      keeps every earlier response, and the same import goes through once there is room;
#   2. every post the server acknowledged (201 or 303) is in the database after a restart, every
#      other one got a 503 (E433), pages are still shown while the disk is full, and posts are saved
#      again once there is room;
#   3. report, export, --cleaning-log, generate --out, invite, import --report and backup on a full
#      disk: E800 (E493 for a backup) and the earlier file of each name kept, no temporary file left,
#      no invitation stored without its links file;
#      compute's standard output to the full disk: E801 and exit status 1;
#   4. a database on a full disk without its -shm file: read (W800), writes refused (E433).
# Needs root (mount), mkfs.ext4, curl and sqlite3. Uses the debug build in .build (SAMLA_BIN=PATH for
# another binary) and only 127.0.0.1; unmounts and removes everything it made when it ends.
set -uo pipefail
cd "$(dirname "$0")/../.."
REPO=$PWD
SAMLA="${SAMLA_BIN:-$REPO/.build/debug/samla}"
PORT="${PORT:-18777}"
[ "$(id -u)" = 0 ] || { echo "walk: needs root, to mount a small file system" >&2; exit 2; }
for tool in mkfs.ext4 curl sqlite3 fallocate; do
    command -v $tool >/dev/null || { echo "walk: $tool is missing" >&2; exit 2; }
done
[ -x "$SAMLA" ] || { echo "walk: no samla at $SAMLA: swift build --product samla" >&2; exit 2; }

WORK=$(mktemp -d /tmp/samla-diskfull.XXXXXX)
DISK=$WORK/disk
IMAGE=$WORK/disk.img
SERVER=""
cleanup() {
    [ -n "$SERVER" ] && kill "$SERVER" 2>/dev/null && wait "$SERVER" 2>/dev/null
    mountpoint -q "$DISK" && umount "$DISK"
    rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$DISK"
truncate -s 40M "$IMAGE"
mkfs.ext4 -q -F -m 0 "$IMAGE"
mount -o loop "$IMAGE" "$DISK"

FAILURES=0
# check STATUS TEXT: ok or FAIL, with the first lines the last command printed for a FAIL.
check() {
    if [ "$1" = 0 ]; then echo "ok   $2"; return; fi
    echo "FAIL $2"; FAILURES=$((FAILURES + 1))
    [ -f "$WORK/out" ] && grep -v "E400\|E413" "$WORK/out" | head -3 | cut -c1-400 | sed 's/^/     /'
}
# leave KIB: fills the disk so that about KIB KiB are left.
leave() {
    rm -f "$DISK/filler"; sync
    local room=$(( $(df -k --output=avail "$DISK" | tail -1) - $1 ))
    [ $room -gt 0 ] && fallocate -l ${room}K "$DISK/filler"; sync
}
room() { rm -f "$DISK/filler"; sync; }
count() { sqlite3 "$1" "SELECT count(*) FROM responses"; }

echo "== 1. the database: an import that does not fit"
DB=$DISK/db/samla.sqlite
"$SAMLA" generate surveys/esem-se.yaml --rows 200 --seed 4 --out "$WORK/small.csv" 2>/dev/null
"$SAMLA" generate surveys/esem-se.yaml --rows 5000 --seed 3 --out "$WORK/big.csv" 2>/dev/null
"$SAMLA" round open surveys/esem-se.yaml --db "$DB" --name esem-se-2025 --opens 2025-01-01 --closes 2099-12-31 --anonymous >/dev/null
"$SAMLA" import --db "$DB" --round esem-se-2025 "$WORK/small.csv" >/dev/null 2>&1
leave 300
"$SAMLA" import --db "$DB" --round esem-se-2025 "$WORK/big.csv" >"$WORK/out" 2>&1
status=$?
[ $status = 1 ] && grep -q "error\[E433\]" "$WORK/out"; check $? "import refused with E433 (exit $status)"
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ]; check $? "integrity_check ok after the refused import"
[ "$(count "$DB")" = 200 ]; check $? "every earlier response there ($(count "$DB") of 200)"
room
"$SAMLA" import --db "$DB" --round esem-se-2025 "$WORK/big.csv" >/dev/null 2>&1
[ "$(count "$DB")" = 5200 ]; check $? "the same import goes through once there is room ($(count "$DB") of 5200)"

echo "== 2. the server: posts until the disk fills"
DB=$DISK/srv/samla.sqlite
"$SAMLA" round open surveys/esem-se.yaml --db "$DB" --name esem-open --opens 2025-01-01 --closes 2099-12-31 --anonymous >/dev/null
TOKEN=$(head -c 32 /dev/urandom | base64 | tr -d '+/=')
echo "$TOKEN" >"$WORK/api-token"
echo "admin: $(head -c 32 /dev/urandom | base64 | tr -d '+/=')" >"$WORK/admins"
leave 400
start_server() {
    "$SAMLA" serve --db "$DB" --port "$PORT" --api-token-file "$WORK/api-token" --admin-secret-file "$WORK/admins" >"$WORK/serve.log" 2>&1 &
    SERVER=$!
    for _ in $(seq 50); do curl -s -o /dev/null "http://127.0.0.1:$PORT/s/esem-open" && return; sleep 0.1; done
}
stop_server() { kill "$SERVER"; wait "$SERVER" 2>/dev/null; SERVER=""; }
H=http://127.0.0.1:$PORT
BODY='{"consent": "yes", "resp_role": "board", "registered": "yes", "prio_fin": 3, "prio_imp": 8, "legal_form": "ideell_forening", "year_founded": 2001, "stage": "established", "region": "T", "sector": "R", "sdg": ["10", 16], "target_any": "no", "fte": 2.5, "fte_women": 1, "mgmt_n": 3, "mgmt_women": 2, "voice_staff": "5", "revenue_band": "under_250k", "inc_fees": 60, "inc_other": 40, "fin_sought": "no", "imm_status": "planning", "imm_purpose": ["improve"], "pol_support": "1", "support_used": ["none"], "collab": ["civil"], "recontact": "yes", "org_name": "NAME", "contact_email": "info@example.se"}'
PADDING=$(head -c 3000 /dev/urandom | base64 -w0 | tr -d '+/=' | head -c 2000)
: >"$WORK/acknowledged"; : >"$WORK/refused"
api_post() {
    local code
    code=$(curl -s -o "$WORK/body" -w '%{http_code}' -X POST "$H/api/rounds/esem-open/responses" -H "Authorization: Bearer $TOKEN" \
        -H "Content-Type: application/json" -H "Idempotency-Key: walk-$1" -d "${BODY/NAME/$1-$PADDING}")
    if [ "$code" = 201 ]; then echo "api $(grep -o '"id":[0-9]*' "$WORK/body" | cut -d: -f2)" >>"$WORK/acknowledged"
    else echo "api $code $(cat "$WORK/body")" >>"$WORK/refused"; fi
}
# A respondent: the start page's form, then the first page with consent given.
form_post() {
    local jar=$WORK/jar csrf location page code
    rm -f "$jar"
    csrf=$(curl -s -c "$jar" -b "$jar" "$H/s/esem-open" | grep -o 'name="samla.csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')
    location=$(curl -s -o /dev/null -c "$jar" -b "$jar" -w '%{http_code} %{redirect_url}' -X POST "$H/s/esem-open" \
        --data-urlencode "samla.csrf=$csrf" --data-urlencode "samla.lang=en")
    [ "${location%% *}" = 303 ] || { echo "start ${location%% *}" >>"$WORK/refused"; return; }
    page=$(curl -s -c "$jar" -b "$jar" "${location#* }")
    code=$(curl -s -o "$WORK/body" -c "$jar" -b "$jar" -w '%{http_code}' -X POST "${location#* }" \
        --data-urlencode "samla.csrf=$(echo "$page" | grep -o 'name="samla.csrf" value="[^"]*"' | sed 's/.*value="//;s/"$//')" \
        --data-urlencode "samla.page=$(echo "$page" | grep -o 'name="samla.page" value="[^"]*"' | sed 's/.*value="//;s/"$//')" \
        --data-urlencode "consent=yes")
    if [ "$code" = 303 ]; then echo "form" >>"$WORK/acknowledged"; else echo "form $code" >>"$WORK/refused"; fi
}
start_server
for i in $(seq 1 60); do api_post "$i"; form_post; done
api_acked=$(grep -c '^api' "$WORK/acknowledged"); form_acked=$(grep -c '^form' "$WORK/acknowledged")
echo "     acknowledged: $api_acked API posts, $form_acked pages; refused: $(wc -l <"$WORK/refused")"
[ -s "$WORK/refused" ]; check $? "the disk filled up during the walk"
! grep -v '^api 503 .*"code":"E433".*nothing was stored\|^form 503\|^start 503' "$WORK/refused" | grep -q .
check $? "every refused post got 503 with E433 (API) or the page back (form), nothing else"
! grep -qi "sqlite\|select \|insert " "$WORK/refused"; check $? "no SQL or SQLite words in what a client got"
[ "$(curl -s -o /dev/null -w '%{http_code}' "$H/s/esem-open")" = 200 ]; check $? "the start page is shown while the disk is full"
stop_server
start_server
missing=0
for id in $(grep '^api' "$WORK/acknowledged" | cut -d' ' -f2); do
    [ "$(sqlite3 "$DB" "SELECT count(*) FROM responses WHERE id = $id AND status = 'complete'")" = 1 ] || missing=$((missing + 1))
done
[ $missing = 0 ]; check $? "every acknowledged API post is stored after a restart ($missing missing)"
saved=$(sqlite3 "$DB" "SELECT count(*) FROM answers_esem_se a JOIN responses r ON r.id = a.response_id WHERE r.source = 'web' AND a.consent = 'yes'")
[ "$saved" = "$form_acked" ]; check $? "every acknowledged page is stored, and no other ($saved stored, $form_acked acknowledged)"
room
before=$(wc -l <"$WORK/acknowledged")
api_post 1000; form_post
[ $(( $(wc -l <"$WORK/acknowledged") - before )) = 2 ]; check $? "posts are saved again once there is room"
stop_server

echo "== 3. output files on a full disk"
DB=$DISK/db/samla.sqlite
OUT=$DISK/out
mkdir -p "$OUT/export"
for name in report.html cleaning.csv generated.csv refused.csv backup.sqlite export/responses.csv; do echo "earlier $name" >"$OUT/$name"; done
awk -F, 'BEGIN { OFS = "," } NR == 1 { print; next } { $11 = "nineteen-ninety"; $25 = "lots"; print }' "$WORK/big.csv" >"$WORK/bad.csv"
"$SAMLA" round open surveys/esem-se.yaml --db "$DB" --name esem-invited --opens 2025-01-01 --closes 2099-12-31 >/dev/null
{ echo "name,email"; for i in $(seq 1 2000); do echo "Person $i,p$i@example.se"; done; } >"$WORK/contacts.csv"
leave 8
"$SAMLA" report reports/msi-impact.yaml --db "$DB" --out "$OUT/report.html" >"$WORK/out" 2>&1
grep -q "report.html: error\[E800\]" "$WORK/out"; check $? "report: E800 naming the file"
"$SAMLA" export --db "$DB" --round esem-se-2025 --out "$OUT/export" --overwrite >"$WORK/out" 2>&1
grep -q "export/responses.csv: error\[E800\]" "$WORK/out"; check $? "export: E800 naming the file in --out"
"$SAMLA" compute --db "$DB" --framework frameworks/msi-toc.yaml --cleaning-log "$OUT/cleaning.csv" >/dev/null 2>"$WORK/out"
grep -q "cleaning.csv: error\[E800\]" "$WORK/out"; check $? "compute --cleaning-log: E800 naming the file"
"$SAMLA" generate surveys/esem-se.yaml --rows 2000 --out "$OUT/generated.csv" >"$WORK/out" 2>&1
grep -q "generated.csv: error\[E800\]" "$WORK/out"; check $? "generate --out: E800 naming the file"
"$SAMLA" backup --db "$DB" --to "$OUT/backup.sqlite" --force >"$WORK/out" 2>&1
grep -q "backup.sqlite: error\[E493\]" "$WORK/out"; check $? "backup: E493 naming the file"
"$SAMLA" compute --db "$DB" --framework frameworks/msi-toc.yaml --format csv >"$OUT/results.csv" 2>"$WORK/out"
status=$?
[ $status = 1 ] && grep -q "error\[E801\]" "$WORK/out" && ! grep -q "Fatal error" "$WORK/out"
check $? "compute > a file on the full disk: E801, exit 1 (exit $status)"
rm -f "$OUT/results.csv"
"$SAMLA" invite --db "$DB" --round esem-invited "$WORK/contacts.csv" --base-url https://enkat.example.se --out "$OUT/links.csv" >"$WORK/out" 2>&1
grep -q "links.csv: error\[E800\].*no invitation was stored\|samla.sqlite: error\[E433\]" "$WORK/out" && [ ! -e "$OUT/links.csv" ]
check $? "invite: E800 for the links file or E433 for the database, and no links file"
leave 300
"$SAMLA" import --db "$DB" --round esem-se-2025 "$WORK/bad.csv" --report "$OUT/refused.csv" >"$WORK/out" 2>&1
[ "$(grep -c "refused.csv: error\[E800\]" "$WORK/out")" = 1 ]; check $? "import --report: E800 once, naming the report"
kept=0
for name in report.html cleaning.csv generated.csv refused.csv backup.sqlite export/responses.csv; do
    [ "$(cat "$OUT/$name")" = "earlier $name" ] || { echo "     $name changed"; kept=1; }
done
check $kept "every earlier file kept as it was"
[ -z "$(find "$OUT" -name '.*' -newer "$WORK/bad.csv")" ]; check $? "no temporary file left behind"
room
[ "$(sqlite3 "$DB" 'SELECT count(*) FROM invitations')" = 0 ]; check $? "no invitation stored without its links file"

echo "== 4. a database on a full disk without its -shm file"
sqlite3 "$DB" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null
rm -f "$DB-wal" "$DB-shm"
leave 0 2>/dev/null
"$SAMLA" round list --db "$DB" >"$WORK/list" 2>"$WORK/out"
status=$?
[ $status = 0 ] && grep -q esem-se-2025 "$WORK/list" && grep -q "warning\[W800\]" "$WORK/out"; check $? "round list reads it, with W800 (exit $status)"
"$SAMLA" import --db "$DB" --round esem-se-2025 "$WORK/small.csv" >"$WORK/out" 2>&1
grep -q "error\[E433\]" "$WORK/out"; check $? "an import is refused with E433"
room
"$SAMLA" import --db "$DB" --round esem-se-2025 "$WORK/small.csv" --again >/dev/null 2>&1
[ "$(sqlite3 "$DB" 'PRAGMA integrity_check')" = ok ] && [ "$(count "$DB")" = 5400 ]
check $? "with room again the import goes through, integrity_check ok ($(count "$DB") of 5400)"

echo "== $FAILURES failed"
[ $FAILURES = 0 ]
