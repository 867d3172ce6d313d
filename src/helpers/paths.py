"""Where the project's files are, independent of the working directory.

myst-nb runs each chapter with the chapter's own folder as working directory, so every path is
built from the project root. The root is the folder that holds ``src/helpers`` (the package is
installed in editable mode), unless the environment variable ``KZBOOK_ROOT`` names another copy of
the project (the tests build the book in a temporary copy that way).
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT_ENV_VAR = "KZBOOK_ROOT"


def project_root() -> Path:
    """The project's top folder (``KZBOOK_ROOT`` if set, else the folder above ``src/``)."""
    override = os.environ.get(ROOT_ENV_VAR)
    if override:
        return Path(override).resolve()
    return Path(__file__).resolve().parents[2]


def data_dir() -> Path:
    """The ``data/`` folder."""
    return project_root() / "data"


def articles_dir() -> Path:
    """The folder of raw article texts, ``data/articles/``."""
    return data_dir() / "articles"


def articles_metadata_csv() -> Path:
    """The article metadata table, ``data/articles.csv``."""
    return data_dir() / "articles.csv"


def cache_dir() -> Path:
    """A project-local, git-ignored folder for derived files (never outside the project)."""
    return project_root() / ".cache"


def bibliography_file() -> Path:
    """The book's one BibTeX file, ``references.bib``."""
    return project_root() / "references.bib"
