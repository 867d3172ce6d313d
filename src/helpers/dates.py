"""Dates of any precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), as the data files keep them.

A date known only to the month or year stands for an interval: ``2022-01`` is any day from
1 to 31 January 2022. :func:`date_span` gives that interval, so comparisons stay honest about
what is not known.
"""

from __future__ import annotations

import re
from datetime import datetime

import pandas as pd

_MONTHS = (
    "January February March April May June July August September October November December"
).split()
_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}
#: The precision a date's written form carries, keyed by its length.
PRECISION_BY_LENGTH = {4: "year", 7: "month", 10: "day"}
_PERIOD_FREQ = {"year": "Y", "month": "M", "day": "D"}


def is_valid_date(value: str) -> bool:
    """Whether ``value`` is a real calendar date written ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``."""
    date_format = _FORMATS.get(len(value))
    if date_format is None or not re.fullmatch(r"\d{4}(-\d\d){0,2}", value):
        return False
    try:
        datetime.strptime(value, date_format)
    except ValueError:
        return False
    return True


def date_problem(column: str, value: str) -> list[str]:
    """A one-item list naming the problem if ``value`` is not a valid date, else empty."""
    if is_valid_date(value):
        return []
    return [f"{column} {value!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD"]


def precision_of(iso: str) -> str:
    """``day``, ``month`` or ``year``: what a valid date's written form says it is precise to."""
    if not is_valid_date(iso):
        raise ValueError(f"not a date as YYYY, YYYY-MM or YYYY-MM-DD: {iso!r}")
    return PRECISION_BY_LENGTH[len(iso)]


def date_span(iso: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The first and last day a date of any precision may stand for.

    ``2022-01-05`` -> (5 Jan, 5 Jan); ``2022-01`` -> (1 Jan, 31 Jan); ``2019`` -> (1 Jan, 31 Dec).
    """
    period = pd.Period(iso, freq=_PERIOD_FREQ[precision_of(iso)])
    return period.start_time.normalize(), period.end_time.normalize()


def human_date(iso: str) -> str:
    """An ISO date of any precision in words: ``2022-01-13`` -> ``13 January 2022``,
    ``2022-01`` -> ``January 2022``, ``2019`` -> ``2019``. Other text is returned unchanged."""
    parts = iso.split("-")
    if not all(p.isdigit() for p in parts) or not 1 <= len(parts) <= 3:
        return iso
    if len(parts) == 1:
        return parts[0]
    month = _MONTHS[int(parts[1]) - 1]
    return f"{month} {parts[0]}" if len(parts) == 2 else f"{int(parts[2])} {month} {parts[0]}"
