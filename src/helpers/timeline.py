"""The background timeline (``data/timeline.csv``): load, validate, and place the articles in it.

Each row is one dated event with the precision of its date, a category, a short neutral
description, the source(s) it rests on (keys in ``references.bib``) and a note where sources
disagree. Official figures that changed over time (casualties, detentions, vote shares) are one
row per announcement, with the number in ``value`` and what it counts in ``measure``.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.bibliography import bib_keys, split_keys, unknown_keys
from helpers.csvdata import (
    InputError,
    duplicate_problems,
    id_problems,
    read_text_csv,
    records,
    row_label,
    text_problems,
)
from helpers.dates import date_problem, date_span, human_date, precision_of

COLUMNS = ("id", "date", "precision", "category", "event", "value", "measure", "source", "note")
PRECISIONS = ("day", "month", "year")
CATEGORIES = (
    "politics",
    "unrest",
    "security",
    "economy",
    "foreign relations",
    "official figures",
)


class TimelineError(InputError):
    """Bad timeline input; names the file and every problem."""

    kind = "timeline input"


#: Columns of ``data/timeline_key_events.csv``: an event's id and its label in the figure.
KEY_EVENT_COLUMNS = ("id", "label")


def key_events_csv() -> Path:
    """The events the timeline figure names in words, ``data/timeline_key_events.csv``."""
    return paths.data_dir() / "timeline_key_events.csv"


def load_key_events(timeline: pd.DataFrame, csv_path: Path | None = None) -> dict[str, str]:
    """The timeline figure's labels in words, by event id, in the order of the file. A label
    may hold ``{value}``, replaced by the event's number (``Death toll {value}``), so that no
    figure is typed by hand. Every id must be an event of ``timeline``."""
    csv_path = csv_path or key_events_csv()
    table = read_text_csv(csv_path, KEY_EVENT_COLUMNS, TimelineError)
    events = timeline.set_index("id")
    problems, labels = [], {}
    for row_no, row in records(table):
        where = row_label(row, row_no)
        row_problems = text_problems(row, where, KEY_EVENT_COLUMNS)
        if row["id"] and row["id"] not in events.index:
            row_problems.append(f"{where}: no event {row['id']!r} in timeline.csv")
        elif "{value}" in row["label"] and pd.isna(events.loc[row["id"], "value"]):
            row_problems.append(f"{where}: label has {{value}} but the event has no value")
        problems += [(csv_path, problem) for problem in row_problems]
        if not row_problems:
            value = events.loc[row["id"], "value"]
            number = "" if pd.isna(value) else f"{value:,.15g}"
            labels[row["id"]] = row["label"].replace("{value}", number)
    problems += [(csv_path, p) for p in duplicate_problems(table, "id", "event id(s)")]
    if problems:
        raise TimelineError(problems)
    return labels


def timeline_csv() -> Path:
    """The timeline's data file, ``data/timeline.csv``."""
    return paths.data_dir() / "timeline.csv"


def _row_problems(row: dict[str, str], row_no: int, known_keys: set[str]) -> list[str]:
    where = row_label(row, row_no)
    problems = text_problems(row, where, ("id", "date", "precision", "category", "event", "source"))
    problems += id_problems(row["id"], where)
    bad_date = date_problem("date", row["date"]) if row["date"] else []
    problems += [f"{where}: {problem}" for problem in bad_date]
    if row["date"] and not bad_date and row["precision"] != precision_of(row["date"]):
        problems.append(
            f"{where}: precision {row['precision']!r} does not match date {row['date']!r} "
            f"(written to the {precision_of(row['date'])})"
        )
    if row["precision"] and row["precision"] not in PRECISIONS:
        problems.append(f"{where}: precision {row['precision']!r} is not one of {PRECISIONS}")
    if row["category"] and row["category"] not in CATEGORIES:
        problems.append(f"{where}: category {row['category']!r} is not one of {CATEGORIES}")
    if row["value"]:
        if pd.isna(pd.to_numeric(row["value"], errors="coerce")):
            problems.append(f"{where}: value {row['value']!r} is not a number")
        if not row["measure"]:
            problems.append(f"{where}: a value needs a measure saying what it counts")
    elif row["measure"]:
        problems.append(f"{where}: measure {row['measure']!r} given without a value")
    problems += [f"{where}: {p}" for p in unknown_keys(row["source"], known_keys)]
    return problems


def load_timeline(csv_path: Path | None = None, bib_path: Path | None = None) -> pd.DataFrame:
    """Read and validate the timeline, sorted by date (file order breaks ties).

    Adds ``start`` and ``end`` (the first and last day the date may stand for), ``value`` as a
    number and ``sources`` as a list of keys. Every problem is reported in one
    :class:`TimelineError`.
    """
    csv_path = csv_path or timeline_csv()
    table = read_text_csv(csv_path, COLUMNS, TimelineError)
    known_keys = bib_keys(bib_path)
    problems = [
        (csv_path, problem)
        for row_no, row in records(table)
        for problem in _row_problems(row, row_no, known_keys)
    ]
    problems += [(csv_path, p) for p in duplicate_problems(table, "id", "event id(s)")]
    same_event = table.assign(key=table["date"] + " " + table["event"].str.casefold())
    problems += [(csv_path, p) for p in duplicate_problems(same_event, "key", "event(s)")]
    if problems:
        raise TimelineError(problems)
    spans = table["date"].map(date_span)
    timeline = table.assign(
        start=pd.to_datetime(spans.str[0]),
        end=pd.to_datetime(spans.str[1]),
        value=pd.to_numeric(table["value"]),
        sources=table["source"].map(split_keys),
    )
    return timeline.sort_values("start", kind="stable").reset_index(drop=True)


def timeline_table(timeline: pd.DataFrame) -> pd.DataFrame:
    """The timeline for the reader: number (as in the figure), date, event, category, sources
    and note. Official figures end with the number and what it counts."""
    figure = timeline["value"].map(lambda v: "" if pd.isna(v) else f"{v:,.15g}")
    stated = timeline["event"] + ": " + figure + " " + timeline["measure"]
    event = timeline["event"].where(figure == "", stated)
    return pd.DataFrame(
        {
            "#": range(1, len(timeline) + 1),
            "date": timeline["date"].map(human_date),
            "event": event,
            "category": timeline["category"],
            "sources": timeline["source"],
            "notes, and where sources differ": timeline["note"],
        }
    )


def articles_in_time(articles: pd.DataFrame, timeline: pd.DataFrame) -> pd.DataFrame:
    """For each article, which timeline events its author could have known.

    An event is *before* an article when it ended before the first day the article may have been
    published, *after* when it began after the last such day, and *uncertain* otherwise (an
    article dated only to the month cannot be placed against events in that month).
    """
    rows = []
    for article in articles.itertuples(index=False):
        first, last = date_span(article.published)
        before = timeline[timeline["end"] < first]
        after = timeline[timeline["start"] > last]
        latest = before.iloc[-1] if len(before) else None
        rows.append(
            {
                "id": article.id,
                "outlet": article.outlet,
                "published": human_date(article.published),
                "events before": len(before),
                "uncertain": len(timeline) - len(before) - len(after),
                "events after": len(after),
                "latest event before it": (
                    f"{human_date(latest['date'])}: {latest['event']}" if latest is not None else ""
                ),
            }
        )
    return pd.DataFrame(rows)


def glue_name(event_id: str) -> str:
    """A timeline id as part of a glue name: ``csto-arrival`` -> ``csto_arrival``."""
    return event_id.replace("-", "_")


def timeline_facts(timeline: pd.DataFrame) -> dict[str, object]:
    """Values for the chapter's prose: counts, and for every event ``date_<id>`` (in words) and,
    for official figures, ``value_<id>`` (an int when whole)."""
    facts: dict[str, object] = {
        "n_events": len(timeline),
        "n_sources": len({key for keys in timeline["sources"] for key in keys}),
        "n_disputed": int((timeline["note"] != "").sum()),
        "first_year": int(timeline["start"].iloc[0].year),
        "last_year": int(timeline["end"].iloc[-1].year),
    }
    for event in timeline.itertuples(index=False):
        facts[f"date_{glue_name(event.id)}"] = human_date(event.date)
        if not pd.isna(event.value):
            whole = float(event.value).is_integer()
            facts[f"value_{glue_name(event.id)}"] = int(event.value) if whole else event.value
    return facts


def timing_facts(articles: pd.DataFrame, timeline: pd.DataFrame) -> dict[str, object]:
    """For the prose: each article's date in words (``published_<id>``) and how many timeline
    events come before it, after it, or cannot be placed (``before_<id>`` and so on)."""
    facts: dict[str, object] = {}
    for row in articles_in_time(articles, timeline).to_dict("records"):
        facts[f"published_{row['id']}"] = row["published"]
        facts[f"before_{row['id']}"] = row["events before"]
        facts[f"uncertain_{row['id']}"] = row["uncertain"]
        facts[f"after_{row['id']}"] = row["events after"]
    return facts


#: The timeline event that starts the unrest of January 2022: an article written before it
#: cannot explain the unrest, whatever it blames.
UNREST_START = "protests-begin"


def written_before(articles: pd.DataFrame, timeline: pd.DataFrame, event_id: str) -> list[str]:
    """The ids of the articles certainly written before an event began (the last day their date
    may stand for is before the event's first day)."""
    event = timeline.set_index("id").loc[event_id]
    return [a.id for a in articles.itertuples() if date_span(a.published)[1] < event["start"]]


def death_tolls(timeline: pd.DataFrame, since: str = UNREST_START) -> pd.DataFrame:
    """Every official count of the dead announced since an event (the unrest), in order: date,
    value, what it counts, and whether it was withdrawn."""
    start = timeline.set_index("id").loc[since, "start"]
    tolls = timeline[
        (timeline["category"] == "official figures")
        & timeline["measure"].str.contains("killed")
        & (timeline["start"] >= start)
    ]
    return pd.DataFrame(
        {
            "id": tolls["id"],
            "date": tolls["date"],
            "value": tolls["value"].astype(int),
            "measure": tolls["measure"],
            "withdrawn": tolls["event"].str.contains("withdrawn"),
        }
    ).reset_index(drop=True)
