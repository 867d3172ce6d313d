"""How often the framing rules' stance agrees with a reader's, on news reports outside the corpus.

``data/stance_reports.csv`` holds short verbatim excerpts of real reports on the unrest, each
with its address; ``data/stance_labels.csv`` holds a reader's stance for every sentence of an
excerpt and blame target whose cue the rules match (``none`` when the sentence blames no one for
the unrest). The reports come in two sets: ``development``, which the rules were revised with in
view, and ``held-out``, labelled by another reader and unseen by the rules' author until the rules
were frozen. Only the held-out figure measures how the rules do on a new text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.codebook import Codebook
from helpers.csvdata import (
    InputError,
    duplicate_problems,
    read_text_csv,
    records,
    text_problems,
)
from helpers.dates import date_problem
from helpers.framing import sentence_evidence
from helpers.segment import split_sentences

SETS = ("development", "held-out")
#: A reader's stance: the rules' three, and ``none`` for a cue that blames no one.
READER_STANCES = ("endorses", "reports", "rejects", "none")
#: A line of an excerpt that only marks a gap between two passages.
GAP = "[…]"
REPORT_COLUMNS = ("key", "set", "outlet", "title", "url", "published", "published_note",
                  "author", "excerpt")  # fmt: skip
LABEL_COLUMNS = ("key", "sentence", "target", "stance", "why")
_KEY = re.compile(r"^[a-z0-9_]+$")


class StanceSetError(InputError):
    """Bad input in the stance test set; names the file, the row and the problem."""

    kind = "stance test set"


@dataclass(frozen=True)
class StanceSet:
    """The out-of-corpus reports, their sentences, and a reader's labels."""

    reports: pd.DataFrame
    sentences: pd.DataFrame  # like ``corpus.sentences``, ``article_id`` being the report's key
    labels: pd.DataFrame


def stance_reports_csv() -> Path:
    """The reports' excerpts and sources, ``data/stance_reports.csv``."""
    return paths.data_dir() / "stance_reports.csv"


def stance_labels_csv() -> Path:
    """The reader's labels, ``data/stance_labels.csv``."""
    return paths.data_dir() / "stance_labels.csv"


def excerpt_sentences(reports: pd.DataFrame) -> pd.DataFrame:
    """Every sentence of every excerpt, one paragraph a line, cut by the corpus's own splitter
    (:func:`helpers.segment.split_sentences`); offsets are into the excerpt."""
    rows = []
    for key, excerpt in zip(reports["key"], reports["excerpt"], strict=True):
        offset, number, paragraph = 0, 0, 0
        for line in excerpt.split("\n"):
            if line.strip() and line.strip() != GAP:
                paragraph += 1
                for span in split_sentences(line):
                    number += 1
                    rows.append({"article_id": key, "paragraph": paragraph, "sentence": number,
                                 "start": offset + span.start, "end": offset + span.end,
                                 "text": span.text})  # fmt: skip
            offset += len(line) + 1
    return pd.DataFrame(
        rows, columns=["article_id", "paragraph", "sentence", "start", "end", "text"]
    )


def _report_problems(reports: pd.DataFrame) -> list[str]:
    problems = duplicate_problems(reports, "key", "key(s)")
    for row_no, row in records(reports):
        where = f"row {row_no} (key {row['key']!r})"
        problems += text_problems(row, where, ("key", "set", "outlet", "url", "published"))
        if row["key"] and not _KEY.match(row["key"]):
            problems.append(f"{where}: key must be lower-case letters, digits or underscores")
        if row["set"] not in SETS:
            problems.append(f"{where}: set {row['set']!r} is not one of {list(SETS)}")
        if row["url"] and not re.match(r"^https?://\S+$", row["url"]):
            problems.append(f"{where}: url {row['url']!r} is not a web address")
        if row["published"]:
            problems += [f"{where}: {p}" for p in date_problem("published", row["published"])]
        if not row["excerpt"].strip():
            problems.append(f"{where}: empty 'excerpt'")
    return problems


def _label_problems(labels: pd.DataFrame, sentences: pd.DataFrame, targets: list[str]) -> list:
    known = set(zip(sentences["article_id"], sentences["text"], strict=True))
    keys = set(sentences["article_id"])
    problems = []
    pairs = labels["key"] + " · " + labels["sentence"] + " · " + labels["target"]
    repeated = sorted(set(pairs[pairs.duplicated()]))
    if repeated:
        problems.append(f"(key, sentence, target) labelled twice: {'; '.join(repeated)}")
    for row_no, row in records(labels):
        where = f"row {row_no} (key {row['key']!r})"
        problems += text_problems(row, where, ("key", "sentence", "target", "stance"))
        if row["key"] not in keys:
            problems.append(f"{where}: key is not a report of stance_reports.csv")
        elif (row["key"], row["sentence"]) not in known:
            problems.append(f"{where}: the sentence is not one of the excerpt's sentences")
        if row["target"] not in targets:
            problems.append(f"{where}: target {row['target']!r} is not one of {targets}")
        if row["stance"] not in READER_STANCES:
            problems.append(
                f"{where}: stance {row['stance']!r} is not one of {list(READER_STANCES)}"
            )
    return problems


def load_stance_set(
    codebook: Codebook, reports_csv: Path | None = None, labels_csv: Path | None = None
) -> StanceSet:
    """Read and check the reports and the labels; every problem in one :class:`StanceSetError`."""
    reports_csv = reports_csv or stance_reports_csv()
    labels_csv = labels_csv or stance_labels_csv()
    reports = read_text_csv(reports_csv, REPORT_COLUMNS, StanceSetError)
    labels = read_text_csv(labels_csv, LABEL_COLUMNS, StanceSetError)
    problems = [(reports_csv, p) for p in _report_problems(reports)]
    sentences = excerpt_sentences(reports)
    targets = [rule.name for rule in codebook.blame]
    problems += [(labels_csv, p) for p in _label_problems(labels, sentences, targets)]
    if problems:
        raise StanceSetError(problems)
    return StanceSet(reports, sentences, labels)


def stance_agreement(stance_set: StanceSet, codebook: Codebook) -> pd.DataFrame:
    """One row per (report, sentence, target) the rules find or a reader labelled: the rules'
    stance with its cue and reason (empty where no cue matches), the reader's stance (empty
    where unlabelled), and whether they agree."""
    found = sentence_evidence(stance_set.sentences, codebook, "blame").rename(
        columns={"article_id": "key", "text": "sentence_text", "value": "target",
                 "stance": "rules", "stance_reason": "reason"}  # fmt: skip
    )
    found = found[["key", "sentence", "sentence_text", "target", "cue", "rules", "reason"]]
    numbers = stance_set.sentences.rename(columns={"article_id": "key", "text": "sentence_text"})
    labels = stance_set.labels.rename(columns={"sentence": "sentence_text", "stance": "reader"})
    labels = labels.merge(
        numbers[["key", "sentence", "sentence_text"]], on=["key", "sentence_text"]
    )
    table = found.merge(
        labels[["key", "sentence", "sentence_text", "target", "reader", "why"]],
        on=["key", "sentence", "sentence_text", "target"], how="outer",
    ).fillna("")  # fmt: skip
    table = table.merge(stance_set.reports[["key", "set", "outlet"]], on="key", how="left")
    table["agrees"] = (table["rules"] != "") & (table["rules"] == table["reader"])
    order = {key: n for n, key in enumerate(stance_set.reports["key"])}
    table = table.sort_values(
        ["key", "sentence", "target"], key=lambda c: c.map(order) if c.name == "key" else c
    )
    return table.reset_index(drop=True)


def unlabelled_pairs(agreement: pd.DataFrame) -> pd.DataFrame:
    """The pairs the rules find that no reader has labelled (the set must label them all)."""
    return agreement[(agreement["rules"] != "") & (agreement["reader"] == "")]


def stance_precision(agreement: pd.DataFrame) -> pd.DataFrame:
    """Per set: the pairs the rules find and a reader labelled, how many of them blame no one,
    how many stances agree, and the precision (agreeing / found)."""
    rows = []
    for name in SETS:
        scored = agreement[
            (agreement["set"] == name) & (agreement["rules"] != "") & (agreement["reader"] != "")
        ]
        found = len(scored)
        agree = int(scored["agrees"].sum())
        rows.append({
            "set": name,
            "reports": agreement.loc[agreement["set"] == name, "key"].nunique(),
            "pairs found": found,
            "blame no one": int((scored["reader"] == "none").sum()),
            "stance agrees": agree,
            "precision": agree / found if found else float("nan"),
        })  # fmt: skip
    return pd.DataFrame(rows)


def precision_by_stance(agreement: pd.DataFrame) -> pd.DataFrame:
    """Per set and stance the rules gave: how often a reader gave the same."""
    scored = agreement[(agreement["rules"] != "") & (agreement["reader"] != "")]
    table = (
        scored.groupby(["set", "rules"])["agrees"].agg(["size", "sum"]).reset_index()
        .rename(columns={"rules": "the rules say", "size": "pairs", "sum": "a reader agrees"})
    )  # fmt: skip
    table["precision"] = table["a reader agrees"] / table["pairs"]
    return table


def stance_facts(agreement: pd.DataFrame) -> dict[str, object]:
    """For the prose: how many reports and outlets, and per set (``dev``, ``heldout``) the
    pairs found, those that blame no one, the agreeing ones and the precision in whole per
    cent."""
    table = stance_precision(agreement).set_index("set")
    facts: dict[str, object] = {
        "n_stance_reports": int(table["reports"].sum()),
        "n_stance_outlets": int(agreement["outlet"].nunique()),
    }
    for name, short in (("development", "dev"), ("held-out", "heldout")):
        row = table.loc[name]
        facts |= {
            f"stance_{short}_reports": int(row["reports"]),
            f"stance_{short}_pairs": int(row["pairs found"]),
            f"stance_{short}_none": int(row["blame no one"]),
            f"stance_{short}_agree": int(row["stance agrees"]),
            f"stance_{short}_percent": round(100 * float(row["precision"])),
        }
    return facts


def reports_table(stance_set: StanceSet, set_name: str) -> pd.DataFrame:
    """The reports of one set, for the reader: outlet, title, date and address."""
    reports = stance_set.reports[stance_set.reports["set"] == set_name]
    return pd.DataFrame({
        "outlet": reports["outlet"],
        "title": reports["title"].where(reports["title"] != "", "(no headline shown)"),
        "published": reports["published"],
        "address": reports["url"],
    })  # fmt: skip


def pairs_table(agreement: pd.DataFrame, set_name: str) -> pd.DataFrame:
    """Every pair the rules found in one set's reports, for the reader: the sentence, the
    culprit with its cue and the rules' stance with the rule that decided it, and a reader's
    stance, whether it agrees, and why."""
    found = agreement[(agreement["rules"] != "") & (agreement["set"] == set_name)]
    verdict = found["agrees"].map({True: " (agrees)", False: " (differs)"})
    return pd.DataFrame({
        "outlet": found["outlet"],
        "sentence": found["sentence_text"],
        "the rules": found["target"] + " (“" + found["cue"] + "”): " + found["rules"] + ", "
        + found["reason"],
        "a reader": found["reader"] + verdict + ": " + found["why"],
    })  # fmt: skip
