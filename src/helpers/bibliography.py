"""The book's bibliography (``references.bib``): which keys exist, and what each source is.

Data files cite sources by BibTeX key; :func:`bib_keys` lets their loaders check every key,
so a typo fails the tests instead of leaving a broken citation in the book.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pybtex.database import BibliographyDataError, PybtexError, parse_string

from helpers import paths
from helpers.csvdata import InputError


class BibliographyError(InputError):
    """The bibliography cannot be read."""

    kind = "bibliography"


def _entries(bib_path: Path | None = None):
    """The bibliography's entries, parsed once per content: every loader checks its keys."""
    bib_path = bib_path or paths.bibliography_file()
    if not bib_path.is_file():
        raise BibliographyError([(bib_path, "file not found")])
    try:
        return _parsed(bib_path.read_bytes().decode("utf-8"))
    except (BibliographyDataError, PybtexError, UnicodeDecodeError) as err:
        raise BibliographyError([(bib_path, f"cannot be parsed as BibTeX ({err})")]) from err


@lru_cache(maxsize=8)
def _parsed(text: str):
    return parse_string(text, bib_format="bibtex").entries


def bib_keys(bib_path: Path | None = None) -> set[str]:
    """Every citation key in the bibliography."""
    return set(_entries(bib_path).keys())


def bib_urls(bib_path: Path | None = None) -> dict[str, str]:
    """Every citation key with the web address of its source (empty when it has none)."""
    return {key: entry.fields.get("url", "") for key, entry in _entries(bib_path).items()}


def split_keys(cell: str) -> list[str]:
    """The keys in a data cell that cites one or more sources, separated by ``;``."""
    return [key.strip() for key in cell.split(";") if key.strip()]


def unknown_keys(cell: str, known: set[str]) -> list[str]:
    """A one-item list naming the keys in ``cell`` that the bibliography lacks, else empty."""
    unknown = [key for key in split_keys(cell) if key not in known]
    return [f"source key(s) not in references.bib: {', '.join(unknown)}"] if unknown else []
