"""Automatic candidate checks: an article's figures against the timeline's official counts.

For an article nobody has curated yet (no row in ``data/sentences.csv``), every extracted figure
that counts the killed, the detained, the injured or troops is compared with the official counts
of the same kind in ``data/timeline.csv`` announced on or before the article's publication
date. The check is a rule's: it proposes a reference (the latest such count the figure's
interval contains, else the latest such count) and says whether the figure matches it; a
person confirms it by writing the statement's row in ``data/claims.csv``.
"""

from __future__ import annotations

import pandas as pd

from helpers.claims import Interval
from helpers.dates import date_span, human_date

#: What an extracted figure counts (:data:`helpers.claims.COUNTS`), and the words of the
#: timeline's ``measure`` that count the same.
SAME_MEASURE = {
    "killed": ("killed",),
    "detained": ("detained",),
    "injured": ("injured", "wounded"),
    "troops": ("troops", "soldiers"),
}
MATCHES = "matches an official count"
DIFFERS = "differs from the latest official count"
NO_COUNT = "no official count of this kind before it"
#: How each result reads after a number of figures: "3 match an official count".
RESULT_PLURALS = {
    MATCHES: "match an official count",
    DIFFERS: "differ from the latest official count",
    NO_COUNT: "have no official count of their kind to compare",
}
RESULT_SINGULARS = {
    MATCHES: MATCHES,
    DIFFERS: DIFFERS,
    NO_COUNT: "has no official count of its kind to compare",
}


def result_tally(results: pd.Series) -> str:
    """The results counted, as a phrase: ``3 match an official count; 2 have no …``."""
    counts = results.value_counts()
    return "; ".join(
        f"{n} {(RESULT_SINGULARS if n == 1 else RESULT_PLURALS)[result]}"
        for result, n in counts.items()
    )
COLUMNS = [
    "article", "sentence", "figure", "counts", "sentence_text", "result", "reference",
    "reference_value", "as_of", "source", "event",
]  # fmt: skip


def official_counts(timeline: pd.DataFrame, counts: str, by: pd.Timestamp) -> pd.DataFrame:
    """The timeline's official figures of the kind ``counts``, announced by ``by``, oldest
    first."""
    words = SAME_MEASURE[counts]
    rows = timeline[
        (timeline["category"] == "official figures")
        & timeline["value"].notna()
        & timeline["measure"].str.contains("|".join(words), case=False, regex=True)
        & (timeline["end"] <= by)
    ]
    return rows.sort_values("start", kind="stable")


def _check(figure: pd.Series, counts: pd.DataFrame) -> dict[str, object]:
    interval = Interval(float(figure["low"]), float(figure["high"]))
    if counts.empty:
        return {"result": NO_COUNT}
    matching = counts[[interval.contains(v) for v in counts["value"]]]
    reference = (matching if len(matching) else counts).iloc[-1]
    return {
        "result": MATCHES if len(matching) else DIFFERS,
        "reference": f"{reference['value']:,.0f}: {reference['event']}",
        "reference_value": float(reference["value"]),
        "as_of": reference["date"],
        "source": reference["source"],
        "event": reference["event"],
    }


def automatic_checks(
    extracted: pd.DataFrame, articles: pd.DataFrame, timeline: pd.DataFrame, uncurated: list[str]
) -> pd.DataFrame:
    """One row per figure of the ``uncurated`` articles that counts what an official count
    does: the figure, the proposed reference and whether the figure's interval holds it."""
    published = articles.set_index("id")["published"]
    figures = extracted[
        extracted["article_id"].isin(uncurated) & extracted["counts"].isin(list(SAME_MEASURE))
    ]
    rows = []
    for _, figure in figures.iterrows():
        _, by = date_span(published[figure["article_id"]])
        counts = official_counts(timeline, figure["counts"], by)
        rows.append(
            {
                "article": figure["article_id"],
                "sentence": str(figure["sentence"]),
                "figure": figure["text"],
                "counts": figure["counts"],
                "sentence_text": figure["sentence_text"],
                **_check(figure, counts),
            }
        )
    return pd.DataFrame(rows, columns=COLUMNS)


def automatic_table(checks: pd.DataFrame) -> pd.DataFrame:
    """The automatic checks for the reader: the figure in its sentence, the proposed official
    count with its date and sources, and the result, each marked as a rule's."""
    return pd.DataFrame(
        {
            "article": checks["article"],
            "sentence": "s" + checks["sentence"],
            "figure (what it counts)": checks["figure"] + " (" + checks["counts"] + ")",
            "the article says": checks["sentence_text"],
            "nearest official count": [
                f"{r.reference}, {human_date(r.as_of)}"
                if isinstance(r.reference, str)
                else "none in the timeline"
                for r in checks.itertuples()
            ],
            "sources": checks["source"].fillna(""),
            "automatic result (unreviewed)": checks["result"],
        }
    )


def automatic_facts(
    checks: pd.DataFrame, labels: dict[str, str], uncurated: list[str]
) -> dict[str, object]:
    """For the prose: how many figures were checked automatically, and a sentence saying which
    articles await a reader and what the rules found in them."""
    if not uncurated:
        status = (
            "A reader has checked every article's statements; no figure rests on an automatic "
            "check alone."
        )
    else:
        names = ", ".join(labels[a] for a in uncurated)
        found = result_tally(checks["result"]) or "none"
        status = (
            f"Not yet checked by a reader: {names}. Of the {len(checks)} figures there that "
            "count the dead, the detained, the injured or troops, compared by a rule with the "
            f"timeline's official counts, {found} (automatic, unreviewed)."
        )
    return {
        "n_automatic_checks": len(checks),
        "n_automatic_matches": int((checks["result"] == MATCHES).sum()),
        "automatic_status": status,
    }
