"""The rules' suggested hand coding of an article, for a reader to confirm or change.

:func:`suggested_coding` turns the rules' answers into rows of ``data/hand_coding.csv``: one per
codebook item, the answer the rules give, the first sentence they matched as the quote (with its
offsets in the raw file) and a rationale that starts ``unreviewed:``. The framing pages show these
rows for an article nobody has coded; ``make coding ID=NNN`` writes them into the file
(:func:`write_scaffold`), where a reader edits each row and deletes ``unreviewed:`` once it is
checked. The rules only propose.
"""

from __future__ import annotations

import argparse
import csv
import sys
from pathlib import Path

import pandas as pd

from helpers.codebook import Codebook
from helpers.hand_coding import COLUMNS, DIMENSIONS, UNREVIEWED, hand_coding_csv

#: For a blame target, the stance whose sentence is quoted is the rules' answer itself.
_NO_QUOTE = {"no", "absent"}


def _first_match(evidence: pd.DataFrame, dimension: str, item: str, answer: str) -> dict | None:
    rows = evidence[(evidence["dimension"] == dimension) & (evidence["value"] == item)]
    if dimension == "blame":
        rows = rows[rows["stance"] == answer]
    return rows.iloc[0].to_dict() if len(rows) else None


def suggested_coding(
    article: str,
    raw_text: str,
    evidence: pd.DataFrame,
    answers: pd.DataFrame,
    codebook: Codebook,
) -> pd.DataFrame:
    """One hand-coding row per codebook item for ``article``: the rules' answer, the first
    sentence they matched as its quote, and an ``unreviewed:`` rationale naming the cue.

    ``evidence`` and ``answers`` are the rules' (:func:`helpers.framing.rule_evidence`,
    :func:`helpers.framing.rule_answers`) for this article or the whole corpus."""
    evidence = evidence[evidence["article_id"] == article]
    answer_of = answers[answers["article_id"] == article].set_index("item")["rules"]
    rows = []
    for dimension in DIMENSIONS:
        for rule in codebook.rules(dimension):
            answer = answer_of[rule.name]
            match = None if answer in _NO_QUOTE else _first_match(
                evidence, dimension, rule.name, answer
            )
            row = {"article": article, "dimension": dimension, "item": rule.name,
                   "answer": answer, "quote": "", "start": "", "end": ""}  # fmt: skip
            if match is None:
                row["rationale"] = f"{UNREVIEWED}no rule of this item matched any sentence."
            else:
                start, end = int(match["start"]), int(match["end"])
                row |= {"quote": raw_text[start:end], "start": str(start), "end": str(end)}
                row["rationale"] = (
                    f"{UNREVIEWED}the rules matched “{match['cue']}” in s{match['sentence']} "
                    f"({match['voice']} voice; {match['stance']}: {match['stance_reason']})."
                )
            rows.append(row)
    return pd.DataFrame(rows, columns=list(COLUMNS))


class ScaffoldError(ValueError):
    """The scaffold cannot be written; the message is one line naming the file and problem."""


def write_scaffold(article: str, csv_path: Path | None = None) -> pd.DataFrame:
    """Append the rules' suggested coding of ``article`` to the hand coding; returns the rows.

    Refuses an article that is not in the corpus or already has rows."""
    from helpers.corpus import load_corpus
    from helpers.framing_report import load_framing

    csv_path = csv_path or hand_coding_csv()
    corpus = load_corpus()
    if article not in set(corpus.articles["id"]):
        raise ScaffoldError(f"{csv_path}: article {article!r} is not in articles.csv")
    with csv_path.open(encoding="utf-8", newline="") as handle:
        existing = list(csv.DictReader(handle))
    if any(row["article"] == article for row in existing):
        raise ScaffoldError(
            f"{csv_path}: article {article} already has hand-coding rows; edit them there"
        )
    framing = load_framing(corpus)
    rows = framing.hand[framing.hand["article"] == article]
    with csv_path.open("a", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(COLUMNS), lineterminator="\n")
        writer.writerows(
            {column: "" if pd.isna(value) else str(value) for column, value in row.items()}
            for row in rows[list(COLUMNS)].to_dict("records")
        )
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="make coding",
        description="Write an article's hand-coding rows into data/hand_coding.csv, pre-filled "
        "with the rules' answers and candidate quotes, each rationale starting 'unreviewed:'.",
    )
    parser.add_argument("--id", required=True, help="the article's id in data/articles.csv")
    args = parser.parse_args(argv)
    try:
        rows = write_scaffold(args.id)
    except ScaffoldError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(
        f"Wrote {len(rows)} rows for article {args.id} to data/hand_coding.csv, the rules' "
        "suggestions. For each row: confirm or change the answer, the quote (and its start and "
        "end offsets in the raw file) and the rationale, then delete 'unreviewed: ' from the "
        "rationale. Until every row is confirmed the book shows the article as not yet "
        "reviewed. Then: make test && make book."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
