"""The curated checks of the articles' figures (``data/claims.csv``): load, validate, show.

Each row picks one extracted figure (article, sentence and its exact text), states a reference
value with its source and the date it was true as of, and gives a verdict from a stated scale
with a one-line reason. The loader checks the figure exists in the extraction, the sources and
dates, and that a ``consistent`` or ``differs`` verdict agrees with the figure's interval.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.bibliography import bib_keys, unknown_keys
from helpers.claims import Interval
from helpers.csvdata import (
    InputError,
    duplicate_problems,
    id_problems,
    read_text_csv,
    records,
    row_label,
    text_problems,
)
from helpers.dates import date_problem, human_date

COLUMNS = (
    "id", "article", "topic", "figure", "sentence", "reference", "reference_value", "source",
    "as_of", "verdict", "reason",
)  # fmt: skip
#: The verdict scale, with what each verdict means.
VERDICTS = {
    "consistent": "the figure agrees with the reference",
    "differs": "the figure disagrees with the reference available when it was written",
    "outdated": "it was the official figure when written, and was revised later",
    "unsupported": "no source we found supports it, and what we found says otherwise",
    "not checkable": "no reference was found or looked for",
}
#: How a figure's verdict reads to a reader, by group: it holds, it held when it was written, it
#: does not hold, or it could not be checked. "Outdated" is not a failure.
VERDICT_GROUPS = {
    "consistent": "holds",
    "outdated": "held when written",
    "differs": "does not hold",
    "unsupported": "does not hold",
    "not checkable": "not checked",
}
#: A figure with several checks (a vote share against the preliminary and the final count) gets
#: the first verdict in this order that any of its checks has: a figure that matches one
#: reference current when it was written holds.
FIGURE_VERDICT_ORDER = ("consistent", "differs", "unsupported", "outdated", "not checkable")
TOPICS = (
    "death toll", "detained", "injured", "vote share", "tenure", "money and property",
    "companies", "Zhanaozen 2011", "dates", "other",
)  # fmt: skip


class ClaimsError(InputError):
    """Bad claims input; names the file and every problem."""

    kind = "claims input"


def claims_csv() -> Path:
    """The curated checks, ``data/claims.csv``."""
    return paths.data_dir() / "claims.csv"


def _row_problems(row: dict, row_no: int, extracted: pd.DataFrame, known: set[str]) -> list[str]:
    where = row_label(row, row_no)
    problems = text_problems(row, where, [c for c in COLUMNS if c != "reference_value"])
    problems += id_problems(row["id"], where)
    if row["topic"] and row["topic"] not in TOPICS:
        problems.append(f"{where}: topic {row['topic']!r} is not one of {TOPICS}")
    if row["verdict"] and row["verdict"] not in VERDICTS:
        problems.append(f"{where}: verdict {row['verdict']!r} is not one of {tuple(VERDICTS)}")
    if row["as_of"]:
        problems += [f"{where}: {p}" for p in date_problem("as_of", row["as_of"])]
    problems += [f"{where}: {p}" for p in unknown_keys(row["source"], known)]
    value = pd.to_numeric(row["reference_value"], errors="coerce")
    if row["reference_value"] and pd.isna(value):
        problems.append(f"{where}: reference_value {row['reference_value']!r} is not a number")
    match = extracted[
        (extracted["article_id"] == row["article"])
        & (extracted["sentence"].astype(str) == row["sentence"])
        & (extracted["text"] == row["figure"])
    ]
    if match.empty:
        problems.append(
            f"{where}: no extracted figure {row['figure']!r} in article {row['article']}, "
            f"sentence {row['sentence']}"
        )
    elif not pd.isna(value) and row["verdict"] in ("consistent", "differs"):
        low, high = match.iloc[0][["low", "high"]]
        if not pd.isna(low):
            inside = Interval(float(low), float(high)).contains(float(value))
            if inside != (row["verdict"] == "consistent"):
                problems.append(
                    f"{where}: verdict {row['verdict']!r} but the reference {value:g} is "
                    f"{'inside' if inside else 'outside'} the figure's interval {low:g} to {high:g}"
                )
    return problems


def load_claims(extracted: pd.DataFrame, csv_path: Path | None = None) -> pd.DataFrame:
    """Read and check the curated claims against the extraction and the bibliography."""
    csv_path = csv_path or claims_csv()
    table = read_text_csv(csv_path, COLUMNS, ClaimsError)
    known = bib_keys()
    problems = [
        (csv_path, problem)
        for row_no, row in records(table)
        for problem in _row_problems(row, row_no, extracted, known)
    ]
    problems += [(csv_path, problem) for problem in duplicate_problems(table, "id", "id(s)")]
    if problems:
        raise ClaimsError(problems)
    merged = table.merge(
        extracted.assign(sentence=extracted["sentence"].astype(str)).rename(
            columns={"article_id": "article", "text": "figure"}
        ),
        on=["article", "sentence", "figure"],
        how="left",
    )
    return merged.assign(reference_value=pd.to_numeric(merged["reference_value"]))


def _in_context(row: pd.Series, width: int = 60) -> str:
    """The figure with a few words either side from its sentence, "…" where cut."""
    text, figure = row["sentence_text"], row["figure"]
    at = text.find(figure)
    left, right = text[:at], text[at + len(figure) :]
    if len(left) > width:
        left = "…" + left[-width:].split(" ", 1)[-1]
    if len(right) > width:
        right = right[:width].rsplit(" ", 1)[0] + "…"
    return f"{left}{figure}{right}"


def claims_table(claims: pd.DataFrame, verdicts: tuple[str, ...] | None = None) -> pd.DataFrame:
    """The checks for the reader: article, topic, the figure in context, reference with its
    sources and as-of date, verdict and reason."""
    rows = claims if verdicts is None else claims[claims["verdict"].isin(verdicts)]
    rank = rows["topic"].map({topic: n for n, topic in enumerate(TOPICS)})
    rows = rows.assign(rank=rank).sort_values(["rank", "article"], kind="stable")
    return pd.DataFrame(
        {
            "article": rows["article"],
            "the article says": rows.apply(_in_context, axis=1),
            "topic: reference, as of": rows["topic"]
            + ": "
            + rows["reference"]
            + " ("
            + rows["as_of"].map(human_date)
            + ")",
            "sources": rows["source"],
            "verdict: why": rows["verdict"] + ": " + rows["reason"],
        }
    )


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """How many checks got each verdict, with what the verdict means."""
    counts = claims["verdict"].value_counts()
    return pd.DataFrame(
        {
            "verdict": list(VERDICTS),
            "meaning": list(VERDICTS.values()),
            "checks": [int(counts.get(v, 0)) for v in VERDICTS],
        }
    )


def figure_verdicts(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per checked figure (article, sentence, figure): the verdict of its deciding check
    (see :data:`FIGURE_VERDICT_ORDER`), its group, reason and reference, and how many checks it
    had. The rows keep the order of the checks file."""
    rank = {verdict: n for n, verdict in enumerate(FIGURE_VERDICT_ORDER)}
    keys = ["article", "sentence", "figure"]
    ordered = claims.assign(_rank=claims["verdict"].map(rank), _order=range(len(claims)))
    first = ordered.groupby(keys, sort=False)["_order"].min().rename("_first")
    deciding = (
        ordered.sort_values(["_rank", "_order"], kind="stable")
        .drop_duplicates(keys)
        .merge(first, on=keys)
        .sort_values("_first", kind="stable")
    )
    checks = claims.groupby(keys, sort=False).size().rename("checks")
    table = deciding.merge(checks, on=keys)
    table["group"] = table["verdict"].map(VERDICT_GROUPS)
    return table.drop(columns=["_rank", "_order", "_first"]).reset_index(drop=True)


def claim_facts(claims: pd.DataFrame, extracted: pd.DataFrame) -> dict[str, object]:
    """Counts for the prose: figures extracted and checked, and checks per verdict."""
    facts: dict[str, object] = {
        "n_extracted": len(extracted),
        "n_checked": len(claims),
        "n_checked_figures": claims[["article", "sentence", "figure"]].drop_duplicates().shape[0],
    }
    for verdict in VERDICTS:
        facts[f"n_{verdict.replace(' ', '_')}"] = int((claims["verdict"] == verdict).sum())
    groups = figure_verdicts(claims)["group"]
    for group in dict.fromkeys(VERDICT_GROUPS.values()):
        facts[f"n_figures_{group.replace(' ', '_')}"] = int((groups == group).sum())
    for article, count in extracted.groupby("article_id").size().items():
        facts[f"n_extracted_{article}"] = int(count)
    return facts
