"""Showing things in the book: tables that render in HTML and PDF, and numbers for the prose.

A DataFrame's HTML repr never reaches the PDF, so :class:`Table` renders as a MyST ``table``
directive (a numbered, captioned pipe table, referable with ``{numref}``). The book's
``_config.yml`` sets ``nb_render_markdown_format: myst`` and prefers ``text/markdown`` over HTML
so that HTML and PDF get the same table.

Cell text is data, never markup: every ASCII punctuation character is backslash-escaped (which
CommonMark renders literally), so article text containing ``<script>``, ``*emphasis*``, MyST roles
or links shows as typed.
"""

from __future__ import annotations

import numbers
import string
from collections.abc import Mapping, Sequence

import pandas as pd

_ESCAPES = {ord(c): "\\" + c for c in string.punctuation}


def escape_markdown(text: object) -> str:
    """Text that MyST shows literally: punctuation escaped, line breaks and tabs as spaces."""
    flat = " ".join(str(text).split())
    return flat.translate(_ESCAPES)


def format_cell(value: object) -> str:
    """A cell value as display text: integers with thousands separators, floats to 1 decimal."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        return f"{float(value):,.1f}"
    return str(value)


class Table:
    """A DataFrame shown as a numbered, captioned table in both HTML and PDF.

    ``name`` is the label for ``{numref}`` (e.g. ``tbl-corpus``); ``widths`` gives relative column
    widths (needed for text-heavy tables to wrap in the PDF); ``align`` one of ``l``, ``c``, ``r``
    per column (numbers are right-aligned by default).
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        caption: str,
        name: str,
        *,
        widths: Sequence[int] | None = None,
        align: Sequence[str] | None = None,
    ):
        if widths is not None and len(widths) != len(frame.columns):
            raise ValueError(f"{name}: {len(widths)} widths for {len(frame.columns)} columns")
        self.frame = frame
        self.caption = caption
        self.name = name
        self.widths = widths
        self.align = align or [
            "r" if pd.api.types.is_numeric_dtype(frame[c]) else "l" for c in frame.columns
        ]

    def pipe_table(self) -> str:
        """The body as an escaped Markdown pipe table."""
        rule = {"l": ":--", "c": ":-:", "r": "--:"}
        header = "| " + " | ".join(escape_markdown(c) for c in self.frame.columns) + " |"
        divider = "|" + "|".join(rule[a] for a in self.align) + "|"
        rows = [
            "| " + " | ".join(escape_markdown(format_cell(v)) for v in row) + " |"
            for row in self.frame.itertuples(index=False)
        ]
        return "\n".join([header, divider, *rows])

    def _repr_markdown_(self) -> str:
        options = [f":name: {self.name}"]
        if self.widths:
            options.append(":widths: " + " ".join(str(w) for w in self.widths))
        if len(self.frame) > 25:
            options.append(":class: longtable")
        return (
            f"```{{table}} {escape_markdown(self.caption)}\n"
            + "\n".join(options)
            + "\n\n"
            + self.pipe_table()
            + "\n```\n"
        )

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.frame.to_string(index=False)}"


class PlainText:
    """Text whose plain repr is the text itself, so ``{glue:text}`` shows it without quotes."""

    def __init__(self, text: str):
        self.text = text

    def __repr__(self) -> str:
        return self.text


def plain(value: object) -> object:
    """A value ready for glue: NumPy scalars as Python numbers (glue's format specs fail on
    NumPy 2 scalars), strings as :class:`PlainText`."""
    if isinstance(value, str):
        return PlainText(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        return float(value)
    return value


def glue_values(values: Mapping[str, object]) -> None:
    """Glue each value under its name for ``{glue:text}`` in the prose, without displaying it."""
    from myst_nb import glue

    for name, value in values.items():
        glue(name, plain(value), display=False)
