"""Runs an export's responses.sps with GNU PSPP and holds the .sav it writes, read by pyreadstat,
against the export's codebook.csv and data file: every variable's name, label, type, measurement
level and value labels, the number of cases and every cell. Exits 1 on any difference.

    python3 scripts/check-spss/check.py EXPORT_FOLDER
"""
import csv
import datetime
import json
import math
import os
import re
import subprocess
import sys

import pyreadstat

TRIGGERS = "=+-@\t\r"
VARIABLE_LABEL_BYTES = 255
VALUE_LABEL_BYTES = 120
INTEGER_CODE = re.compile(r"-?(0|[1-9][0-9]{0,14})")
NEGATIVE_NUMBER = re.compile(r"-[0-9]+([.,][0-9]+)?")


def unneutralized(text):
    """A cell's value without the apostrophe spreadsheet safety puts in front (docs/exports.md)."""
    if not text.startswith("'"):
        return text
    rest = text[1:]
    bare = rest.lstrip("'")
    if bare and bare[0] in TRIGGERS and not NEGATIVE_NUMBER.fullmatch(bare):
        return rest
    return text


def one_line(text):
    return re.sub(r"\r\n|[\r\n\t]", " ", text)


def cut(text, limit):
    while len(text.encode("utf-8")) > limit:
        text = text[:-1]
    return text


def choices(cell):
    """`code, label | code, label` as codebook.csv writes it: codes have no spaces."""
    pairs = []
    cell = unneutralized(cell)
    for item in cell.split(" | ") if cell else []:
        code, sep, label = item.partition(", ")
        if sep and " " not in code:
            pairs.append([unneutralized(code), unneutralized(label)])
        elif pairs:
            pairs[-1][1] += " | " + item
    return pairs


def main(folder):
    problems = []
    package = json.load(open(os.path.join(folder, "datapackage.json"), encoding="utf-8"))
    language = package["samla"]["language"]
    data = next(r for r in package["resources"] if r["name"] == "responses")
    delimiter = data["dialect"]["delimiter"]
    with open(os.path.join(folder, data["path"]), newline="", encoding="utf-8-sig") as f:
        rows = list(csv.reader(f, delimiter=delimiter))
    header, cells = rows[0], rows[1:]
    with open(os.path.join(folder, "codebook.csv"), newline="", encoding="utf-8-sig") as f:
        codebook = {row["column"]: row for row in csv.DictReader(f, delimiter=delimiter)}
    syntax = open(os.path.join(folder, "responses.sps"), encoding="utf-8").read()
    renamed = dict(re.findall(r"^\*   (\S+) is (\S+)\.$", syntax, re.M))

    run = subprocess.run(["pspp", "responses.sps"], cwd=folder, capture_output=True, text=True)
    said = (run.stdout + run.stderr).strip()
    if run.returncode != 0 or "error" in said.lower() or "warning" in said.lower():
        print(f"FAILED {folder}: pspp responses.sps did not run cleanly (exit {run.returncode}):\n{said[:3000]}")
        return 1
    values, meta = pyreadstat.read_sav(os.path.join(folder, "responses.sav"), output_format="dict")

    expected_names = [renamed.get(column, column) for column in header]
    if meta.column_names != expected_names:
        problems.append(f"variable names {meta.column_names} differ from the data file's {expected_names}")
    if meta.number_rows != len(cells):
        problems.append(f"{meta.number_rows} cases, the data file has {len(cells)} rows")
    yes_no = {1.0: "Ja", 0.0: "Nej"} if language == "sv" else {1.0: "Yes", 0.0: "No"}
    chosen = {0.0: "ej vald", 1.0: "vald"} if language == "sv" else {0.0: "not chosen", 1.0: "chosen"}

    for index, column in enumerate(header):
        name = expected_names[index]
        if name not in values:
            continue
        entry = codebook[column]
        kind = entry["type"]
        listed = choices(entry[f"choices_{language}"])
        codes = [code for code, _ in listed]
        numeric_codes = kind == "choice" and codes and all(INTEGER_CODE.fullmatch(c) and c != "-0" for c in codes)
        numeric = kind in ("integer", "decimal", "boolean", "0/1") or numeric_codes
        column_cells = [row[index] for row in cells]
        fmt = meta.original_variable_types[name]

        label = cut(one_line(unneutralized(entry[f"label_{language}"])), VARIABLE_LABEL_BYTES)
        if meta.column_names_to_labels.get(name) != label:
            problems.append(f"{name}: label {meta.column_names_to_labels.get(name)!r}, codebook {label!r}")

        if kind == "boolean":
            want = yes_no
        elif kind == "0/1":
            want = chosen
        elif kind in ("choice", "band"):
            want = {(float(c) if numeric else c): cut(one_line(l), VALUE_LABEL_BYTES) for c, l in listed}
        else:
            want = {}
        got = meta.variable_value_labels.get(name, {})
        if got != want:
            problems.append(f"{name}: value labels {got!r}, codebook {want!r}")

        level = {"integer": "scale", "decimal": "scale", "date": "scale", "band": "ordinal"}.get(kind, "nominal")
        if kind == "integer" and column == header[0]:
            level = "nominal"
        if meta.variable_measure.get(name) != level:
            problems.append(f"{name}: measurement level {meta.variable_measure.get(name)}, expected {level}")

        written = [c for c in column_cells if c != ""]
        if kind == "date":
            if fmt != "SDATE10":
                problems.append(f"{name}: format {fmt}, expected SDATE10")
        elif numeric:
            decimals = max([len(c.replace(",", ".").partition(".")[2]) for c in written] + [0])
            if not re.fullmatch(rf"F\d+\.{min(decimals, 16)}", fmt):
                problems.append(f"{name}: format {fmt}, the data has {decimals} decimals")
        else:
            longest = max([len(c.encode("utf-8")) for c in written] + [1])
            width = int(fmt[1:]) if fmt.startswith("A") else -1
            if kind in ("choice", "band"):
                longest = max([len(c.encode("utf-8")) for c in written] + [len(c.encode("utf-8")) for c in codes] + [1])
                if width < longest:
                    problems.append(f"{name}: format {fmt} is narrower than its codes ({longest} bytes)")
            elif width != longest:
                problems.append(f"{name}: format {fmt}, the longest cell has {longest} bytes")

        shown = 0
        for row, (cell, value) in enumerate(zip(column_cells, values[name])):
            if kind == "date":
                want_value = datetime.date.fromisoformat(cell) if cell else None
                ok = want_value == value
            elif numeric:
                want_value = float(cell.replace(",", ".")) if cell else None
                ok = (value is None or (isinstance(value, float) and math.isnan(value))) if want_value is None else value == want_value
            else:
                want_value = unneutralized(cell).rstrip(" ")
                ok = (value or "").rstrip(" ") == want_value
            if not ok:
                shown += 1
                if shown <= 5:
                    problems.append(f"{name}, row {row + 1}: .sav holds {value!r}, the data file {cell!r} (expected {want_value!r})")

    if problems:
        print(f"FAILED {folder}: {len(problems)} differences between responses.sav and the export")
        for problem in problems[:60]:
            print(f"  {problem}")
        return 1
    print(f"ok: {folder}: {len(header)} variables and {len(cells)} cases match codebook.csv and {data['path']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
