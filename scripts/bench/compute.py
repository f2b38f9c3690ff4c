"""The ESEM indicators of frameworks/msi-toc.yaml, unweighted, in pandas, from the bench's CSV
(reading it included). Same figures, cleaning rules and output as scripts/bench/compute.sql:
CSV on standard output with indicator, round, breakdown, code, n, estimate (shares as 0-1, codes
not labels, '' for the "not answered" group).

    python3 scripts/bench/compute.py esem.csv > pandas.csv

Needs pandas (pip install pandas).
"""
import sys

import pandas as pd


def clean(df):
    """The rows msi-toc's cleaning rules for esem-se keep, in order: test, completeness, duplicates, eligibility."""
    def given(column):
        return df[column].notna()

    def equals(column, value):
        return df[column].eq(value)

    consent = equals("consent", "yes")
    registered = equals("registered", "yes")
    targets = equals("target_any", "yes")
    staff = df["fte"].gt(0)
    managers = df["mgmt_n"].gt(0)
    income = ~equals("revenue_band", "zero")
    sought = equals("fin_sought", "yes")
    measures = df["imm_status"].isin(["yes", "planning"])
    recontact = equals("recontact", "yes")

    # Relevant answerable questions, page by page (surveys/esem-se.yaml), and the answered ones.
    relevant = (1 + consent * (4 + 9 + registered + 2 + targets + 5 + staff + (staff & targets) + managers + 3
                               + 8 * income + 2 + 2 * sought + 2 + 6 + 4 + 1)
                + 2 * measures + recontact * (3 + registered))
    always = ["resp_role", "registered", "prio_fin", "prio_imp", "year_founded", "stage", "region", "scope", "sector",
              "sdg", "novelty", "tech_role", "customers", "target_any", "impact_model", "fte", "volunteers", "mgmt_n",
              "founder_gender", "surplus_use", "revenue_band", "result", "fin_sought", "fin_need", "imm_status",
              "sdg_report", "barriers", "pol_support", "eco_score", "policy_wish", "support_used", "collab",
              "staff_exp", "growth_path", "msi_contact", "recontact", "comments"]
    incomes = ["inc_consumers", "inc_business", "inc_public_contracts", "inc_public_grants", "inc_foundations",
               "inc_donations", "inc_fees", "inc_other"]
    answered = (given("consent").astype(int)
                + consent * (df[always].notna().sum(axis=1) + registered * given("legal_form")
                             + targets * given("target_groups") + staff * given("fte_women")
                             + (staff & targets) * given("fte_target") + managers * given("mgmt_women")
                             + (given("voice_staff") | given("voice_benef"))
                             + income * df[incomes].notna().sum(axis=1)
                             + sought * (given("ext_fin").astype(int) + given("fin_met")))
                + measures * (given("imm_purpose").astype(int) + given("imm_method"))
                + recontact * (given("org_name").astype(int) + registered * given("org_number") + given("contact_name")
                               + given("contact_email")))

    test = (df["org_name"].str.match(r"(?i)^\s*test", na=False)
            | df["comments"].str.contains("Testsvar", regex=False, na=False))
    left = df[~test & (answered / relevant >= 0.8)]

    org = left["org_name"].fillna("").str.strip().str.lower()
    email = left["contact_email"].fillna("").str.strip().str.lower()
    keyed = (org != "") | (email != "")
    repeated = pd.DataFrame({"round": left["round"], "org": org, "email": email}).duplicated(keep="first") & keyed
    left = left[~repeated]
    return left[left["consent"].eq("yes") & (left["prio_imp"] >= left["prio_fin"])]


def selected(column, code):
    """select_multiple: whether the space-separated codes hold `code` (NaN when unanswered)."""
    return column.str.split(" ").map(lambda codes: code in codes, na_action="ignore")


def indicators(kept):
    """One frame per indicator: its base, values and breakdowns."""
    collab = kept["collab"]
    collab_k = sum(selected(collab, code).astype(float) for code in ["public", "private", "civil", "academia"])
    staff = kept["target_any"].eq("yes") & kept["fte"].gt(0) & kept["fte_target"].notna()
    women = kept["mgmt_n"].gt(0)
    public = ~kept["revenue_band"].eq("zero")
    return [
        ("imm_share", "mean", kept["imm_status"].notna(), kept["imm_status"].eq("yes"), None, ["legal_form", "stage"]),
        ("esem_valid_n", "count", True, 1, None, ["region"]),
        ("low_political_support", "mean", kept["pol_support"].notna(), kept["pol_support"].le(2), None, ["legal_form"]),
        ("funding_gap", "ratio", kept["fin_met"].notna(), 100 - kept["fin_met"], kept["fin_met"] * 0 + 100, ["stage"]),
        ("public_market", "mean", public, kept["inc_public_contracts"].fillna(0).gt(0), None, ["legal_form"]),
        ("eco_score", "mean", kept["eco_score"].notna(), kept["eco_score"], None, ["stage"]),
        ("support_received", "mean", kept["support_used"].notna(),
         ~selected(kept["support_used"], "none").fillna(False).astype(bool), None, ["region"]),
        ("cross_sector_ses", "mean", collab.notna(), collab_k.ge(2), None, ["legal_form"]),
        ("women_led", "mean", women, (kept["mgmt_women"] / kept["mgmt_n"]).ge(0.5), None, ["stage"]),
        ("target_group_staff", "ratio", staff, kept["fte_target"], kept["fte"], ["legal_form"]),
        ("median_staff", "median", kept["fte"].notna(), kept["fte"], None, ["legal_form"]),
        ("volunteers_total", "sum", kept["volunteers"].notna(), kept["volunteers"], None, []),
    ]


def main(path):
    df = pd.read_csv(path, dtype={"round": str, "legal_form": str, "stage": str, "region": str})
    kept = clean(df)
    rows = []
    for name, kind, base, value, denominator, breakdowns in indicators(kept):
        frame = pd.DataFrame({"round": kept["round"], "value": value, "den": denominator if denominator is not None else 0})
        frame["value"] = frame["value"].astype(float)
        for breakdown in [""] + breakdowns:
            frame["code"] = kept[breakdown].fillna("") if breakdown else ""
            inside = frame[base] if base is not True else frame
            grouped = inside.groupby(["round", "code"])
            n = grouped.size()
            if kind == "ratio":
                estimate = grouped["value"].sum() / grouped["den"].sum()
            elif kind == "count":
                estimate = n
            else:
                estimate = getattr(grouped["value"], kind)()
            for (round_, code), count in n.items():
                rows.append((name, round_, breakdown, code, count, estimate[(round_, code)]))
    out = pd.DataFrame(rows, columns=["indicator", "round", "breakdown", "code", "n", "estimate"])
    out.to_csv(sys.stdout, index=False)


if __name__ == "__main__":
    main(sys.argv[1])
