"""The helper package, described by itself: each module and the first paragraph of its docstring,
so the list of modules in the appendix "Reproducing and extending this book" can never fall
behind the code."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pandas as pd

import helpers

#: reST inline literals and roles (``x``, :func:`x`, :func:`~a.x`), shown as their plain text.
_RST_MARKUP = re.compile(r"``([^`]+)``|:[\w:]+:`~?([^`]+)`")


def summary_line(docstring: str) -> str:
    """A docstring's first paragraph, on one line, its reST markup as plain text."""
    first = " ".join(docstring.strip().split("\n\n")[0].split())
    return _RST_MARKUP.sub(lambda m: m.group(1) or m.group(2), first)


def module_table(package_dir: Path | None = None) -> pd.DataFrame:
    """One row per module of the helper package: its name and what its docstring says it does.
    A module without a docstring is an error: every module must say what it is for."""
    package_dir = package_dir or Path(helpers.__file__).parent
    rows = []
    for path in sorted(package_dir.glob("*.py")):
        if path.name == "__init__.py":
            continue
        docstring = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
        if not docstring:
            raise ValueError(f"{path}: module has no docstring")
        rows.append({"module": f"helpers.{path.stem}", "what it does": summary_line(docstring)})
    return pd.DataFrame(rows)
