#!/usr/bin/env python3
"""Soak check of `samla serve`: a round's weeks of uptime, compressed into MINUTES.

Usage: nice -n 10 python3 scripts/soak/soak.py SAMLA_BINARY [--minutes 30] [--dir /tmp/samla-soak] [--port 8089]
Needs: Python 3.9+ and aiohttp (pip install aiohttp). docs/serve.md, "Weeks of uptime", has what two
walks measured and what the operator budgets from it.

Makes a database in DIR (an invitation-only ESEM round with 4,000 personal links, an anonymous forum
round), starts `samla serve` on 127.0.0.1 at normal priority, and runs a steady mixed load against it:
respondents on personal and anonymous links answering pages (refused answers first now and then, Back,
language switches), a sixth abandoning half-way and resuming minutes later; an admin viewing pages and
downloading exports every minute; API submissions with Idempotency-Keys, retried; slow clients that
trickle a body, connections that never send, bodies cut off; `samla backup`, `samla export` and, a third
of the way in, `samla round open` of a second anonymous round. Halfway it stops the server with SIGTERM
and starts it again. Every 15 s it samples the server's RSS, open fds, threads, the database, -wal and
log sizes and a canary GET's latency (DIR/samples.csv). At the end it stops the server with SIGTERM,
compares every answer the server acknowledged (a 303 or 201) with the database row by row, runs
PRAGMA integrity_check, and prints a summary; it exits 1 when anything acknowledged is missing or
different, the check fails or the server did not exit 0.
"""
import argparse, asyncio, csv, hashlib, json, os, random, re, signal, sqlite3, subprocess, sys, time, uuid
import aiohttp

ap = argparse.ArgumentParser()
ap.add_argument("samla")
ap.add_argument("--minutes", type=float, default=30)
ap.add_argument("--dir", default="/tmp/samla-soak")
ap.add_argument("--port", type=int, default=8089)
ap.add_argument("--respondents", type=int, default=24, help="respondents answering at once")
ap.add_argument("--seed", type=int, default=1)
args = ap.parse_args()

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SAMLA = os.path.abspath(args.samla)
D = os.path.abspath(args.dir)
DB = os.path.join(D, "db", "samla.sqlite")
LOG = os.path.join(D, "serve.log")
BASE = f"http://127.0.0.1:{args.port}"
DURATION = args.minutes * 60
random.seed(args.seed)
stats = {}


def count(key, n=1):
    stats[key] = stats.get(key, 0) + n


def samla(*argv, check=True):
    r = subprocess.run([SAMLA, *argv], capture_output=True, text=True)
    if check and r.returncode != 0:
        sys.exit(f"samla {' '.join(argv)} failed ({r.returncode}): {r.stdout}{r.stderr}")
    return r


def take(pool):
    """The next row of a pool, round and round: a long walk answers some rows twice."""
    row = pool.pop(0)
    pool.append(row)
    return row


def read_rows(path):
    with open(path, newline="", encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))


def setup():
    if os.path.exists(D):
        sys.exit(f"{D} exists: give another --dir or remove it")
    os.makedirs(os.path.join(D, "db"))
    s = lambda name: os.path.join(REPO, "surveys", name)
    samla("round", "open", s("esem-se.yaml"), "--name", "esem-se-2025", "--opens", "2026-01-01", "--closes", "2027-12-31", "--db", DB)
    samla("round", "open", s("samverkansforum.yaml"), "--name", "samverkansforum-2026", "--opens", "2026-01-01",
          "--closes", "2027-12-31", "--anonymous", "--db", DB)
    with open(os.path.join(D, "contacts.csv"), "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["email", "label"])
        for i in range(4000):
            w.writerow([f"org{i}@example.se", f"Org {i}"])
    samla("invite", "--round", "esem-se-2025", os.path.join(D, "contacts.csv"), "--base-url", BASE,
          "--out", os.path.join(D, "links.csv"), "--db", DB)
    for name, survey, seed in [("esem", "esem-se.yaml", 11), ("forum", "samverkansforum.yaml", 12), ("msiforum", "msi-forum.yaml", 13)]:
        samla("generate", s(survey), "--rows", "6000", "--seed", str(seed), "--out", os.path.join(D, name + ".csv"))
    for name, who in [("admins.txt", "anna.berg"), ("api-tokens.txt", "kolada")]:
        with open(os.open(os.path.join(D, name), os.O_WRONLY | os.O_CREAT, 0o600), "w") as f:
            f.write(f"{who}: {uuid.uuid4().hex}{uuid.uuid4().hex}\n")


class Server:
    def __init__(self):
        self.proc = None
        self.log = open(LOG, "ab")
        self.exits = []

    def start(self):
        def normal_priority():
            try:
                os.setpriority(os.PRIO_PROCESS, 0, 0)
            except OSError:
                pass
        self.proc = subprocess.Popen([SAMLA, "serve", "--db", DB, "--port", str(args.port),
                                      "--admin-secret-file", os.path.join(D, "admins.txt"),
                                      "--api-token-file", os.path.join(D, "api-tokens.txt")],
                                     stdout=self.log, stderr=self.log, preexec_fn=normal_priority)

    async def ready(self):
        for _ in range(200):
            try:
                async with aiohttp.ClientSession() as s, s.get(BASE + "/s/samverkansforum-2026") as r:
                    if r.status == 200:
                        return
            except aiohttp.ClientError:
                pass
            await asyncio.sleep(0.1)
        sys.exit("the server did not start")

    async def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        started = time.monotonic()
        while self.proc.poll() is None:
            await asyncio.sleep(0.05)
        self.exits.append((self.proc.returncode, round(time.monotonic() - started, 2)))


# ---------------------------------------------------------------- respondents

TAG = re.compile(r"<(input|textarea|button)\b([^>]*)>", re.S)
SELECT = re.compile(r"<select\b([^>]*)>(.*?)</select>", re.S)
OPTION = re.compile(r'<option\b[^>]*value="([^"]*)"')
ATTR = re.compile(r'([\w.-]+)(?:="([^"]*)")?')


def unescape(v):
    return v.replace("&quot;", '"').replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def form_of(html):
    """Hidden fields, answer fields {name: kind, values}, and action buttons of a page's form."""
    hidden, fields, actions = {}, {}, []
    for tag, attrs in TAG.findall(html):
        a = {k: unescape(v or "") for k, v in ATTR.findall(attrs)}
        name = a.get("name")
        if not name:
            continue
        if tag == "button":
            actions.append(a.get("value", ""))
        elif a.get("type") == "hidden":
            hidden.setdefault(name, []).append(a.get("value", ""))
        elif not name.startswith("samla."):
            f = fields.setdefault(name, {"kind": a.get("type", "textarea" if tag == "textarea" else "text"), "values": [],
                                         "numeric": a.get("inputmode") in ("numeric", "decimal")})
            if "value" in a and f["kind"] in ("radio", "checkbox"):
                f["values"].append(a["value"])
    for attrs, options in SELECT.findall(html):
        name = dict(ATTR.findall(attrs)).get("name")
        if name:
            fields[name] = {"kind": "radio", "values": [unescape(v) for v in OPTION.findall(options) if v], "numeric": False}
    return hidden, fields, actions


class Ledger:
    """What the server acknowledged, by link token: answers and whether the response was completed."""
    def __init__(self):
        self.links = {}

    def acked(self, token, round_name, answers, complete=False):
        e = self.links.setdefault(token, {"round": round_name, "answers": {}, "complete": False})
        e["answers"].update(answers)
        e["complete"] = e["complete"] or complete


ledger = Ledger()
api_ledger = {}  # idempotency key -> (round, response id, answers)
rounds_open = ["samverkansforum-2026"]
pools = {}
resume_queue = []  # (due time, respondent)
personal_links = []


def answers_for(fields, row):
    """The row's answers to the page's fields, as the form posts them."""
    posted, record = [], {}
    for name, f in fields.items():
        value = row.get(name, "")
        if f["kind"] == "checkbox":
            chosen = [v for v in value.split() if v in f["values"]]
            posted += [(name, v) for v in chosen]
            record[name] = " ".join(chosen)
        elif f["kind"] == "radio":
            if value in f["values"]:
                posted.append((name, value))
            record[name] = value if value in f["values"] else ""
        else:
            posted.append((name, value))
            record[name] = value
    return posted, record


class Respondent:
    def __init__(self, round_name, row, token=None):
        self.round, self.row, self.token = round_name, row, token
        self.abandon_at = random.randint(2, 6) if random.random() < 0.17 else None
        self.lang = None

    async def request(self, s, method, url, **kw):
        """Sends until the server answers: a request lost to a restart is sent again, as a browser's user would."""
        for attempt in range(600):
            try:
                async with s.request(method, url, allow_redirects=False, **kw) as r:
                    body = await r.text()
                    count(f"{method} {r.status}")
                    return r.status, r.headers.get("Location"), body
            except (aiohttp.ClientError, asyncio.TimeoutError):
                count("respondent request failed, sent again")
                await asyncio.sleep(0.5)
        raise RuntimeError("server never answered")

    async def run(self, s):
        if self.token is None:
            status, _, html = await self.request(s, "GET", f"{BASE}/s/{self.round}")
            hidden, _, _ = form_of(html)
            data = [(k, v[0]) for k, v in hidden.items()]
            status, loc, _ = await self.request(s, "POST", f"{BASE}/s/{self.round}", data=data)
            if status != 303:
                count(f"start refused {status}")
                return
            self.token = loc.rsplit("/t/", 1)[1].split("/")[0]
            ledger.acked(self.token, self.round, {})
        await self.answer(s)

    async def answer(self, s):
        status, loc, _ = await self.request(s, "GET", f"{BASE}/t/{self.token}")
        pages = 0
        while status == 303:
            url = BASE + loc if loc.startswith("/") else loc
            status, loc, html = await self.request(s, "GET", url)
            if status != 200 or 'name="samla.page"' not in html:
                count(f"thank-you or other page {status}")
                return
            pages += 1
            if self.abandon_at is not None and pages >= self.abandon_at:
                self.abandon_at = None
                count("abandoned half-way")
                resume_queue.append((time.monotonic() + random.uniform(0.15, 0.45) * DURATION, self))
                return
            await asyncio.sleep(random.uniform(0.3, 2.0))
            status, loc = await self.post_page(s, url, html)

    async def post_page(self, s, url, html):
        hidden, fields, actions = form_of(html)
        base = [(k, v) for k, vs in hidden.items() for v in vs]
        good, record = answers_for(fields, self.row)
        forward = next((a for a in actions if a not in ("back",) and not a.startswith("lang-")), "next")
        numeric = [n for n, f in fields.items() if f["numeric"]]
        if numeric and random.random() < 0.2:
            bad = [(k, "tre" if k == numeric[0] else v) for k, v in good]
            status, _, _ = await self.request(s, "POST", url, data=base + bad + [("samla.action", forward)])
            count("refused answer, expected 422" if status == 422 else f"refused answer, got {status}")
        langs = [a for a in actions if a.startswith("lang-")]
        if langs and random.random() < 0.08:
            status, loc, _ = await self.request(s, "POST", url, data=base + good + [("samla.action", langs[0])])
            if status == 303:
                ledger.acked(self.token, self.round, record)
                count("language switched")
                return status, loc
        if "back" in actions and random.random() < 0.08:
            status, loc, _ = await self.request(s, "POST", url, data=base + good + [("samla.action", "back")])
            if status == 303:
                ledger.acked(self.token, self.round, record)
                count("went back")
                return status, loc
        status, loc, body = await self.request(s, "POST", url, data=base + good + [("samla.action", forward)])
        if status == 303:
            done = not loc.split("?")[0].rstrip("/").split("/")[-1].isdigit()
            ledger.acked(self.token, self.round, record)
            if done:
                status2, _, html2 = await self.request(s, "GET", BASE + loc if loc.startswith("/") else loc)
                if 'name="samla.page"' not in html2:
                    ledger.acked(self.token, self.round, {}, complete=True)
                    count("completed")
                    return 200, None
            return status, loc
        count(f"good answers refused {status}")
        errors = re.findall(r'id="e-([\w]+)"', body)
        with open(os.path.join(D, "refused-pages.txt"), "a") as f:
            f.write(f"{self.round} {url} {status} {errors} {good}\n")
        return status, loc


async def respondents(stop_at):
    esem, forum, msiforum = pools["esem"], pools["forum"], pools["msiforum"]
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=120)) as s:
        while time.monotonic() < stop_at:
            now = time.monotonic()
            due = [i for i, (t, _) in enumerate(resume_queue) if t <= now]
            if due:
                _, r = resume_queue.pop(due[0])
                count("resumed later")
                await r.answer(s)
                continue
            pick = random.random()
            if pick < 0.45 and personal_links:
                token = personal_links.pop()
                r = Respondent("esem-se-2025", take(esem), token)
                ledger.acked(token, r.round, {})
            elif pick < 0.7 and len(rounds_open) > 1:
                r = Respondent(rounds_open[1], take(msiforum))
            else:
                r = Respondent("samverkansforum-2026", take(forum))
            try:
                await r.run(s)
            except RuntimeError:
                count("respondent gave up")


# ---------------------------------------------------------------- admin, API, nasty clients, CLI

async def admin(stop_at):
    secret = open(os.path.join(D, "admins.txt")).read().split(": ", 1)[1].strip()
    jar = aiohttp.CookieJar(unsafe=True)
    async with aiohttp.ClientSession(cookie_jar=jar, timeout=aiohttp.ClientTimeout(total=300)) as s:
        while time.monotonic() < stop_at:
            try:
                async with s.get(BASE + "/admin", allow_redirects=False) as r:
                    if r.status == 303:
                        async with s.get(BASE + "/admin/login") as lr:
                            csrf = re.search(r'name="csrf" value="([^"]+)"', await lr.text()).group(1)
                        async with s.post(BASE + "/admin/login", data={"csrf": csrf, "secret": secret}, allow_redirects=False) as pr:
                            count(f"admin sign-in {pr.status}")
                for path in ["/admin", "/admin/rounds/esem-se-2025", "/admin/rounds/samverkansforum-2026",
                             "/admin/rounds/esem-se-2025/exports/responses.csv", "/admin/rounds/samverkansforum-2026/exports/responses-long.csv",
                             "/admin/rounds/esem-se-2025/exports/codebook.md?lang=sv", "/admin/rounds/esem-se-2025/exports/euclid.zip?lang=en",
                             "/admin/rounds/esem-se-2025/exports/responses-with-personal-data.csv"]:
                    async with s.get(BASE + path, allow_redirects=False) as r:
                        body = await r.read()
                        count(f"admin {r.status}")
                        count("admin bytes downloaded", len(body))
                    if path.endswith("samverkansforum-2026"):
                        ids = re.findall(r'/admin/responses/(\d+)', body.decode())
                        for i in ids[:3]:
                            async with s.get(f"{BASE}/admin/responses/{i}") as rr:
                                await rr.read()
                                count(f"admin {rr.status}")
            except (aiohttp.ClientError, asyncio.TimeoutError):
                count("admin request failed")
            await asyncio.sleep(60)


async def api(stop_at):
    token = open(os.path.join(D, "api-tokens.txt")).read().split(": ", 1)[1].strip()
    rows = pools["forum_api"]
    multiple = {"reasons"}
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=60)) as s:
        while time.monotonic() < stop_at:
            row = take(rows)
            body = {k: (v.split() if k in multiple else v) for k, v in row.items() if v and k not in ("language", "submitted_at")}
            key = str(uuid.uuid4())
            headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key, "Content-Language": row["language"]}
            bad = random.random() < 0.1
            sent = dict(body, new_contacts="many") if bad else body
            for attempt in range(3 if random.random() < 0.25 else 1):
                try:
                    if attempt > 0 and random.random() < 0.3:
                        # the same key with other answers
                        async with s.post(f"{BASE}/api/rounds/samverkansforum-2026/responses", json=dict(sent, hours="1.5"), headers=headers) as r:
                            count(f"API other answers under a used key {r.status}")
                        continue
                    async with s.post(f"{BASE}/api/rounds/samverkansforum-2026/responses", json=sent, headers=headers) as r:
                        reply = await r.json(content_type=None)
                        replayed = r.headers.get("Idempotent-Replayed") == "true"
                        count(f"API {r.status}{' replayed' if replayed else ''}")
                        if r.status == 201:
                            if key in api_ledger and api_ledger[key][1] != reply["id"]:
                                count("API retry got another response")
                            api_ledger[key] = ("samverkansforum-2026", reply["id"], {k: " ".join(v) if isinstance(v, list) else v for k, v in body.items()})
                except (aiohttp.ClientError, asyncio.TimeoutError):
                    count("API request failed, sent again")
                    await asyncio.sleep(0.5)
            await asyncio.sleep(random.uniform(0.5, 2.5))


async def nasty(stop_at):
    """Slow and broken clients, a few at a time."""
    async def one(kind):
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", args.port)
        except OSError:
            count(f"{kind}: could not connect")
            return
        started = time.monotonic()
        outcome = "still open at 120 s"
        try:
            if kind == "trickles a body":
                writer.write(b"POST /s/samverkansforum-2026 HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\n")
                for _ in range(120):
                    writer.write(b"a")
                    await writer.drain()
                    if reader.at_eof():
                        break
                    try:
                        if await asyncio.wait_for(reader.read(4096), 1) == b"":
                            break
                    except asyncio.TimeoutError:
                        pass
                else:
                    raise asyncio.TimeoutError
            elif kind == "cut off mid-body":
                writer.write(b"POST /api/rounds/samverkansforum-2026/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000\r\n\r\n{\"region\": \"no")
                await writer.drain()
                await asyncio.sleep(random.uniform(0.1, 3))
                outcome = "closed by us"
            else:
                if kind == "half a head":
                    writer.write(b"GET /s/samverkansforum-2026 HTTP/1.1\r\nHo")
                    await writer.drain()
                while await asyncio.wait_for(reader.read(4096), 120):
                    pass
            if outcome != "closed by us":
                outcome = "closed by the server"
        except (ConnectionError, asyncio.IncompleteReadError):
            outcome = "closed by the server"
        except asyncio.TimeoutError:
            pass
        finally:
            writer.close()
        held = round(time.monotonic() - started)
        count(f"{kind}: {outcome}")
        stats[f"{kind}: most seconds held"] = max(stats.get(f"{kind}: most seconds held", 0), held)

    tasks = set()
    while time.monotonic() < stop_at:
        kind = random.choice(["never sends", "trickles a body", "half a head", "cut off mid-body"])
        t = asyncio.create_task(one(kind))
        tasks.add(t)
        t.add_done_callback(tasks.discard)
        await asyncio.sleep(random.uniform(2, 6))
    await asyncio.gather(*tasks, return_exceptions=True)


async def cli(stop_at, started):
    second_round = False
    n = 0
    while time.monotonic() < stop_at:
        await asyncio.sleep(90)
        n += 1
        if not second_round and time.monotonic() - started > DURATION / 3:
            r = await asyncio.to_thread(samla, "round", "open", os.path.join(REPO, "surveys", "msi-forum.yaml"), "--name", "msi-forum-2026",
                                        "--opens", "2026-01-01", "--closes", "2027-12-31", "--anonymous", "--db", DB, check=False)
            count(f"CLI round open {r.returncode}")
            if r.returncode == 0:
                rounds_open.append("msi-forum-2026")
            second_round = True
        elif n % 2:
            target = os.path.join(D, "backup.sqlite")
            r = await asyncio.to_thread(samla, "backup", "--db", DB, "--to", target, "--force", check=False)
            count(f"CLI backup {r.returncode}")
        else:
            r = await asyncio.to_thread(samla, "export", "--round", "esem-se-2025", "--out", os.path.join(D, f"export-{n}"), "--db", DB, check=False)
            count(f"CLI export {r.returncode}")
        if r.returncode != 0:
            with open(os.path.join(D, "cli-failures.txt"), "a") as f:
                f.write(r.stdout + r.stderr + "\n")


# ---------------------------------------------------------------- samples

def size(path):
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


async def sampler(server, stop_at, started):
    out = open(os.path.join(D, "samples.csv"), "w", newline="")
    w = csv.writer(out)
    w.writerow(["seconds", "pid", "rss_kib", "fds", "threads", "db_bytes", "wal_bytes", "log_bytes", "canary_ms"])
    while time.monotonic() < stop_at:
        pid = server.proc.pid
        try:
            status = open(f"/proc/{pid}/status").read()
            rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1))
            threads = int(re.search(r"Threads:\s+(\d+)", status).group(1))
            fds = len(os.listdir(f"/proc/{pid}/fd"))
        except (OSError, AttributeError):
            await asyncio.sleep(1)
            continue
        t0 = time.monotonic()
        try:
            async with aiohttp.ClientSession() as s, s.get(BASE + "/s/samverkansforum-2026") as r:
                await r.read()
            canary = round((time.monotonic() - t0) * 1000, 1)
        except aiohttp.ClientError:
            canary = -1
        w.writerow([round(time.monotonic() - started), pid, rss, fds, threads, size(DB), size(DB + "-wal"), size(LOG), canary])
        out.flush()
        await asyncio.sleep(15)


# ---------------------------------------------------------------- reconciliation

def same(expected, stored):
    if expected in ("", None):
        return stored in ("", None)
    if stored is None:
        return False
    try:
        return abs(float(expected.replace(",", ".")) - float(stored)) < 1e-9
    except (ValueError, TypeError):
        pass
    return sorted(str(expected).split()) == sorted(str(stored).split())


def reconcile():
    db = sqlite3.connect(DB)
    surveys = {name: sid for name, sid in db.execute("SELECT r.name, d.survey_id FROM rounds r JOIN definitions d ON d.hash = r.definition_hash")}

    def answers(survey, rid):
        row = {}
        for table in (f"answers_{survey}".replace("-", "_"), f"pii_answers_{survey}".replace("-", "_")):
            cur = db.execute(f'SELECT * FROM "{table}" WHERE response_id = ?', (rid,))
            got = cur.fetchone()
            if got:
                row.update(zip([c[0] for c in cur.description], got))
        return row

    checked = missing = different = values = 0
    problems = []
    for token, e in ledger.links.items():
        h = hashlib.sha256(token.encode()).hexdigest()
        found = db.execute("SELECT response_id FROM response_tokens WHERE token_hash = ? UNION ALL SELECT response_id FROM invitations WHERE token_hash = ? AND response_id IS NOT NULL", (h, h)).fetchone()
        if not e["answers"] and not e["complete"] and found is None:
            continue  # a personal link opened, nothing posted
        checked += 1
        if found is None:
            missing += 1
            problems.append(f"link {token[:6]}…: no response")
            continue
        rid = found[0]
        status = db.execute("SELECT status FROM responses WHERE id = ?", (rid,)).fetchone()[0]
        if e["complete"] and status != "complete":
            different += 1
            problems.append(f"response {rid}: completed but {status}")
        stored = answers(surveys[e["round"]], rid)
        for name, value in e["answers"].items():
            values += 1
            if not same(value, stored.get(name)):
                different += 1
                problems.append(f"response {rid} {name}: acknowledged {value!r}, stored {stored.get(name)!r}")
    for key, (round_name, rid, body) in api_ledger.items():
        checked += 1
        row = db.execute("SELECT status, source FROM responses WHERE id = ?", (rid,)).fetchone()
        if row is None or row != ("complete", "api"):
            missing += 1
            problems.append(f"API key {key}: response {rid} is {row}")
            continue
        stored = answers(surveys[round_name], rid)
        for name, value in body.items():
            values += 1
            if not same(value, stored.get(name)):
                different += 1
                problems.append(f"API response {rid} {name}: acknowledged {value!r}, stored {stored.get(name)!r}")
    keys = db.execute("SELECT count(*) FROM idempotency_keys").fetchone()[0]
    integrity = db.execute("PRAGMA integrity_check").fetchone()[0]
    totals = db.execute("SELECT status, count(*) FROM responses GROUP BY status").fetchall()
    return dict(responses_checked=checked, values_checked=values, missing=missing, different=different,
                problems=problems[:20], integrity_check=integrity, idempotency_keys=keys, responses_by_status=totals)


def summary():
    """First, last and largest of each sample per server process, and the requests the log records."""
    rows = read_rows(os.path.join(D, "samples.csv"))
    by_pid = {}
    for row in rows:
        by_pid.setdefault(row["pid"], []).append(row)
    processes = []
    for pid, samples in by_pid.items():
        first, last = samples[0], samples[-1]
        processes.append({name: f"{first[name]} -> {last[name]} (max {max(int(float(r[name])) for r in samples)})"
                          for name in ["rss_kib", "fds", "threads", "wal_bytes"]} | {"pid": pid, "seconds": f"{first['seconds']}-{last['seconds']}"})
    canary = sorted(float(r["canary_ms"]) for r in rows if float(r["canary_ms"]) >= 0)
    requests = sum(1 for line in open(LOG, errors="replace") if '"message":"request"' in line)
    return {"processes": processes, "canary_ms_median": canary[len(canary) // 2], "canary_ms_max": canary[-1],
            "requests_logged": requests, "log_bytes": size(LOG), "log_bytes_per_request": round(size(LOG) / max(requests, 1)),
            "db_bytes": size(DB)}


async def main():
    setup()
    pools["esem"] = read_rows(os.path.join(D, "esem.csv"))
    forum = read_rows(os.path.join(D, "forum.csv"))
    pools["forum"], pools["forum_api"] = forum[:3000], forum[3000:]
    pools["msiforum"] = read_rows(os.path.join(D, "msiforum.csv"))
    personal_links.extend(row["token"] for row in read_rows(os.path.join(D, "links.csv")))
    server = Server()
    server.start()
    await server.ready()
    started = time.monotonic()
    stop_at = started + DURATION
    async def restart_halfway():
        await asyncio.sleep(DURATION / 2)
        await server.stop()
        server.start()
        await server.ready()
        count("server restarted")
    work = [respondents(stop_at) for _ in range(args.respondents)] + [admin(stop_at), api(stop_at), nasty(stop_at),
                                                                        cli(stop_at, started), sampler(server, stop_at, started), restart_halfway()]
    await asyncio.gather(*work)
    await server.stop()
    result = reconcile()
    print(json.dumps({"stats": stats, "server_exits": server.exits, **result, "samples": summary()}, indent=1, default=str))
    ok = result["missing"] == 0 and result["different"] == 0 and result["integrity_check"] == "ok" and all(c == 0 for c, _ in server.exits)
    sys.exit(0 if ok else 1)


asyncio.run(main())
