"""Answers on paper for a round by invitation, shared by browser-check and check-reports:
generated responses with their invitations' tokens, in a file for `samla import`."""
import csv
import os
import subprocess


def write_paper_answers(samla, survey, folder, answers, seed):
    """Generates one response to `survey` per (token, status) of `answers` with `samla generate`
    and writes FOLDER/paper.csv, each row with its token and status (complete or partial) and no
    submitted_at, so that it is stored as of the import (the generated days may lie before the
    round opened). Returns the file's path."""
    generated = os.path.join(folder, "answers.csv")
    subprocess.run([samla, "generate", survey, "--rows", str(len(answers)), "--seed", str(seed), "--out", generated],
                   check=True, capture_output=True)
    with open(generated, encoding="utf-8-sig", newline="") as file:
        rows = list(csv.DictReader(file))
    paper = os.path.join(folder, "paper.csv")
    with open(paper, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]) + ["token", "status"])
        writer.writeheader()
        for row, (token, status) in zip(rows, answers):
            writer.writerow(dict(row, submitted_at="", token=token, status=status))
    return paper
