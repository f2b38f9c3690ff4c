#!/usr/bin/env python3
"""The invited round the reports' response rates are checked on, made with the real CLI, and the
check that a report's methods section says what it must.

  rates_round.py setup --samla PATH --db DATABASE --folder FOLDER
      opens round samverkansforum-2026 (by invitation) in DATABASE, invites CONTACTS people
      (`samla invite`), imports generated answers of some of them with their tokens (`samla
      generate`, `samla import`), withdraws one (`samla erase --withdraw`) and records the
      dispositions of others (`samla round dispositions --yes`); writes FOLDER/expected.json, the
      rates worked out here from AAPOR's formulas (docs/statistics.md), not by Samla.
  rates_round.py methods REPORT.html --expected FOLDER/expected.json [--raking]
      fails unless the report's methods section gives the round's rates (RR1 to CON1, in the
      report's language, as worked out by setup) and, with --raking, names the calibration by raking
      with its bounds.
"""
import argparse
import csv
import datetime
import html
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "lib"))
from paper_answers import write_paper_answers  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
ROUND = "samverkansforum-2026"
SURVEY = os.path.join(ROOT, "surveys/samverkansforum.yaml")
CONTACTS = 60
COMPLETE = 30   # the first 30 answer on paper, complete; the first of them then withdraws
PARTIAL = 6     # the next 6 answer in part
DISPOSITIONS = ["refused"] * 6 + ["non-contact"] * 5 + ["ineligible"] * 4  # the next 15; the last 9 stay unknown


def run(samla, *arguments):
    done = subprocess.run([samla, *arguments], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"check-reports: samla {' '.join(arguments[:2])} exited {done.returncode}: {done.stdout}{done.stderr}")
    for line in done.stdout.strip().splitlines():
        print(f"  {line}")
    return done.stdout


def setup(samla, database, folder):
    os.makedirs(folder, exist_ok=True)
    today = datetime.date.today()
    run(samla, "round", "open", SURVEY, "--db", database, "--name", ROUND,
        "--opens", str(today - datetime.timedelta(days=20)), "--closes", str(today + datetime.timedelta(days=10)))
    contacts = os.path.join(folder, "contacts.csv")
    with open(contacts, "w", encoding="utf-8") as file:
        file.write("name,email\n" + "".join(f"Deltagare {n},deltagare{n}@example.se\n" for n in range(1, CONTACTS + 1)))
    run(samla, "invite", "--db", database, "--round", ROUND, contacts, "--base-url", "https://enkat.example.se")
    with open(os.path.join(folder, "contacts-links.csv"), encoding="utf-8-sig") as file:  # it begins with a byte order mark
        tokens = [row["token"] for row in csv.DictReader(file)]

    paper = write_paper_answers(samla, SURVEY, folder, [(token, "complete" if index < COMPLETE else "partial")
                                                         for index, token in enumerate(tokens[:COMPLETE + PARTIAL])], seed=5)
    run(samla, "import", "--db", database, "--round", ROUND, paper)
    run(samla, "erase", "--db", database, f"--token={tokens[0]}", "--withdraw", "--yes")

    dispositions = os.path.join(folder, "dispositions.csv")
    first = COMPLETE + PARTIAL
    with open(dispositions, "w", encoding="utf-8") as file:
        file.write("token,disposition\n" + "".join(f"{tokens[first + n]},{code}\n" for n, code in enumerate(DISPOSITIONS)))
    run(samla, "round", "dispositions", "--db", database, "--round", ROUND, dispositions, "--yes")

    # AAPOR's rates (Standard Definitions, 10th edition) over these invitations, by hand.
    complete, partial, withdrawn = COMPLETE - 1, PARTIAL, 1
    refused, non_contact, ineligible = (DISPOSITIONS.count(code) for code in ("refused", "non-contact", "ineligible"))
    unknown = CONTACTS - COMPLETE - PARTIAL - len(DISPOSITIONS)
    refusals = refused + withdrawn
    eligible = complete + partial + refusals + non_contact
    e = eligible / (eligible + ineligible)
    base = CONTACTS - ineligible
    estimated = eligible + e * unknown
    rates = {"RR1": complete / base, "RR2": (complete + partial) / base, "RR3": complete / estimated, "RR4": (complete + partial) / estimated,
             "COOP1": complete / (complete + partial + refusals), "REF1": refusals / base, "CON1": (complete + partial + refusals) / base}
    with open(os.path.join(folder, "expected.json"), "w", encoding="utf-8") as file:
        json.dump({"round": ROUND, "rates": rates, "e": e, "complete": complete, "base": base,
                   "refused": refused, "non_contact": non_contact, "ineligible": ineligible, "unknown": unknown}, file, indent=1)
    print("  rates by hand: " + ", ".join(f"{name} {100 * rate:.1f} %" for name, rate in rates.items()) + f" (e = {e:.3f})")


def methods_text(path):
    """The text of the report's methods section, its tags removed and its spaces (no-break ones
    too) made single spaces."""
    with open(path, encoding="utf-8") as file:
        page = file.read()
    found = re.search(r'<section class="major" aria-labelledby="s\d+-methods">.*?(?=<section class="major"|</main>)', page, re.S)
    if not found:
        sys.exit(f"check-reports: {path} has no methods section (<section class=\"major\" aria-labelledby=\"sN-methods\">)")
    text = html.unescape(re.sub(r"<[^>]+>", " ", found.group(0)))
    return " ".join(text.replace("\u00a0", " ").split()), re.search(r'<html[^>]*lang="(\w+)"', page).group(1)


def check_methods(path, expected_path, raking):
    with open(expected_path, encoding="utf-8") as file:
        expected = json.load(file)
    text, language = methods_text(path)
    sv = language == "sv"

    def number(value, digits=1):
        written = f"{value:.{digits}f}"
        return written.replace(".", ",") if sv else written

    def percent(value):
        return number(100 * value) + (" %" if sv else "%")

    rates = expected["rates"]
    wanted = [
        f"{'svarsfrekvensen (AAPOR RR1) är' if sv else 'the response rate (AAPOR RR1) is'} {percent(rates['RR1'])} "
        f"({expected['complete']} {'av' if sv else 'of'} {expected['base']} {'inbjudna' if sv else 'invited'}",
        (f"utan svar: {expected['refused']} vägrade, {expected['non_contact']} ej {'nådd' if expected['non_contact'] == 1 else 'nådda'}, "
         f"{expected['ineligible']} ej {'behörig' if expected['ineligible'] == 1 else 'behöriga'}, "
         f"{expected['unknown']} med okänd behörighet" if sv else
         f"without a response: {expected['refused']} refused, {expected['non_contact']} not reached, {expected['ineligible']} ineligible, "
         f"{expected['unknown']} unknown eligibility"),
        f"RR3 {percent(rates['RR3'])}, RR4 {percent(rates['RR4'])} (e = {number(expected['e'], 3)})",
        f"COOP1 {percent(rates['COOP1'])}, REF1 {percent(rates['REF1'])}, CON1 {percent(rates['CON1'])}",
        "1 inbjuden drog sig ur (svaren raderade) och räknas som vägran" if sv
        else "1 invitee withdrew (the answers erased) and counts as a refusal",
        "den som dragit sig ur eller avböjt i formuläret (enligt enkätens villkor för vägran) räknas som vägran" if sv
        else "one who withdrew or declined in the form (the survey's refusal) counts as a refusal",
    ]
    if raking:
        wanted.append("genom raking (iterativ kalibrering mot flera marginaler), som håller varje vikt över 0 och mellan 0,5 och 2 gånger sin grundvikt" if sv
                      else "by raking (iterative calibration to several margins), which keeps every weight above 0 and between 0.5 and 2 times its base weight")
    missing = [phrase for phrase in wanted if phrase not in text]
    name = os.path.basename(path)
    if missing:
        print(f"FAILED: {name}: its methods section lacks " + "; ".join(repr(m) for m in missing))
        print(f"  its methods section reads: {text[:3000]}")
        return 1
    for phrase in wanted:
        print(f"  {name}: methods: {phrase}")
    return 0


def main():
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    make = commands.add_parser("setup")
    make.add_argument("--samla", required=True)
    make.add_argument("--db", required=True)
    make.add_argument("--folder", required=True)
    methods = commands.add_parser("methods")
    methods.add_argument("report")
    methods.add_argument("--expected", required=True)
    methods.add_argument("--raking", action="store_true")
    args = parser.parse_args()
    if args.command == "setup":
        setup(args.samla, args.db, args.folder)
        return 0
    return check_methods(args.report, args.expected, args.raking)


if __name__ == "__main__":
    sys.exit(main())
