# Reproduces every figure of `samla demo`'s indicator results (msi-toc-results.csv) from Samla's
# exports alone, as an analyst outside MSI would: `samla export --framework` of each round (the
# cleaned responses, results.csv, cleaning-log.csv, codebook.csv, provenance.json) and an export
# without cleaning, with personal data (to re-apply the cleaning rules), read with pandas; the
# estimators written out here from docs/statistics.md and docs/framework-format.md, with scipy's
# distributions. Prints each figure beside Samla's and exits 1 on any mismatch beyond the six
# decimals results.csv is written with (docs/statistics.md, "Reproducing the demo's figures").
#
#   python3 scripts/stats/reproduce-demo.py [DEMO_FOLDER] [--samla PATH] [--quiet]
#
# DEMO_FOLDER is a folder made by `samla demo --folder DEMO_FOLDER` (default .samla/demo); SAMLA is
# the binary to export with (default .build/debug/samla). Run from the repository's folder; needs
# pandas, numpy and scipy.
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile

import numpy as np
import pandas as pd
from scipy import stats

FRAMEWORK = "frameworks/msi-toc.yaml"
LEVEL = 0.95
TOLERANCE = 6e-7          # results.csv writes six decimals: a rounding leaves at most 5e-7
MISSING_CODE = ""         # results' group_code of "Uppgift saknas", the responses without a value
TOTAL_CODE = ""           # and of the total, whose breakdown is empty


# ---------------------------------------------------------------- reading the exports

def read_csv(path):
    return pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)


def export(samla, db, round_name, out, *extra):
    command = [samla, "export", "--db", db, "--round", round_name, "--out", out, "--overwrite", *extra]
    done = subprocess.run(command, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"reproduce-demo: {' '.join(command)} failed:\n{done.stderr}")
    return done.stderr


class Codebook:
    """The export's codebook: variables, their columns, their choices' codes."""

    def __init__(self, path):
        self.rows = read_csv(path)
        self.choices = {}
        for _, row in self.rows.iterrows():
            if row["choices_sv"] and row["variable"] not in self.choices:
                self.choices[row["variable"]] = parse_choices(row["choices_sv"])
        self.options = {}        # select_multiple variable -> {option code: column}
        for _, row in self.rows[self.rows.question_type == "select_multiple"].iterrows():
            if row["option"]:
                self.options.setdefault(row["variable"], {})[unapostrophe(row["option"])] = row["column"]

    def group_codes(self, variable):
        """The codes of a breakdown's groups, in the order results.csv lists them."""
        return [code for code, _ in self.choices[variable]]


def unapostrophe(text):
    """Removes the spreadsheet rule's apostrophe (docs/exports.md, "Spreadsheet safety")."""
    return text[1:] if re.match(r"^'+[=+\-@\t\r]", text) else text


def parse_choices(cell):
    """`code, label | code, label` as codebook.csv writes choices (a label may hold commas)."""
    pairs = []
    for part in unapostrophe(cell).split(" | "):
        code, _, label = part.partition(", ")
        pairs.append((unapostrophe(code), label))
    return pairs


# ---------------------------------------------------------------- expressions as the analyst reads them

class Answer:
    """An answer under docs/expressions.md's rules: `= ''` tests for empty, every other comparison
    with an empty answer is false."""

    def __init__(self, value):
        self.value = value

    def empty(self):
        return self.value is None or self.value == "" or self.value == set()

    def _pair(self, other):
        if isinstance(other, Answer):
            other = other.value
        return self.value, other

    def _compare(self, other, op):
        mine, theirs = self._pair(other)
        if isinstance(theirs, str) and theirs == "":
            return op(0 if self.empty() else 1, 0) if op in (EQ, NE) else False
        if self.empty() or theirs is None or theirs == "":
            return False
        try:    # answers and codes that look like numbers compare as numbers (docs/expressions.md)
            return op(float(mine), float(theirs))
        except (TypeError, ValueError):
            return False if isinstance(theirs, (int, float)) else op(str(mine), str(theirs))

    def __eq__(self, other): return self._compare(other, EQ)
    def __ne__(self, other): return self._compare(other, NE)
    def __lt__(self, other): return self._compare(other, lambda a, b: a < b)
    def __le__(self, other): return self._compare(other, lambda a, b: a <= b)
    def __gt__(self, other): return self._compare(other, lambda a, b: a > b)
    def __ge__(self, other): return self._compare(other, lambda a, b: a >= b)
    __hash__ = None


def EQ(a, b): return a == b
def NE(a, b): return a != b


def selected(answer, code):
    return not answer.empty() and code in answer.value


def condition(text):
    """A relevance or cleaning condition of the codebook as a Python function of a row's answers."""
    source = re.sub(r"\$\{(\w+)\}", r"A['\1']", text)
    source = re.sub(r"(?<![!<>=])=(?!=)", "==", source)
    source = source.replace("not(", "not (")
    code = compile(source, text, "eval")
    functions = {"selected": selected, "regex_": lambda a, p: not a.empty() and re.search(p, a.value) is not None,
                 "contains_": lambda a, t: not a.empty() and t in a.value}
    return lambda answers: bool(eval(code, functions, {"A": answers}))


def answers_of(row, codebook):
    """Every variable of a data row as an Answer: a multiple choice as the set of options chosen."""
    values = {}
    for variable, options in codebook.options.items():
        cells = {code: row[column] for code, column in options.items() if column in row}
        chosen = {code for code, cell in cells.items() if cell == "1"}
        values[variable] = Answer(None if all(cell == "" for cell in cells.values()) else chosen)
    for _, entry in codebook.rows.iterrows():
        if entry["question_type"] != "select_multiple" or entry["type"] == "text":
            if entry["column"] in row and entry["variable"]:
                values.setdefault(entry["variable"], Answer(unapostrophe(row[entry["column"]])))
    return values


# ---------------------------------------------------------------- estimators, from docs/statistics.md

def z_quantile():
    return stats.norm.ppf((1 + LEVEL) / 2)


def proportion(values):
    n = len(values)
    x = sum(values)
    p = x / n
    z = z_quantile()
    centre = p + z * z / (2 * n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    low, high = (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)
    if x == 0:
        low = 0.0
    if x == n:
        high = 1.0
    return dict(estimate=p, se=math.sqrt(p * (1 - p) / n), ci=(low, high), n=n, kind="proportion")


def mean(values):
    y = np.array(values, dtype=float)
    n = len(y)
    m = y.mean()
    if n < 2:
        return dict(estimate=m, se=None, ci=None, n=n, kind="mean", note="single-observation")
    se = y.std(ddof=1) / math.sqrt(n)
    t = stats.t.ppf((1 + LEVEL) / 2, n - 1)
    return dict(estimate=m, se=se, ci=(m - t * se, m + t * se), n=n, kind="mean", values=y)


def ratio(pairs):
    y = np.array([p[0] for p in pairs], dtype=float)
    x = np.array([p[1] for p in pairs], dtype=float)
    n = len(y)
    r = y.sum() / x.sum()
    se = math.sqrt(((y - r * x) ** 2).sum() / (n * (n - 1))) / x.mean()
    t = stats.t.ppf((1 + LEVEL) / 2, n - 1)
    result = dict(estimate=r, se=se, n=n, kind="ratio")
    nonnegative = (y >= 0).all() and (x >= 0).all()
    share = nonnegative and (y <= x).all()
    if nonnegative and r == 0:
        result.update(ci=None, note="ratio-at-zero")
    elif share and r == 1:
        result.update(ci=None, note="share-at-one")
    elif share:
        logit, step = math.log(r / (1 - r)), t * se / (r * (1 - r))
        result.update(ci=(1 / (1 + math.exp(-(logit - step))), 1 / (1 + math.exp(-(logit + step)))))
    elif nonnegative:
        result.update(ci=(r * math.exp(-t * se / r), r * math.exp(t * se / r)))
    else:
        result.update(ci=(r - t * se, r + t * se))
    return result


def median(values):
    y = np.sort(np.array(values, dtype=float))
    n = len(y)
    alpha = 1 - LEVEL
    low = int(stats.binom.ppf(alpha / 2, n, 0.5))
    result = dict(estimate=float(np.median(y)), n=n, kind="median")
    if low == 0:
        return dict(result, se=None, ci=None, note="too-few-for-level")
    high = n + 1 - low
    coverage = 1 - 2 * stats.binom.cdf(low - 1, n, 0.5)
    z_star = stats.norm.ppf((1 + coverage) / 2)
    interval = (y[low - 1], y[high - 1])
    return dict(result, se=(interval[1] - interval[0]) / (2 * z_star), ci=interval)


def tally(values, kind):
    return dict(estimate=float(sum(values)), se=None, ci=None, n=len(values), kind=kind, note="descriptive-tally")


def change(earlier, later):
    d = later["estimate"] - earlier["estimate"]
    kind = later["kind"]
    if kind in ("count", "total"):
        return d, None, "descriptive-tally"
    if kind == "proportion":
        (l1, u1), (l2, u2) = earlier["ci"], later["ci"]
        p1, p2 = earlier["estimate"], later["estimate"]
        return d, (d - math.sqrt((p2 - l2) ** 2 + (u1 - p1) ** 2), d + math.sqrt((u2 - p2) ** 2 + (p1 - l1) ** 2)), None
    if earlier.get("se") is None or later.get("se") is None:
        return d, None, "no-standard-error"
    if kind == "mean":
        v1, v2 = earlier["se"] ** 2, later["se"] ** 2
        if v1 + v2 == 0:
            return d, None, "zero-variance"
        df = (v1 + v2) ** 2 / (v1 ** 2 / (earlier["n"] - 1) + v2 ** 2 / (later["n"] - 1))
        half = stats.t.ppf((1 + LEVEL) / 2, df) * math.sqrt(v1 + v2)
        return d, (d - half, d + half), None
    for note in ("ratio-at-zero", "share-at-one"):
        if note in (earlier.get("note"), later.get("note")):
            return d, None, note
    half = z_quantile() * math.sqrt(earlier["se"] ** 2 + later["se"] ** 2)
    return d, (d - half, d + half), None


# ---------------------------------------------------------------- the framework's indicators, read from msi-toc.yaml

def number(answer):
    return None if answer.empty() else float(answer.value)


def known(value):
    return value


def imm_share(a):
    return None if a["imm_status"].empty() else int(a["imm_status"] == "yes")


def yes(variable):
    return lambda a: None if a[variable].empty() else int(a[variable] == "yes")


def at_least(variable, bound):
    return lambda a: None if a[variable].empty() else int(number(a[variable]) >= bound)


def at_most(variable, bound):
    return lambda a: None if a[variable].empty() else int(number(a[variable]) <= bound)


def women_led(a):
    women, size = number(a["mgmt_women"]), number(a["mgmt_n"])
    if women is None or size is None or size == 0:
        return None
    return int(women / size >= 0.5)


def funding_gap(a):
    met = number(a["fin_met"])
    return None if met is None else (100 - met, 100)


# The numerators and values of the framework's indicators, with the expression each implements:
# a numerator is missing when the answers do not decide it (docs/framework-format.md, "What each kind
# computes"). Everything else about an indicator (kind, universe, breakdowns, threshold, unit,
# targets) is read from provenance.json; an expression there that differs from the one written here
# is a mismatch, so that the script never reproduces a definition the framework no longer has.
IMPLEMENTED = {
    "research_use": ({"numerator": "${used_research} = 'yes'"}, yes("used_research")),
    "imm_share": ({"numerator": "${imm_status} = 'yes'"}, imm_share),
    "new_cross_ties": ({"numerator": "${new_contacts_cross} = 1"},
                       lambda a: None if a["new_contacts_cross"].empty() else int(number(a["new_contacts_cross"]) == 1)),
    "usefulness": ({"numerator": "${usefulness} >= 4"}, at_least("usefulness", 4)),
    "esem_valid_n": ({}, lambda a: 1),
    "active_platforms": ({}, lambda a: 1),
    "low_political_support": ({"numerator": "${pol_support} <= 2"}, at_most("pol_support", 2)),
    "funding_gap": ({"value": "100 - ${fin_met}", "denominator": "100"}, funding_gap),
    "public_market": ({"numerator": "coalesce(${inc_public_contracts}, 0) > 0"},
                      lambda a: int((number(a["inc_public_contracts"]) or 0) > 0)),
    "eco_score": ({"value": "${eco_score}"}, lambda a: number(a["eco_score"])),
    "support_received": ({"numerator": "not(selected(${support_used}, 'none'))"},
                         lambda a: None if a["support_used"].empty() else int(not selected(a["support_used"], "none"))),
    "cross_sector_ses": ({"numerator": "number(${collab_k}) >= 2"}, at_least("collab_k", 2)),
    "women_led": ({"numerator": "${mgmt_women} div ${mgmt_n} >= 0.5"}, women_led),
    "target_group_staff": ({"value": "${fte_target}", "denominator": "${fte}"},
                           lambda a: None if number(a["fte_target"]) is None or number(a["fte"]) is None
                           else (number(a["fte_target"]), number(a["fte"]))),
    "median_staff": ({"value": "${fte}"}, lambda a: number(a["fte"])),
    "volunteers_total": ({"value": "${volunteers}"}, lambda a: number(a["volunteers"])),
}
ESTIMATORS = dict(proportion=proportion, mean=mean, median=median, ratio=ratio,
                  count=lambda v: tally(v, "count"), total=lambda v: tally(v, "total"))


def indicators_of(check, provenance, round_name):
    """The round's indicators as provenance.json defines them, each with its implementation here."""
    defined = provenance.get("indicators")
    if defined is None:
        check.fact(f"{round_name}: provenance.json gives the indicators' definitions", False, "no `indicators`")
        return []
    indicators = []
    for definition in defined["definitions"]:
        expressions = {k: definition[k] for k in ("numerator", "value", "denominator") if k in definition}
        written, value = IMPLEMENTED.get(definition["id"], (None, None))
        if written != expressions:
            check.fact(f"{round_name}: {definition['id']} is the indicator this script implements", False,
                       f"provenance.json: {expressions}, here: {written}")
            continue
        rungs = {d["threshold"] for d in defined["definitions"]} | {defined["suppression"][k] for k in ("minCell", "minBase")}
        indicator = dict(definition, value=value, by=definition["disaggregate"], percent=definition.get("unit") == "percent",
                         time_line=defined["rounds"], rungs=rungs)
        if "universe" in definition:
            indicator["universe"] = condition(definition["universe"])
        if "baseline" in definition:
            indicator["baseline"] = (definition["baseline"]["round"], definition["baseline"]["value"])
        indicators.append(indicator)
    return indicators


def suppress(total, groups, limit, rungs=()):
    """docs/framework-format.md, "Suppression": primary below the threshold (an empty group too); a
    small total takes every group; beside small groups with responses, the smallest published group
    is withheld (secondary), then the next smallest while a reader could still pin a small group down
    from the withheld sum, each withheld group lying between the thresholds around it (the
    framework's `rungs`: min_cell, min_base and every indicator's), a small one from 1, an empty one
    at 0, a secondary one at most the smallest published group."""
    if total < limit:
        return ["primary"] * len(groups)
    reasons = ["primary" if n < limit else None for n in groups]
    small = [k for k, r in enumerate(reasons) if r and groups[k] > 0]
    rungs = sorted({r for r in rungs if r > 1} | {limit})

    def withhold_smallest():
        candidates = [k for k, r in enumerate(reasons) if r is None and groups[k] > 0]
        if not candidates:
            return False
        reasons[min(candidates, key=lambda k: (groups[k], k))] = "secondary"
        return True

    def bounds(k, top):
        low = max([r for r in rungs if r <= groups[k]], default=1)
        high = min([r - 1 for r in rungs if r > groups[k]], default=math.inf)
        return low, (min(high, top) if reasons[k] == "secondary" else high)

    def pinned(k):
        published = [groups[j] for j, r in enumerate(reasons) if r is None and groups[j] > 0]
        top = min(published) if published else math.inf
        withheld = [j for j, r in enumerate(reasons) if r and groups[j] > 0]
        others = [bounds(j, top) for j in withheld if j != k]
        withheld_sum = sum(groups[j] for j in withheld)
        own_low, own_high = bounds(k, top)
        return (max(own_low, withheld_sum - sum(h for _, h in others))
                == min(own_high, withheld_sum - sum(l for l, _ in others)))

    if small and withhold_smallest():
        while any(pinned(k) for k in small) and withhold_smallest():
            pass
    return reasons


def dominated(values, p):
    """docs/framework-format.md, "Suppression": the p % rule fails when the contributions (sizes)
    other than the two largest sum to less than p % of the largest."""
    sizes = sorted((abs(v) for v in values), reverse=True) + [0, 0]
    return sizes[0] > 0 and sum(sizes) - sizes[0] - sizes[1] < p / 100 * sizes[0]


def fails(members, kind, p):
    """Whether the responses `members` ((answers, value) pairs) fail the p % rule: a ratio on its
    numerators or its denominators."""
    values = [v for _, v in members]
    if kind == "ratio":
        return dominated([n for n, _ in values], p) or dominated([d for _, d in values], p)
    return dominated(values, p)


def withhold_dominated(reasons, groups, kind, p):
    """Each published group that fails the rule is withheld ("dominance"); then, while the withheld
    groups with responses fail it together, the published group with the smallest base (the first
    on a tie) is withheld beside them ("secondary")."""
    reasons = list(reasons)
    for k, (_, members) in enumerate(groups):
        if reasons[k] is None and members and fails(members, kind, p):
            reasons[k] = "dominance"

    def withheld():
        return [k for k, r in enumerate(reasons) if r and groups[k][1]]
    while withheld() and fails([m for k in withheld() for m in groups[k][1]], kind, p):
        published = [k for k, r in enumerate(reasons) if r is None and groups[k][1]]
        if not published:
            break
        reasons[min(published, key=lambda k: (len(groups[k][1]), k))] = "secondary"
    return reasons


def status(indicator, round_name, estimate):
    targets, line = indicator.get("targets", {}), indicator["time_line"]
    later = [r for r in line[line.index(round_name):] if r in targets]
    if not later:
        return ""
    goal_round, goal = later[0], targets[later[0]]
    up = indicator["direction"] == "up"

    def reaches(value):
        slack = 1e-9 * max(abs(value), abs(estimate))
        return estimate >= value - slack if up else estimate <= value + slack
    if reaches(goal):
        return "uppnått"
    if goal_round == round_name:
        return "inte uppnått"
    if "baseline" not in indicator:
        return ""
    start, value = indicator["baseline"]
    s, now, end = line.index(start), line.index(round_name), line.index(goal_round)
    path = value + (goal - value) * (now - s) / (end - s)
    return "i fas" if reaches(path) else "inte i fas"


# ---------------------------------------------------------------- the reproduction

class Check:
    def __init__(self, quiet):
        self.quiet, self.failures, self.checked = quiet, [], 0

    def figure(self, where, name, samla, mine, tolerance=TOLERANCE):
        self.checked += 1
        samla_number = None if samla in ("", None) else float(samla)
        if samla_number is None and mine is None:
            ok = True
        elif samla_number is None or mine is None:
            ok = False
        else:
            ok = abs(samla_number - mine) <= tolerance + 1e-12 * abs(mine)
        shown = "" if mine is None else f"{mine:.6f}"
        if not ok:
            self.failures.append(f"{where} {name}: Samla {samla!r}, reproduced {shown!r}")
        if not self.quiet or not ok:
            print(f"  {'ok ' if ok else 'MISMATCH'} {where:<60} {name:<11} samla {samla or '—':>12}  reproduced {shown or '—':>12}")

    def text(self, where, name, samla, mine):
        self.checked += 1
        ok = samla == mine
        if not ok:
            self.failures.append(f"{where} {name}: Samla {samla!r}, reproduced {mine!r}")
        if not self.quiet or not ok:
            print(f"  {'ok ' if ok else 'MISMATCH'} {where:<60} {name:<11} samla {samla or '—':>12}  reproduced {mine or '—':>12}")

    def fact(self, what, ok, detail=""):
        self.checked += 1
        if not ok:
            self.failures.append(f"{what}: {detail}")
        print(f"  {'ok ' if ok else 'MISMATCH'} {what}{': ' + detail if detail else ''}")


def load_round(samla, db, round_name, folder):
    cleaned = os.path.join(folder, round_name)
    raw = os.path.join(folder, round_name + "-raw")
    long = os.path.join(folder, round_name + "-long")
    export(samla, db, round_name, cleaned, "--framework", FRAMEWORK)
    export(samla, db, round_name, long, "--framework", FRAMEWORK, "--format", "long")
    export(samla, db, round_name, raw, "--include-partial", "--include-pii")
    return cleaned, raw, long


def check_cleaning(check, round_name, cleaned, raw, long):
    """Which rows the figures used: the cleaned export against the raw one and the cleaning log,
    each rule re-applied from its description."""
    data = read_csv(os.path.join(cleaned, "responses.csv"))
    everything = read_csv(os.path.join(raw, "responses.csv"))
    if "status" not in data.columns:      # the cleaning read submitted responses only
        everything = everything[everything.status == "complete"]
    log = read_csv(os.path.join(cleaned, "cleaning-log.csv"))
    provenance = json.load(open(os.path.join(cleaned, "provenance.json"), encoding="utf-8"))
    codebook = Codebook(os.path.join(raw, "codebook.csv"))
    kept = set(data.response_id)
    removed = set(log.response_id)
    check.fact(f"{round_name}: cleaned rows + removed rows = every response read",
               kept | removed == set(everything.response_id) and not kept & removed,
               f"{len(kept)} kept + {len(removed)} removed, {len(everything)} in the raw export")
    counts = {rule["rule"]: rule["removed"] for rule in provenance["cleaning"]["rules"]}
    check.fact(f"{round_name}: cleaning-log.csv counts = provenance.json's",
               counts == log.rule.value_counts().to_dict(), f"{counts}")
    long_rows = read_csv(os.path.join(long, "responses-long.csv"))
    check.fact(f"{round_name}: the long export holds the same responses", set(long_rows.response_id) <= kept
               and len(set(long_rows.response_id)) == len(kept), f"{len(set(long_rows.response_id))} responses")

    rules = {r["rule"]: r["description"] for r in provenance["cleaning"]["rules"]}
    rows = everything.set_index("response_id", drop=False)
    remaining = list(rows.index)
    for rule in ["test", "completeness", "speed", "duplicate", "eligibility"]:
        if rule not in rules:
            continue
        logged = set(log[log.rule == rule].response_id)
        if rule in ("test", "eligibility"):
            applies = condition(translate_functions(rules[rule]))
            mine = {i for i in remaining if applies(answers_of(rows.loc[i], codebook)) == (rule == "test")}
        elif rule == "completeness":
            share = float(re.search(r"(\d+(?:[.,]\d+)?)\s*%", rules[rule]).group(1).replace(",", ".")) / 100
            mine = {i for i in remaining if completeness(rows.loc[i], codebook) < share}
        elif rule == "duplicate":
            found = re.search(r"samma (.+) som ett tidigare svar|the same (.+) as an earlier response", rules[rule])
            variables = re.split(r" och | and ", found.group(1) or found.group(2))
            seen, mine = set(), set()
            for i in sorted(remaining, key=int):
                value = tuple(rows.loc[i][v].strip().lower() for v in variables)
                if all(v == "" for v in value):
                    continue
                if value in seen:
                    mine.add(i)
                seen.add(value)
        else:
            mine = logged
        check.fact(f"{round_name}: rule {rule} re-applied from the export removes the logged responses",
                   mine == logged, f"{len(mine)} re-applied, {len(logged)} logged" +
                   ("" if mine == logged else f"; only re-applied {sorted(mine - logged, key=int)[:5]}, only logged {sorted(logged - mine, key=int)[:5]}"))
        remaining = [i for i in remaining if i not in logged]
    return data


def translate_functions(text):
    """The functions of the demo's `test` rule (docs/expressions.md), as Python."""
    return text.replace("regex(", "regex_(").replace("contains(", "contains_(")


def completeness(row, codebook):
    """Answered ÷ relevant answerable questions (docs/framework-format.md, "Cleaning"): notes and
    calculations not counted, a matrix answered when any row is, `other` texts not counted."""
    answers = answers_of(row, codebook)
    questions = {}
    for _, entry in codebook.rows.iterrows():
        if not entry["question"] or entry["question_type"] in ("calculate", "note"):
            continue
        if entry["variable"] != entry["question"] and entry["type"] == "text" and entry["variable"].endswith("_other") \
                and entry["question_type"] in ("select_one", "select_multiple"):
            continue
        question = questions.setdefault(entry["question"], dict(relevant=entry["relevant"], columns=[]))
        question["columns"].append(entry["column"])
    relevant = answered = 0
    for question in questions.values():
        if question["relevant"] and not condition(question["relevant"])(answers):
            continue
        relevant += 1
        answered += any(row[c] != "" for c in question["columns"] if c in row)
    return answered / relevant if relevant else 1


def reproduce(samla, demo, quiet):
    db = os.path.join(demo, "samla.sqlite")
    as_written = read_csv(os.path.join(demo, "msi-toc-results.csv"))
    # Groups by their codes (as the data holds them), never their labels, which a round may reword.
    published = as_written.assign(group_code=as_written.group_code.map(unapostrophe))
    check = Check(quiet)
    estimates, covered = {}, set()
    # The rounds with figures from responses, each indicator's rows in time-line order.
    rounds = list(dict.fromkeys(published[published.n != ""]["round"]))
    with tempfile.TemporaryDirectory() as folder:
        for round_name in rounds:
            print(f"round {round_name}: cleaning")
            cleaned, raw, long = load_round(samla, db, round_name, folder)
            data = check_cleaning(check, round_name, cleaned, raw, long)
            codebook = Codebook(os.path.join(cleaned, "codebook.csv"))
            results = read_csv(os.path.join(cleaned, "results.csv"))
            mine_rows = as_written[as_written["round"] == round_name].reset_index(drop=True)
            check.fact(f"{round_name}: the export's results.csv = samla demo's results", results.equals(mine_rows),
                       f"{len(results)} rows")
            answers = [answers_of(row, codebook) for _, row in data.iterrows()]
            print(f"round {round_name}: figures")
            provenance = json.load(open(os.path.join(cleaned, "provenance.json"), encoding="utf-8"))
            for indicator in indicators_of(check, provenance, round_name):
                reproduce_indicator(check, indicator, round_name, answers, codebook, published, estimates, covered)
    from_data = published[published.n != ""]
    missed = [key for key in zip(from_data.indicator, from_data["round"], from_data.breakdown, from_data.group_code) if key not in covered]
    missed += [key for key in zip(published.indicator, published["round"], published.breakdown, published.group_code)
               if key not in covered and published.n[(published.indicator == key[0])].ne("").any()]
    check.fact("every row of an indicator computed from responses is reproduced", not missed, f"{len(covered)} rows" +
               (f"; not reproduced: {sorted(set(missed))[:5]}" if missed else ""))
    print(f"\n{check.checked} figures and facts checked, {len(check.failures)} mismatches")
    for failure in check.failures:
        print("  " + failure)
    return 1 if check.failures else 0


def reproduce_indicator(check, indicator, round_name, answers, codebook, published, estimates, covered):
    rows = published[(published.indicator == indicator["id"]) & (published["round"] == round_name)]
    universe = indicator.get("universe", lambda a: True)
    base = [(a, indicator["value"](a)) for a in answers if universe(a)]
    base = [(a, v) for a, v in base if v is not None]
    limit = indicator["threshold"]
    scale = 100 if indicator.get("percent") else 1
    p = indicator.get("pPercent")
    total_dominated = p is not None and len(base) >= limit and fails(base, indicator["kind"], p)
    cells = [(TOTAL_CODE, "", base, "primary" if len(base) < limit else ("dominance" if total_dominated else None))]
    for variable in indicator["by"]:
        groups = [(code, [(a, v) for a, v in base if not a[variable].empty() and a[variable].value == code])
                  for code in codebook.group_codes(variable)]
        missing = [(a, v) for a, v in base if a[variable].empty()]
        if missing:
            groups.append((MISSING_CODE, missing))
        reasons = suppress(len(base), [len(g) for _, g in groups], limit, indicator["rungs"])
        if total_dominated:
            # A dominated total takes every group with it, as a small one does.
            reasons = [r or ("dominance" if fails(g, indicator["kind"], p) else "secondary") for r, (_, g) in zip(reasons, groups)]
        elif p is not None:
            reasons = withhold_dominated(reasons, groups, indicator["kind"], p)
        cells += [(code, variable, members, reason) for (code, members), reason in zip(groups, reasons)]
    for cell in cells:
        code, variable, members, reason = cell
        where = f"{indicator['id']} {round_name} {variable or ''} {code if variable and code else ('(missing)' if variable else '(total)')}"[:60]
        row = rows[(rows.breakdown == variable) & (rows.group_code == code)]
        if len(row) != 1:
            check.fact(f"{where}: one row in Samla's results", False, f"{len(row)} rows")
            continue
        row = row.iloc[0]
        covered.add((indicator["id"], round_name, variable, code))
        check.text(where, "suppressed", row.suppressed, reason or "")
        if reason:
            check.text(where, "n", row.n, "" if reason in ("secondary", "dominance") else f"< {limit}")
            continue
        check.text(where, "n", row.n, str(len(members)))
        result = ESTIMATORS[indicator["kind"]]([v for _, v in members])
        estimates[(indicator["id"], round_name, variable, code)] = result
        check.figure(where, "estimate", row.estimate, result["estimate"] * scale)
        check.figure(where, "se", row.se, None if result.get("se") is None else result["se"] * scale)
        check.figure(where, "ci_low", row.ci_low, None if result.get("ci") is None else result["ci"][0] * scale)
        check.figure(where, "ci_high", row.ci_high, None if result.get("ci") is None else result["ci"][1] * scale)
        check.text(where, "int. note", row.interval_note, result.get("note", "") if result.get("ci") is None else "")
        check.text(where, "deff, n_eff", row.deff + row.n_effective, "")     # unweighted: both empty
        if not variable:
            check.text(where, "status", row.status, status(indicator, round_name, result["estimate"]))
            target = indicator.get("targets", {})
            line = indicator["time_line"]
            later = [target[r] for r in line[line.index(round_name):] if r in target]
            check.figure(where, "target", row.target, later[0] * scale if later else None)
        line = indicator["time_line"]
        earlier = [r for r in line[:line.index(round_name)] if (indicator["id"], r, variable, code) in estimates]
        if earlier:
            d, interval, note = change(estimates[(indicator["id"], earlier[-1], variable, code)], result)
            check.figure(where, "change", row.change, d * scale)
            check.figure(where, "change_low", row.change_low, None if interval is None else interval[0] * scale)
            check.figure(where, "change_high", row.change_high, None if interval is None else interval[1] * scale)
            check.text(where, "chg. note", row.change_note, note or "")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("demo", nargs="?", default=".samla/demo")
    parser.add_argument("--samla", default=".build/debug/samla")
    parser.add_argument("--quiet", action="store_true", help="print only mismatches and the summary")
    arguments = parser.parse_args()
    if not os.path.exists(os.path.join(arguments.demo, "msi-toc-results.csv")):
        sys.exit(f"reproduce-demo: {arguments.demo} is not a folder made by `samla demo` (no msi-toc-results.csv)")
    sys.exit(reproduce(arguments.samla, arguments.demo, arguments.quiet))


if __name__ == "__main__":
    main()
