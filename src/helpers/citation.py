"""How to cite the report: read ``CITATION.cff`` and render it as a sentence and as BibTeX.

``CITATION.cff`` is the one place the edition's title, authors, version and release date are kept;
the landing page shows what these functions make of it, so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

from helpers import paths
from helpers.csvdata import InputError

#: Keys the Citation File Format requires, and the ones a citation needs.
REQUIRED_KEYS = ("cff-version", "message", "title", "authors", "version", "date-released")


class CitationError(InputError):
    kind = "citation file"


def load_citation(path: Path | None = None) -> dict[str, object]:
    """The citation metadata, checked: required keys present, authors named, a real date."""
    path = path or paths.project_root() / "CITATION.cff"
    if not path.is_file():
        raise CitationError([(path, "file not found")])
    try:
        meta = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as err:
        raise CitationError([(path, f"cannot be read as UTF-8 YAML ({err})")]) from err
    if not isinstance(meta, dict):
        raise CitationError([(path, "must be a mapping of keys")])
    problems = [f"missing key: {key}" for key in REQUIRED_KEYS if key not in meta]
    authors = meta.get("authors")
    if "authors" in meta and not (authors and all(author_name(a) for a in authors)):
        problems.append("every author needs a name, or given-names and family-names")
    released = str(meta.get("date-released", ""))
    try:
        meta["date-released"] = dt.date.fromisoformat(released)
    except ValueError:
        if "date-released" in meta:
            problems.append(f"date-released {released!r} is not a date as YYYY-MM-DD")
    if problems:
        raise CitationError([(path, problem) for problem in problems])
    return meta


def author_name(author: object) -> str:
    """An author's name as cited: an entity's ``name``, or given and family names."""
    if not isinstance(author, dict):
        return ""
    if author.get("name"):
        return str(author["name"])
    parts = (author.get("given-names", ""), author.get("family-names", ""))
    return " ".join(str(p) for p in parts if p) if parts[1] else ""


def citation_text(meta: dict[str, object]) -> str:
    """A reference in author–date style: ``Authors (Year). Title. Version v, released date.``"""
    released: dt.date = meta["date-released"]  # type: ignore[assignment]
    authors = ", ".join(author_name(a) for a in meta["authors"])  # type: ignore[union-attr]
    return (
        f"{authors} ({released.year}). {meta['title']}. Version {meta['version']}, "
        f"released {released.day} {released:%B %Y}."
    )


def citation_bibtex(meta: dict[str, object], key: str = "kazakhstan_articles_report") -> str:
    """The same reference as a BibTeX ``@software`` entry (entity names braced, as BibTeX
    needs, so they are not split into first and last names)."""
    released: dt.date = meta["date-released"]  # type: ignore[assignment]
    authors = " and ".join(
        f"{{{author_name(a)}}}" if "name" in a else author_name(a)
        for a in meta["authors"]  # type: ignore[union-attr]
    )
    fields = {
        "author": authors,
        "title": f"{{{meta['title']}}}",
        "version": meta["version"],
        "year": released.year,
        "date": released.isoformat(),
    }
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields.items())
    return f"@software{{{key},\n{body}\n}}"
