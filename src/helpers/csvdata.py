"""Reading the project's hand-kept CSV tables, and the one error type for bad input.

Every table is read as text (no type guessing, no "NA" turned into a missing value), so that
validation sees exactly what is in the file. Problems are collected, not raised one at a time:
:class:`InputError` names every file and everything wrong with it in one message.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import pandas as pd

#: Identifiers: letters, digits and hyphens, not starting with a hyphen.
ID_PATTERN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]*$")


class InputError(ValueError):
    """Bad input data. ``problems`` lists (file, problem) pairs; the message names them all,
    one a line, the first on its first line, and ends with what kind of input was bad."""

    kind = "input"

    def __init__(self, problems: Iterable[tuple[Path | str, str]]):
        self.problems = [(str(path), problem) for path, problem in problems]
        lines = [f"{path}: {problem}" for path, problem in self.problems]
        count = f"{len(lines)} problem" + ("s" if len(lines) != 1 else "")
        super().__init__("\n".join([*lines, f"({count} in the {self.kind})"]))


def read_text_csv(
    csv_path: Path,
    required_columns: Sequence[str],
    error: type[InputError] = InputError,
) -> pd.DataFrame:
    """Read a UTF-8 CSV with every value as text; raise ``error`` if it is missing, unreadable,
    lacks a required column or has no rows."""
    if not csv_path.is_file():
        raise error([(csv_path, "file not found")])
    try:
        # utf-8-sig: a byte-order mark some editors write is not part of the first column's name.
        table = pd.read_csv(csv_path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        with csv_path.open(encoding="utf-8-sig", newline="") as handle:
            header = next(csv.reader(handle))
    except (UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as err:
        raise error([(csv_path, f"cannot be read as UTF-8 CSV ({err})")]) from err
    repeated = sorted({c for c in header if header.count(c) > 1})
    if repeated:  # pandas would silently rename the second copy ("id.1")
        raise error([(csv_path, f"column(s) named twice in the header: {', '.join(repeated)}")])
    missing = [c for c in required_columns if c not in table.columns]
    if missing:
        raise error([(csv_path, f"missing required column(s): {', '.join(missing)}")])
    if table.empty:
        raise error([(csv_path, "has a header but no rows")])
    return table


def row_label(row: dict[str, str], row_no: int, key: str = "id") -> str:
    """How a problem names its row: ``row 3 (id 'abc')``; ``row_no`` counts the header as 1."""
    return f"row {row_no} (id {row.get(key, '')!r})"


def text_problems(row: dict[str, str], where: str, required: Iterable[str]) -> list[str]:
    """Empty required values, and values with spaces around them."""
    problems = [f"{where}: empty {column!r}" for column in required if not row[column].strip()]
    problems += [
        f"{where}: {column!r} has spaces around it"
        for column, value in row.items()
        if value != value.strip()
    ]
    return problems


def id_problems(value: str, where: str) -> list[str]:
    """A one-item list if a non-empty identifier has characters other than letters, digits and
    hyphens (or starts with a hyphen), else empty."""
    if value and not ID_PATTERN.match(value):
        return [f"{where}: id must be letters, digits or hyphens"]
    return []


def quote_problems(row: dict[str, str], where: str, text: str | None) -> list[str]:
    """A one-item list if the row's ``start`` and ``end`` are not character offsets into
    ``text`` at which its ``quote`` stands, else empty (with no ``text``, only whether they
    are offsets)."""
    if not (row["start"].isdigit() and row["end"].isdigit()):
        return [f"{where}: start and end must be character offsets"]
    if text is None:
        return []
    found = text[int(row["start"]) : int(row["end"])]
    if found != row["quote"]:
        return [f"{where}: the text at {row['start']}-{row['end']} is {found!r}, not the quote"]
    return []


def duplicate_problems(table: pd.DataFrame, column: str, what: str) -> list[str]:
    """One problem naming the values that occur more than once in ``column``."""
    duplicated = sorted(set(table.loc[table[column].duplicated(), column]))
    return [f"{what} listed twice: {', '.join(duplicated)}"] if duplicated else []


def records(table: pd.DataFrame) -> list[tuple[int, dict[str, str]]]:
    """Rows as dicts, with their line number in the file (header = 1).

    Dicts rather than ``itertuples``: extra columns may have any name."""
    return list(enumerate(table.to_dict("records"), start=2))
