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
import re
import string
from collections.abc import Mapping, Sequence

import pandas as pd

_ESCAPES = {ord(c): "\\" + c for c in string.punctuation}
# A web address safe to show as an autolink: scheme, then no white space, quotes or angle brackets.
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\|]+$")


def escape_markdown(text: object) -> str:
    """Text that MyST shows literally: punctuation escaped, line breaks and tabs as spaces."""
    flat = " ".join(str(text).split())
    return flat.translate(_ESCAPES)


def code_span(text: object) -> str:
    """Text as a Markdown code span: shown literally, in monospace, never parsed as markup."""
    flat = " ".join(str(text).split())
    if not flat:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    return f"{fence} {flat} {fence}"


def link_or_text(text: object) -> str:
    """A web address as a clickable autolink if it is a plain http(s) address, else plain text."""
    flat = str(text).strip()
    return f"<{flat}>" if _SAFE_URL.match(flat) else escape_markdown(flat)


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


def column_widths(frame: pd.DataFrame, low: int = 3, high: int = 60) -> list[int]:
    """Relative column widths from the content: the longer of the longest header word and the
    typical (90th percentile) cell length, clamped to ``[low, high]`` characters."""
    widths = []
    for column in frame.columns:
        header = max((len(word) for word in str(column).split()), default=0)
        cells = frame[column].map(lambda v: len(format_cell(v)))
        typical = int(cells.quantile(0.9)) if len(cells) else 0
        widths.append(min(max(header, typical, low), high))
    return widths


class Table:
    """A DataFrame shown as a numbered, captioned table in both HTML and PDF.

    ``name`` is the label for ``{numref}`` (e.g. ``tbl-corpus``); ``widths`` gives relative column
    widths (default: :func:`column_widths`; the PDF wraps text cells to them); ``align`` one of
    ``l``, ``c``, ``r`` per column (numbers are right-aligned by default). Cells of
    ``code_columns`` show as code spans (file names, patterns), cells of ``link_columns`` as
    links when they are plain web addresses; everything else is escaped text.
    """

    def __init__(
        self,
        frame: pd.DataFrame,
        caption: str,
        name: str,
        *,
        widths: Sequence[int] | None = None,
        align: Sequence[str] | None = None,
        code_columns: Sequence[str] = (),
        link_columns: Sequence[str] = (),
    ):
        if widths is not None and len(widths) != len(frame.columns):
            raise ValueError(f"{name}: {len(widths)} widths for {len(frame.columns)} columns")
        self.frame = frame
        self.caption = caption
        self.name = name
        self.widths = list(widths) if widths is not None else column_widths(frame)
        unknown = (set(code_columns) | set(link_columns)) - set(frame.columns)
        if unknown:
            raise ValueError(f"{name}: no column(s) {sorted(unknown)}")
        self.code_columns = set(code_columns)
        self.link_columns = set(link_columns)
        if widths is None:
            # Monospace is wider than the text face and code spans should not wrap: size code
            # columns by their longest cell.
            for i, column in enumerate(frame.columns):
                if column in self.code_columns:
                    longest = frame[column].map(lambda v: len(format_cell(v))).max()
                    self.widths[i] = max(self.widths[i], round(1.25 * int(longest or 0)))
        self.align = align or [
            "r" if pd.api.types.is_numeric_dtype(frame[c]) else "l" for c in frame.columns
        ]

    def pipe_table(self) -> str:
        """The body as an escaped Markdown pipe table."""
        rule = {"l": ":--", "c": ":-:", "r": "--:"}
        header = "| " + " | ".join(escape_markdown(c) for c in self.frame.columns) + " |"
        divider = "|" + "|".join(rule[a] for a in self.align) + "|"
        rows = [
            "| "
            + " | ".join(self._cell(c, v) for c, v in zip(self.frame.columns, row, strict=True))
            + " |"
            for row in self.frame.itertuples(index=False)
        ]
        return "\n".join([header, divider, *rows])

    def _cell(self, column: str, value: object) -> str:
        text = format_cell(value)
        if isinstance(value, numbers.Number):
            return text  # digits, separators and a sign: nothing to escape
        if column in self.code_columns:
            return code_span(text).replace("|", "\\|")
        if column in self.link_columns:
            return link_or_text(text)
        return escape_markdown(text)

    def latex_columns(self) -> str:
        """A ``tabularcolumns`` spec for the PDF: each column a share of the line width (its
        width plus room for the cell padding), text ragged-right, numbers flush right, and code
        never hyphenated."""
        weights = [w + 4 for w in self.widths]
        total = sum(weights)
        shape = {"l": r"\raggedright", "c": r"\centering", "r": r"\raggedleft"}
        specs = []
        for column, align, weight in zip(self.frame.columns, self.align, weights, strict=True):
            setup = shape[align] + r"\arraybackslash"
            if column in self.code_columns:
                setup += r"\hyphenpenalty=10000"
            specs.append(f">{{{setup}}}\\Y{{{int(1000 * weight / total) / 1000:.3f}}}")
        return "".join(specs)

    def _repr_markdown_(self) -> str:
        options = [f":name: {self.name}", ":widths: " + " ".join(str(w) for w in self.widths)]
        if len(self.frame) > 25:
            options.append(":class: longtable")
        return (
            f"```{{tabularcolumns}} {self.latex_columns()}\n```\n\n"
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
