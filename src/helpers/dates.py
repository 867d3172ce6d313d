"""Dates of any precision (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``), as the metadata keeps them."""

from __future__ import annotations

_MONTHS = (
    "January February March April May June July August September October November December"
).split()


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
