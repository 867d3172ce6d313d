"""Who's who: the people and organisations the articles name, their roles, and their spellings.

Three hand-kept tables in ``data/``:

- ``actors.csv``: one row per person or organisation (``id``, ``name``, ``kind``).
- ``roles.csv``: one row per role held, with ``start`` and ``end`` dates of any precision (an
  empty ``end`` means the role was still held on the source's date; an empty ``start`` means no
  source for it was found, and the note must say so), the source key(s) in ``references.bib``
  and a note.
- ``spellings.csv``: one row per way an article writes a name, with its ``form``: ``reference``
  (as the sources write it, or the usual short form), ``transliteration`` (a
  transliteration from another language that no English source uses, which the integrity flags
  mark at low severity) or ``error`` (a misspelling or garbled form). The ``note`` says why; the
  integrity flags show it. Each spelling must occur
  in the article's raw text as a whole word or phrase; the loader checks that.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
from helpers.dates import date_problem, date_span, human_date

KINDS = ("person", "organisation")
FORMS = ("reference", "transliteration", "error")
ACTOR_COLUMNS = ("id", "name", "kind")
ROLE_COLUMNS = ("actor", "role", "start", "end", "source", "note")
SPELLING_COLUMNS = ("actor", "article", "spelling", "form", "note")


class ActorsError(InputError):
    """Bad who's-who input; names the file and every problem."""

    kind = "who's-who input"


@dataclass(frozen=True)
class Actors:
    """The who's-who tables: ``actors``, ``roles`` (with parsed dates) and ``spellings``."""

    actors: pd.DataFrame
    roles: pd.DataFrame
    spellings: pd.DataFrame


def occurs(spelling: str, text: str) -> bool:
    """Whether ``spelling`` occurs in ``text`` as a whole word or phrase (case-sensitive)."""
    return re.search(r"(?<!\w)" + re.escape(spelling) + r"(?!\w)", text) is not None


def _actor_problems(table: pd.DataFrame) -> list[str]:
    problems = []
    for row_no, row in records(table):
        where = row_label(row, row_no)
        problems += text_problems(row, where, ACTOR_COLUMNS)
        problems += id_problems(row["id"], where)
        if row["kind"] and row["kind"] not in KINDS:
            problems.append(f"{where}: kind {row['kind']!r} is not one of {KINDS}")
    return problems + duplicate_problems(table, "id", "actor id(s)")


def _role_problems(table: pd.DataFrame, actor_ids: set[str], known_keys: set[str]) -> list[str]:
    problems = []
    for row_no, row in records(table):
        where = row_label(row, row_no, key="actor")
        problems += text_problems(row, where, ("actor", "role", "source"))
        if not row["start"] and not row["note"]:
            problems.append(f"{where}: a role with no start date needs a note saying why")
        if row["actor"] and row["actor"] not in actor_ids:
            problems.append(f"{where}: actor {row['actor']!r} is not in actors.csv")
        dates = {column: row[column] for column in ("start", "end") if row[column]}
        bad = [p for column, value in dates.items() for p in date_problem(column, value)]
        problems += [f"{where}: {problem}" for problem in bad]
        if not bad and len(dates) == 2 and date_span(row["start"])[0] > date_span(row["end"])[1]:
            problems.append(f"{where}: start {row['start']} is after end {row['end']}")
        problems += [f"{where}: {p}" for p in unknown_keys(row["source"], known_keys)]
    return problems


def _spelling_problems(
    table: pd.DataFrame, actor_ids: set[str], texts: dict[str, str]
) -> list[str]:
    problems = []
    for row_no, row in records(table):
        where = row_label(row, row_no, key="actor")
        problems += text_problems(row, where, ("actor", "article", "spelling", "form"))
        if row["actor"] and row["actor"] not in actor_ids:
            problems.append(f"{where}: actor {row['actor']!r} is not in actors.csv")
        if row["form"] and row["form"] not in FORMS:
            problems.append(f"{where}: form {row['form']!r} is not one of {FORMS}")
        if row["article"] not in texts:
            problems.append(f"{where}: article {row['article']!r} is not in articles.csv")
        elif row["spelling"] and not occurs(row["spelling"], texts[row["article"]]):
            problems.append(
                f"{where}: spelling {row['spelling']!r} does not occur in article {row['article']}"
            )
    keyed = table.assign(key=table["actor"] + " | " + table["article"] + " | " + table["spelling"])
    return problems + duplicate_problems(keyed, "key", "spelling(s)")


def load_actors(
    articles: pd.DataFrame, data_dir: Path | None = None, bib_path: Path | None = None
) -> Actors:
    """Read and validate the three who's-who tables against the corpus and the bibliography.

    ``articles`` is the corpus's articles table (``id`` and ``raw_text``). Every actor must have
    at least one role and one spelling. All problems are reported in one :class:`ActorsError`.
    """
    data_dir = data_dir or paths.data_dir()
    files = {name: data_dir / f"{name}.csv" for name in ("actors", "roles", "spellings")}
    actors = read_text_csv(files["actors"], ACTOR_COLUMNS, ActorsError)
    roles = read_text_csv(files["roles"], ROLE_COLUMNS, ActorsError)
    spellings = read_text_csv(files["spellings"], SPELLING_COLUMNS, ActorsError)
    actor_ids = set(actors["id"])
    texts = dict(zip(articles["id"], articles["raw_text"], strict=True))
    problems = [(files["actors"], p) for p in _actor_problems(actors)]
    problems += [(files["roles"], p) for p in _role_problems(roles, actor_ids, bib_keys(bib_path))]
    problems += [(files["spellings"], p) for p in _spelling_problems(spellings, actor_ids, texts)]
    for name, table in (("roles", roles), ("spellings", spellings)):
        missing = sorted(actor_ids - set(table["actor"]))
        if missing:
            problems.append((files[name], f"no row for actor(s): {', '.join(missing)}"))
    if problems:
        raise ActorsError(problems)
    roles = roles.assign(
        start_day=roles["start"].map(lambda d: date_span(d)[0] if d else pd.NaT),
        end_day=roles["end"].map(lambda d: date_span(d)[1] if d else pd.NaT),
    )
    return Actors(actors=actors, roles=roles, spellings=spellings)


def _role_text(role: pd.Series) -> str:
    """``Role (from 7 May 2012)``: an open end means the role was still held on the source's
    date; a missing start is said, not guessed."""
    start, end = (human_date(role[c]) if role[c] else "" for c in ("start", "end"))
    if start and end:
        dates = f"{start} to {end}"
    elif start:
        dates = f"from {start}"
    elif end:
        dates = f"until {end}; start not found"
    else:
        dates = "dates not found"
    return f"{role['role']} ({dates})"


def whos_who_table(actors: Actors) -> pd.DataFrame:
    """One row per actor, in the order of ``actors.csv``: name, roles with dates, sources."""
    roles = actors.roles.sort_values("start_day", kind="stable")
    rows = []
    for actor in actors.actors.itertuples(index=False):
        held = roles[roles["actor"] == actor.id]
        keys = [key for cell in held["source"] for key in split_keys(cell)]
        rows.append(
            {
                "name": actor.name,
                "roles, with dates": "; ".join(_role_text(role) for _, role in held.iterrows()),
                "sources": "; ".join(dict.fromkeys(keys)),
            }
        )
    return pd.DataFrame(rows)


def spellings_table(actors: Actors, labels: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per actor, in the order of ``actors.csv``: how the articles write the name,
    grouped by form. Cells read like ``Tokayev (001, 002)``: a spelling, then who uses it (by
    their ``labels``, ``002 · asiunical.org``, if given)."""
    labels = labels or {}
    rows = []
    for actor in actors.actors.itertuples(index=False):
        used = actors.spellings[actors.spellings["actor"] == actor.id]
        row = {"name": actor.name}
        for form in FORMS:
            articles = used[used["form"] == form].groupby("spelling", sort=False)["article"]
            row[form] = "; ".join(
                f"{spelling} ({', '.join(labels.get(i, i) for i in sorted(set(ids)))})"
                for spelling, ids in articles
            )
        rows.append(row)
    return pd.DataFrame(rows, columns=["name", *FORMS])


def actor_facts(actors: Actors, labels: dict[str, str] | None = None) -> dict[str, object]:
    """Counts for the prose: actors by kind, spellings by form, articles with garbled names."""
    kinds = actors.actors["kind"].value_counts()
    forms = actors.spellings["form"].value_counts()
    errors = actors.spellings[actors.spellings["form"] == "error"]
    return {
        "n_actors": len(actors.actors),
        "n_people": int(kinds.get("person", 0)),
        "n_organisations": int(kinds.get("organisation", 0)),
        "n_roles": len(actors.roles),
        "n_roles_no_start": int((actors.roles["start"] == "").sum()),
        "n_spellings": len(actors.spellings),
        **{f"n_spellings_{form}": int(forms.get(form, 0)) for form in FORMS},
        "error_articles": _in_words(
            [(labels or {}).get(a, a) for a in sorted(set(errors["article"]))]
        ),
        "n_error_actors": errors["actor"].nunique(),
    }


def _in_words(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return " and ".join([", ".join(items[:-1]), items[-1]]) if len(items) > 1 else "".join(items)
