"""The curated checks of the articles' statements of fact (``data/claims.csv``): load, validate,
show.

Each row is one checkable statement: the article's exact words (``quote``, with its offsets in
the raw file), what it asserts in our words, its kind (a count, a date, a relationship ...), a
reference with the sources that state it and the date the fact was true as of, and a verdict
from a stated scale with a reason specific to the row. A statement that rests on a number also
names the extracted figure (``figure``), so that its verdict can be tested against the interval
the figure's words allow. A statement that no source could settle is ``not checkable`` and says
what was searched.

The loader refuses a quote that is not in its sentence, a figure outside its quote, a source
that is the article itself, a verdict that contradicts the figure's interval (a reference
value is a number, or "more than n" or "less than n" where the source gives only a bound), a
``garbled`` verdict without the likely original, and a reason copied from another row.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.bibliography import bib_urls, split_keys, unknown_keys
from helpers.claims import Interval
from helpers.corpus import Corpus
from helpers.csvdata import (
    InputError,
    duplicate_problems,
    id_problems,
    quote_problems,
    read_text_csv,
    records,
    row_label,
    text_problems,
)
from helpers.dates import date_problem, human_date

COLUMNS = (
    "id", "article", "sentence", "quote", "start", "end", "figure", "claim", "kind", "topic",
    "reference", "reference_value", "source", "as_of", "source_date", "verdict",
    "likely_original", "searched", "reason",
)  # fmt: skip
#: Columns every row must fill.
REQUIRED = ("id", "article", "sentence", "quote", "start", "end", "claim", "kind", "topic",
            "verdict", "reason")  # fmt: skip
#: Columns every checked row (any verdict but "not checkable") must fill too.
REQUIRED_WHEN_CHECKED = ("reference", "source", "as_of", "source_date")
#: The ``source_date`` of a source that gives no date of its own (a reference work).
UNDATED = "undated"
#: The verdict scale, with what each verdict means.
VERDICTS = {
    "consistent": "the statement agrees with the reference",
    "differs": "the statement disagrees with the reference available when it was written",
    "outdated": "it was the official position when written, and was revised later",
    "garbled": "wrong as printed because of translation or spinning; the likely original "
    "would be right",
    "unsupported": "no source we found says it, and what we found does not bear it out",
    "not checkable": "no reference was found; the row says what was searched",
}
#: How a statement's verdict reads to a reader, by group: it holds, it held when it was
#: written, it does not hold, or it could not be checked. "Outdated" is not a failure.
VERDICT_GROUPS = {
    "consistent": "holds",
    "outdated": "held when written",
    "differs": "does not hold",
    "garbled": "does not hold",
    "unsupported": "does not hold",
    "not checkable": "not checked",
}
#: A statement with several checks (a vote share against the preliminary and the final count)
#: gets the first verdict in this order that any of its checks has: a statement that matches
#: one reference current when it was written holds.
STATEMENT_VERDICT_ORDER = (
    "consistent", "differs", "garbled", "unsupported", "outdated", "not checkable",
)  # fmt: skip
#: What kind of statement a row checks.
KINDS = (
    "count", "amount", "date", "name or title", "relationship", "event", "attribution",
    "ranking",
)  # fmt: skip
TOPICS = (
    "death toll", "detained", "injured", "vote share", "tenure", "money and property",
    "companies", "Zhanaozen 2011", "dates", "people and posts", "events", "foreign relations",
    "economy", "other",
)  # fmt: skip
#: The extraction's columns a numeric statement takes from its figure (renamed where they
#: would clash with the statement's own).
FIGURE_COLUMNS = {
    "kind": "figure_kind", "start": "figure_start", "end": "figure_end", "qualifier":
    "qualifier", "value": "value", "low": "low", "high": "high", "unit": "unit", "counts":
    "counts",
}  # fmt: skip
#: One statement: its article and its exact words.
STATEMENT_KEYS = ["article", "sentence", "start", "end"]


class ClaimsError(InputError):
    """Bad claims input; names the file and every problem."""

    kind = "claims input"


def claims_csv() -> Path:
    """The curated checks, ``data/claims.csv``."""
    return paths.data_dir() / "claims.csv"


def own_source_keys(corpus: Corpus, urls: dict[str, str]) -> dict[str, set[str]]:
    """For each article, the bibliography keys of the article itself (an entry whose address is
    the article's): a statement is never checked against its own text."""

    def bare(url: str) -> str:
        return url.split("://", 1)[-1].removeprefix("www.").rstrip("/").lower()

    by_url: dict[str, set[str]] = {}
    for key, url in urls.items():
        by_url.setdefault(bare(url), set()).add(key)
    return {a.id: by_url.get(bare(a.url), set()) for a in corpus.articles.itertuples()}


class _Context:
    """What the row checks need: the texts, the sentences, the figures and the sources."""

    def __init__(self, corpus: Corpus, extracted: pd.DataFrame, urls: dict[str, str]):
        self.raw = corpus.articles.set_index("id")["raw_text"].to_dict()
        self.sentences = {
            (s.article_id, str(s.sentence)): (s.start, s.end)
            for s in corpus.sentences.itertuples()
        }
        self.extracted = extracted
        self.known = set(urls)
        self.own = own_source_keys(corpus, urls)


def _figure(row: dict, context: _Context) -> pd.Series | None:
    """The extracted expression a row names as its figure, inside its quote, or None."""
    extracted = context.extracted
    match = extracted[
        (extracted["article_id"] == row["article"])
        & (extracted["sentence"].astype(str) == row["sentence"])
        & (extracted["text"] == row["figure"])
        & (extracted["start"] >= int(row["start"]))
        & (extracted["end"] <= int(row["end"]))
    ]
    return None if match.empty else match.iloc[0]


def _span_problems(row: dict, where: str, context: _Context) -> list[str]:
    """The quote must be the raw text at its offsets, inside its sentence; a figure must be
    an extracted expression of that sentence inside the quote."""
    if row["article"] not in context.raw:
        return [f"{where}: article {row['article']!r} is not in articles.csv"]
    span = context.sentences.get((row["article"], row["sentence"]))
    if span is None:
        return [f"{where}: article {row['article']!r} has no sentence {row['sentence']!r}"]
    problems = quote_problems(row, where, context.raw[row["article"]])
    if problems:
        return problems
    if not span[0] <= int(row["start"]) < int(row["end"]) <= span[1]:
        return [f"{where}: the quote is not inside sentence {row['sentence']}"]
    if row["figure"] and _figure(row, context) is None:
        return [
            f"{where}: no extracted figure {row['figure']!r} inside the quote (article "
            f"{row['article']}, sentence {row['sentence']})"
        ]
    return []


def _verdict_problems(row: dict, where: str, interval: Interval | None) -> list[str]:
    """A verdict needs what it rests on: sources and dates when checked, the search when not,
    the likely original when garbled, and agreement with the figure's interval."""
    verdict = row["verdict"]
    problems = []
    if verdict == "not checkable":
        if not row["searched"]:
            problems.append(f"{where}: a 'not checkable' row must say what was searched")
    else:
        problems += [f"{where}: empty {c!r}" for c in REQUIRED_WHEN_CHECKED if not row[c]]
    if verdict == "garbled" and not row["likely_original"]:
        problems.append(f"{where}: a 'garbled' row must give the likely original")
    try:
        reference = reference_interval(row["reference_value"])
    except ValueError:
        problems.append(f"{where}: reference_value {row['reference_value']!r} is not a number")
        return problems
    if interval is not None and verdict in ("consistent", "differs"):
        if reference is None:
            problems.append(
                f"{where}: a {verdict!r} verdict on a figure needs a reference_value to test "
                "against the figure's interval"
            )
        elif interval.overlaps(reference) != (verdict == "consistent"):
            inside = "inside" if interval.overlaps(reference) else "outside"
            problems.append(
                f"{where}: verdict {verdict!r} but the reference {row['reference_value']} is "
                f"{inside} the figure's interval {interval.low:g} to {interval.high:g}"
            )
    return problems


def reference_interval(text: str) -> Interval | None:
    """A reference value as an interval: ``238`` is 238; ``more than 2000000000`` runs from
    just above 2 billion (a source's "more than n" excludes n); ``less than 50`` up to just
    below 50. Empty text is no reference value; anything else raises ``ValueError``."""
    if not text:
        return None
    for words, side in (("more than ", 1), ("less than ", -1)):
        if text.startswith(words):
            value = float(text.removeprefix(words))
            bound = math.nextafter(value, side * math.inf)
            return Interval(bound, math.inf) if side > 0 else Interval(-math.inf, bound)
    value = float(text)
    if math.isnan(value):
        raise ValueError(text)
    return Interval(value, value)


def _figure_interval(row: dict, context: _Context) -> Interval | None:
    """The interval of the row's figure; none for a row without one, or for a year (a date,
    checked by its as-of date)."""
    figure = _figure(row, context) if row["figure"] else None
    if figure is None or pd.isna(figure["low"]) or figure["unit"] == "year":
        return None
    return Interval(float(figure["low"]), float(figure["high"]))


def _row_problems(row: dict, row_no: int, context: _Context) -> list[str]:
    where = row_label(row, row_no)
    problems = text_problems(row, where, REQUIRED)
    problems += id_problems(row["id"], where)
    for column, allowed in (("kind", KINDS), ("topic", TOPICS), ("verdict", tuple(VERDICTS))):
        if row[column] and row[column] not in allowed:
            problems.append(f"{where}: {column} {row[column]!r} is not one of {allowed}")
    for column in ("as_of", "source_date"):
        if row[column] and not (column == "source_date" and row[column] == UNDATED):
            problems += [f"{where}: {p}" for p in date_problem(column, row[column])]
    problems += [f"{where}: {p}" for p in unknown_keys(row["source"], context.known)]
    own = set(split_keys(row["source"])) & context.own.get(row["article"], set())
    if own:
        problems.append(f"{where}: the source {', '.join(sorted(own))} is the article itself")
    spans = _span_problems(row, where, context)
    problems += spans
    if row["verdict"] in VERDICTS:
        interval = None if spans else _figure_interval(row, context)
        problems += _verdict_problems(row, where, interval)
    return problems


def _repeated_reasons(table: pd.DataFrame) -> list[str]:
    """A reason must be the row's own: one copied word for word is boilerplate."""
    repeated = table[table["reason"].duplicated(keep=False) & (table["reason"] != "")]
    return [
        f"reason {reason!r} is given word for word by several rows "
        f"({', '.join(rows['id'])}): say why for each"
        for reason, rows in repeated.groupby("reason", sort=False)
    ]


def load_claims(
    corpus: Corpus, extracted: pd.DataFrame, csv_path: Path | None = None
) -> pd.DataFrame:
    """Read and check the curated statements against the texts, the extraction and the
    bibliography; each numeric statement gets its figure's interval and what it counts."""
    csv_path = csv_path or claims_csv()
    table = read_text_csv(csv_path, COLUMNS, ClaimsError)
    context = _Context(corpus, extracted, bib_urls())
    problems = [
        (csv_path, problem)
        for row_no, row in records(table)
        for problem in _row_problems(row, row_no, context)
    ]
    problems += [(csv_path, problem) for problem in duplicate_problems(table, "id", "id(s)")]
    problems += [(csv_path, problem) for problem in _repeated_reasons(table)]
    if problems:
        raise ClaimsError(problems)
    figures = extracted.assign(sentence=extracted["sentence"].astype(str)).rename(
        columns={"article_id": "article", "text": "figure", **FIGURE_COLUMNS}
    )
    merged = table.merge(
        figures[["article", "sentence", "figure", *FIGURE_COLUMNS.values()]].drop_duplicates(
            ["article", "sentence", "figure"]
        ),
        on=["article", "sentence", "figure"],
        how="left",
    )
    sentences = corpus.sentences.assign(sentence=corpus.sentences["sentence"].astype(str))
    merged = merged.merge(
        sentences[["article_id", "sentence", "text"]].rename(
            columns={"article_id": "article", "text": "sentence_text"}
        ),
        on=["article", "sentence"],
        how="left",
    )
    references = merged["reference_value"].map(reference_interval)
    return merged.assign(
        reference_low=[r.low if r else math.nan for r in references],
        reference_high=[r.high if r else math.nan for r in references],
        start=merged["start"].astype(int),
        end=merged["end"].astype(int),
        group=merged["verdict"].map(VERDICT_GROUPS),
    )


def _in_context(row: pd.Series, width: int = 60) -> str:
    """The quote with a few words either side from its sentence, "…" where cut."""
    text, quote = row["sentence_text"], row["quote"]
    at = text.find(quote)
    left, right = text[:at], text[at + len(quote) :]
    if len(left) > width:
        left = "…" + left[-width:].split(" ", 1)[-1]
    if len(right) > width:
        right = right[:width].rsplit(" ", 1)[0] + "…"
    return f"{left}{quote}{right}"


def _ordered(rows: pd.DataFrame) -> pd.DataFrame:
    rank = rows["topic"].map({topic: n for n, topic in enumerate(TOPICS)})
    return rows.assign(_rank=rank).sort_values(["_rank", "article"], kind="stable")


def _reference_as_of(rows: pd.DataFrame) -> pd.Series:
    return rows["reference"] + rows["as_of"].map(lambda d: f" (as of {human_date(d)})" if d else "")


def claims_table(claims: pd.DataFrame, verdicts: tuple[str, ...] | None = None) -> pd.DataFrame:
    """Every statement for the reader: article, the statement in context, what it asserts and
    its kind, the reference with its sources and as-of date, verdict and reason."""
    rows = claims if verdicts is None else claims[claims["verdict"].isin(verdicts)]
    rows = _ordered(rows)
    return pd.DataFrame(
        {
            "article": rows["article"],
            "the article says": [_in_context(row) for _, row in rows.iterrows()],
            "claim (kind)": rows["claim"] + " (" + rows["kind"] + ")",
            "reference": _reference_as_of(rows),
            "sources": rows["source"],
            "verdict: why": rows["verdict"] + ": " + rows["reason"],
        }
    )


def failing_table(statements: pd.DataFrame, verdict: str) -> pd.DataFrame:
    """The statements with one verdict, for the chapter's lead: the article's words, the
    sources, and why, in words that say what the sources report (and, for a garbled one, what
    the text likely said). The reference in full is in :func:`claims_table`."""
    rows = _ordered(statements[statements["verdict"] == verdict])
    why = rows["reason"]
    if verdict == "garbled":
        why = "Likely original: " + rows["likely_original"] + ". " + why
    return pd.DataFrame(
        {
            "article": rows["article"],
            "the article says": rows["quote"],
            "sources": rows["source"],
            "why": why,
        }
    )


def verdict_counts(claims: pd.DataFrame) -> pd.DataFrame:
    """How many statements got each verdict, with what the verdict means."""
    verdicts = statement_verdicts(claims)["verdict"].value_counts()
    return pd.DataFrame(
        {
            "verdict": list(VERDICTS),
            "meaning": list(VERDICTS.values()),
            "statements": [int(verdicts.get(v, 0)) for v in VERDICTS],
        }
    )


def statement_verdicts(claims: pd.DataFrame) -> pd.DataFrame:
    """One row per statement (article, sentence and the quote's offsets): the verdict of its
    deciding check (see :data:`STATEMENT_VERDICT_ORDER`), its group, reason and reference,
    and how many checks it had. The rows keep the order of the checks file."""
    rank = {verdict: n for n, verdict in enumerate(STATEMENT_VERDICT_ORDER)}
    keys = STATEMENT_KEYS
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
    """Counts for the prose: numbers extracted, statements and checks, statements per verdict
    and per group, and how many were checked against a reference."""
    statements = statement_verdicts(claims)
    facts: dict[str, object] = {
        "n_extracted": len(extracted),
        "n_checks": len(claims),
        "n_statements": len(statements),
        "n_statements_checked": int((statements["verdict"] != "not checkable").sum()),
        "n_numeric_statements": int((statements["figure"] != "").sum()),
        "n_other_statements": int((statements["figure"] == "").sum()),
    }
    for verdict in VERDICTS:
        key = verdict.replace(" ", "_")
        facts[f"n_{key}"] = int((statements["verdict"] == verdict).sum())
    for group in dict.fromkeys(VERDICT_GROUPS.values()):
        facts[f"n_statements_{group.replace(' ', '_')}"] = int((statements["group"] == group).sum())
    for article, count in extracted.groupby("article_id").size().items():
        facts[f"n_extracted_{article}"] = int(count)
    return facts
