"""Checks that `samla compute`, scripts/bench/compute.sql and scripts/bench/compute.py agree.

    python3 scripts/bench/compute-check.py samla.csv sql.csv pandas.csv datapackage.json

samla.csv is `samla compute --format csv` (group labels, shares ×100 when the unit is percent,
six decimals); sql.csv and pandas.csv have indicator, round, breakdown, code, n, estimate (codes,
shares as 0–1). datapackage.json is a `samla export` of the survey, read for the choice labels
that turn Samla's group labels back into codes. Every cell the SQL computes is looked up in the
other two; n must be equal and the estimates within 1e-6 on Samla's display scale (its six
decimals). Cells Samla suppresses (no estimate) are counted, not compared. Prints what it
compared and a few figures side by side; exits 1 on any disagreement. Standard library only.
"""
import csv
import json
import sys

NOT_ANSWERED = {"Uppgift saknas", "Not answered"}


def codes_by_label(path):
    """Per variable: choice label → code, from a Frictionless data package's categories."""
    with open(path, encoding="utf-8") as file:
        package = json.load(file)
    labels = {}
    for resource in package["resources"]:
        for field in resource["schema"]["fields"]:
            categories = field.get("categories")
            if categories:
                labels[field["name"]] = {category["label"]: category["value"] for category in categories}
    return labels


def read_codes(path):
    with open(path, encoding="utf-8", newline="") as file:
        return {(row["indicator"], row["round"], row["breakdown"], row["code"]): (int(float(row["n"])), float(row["estimate"]))
                for row in csv.DictReader(file)}


def read_samla(path, labels):
    """Samla's rows keyed as the others: group label → code, shares back to 0–1."""
    rows = {}
    with open(path, encoding="utf-8-sig", newline="") as file:
        for row in csv.DictReader(file):
            breakdown, group = row["breakdown"], row["group"]
            if not breakdown:
                code = ""
            elif group in NOT_ANSWERED:
                code = ""
            else:
                code = labels.get(breakdown, {}).get(group, group)
            scale = 100.0 if row["unit"] == "percent" else 1.0
            estimate = float(row["estimate"]) / scale if row["estimate"] else None
            n = int(row["n"]) if row["n"].isdigit() else None
            rows[(row["indicator"], row["round"], breakdown, code)] = (n, estimate, scale)
    return rows


def main(samla_path, sql_path, pandas_path, package_path):
    labels = codes_by_label(package_path)
    samla = read_samla(samla_path, labels)
    sql = read_codes(sql_path)
    pandas = read_codes(pandas_path)
    problems = []
    compared = suppressed = 0
    for key, (n, estimate) in sorted(sql.items()):
        other = pandas.get(key)
        if other is None:
            problems.append(f"{key}: pandas has no such cell")
        elif other[0] != n or abs(other[1] - estimate) > 1e-9 * max(1.0, abs(estimate)):
            problems.append(f"{key}: SQL n={n} estimate={estimate!r}, pandas n={other[0]} estimate={other[1]!r}")
        mine = samla.get(key)
        if mine is None:
            problems.append(f"{key}: Samla has no such cell")
            continue
        samla_n, samla_estimate, scale = mine
        if samla_estimate is None:
            suppressed += 1
            continue
        compared += 1
        if samla_n != n or abs(samla_estimate - estimate) * scale > 1e-6 * max(1.0, abs(estimate) * scale):
            problems.append(f"{key}: SQL n={n} estimate={estimate!r}, Samla n={samla_n} estimate={samla_estimate!r}")
    extra = sorted(set(pandas) - set(sql))
    problems += [f"{key}: only pandas has this cell" for key in extra]
    indicators = sorted({key[0] for key in sql})
    samla_esem = {key for key in samla if key[0] in indicators and key[1] in {k[1] for k in sql}}
    problems += [f"{key}: only Samla has this cell" for key in sorted(samla_esem - set(sql))]

    print(f"compared {len(sql)} cells of {len(indicators)} indicators ({', '.join(indicators)})")
    print(f"  SQL = pandas: n and estimate in all {len(sql)} cells; SQL = Samla: {compared} cells, "
          f"{suppressed} suppressed by Samla (no estimate shown, not compared)")
    # A sample to show: each indicator's total in the first round, and its first breakdown group.
    first_round = min(key[1] for key in sql)
    sample = [key for key in sorted(sql) if key[1] == first_round and key[2] == ""]
    sample += [next(key for key in sorted(sql) if key[1] == first_round and key[2] != "" and key[3] != "")]
    print(f"  {'indicator':<22} {'round':<13} {'n':>7} {'SQL':>12} {'pandas':>12} {'Samla':>12}")
    for key in sample:
        n, estimate = sql[key]
        samla_estimate = samla.get(key, (None, None, 1))[1]
        print(f"  {key[0]:<22} {key[1]:<13} {n:>7} {estimate:>12.6f} {pandas.get(key, (0, float('nan')))[1]:>12.6f} "
              f"{samla_estimate if samla_estimate is not None else float('nan'):>12.6f}")
    if problems:
        print(f"DISAGREEMENT in {len(problems)} cells:")
        for problem in problems[:30]:
            print("  " + problem)
        sys.exit(1)
    print("all agree")


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
