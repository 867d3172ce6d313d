"""The reader's reading of each article (``data/readings.csv``): a paragraph on what it argues and
a line on its stance towards the authorities, shown at the top of the article's page.

A reading is a person's judgement, recorded as data so that every article page comes from one
template. Every span the reading puts in double quotation marks must be the article's own words:
the loader checks that each occurs in the article. An article no reader has read yet has no row;
its page says so.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.csvdata import InputError, duplicate_problems, read_text_csv, records, text_problems

COLUMNS = ("article", "authorities", "reading")
_QUOTED = re.compile(r'"([^"]+)"')


class ReadingsError(InputError):
    """Bad readings input; names the file and every problem."""

    kind = "readings input"


def readings_csv() -> Path:
    """The readings, ``data/readings.csv``."""
    return paths.data_dir() / "readings.csv"


def quoted_spans(text: str) -> list[str]:
    """The spans of a reading in straight double quotation marks."""
    return _QUOTED.findall(text)


def load_readings(articles: pd.DataFrame, csv_path: Path | None = None) -> pd.DataFrame:
    """Read and check the readings against the corpus (``id``, ``raw_text``); one row per article
    that has one."""
    csv_path = csv_path or readings_csv()
    table = read_text_csv(csv_path, COLUMNS, ReadingsError)
    texts = dict(zip(articles["id"], articles["raw_text"], strict=True))
    problems = []
    for row_no, row in records(table):
        where = f"row {row_no} ({row['article']})"
        problems += text_problems(row, where, COLUMNS)
        if row["article"] not in texts:
            problems.append(f"{where}: article {row['article']!r} is not in articles.csv")
            continue
        for span in quoted_spans(row["reading"]):
            if span not in texts[row["article"]]:
                problems.append(f"{where}: the quoted words {span!r} are not in the article")
    problems += duplicate_problems(table, "article", "article(s)")
    if problems:
        raise ReadingsError([(csv_path, problem) for problem in problems])
    return table
