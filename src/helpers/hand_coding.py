"""The hand coding (``data/hand_coding.csv``): a careful reading of each article, as data.

One row per article and codebook item: the answer, the verbatim quote that supports it (with its
character offsets in the raw text), and a one-line rationale. The loader checks that every quote
is exactly the text at its offsets, that every item of the codebook is answered for every
article it codes, and that answers are allowed ones. An article with no rows is not yet coded
(its page shows the rules' suggestions); one with only some items answered is refused. A row
whose rationale starts ``unreviewed:`` was written by the coding scaffold
(:mod:`helpers.coding_scaffold`) and not yet confirmed by a reader. :func:`agreement` compares
the rules with the reviewed rows.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.codebook import Codebook
from helpers.csvdata import InputError, quote_problems, read_text_csv, records, text_problems

COLUMNS = ("article", "dimension", "item", "answer", "quote", "start", "end", "rationale")
#: Allowed answers per dimension; the first ones need a quote, the last ("no", "absent") none.
ANSWERS = {
    "entman": ("yes", "no"),
    "generic": ("yes", "no"),
    "blame": ("endorses", "reports", "rejects", "absent"),
}
_NO_QUOTE = {"no", "absent"}
#: How a rationale starts until a reader has confirmed the rules' suggestion.
UNREVIEWED = "unreviewed: "
_OPTIONAL = {"quote", "start", "end"}
DIMENSIONS = tuple(ANSWERS)


class HandCodingError(InputError):
    """Bad hand-coding input; names the file and every problem."""

    kind = "hand-coding input"


def hand_coding_csv() -> Path:
    """The hand coding, ``data/hand_coding.csv``."""
    return paths.data_dir() / "hand_coding.csv"


def _quote_problems(row: dict[str, str], where: str, text: str | None) -> list[str]:
    if row["answer"] in _NO_QUOTE:
        return [f"{where}: answer {row['answer']!r} takes no quote"] if row["quote"] else []
    if not row["quote"]:
        return [f"{where}: answer {row['answer']!r} needs a quote from the article"]
    return quote_problems(row, where, text)


def load_hand_coding(
    articles: pd.DataFrame, codebook: Codebook, csv_path: Path | None = None
) -> pd.DataFrame:
    """Read and check the hand coding against the corpus (``id``, ``raw_text``) and codebook."""
    csv_path = csv_path or hand_coding_csv()
    table = read_text_csv(csv_path, COLUMNS, HandCodingError)
    texts = dict(zip(articles["id"], articles["raw_text"], strict=True))
    items = {dim: [rule.name for rule in codebook.rules(dim)] for dim in ANSWERS}
    problems = []
    for row_no, row in records(table):
        where = f"row {row_no} ({row['article']} {row['dimension']} {row['item']})"
        problems += text_problems(
            row, where, ("article", "dimension", "item", "answer", "rationale")
        )
        if row["article"] not in texts:
            problems.append(f"{where}: article {row['article']!r} is not in articles.csv")
        if row["dimension"] not in ANSWERS:
            problems.append(
                f"{where}: dimension {row['dimension']!r} is not one of {list(ANSWERS)}"
            )
            continue
        if row["item"] not in items[row["dimension"]]:
            problems.append(f"{where}: item {row['item']!r} is not in the codebook")
        if row["answer"] not in ANSWERS[row["dimension"]]:
            allowed = ANSWERS[row["dimension"]]
            problems.append(f"{where}: answer {row['answer']!r} is not one of {allowed}")
            continue
        problems += _quote_problems(row, where, texts.get(row["article"]))
    keys = table["article"] + " " + table["dimension"] + " " + table["item"]
    repeated = sorted(set(keys[keys.duplicated()]))
    if repeated:
        problems.append(f"judged twice: {', '.join(repeated)}")
    coded = set(table["article"]) & set(texts)
    expected = {f"{a} {d} {i}" for a in coded for d, names in items.items() for i in names}
    missing = sorted(expected - set(keys))
    first_row: dict[str, int] = {}
    for row_no, row in records(table):
        first_row.setdefault(row["article"], row_no)
    for article in sorted({key.split()[0] for key in missing}):
        items = [key.split(" ", 1)[1] for key in missing if key.split()[0] == article]
        where = f"row {first_row[article]} ({article})"
        problems.append(
            f"{where}: article {article} is only partly coded; "
            f"not judged: {', '.join(items)} (code every item, or remove its rows to show the "
            "rules' suggestions)"
        )
    if problems:
        raise HandCodingError([(csv_path, problem) for problem in problems])
    return table.assign(
        start=pd.to_numeric(table["start"]).astype("Int64"),
        end=pd.to_numeric(table["end"]).astype("Int64"),
    )


def is_unreviewed(rationale: pd.Series) -> pd.Series:
    """Which rows are the rules' suggestions no reader has confirmed yet."""
    return rationale.str.startswith(UNREVIEWED)


def unreviewed_articles(hand: pd.DataFrame, articles: list[str]) -> list[str]:
    """The articles (in ``articles``' order) with no row, or a row still unreviewed."""
    reviewed = set(hand["article"]) - set(hand.loc[is_unreviewed(hand["rationale"]), "article"])
    return [article for article in articles if article not in reviewed]


def agreement(hand: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """Hand and rule answers side by side, one row per article and item, with ``agree``
    (and ``reviewed``: whether a reader confirmed the row).

    ``rules`` has ``article_id``, ``item`` and ``rules`` (see :func:`helpers.framing.rule_answers`).
    """
    merged = hand.merge(
        rules.rename(columns={"article_id": "article"}), on=["article", "item"], how="inner"
    )
    return merged.assign(
        agree=merged["answer"] == merged["rules"], reviewed=~is_unreviewed(merged["rationale"])
    )


def cohens_kappa(first: pd.Series, second: pd.Series) -> float:
    """Cohen's kappa for two codings of the same units: agreement beyond chance, 1 = perfect,
    0 = chance. ``nan`` when chance agreement is already perfect (one category only)."""
    observed = float((first.to_numpy() == second.to_numpy()).mean())
    categories = set(first) | set(second)
    p1 = first.value_counts(normalize=True)
    p2 = second.value_counts(normalize=True)
    expected = sum(float(p1.get(c, 0.0)) * float(p2.get(c, 0.0)) for c in categories)
    return float("nan") if expected == 1 else (observed - expected) / (1 - expected)


def agreement_summary(compared: pd.DataFrame) -> pd.DataFrame:
    """Per dimension: items judged, how many the rules got as the reader did, the share, and
    Cohen's kappa."""
    rows = []
    for dimension, group in compared.groupby("dimension", sort=False):
        rows.append(
            {
                "dimension": dimension,
                "judgements": len(group),
                "rules agree": int(group["agree"].sum()),
                "agreement": float(group["agree"].mean()),
                "Cohen's kappa": cohens_kappa(group["answer"], group["rules"]),
            }
        )
    return pd.DataFrame(rows)
