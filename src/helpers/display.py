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
from collections.abc import Iterable, Mapping, Sequence

import pandas as pd

_ESCAPES = {ord(c): "\\" + c for c in string.punctuation}
# A web address safe to show as an autolink: scheme, then no white space, quotes or angle brackets.
_SAFE_URL = re.compile(r"^https?://[^\s<>\"'`\\|]+$")
# Link text that is safe inside a {ref} role (an article's label), and a label to point at.
_REF_TEXT = re.compile(r"^[\w ·.,'()&-]+$")
_REF_LABEL = re.compile(r"^[A-Za-z0-9_-]+$")
# A BibTeX key that is safe inside a {cite:p} role.
_CITE_KEY = re.compile(r"^[A-Za-z0-9_:-]+$")
#: The MIME type under which a cell's output carries the CSV of each table it shows; the
#: ``helpers.downloads`` extension writes them next to the page and links them.
TABLES_MIME = "application/vnd.kz.tables+json"
#: The MIME types under which a cell publishes files beside the HTML (``downloads/<path>``)
#: and JSON-LD for its page's head; see :class:`Published`.
FILES_MIME = "application/vnd.kz.files+json"
JSONLD_MIME = "application/vnd.kz.jsonld+json"


class Published:
    """A cell output that shows nothing and publishes, in the HTML build, ``files`` (path under
    ``downloads/`` to text) and ``jsonld`` (objects embedded in the page's head as
    ``application/ld+json``). Put it in a ``remove-cell`` cell: ``helpers.downloads`` reads it
    from the executed notebook."""

    def __init__(self, files: Mapping[str, str], jsonld: Iterable[dict] = ()):
        self.files = dict(files)
        self.jsonld = list(jsonld)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        files = [{"path": path, "text": text} for path, text in self.files.items()]
        return {
            "text/plain": f"published: {', '.join(self.files) or 'no files'}",
            FILES_MIME: {"files": files},
            JSONLD_MIME: {"items": self.jsonld},
        }


def _flat(text: object) -> str:
    """Text on one line: runs of white space (line breaks, tabs) as single spaces."""
    return " ".join(str(text).split())


def escape_markdown(text: object) -> str:
    """Text that MyST shows literally: punctuation escaped, line breaks and tabs as spaces."""
    return _flat(text).translate(_ESCAPES)


def code_span(text: object) -> str:
    """Text as a Markdown code span: shown literally, in monospace, never parsed as markup."""
    flat = _flat(text)
    if not flat:
        return ""
    fence = "`" * (max((len(run) for run in re.findall(r"`+", flat)), default=0) + 1)
    return f"{fence} {flat} {fence}"


def link_or_text(text: object) -> str:
    """A web address as a clickable autolink if it is a plain http(s) address, else plain text."""
    flat = str(text).strip()
    return f"<{flat}>" if _SAFE_URL.match(flat) else escape_markdown(flat)


def citation(keys: str) -> str:
    """Source keys separated by ``;`` as one ``{cite:p}`` role (numbered references in the book).

    Keys are checked, never passed through: a key with any other character is refused."""
    parsed = [key.strip() for key in str(keys).split(";") if key.strip()]
    bad = [key for key in parsed if not _CITE_KEY.match(key)]
    if bad:
        raise ValueError(f"not a citation key: {bad}")
    return "{cite:p}`" + ",".join(parsed) + "`" if parsed else ""


def ref_link(text: object, label: str) -> str:
    """Text as a cross-reference to ``label`` (``{ref}``), if both are plain enough to be safe
    inside the role; otherwise the text alone, escaped."""
    flat = _flat(text)
    if _REF_TEXT.match(flat) and _REF_LABEL.match(label):
        return "{ref}`" + flat + " <" + label + ">`"
    return escape_markdown(flat)


def _cited_length(keys: object) -> int:
    """About how many characters a citation cell shows: ``[12, 13]`` for two keys."""
    count = len([key for key in str(keys).split(";") if key.strip()])
    return 4 * count if count else 0


def format_cell(value: object, decimals: int = 1) -> str:
    """A cell value as display text: integers with thousands separators, floats to
    ``decimals`` places (1 by default)."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, numbers.Integral):
        return f"{int(value):,}"
    if isinstance(value, numbers.Real):
        return f"{float(value):,.{decimals}f}"
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


# The PDF's text block (A4, 11 pt) and its tables (\small type, \tabcolsep 4 pt, set in
# _config.yml): about 1.9 mm per character of text, 2.15 mm per character of code, and 2.8 mm
# of padding per column.
LINE_MM, CHAR_MM, CODE_CHAR_MM, PAD_MM = 159.0, 1.9, 2.15, 2.8
#: A table with more text than this (about half a page) may break across PDF pages.
LONG_TABLE_CHARS = 2500
#: Columns of at most this many characters (ids, numbers, dates) never wrap in the PDF.
SHORT_COLUMN = 12


def latex_shares(
    widths: Sequence[int], unbreakable: Sequence[int], code: Sequence[bool]
) -> list[float]:
    """Each column's share of the PDF line width, rounded down to 3 decimals (sum <= 1).

    Every column first gets room for its longest unbreakable piece (``unbreakable``, in
    characters: a word, an address segment, a whole code span or short value); what is left of
    the line is shared in proportion to how much more each column would like (``widths``).
    """
    per_char = [CODE_CHAR_MM if c else CHAR_MM for c in code]
    wanted = [max(w, u) * k + PAD_MM for w, u, k in zip(widths, unbreakable, per_char, strict=True)]
    floor = [u * k + PAD_MM for u, k in zip(unbreakable, per_char, strict=True)]
    room = LINE_MM - sum(floor)
    if sum(wanted) > LINE_MM and room > 0:
        extra = [w - f for w, f in zip(wanted, floor, strict=True)]
        wanted = [f + room * e / sum(extra) for f, e in zip(floor, extra, strict=True)]
    total = sum(wanted)
    return [int(1000 * n / total) / 1000 for n in wanted]


#: The article labels every Table of this kernel shows instead of bare ids (see
#: :func:`use_article_labels`); empty until a chapter sets them.
_ARTICLE_LABELS: dict[str, str] = {}
#: Columns whose cells are article ids (or lists of them, ``000, 002``).
ARTICLE_COLUMNS = ("article", "id", "article_id", "articles")


def use_article_labels(labels: Mapping[str, str]) -> None:
    """Show articles by their labels (``002 · asiunical.org``) in every :class:`Table` made after
    this call: cells of :data:`ARTICLE_COLUMNS` and column headers that are article ids. A
    chapter calls it once, with ``corpus.labels``; the labels are defined in ``articles.csv``."""
    _ARTICLE_LABELS.clear()
    _ARTICLE_LABELS.update(labels)


def label_values(labels: Mapping[str, str]) -> dict[str, str]:
    """Each article's label for the prose, glued as ``label_<id>`` (``{glue:text}`label_002```
    reads "002 · asiunical.org"), so that prose names articles as the tables do."""
    return {f"label_{article}": label for article, label in labels.items()}


def with_article_labels(frame: pd.DataFrame, labels: Mapping[str, str]) -> pd.DataFrame:
    """``frame`` with article ids replaced by their labels, in :data:`ARTICLE_COLUMNS` cells (an
    ``id`` column is then headed ``article``) and in column headers."""
    if not labels:
        return frame
    shown = frame.copy()

    def label(value: object) -> object:
        if not isinstance(value, str):
            return value
        parts = [part.strip() for part in value.split(",")]
        if value in labels or (len(parts) > 1 and all(p in labels for p in parts)):
            return ", ".join(labels[p] for p in parts)
        return value

    for column in ARTICLE_COLUMNS:
        if column in shown.columns:
            shown[column] = shown[column].map(label)
    renamed = {c: labels[c] for c in shown.columns if isinstance(c, str) and c in labels}
    if "id" in shown.columns and "article" not in shown.columns and frame["id"].isin(labels).any():
        renamed["id"] = "article"
    return shown.rename(columns=renamed)


class Table:
    """A DataFrame shown as a numbered, captioned table in both HTML and PDF.

    ``name`` is the label for ``{numref}`` (e.g. ``tbl-corpus``); ``widths`` gives relative column
    widths (default: :func:`column_widths`; the PDF wraps text cells to them); ``align`` one of
    ``l``, ``c``, ``r`` per column (numbers are right-aligned by default). Cells of
    ``code_columns`` show as code spans (file names, patterns), cells of ``link_columns`` as
    links when they are plain web addresses, cells of ``ref_columns`` (``{column: {cell text:
    label}}``) as cross-references to those labels, cells of ``cite_columns`` (bibliography keys
    separated by ``;``) as numbered citations; everything else is escaped text. Numbers show
    one decimal, or as many as ``decimals`` gives for their column. A table with ``long`` set (or
    a long one) may break across PDF pages; one with ``numbered`` unset has no number.
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
        cite_columns: Sequence[str] = (),
        long: bool = False,
        ref_columns: Mapping[str, Mapping[str, str]] | None = None,
        numbered: bool = True,
        decimals: Mapping[str, int] | None = None,
    ):
        if widths is not None and len(widths) != len(frame.columns):
            raise ValueError(f"{name}: {len(widths)} widths for {len(frame.columns)} columns")
        if not _REF_LABEL.match(name):
            raise ValueError(f"not a table name (letters, digits, - and _ only): {name!r}")
        frame = whole_numbers_as_integers(with_article_labels(frame, _ARTICLE_LABELS))
        self.frame = frame
        self.caption = caption
        self.name = name
        self.long = long
        self.numbered = numbered
        self.decimals = dict(decimals or {})
        unknown = (
            set(code_columns)
            | set(link_columns)
            | set(cite_columns)
            | set(ref_columns or {})
            | set(self.decimals)
        ) - set(frame.columns)
        if unknown:
            raise ValueError(f"{name}: no column(s) {sorted(unknown)}")
        self.code_columns = set(code_columns)
        self.link_columns = set(link_columns)
        self.cite_columns = set(cite_columns)
        self.ref_columns = dict(ref_columns or {})
        self.widths = list(widths) if widths is not None else column_widths(self._as_shown())
        self.align = align or [
            "r" if pd.api.types.is_numeric_dtype(frame[c]) else "l" for c in frame.columns
        ]

    def _text_length(self) -> int:
        """All the characters in the table's cells."""
        return int(sum(len(format_cell(v)) for column in self.frame for v in self.frame[column]))

    def _as_shown(self) -> pd.DataFrame:
        """The frame with citation cells replaced by text as long as what the reader sees."""
        shown = self.frame.copy()
        for column in self.cite_columns:
            shown[column] = shown[column].map(lambda keys: "0" * _cited_length(keys))
        return shown

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
        if not rows:  # a table with no body breaks the PDF build: say that there is nothing
            rows = ["| none |" + " |" * (len(self.frame.columns) - 1)]
        return "\n".join([header, divider, *rows])

    def unbreakable(self) -> list[int]:
        """Per column, the longest piece the PDF cannot wrap, in characters: a whole code span,
        a whole short value, or otherwise the longest word (a web address, set with xurl, breaks
        anywhere)."""
        lengths = []
        shown = self._as_shown()
        for column, width in zip(shown.columns, self.widths, strict=True):
            cells = [format_cell(v) for v in shown[column]]
            if column in self.code_columns:
                pieces = cells
            elif column in self.cite_columns:  # breaks between numbers: one "[123," at most
                pieces = ["0" * 5, *str(column).split()]
            elif column in self.link_columns:  # an autolink, which xurl breaks anywhere
                pieces = [p for c in cells if not _SAFE_URL.match(c) for p in c.split()]
                pieces += str(column).split()
            elif width <= SHORT_COLUMN and column not in ARTICLE_COLUMNS:
                pieces = [*cells, *str(column).split()]  # article labels wrap between words
            else:  # LaTeX breaks between words and after a hyphen
                words = [w for c in [*cells, str(column)] for w in c.split()]
                pieces = [p for w in words for p in re.split(r"(?<=-)", w)]
            lengths.append(max((len(p) for p in pieces), default=0))
        return lengths

    def _cell(self, column: str, value: object) -> str:
        text = format_cell(value, self.decimals.get(column, 1))
        if isinstance(value, numbers.Number):
            return text  # digits, separators and a sign: nothing to escape
        if column in self.code_columns:
            return code_span(text).replace("|", "\\|")
        if column in self.link_columns:
            return link_or_text(text)
        if column in self.cite_columns:
            return citation(text)
        if text in self.ref_columns.get(column, {}):
            return ref_link(text, self.ref_columns[column][text])
        return escape_markdown(text)

    def latex_columns(self) -> str:
        """A ``tabularcolumns`` spec for the PDF: text ragged-right, numbers flush right, code
        never hyphenated, and each column a share of the line width. Short columns (ids,
        numbers) get room for their whole content; long text columns share what is left and
        wrap."""
        shape = {"l": r"\raggedright", "c": r"\centering", "r": r"\raggedleft"}
        specs = []
        code = [c in self.code_columns for c in self.frame.columns]
        shares = latex_shares(self.widths, self.unbreakable(), code)
        for column, align, share in zip(self.frame.columns, self.align, shares, strict=True):
            setup = shape[align] + r"\arraybackslash"
            if column in self.code_columns:
                setup += r"\hyphenpenalty=10000"
            specs.append(f">{{{setup}}}\\Y{{{share:.3f}}}")
        return "".join(specs)

    def _repr_markdown_(self) -> str:
        options = [":widths: " + " ".join(str(w) for w in self.widths)]
        title, lead = escape_markdown(self.caption), ""
        if self.numbered:
            options.insert(0, f":name: {self.name}")
        else:  # Sphinx numbers every captioned table: an unnumbered one has its caption above
            title, lead = "", f"**{title}**\n\n"
        # kz-table: helpers.downloads publishes this table's own CSV (from the cell output)
        classes = ["kz-table"]
        if self.long or len(self.frame) > 25 or self._text_length() > LONG_TABLE_CHARS:
            classes.insert(0, "longtable")
        options.append(":class: " + " ".join(classes))
        return (
            f"```{{tabularcolumns}} {self.latex_columns()}\n```\n\n"
            + lead
            + f"```{{table}} {title}\n"
            + "\n".join(options)
            + "\n\n"
            + self.pipe_table()
            + "\n```\n\n"
            + csv_link(self.name)
        )

    def csv(self) -> str:
        """The table as shown (article labels, whole numbers as integers), as CSV text."""
        return self.frame.to_csv(index=False, lineterminator="\n")

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        return shown_bundle(self._repr_markdown_(), [self], repr(self))

    def __repr__(self) -> str:
        return f"{self.caption}\n{self.frame.to_string(index=False)}"


def whole_numbers_as_integers(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every float column whose values are all whole numbers (a count with a gap,
    which pandas stores as float) as integers, so that 184 never shows as "184.0"."""
    floats = [
        column
        for column in frame.columns
        if pd.api.types.is_float_dtype(frame[column])
        and frame[column].notna().any()
        and frame[column].dropna().map(float.is_integer).all()
    ]
    if not floats:
        return frame
    return frame.astype({column: "Int64" for column in floats})


def csv_link(name: str) -> str:
    """MyST for the HTML-only link under a table to its CSV (written by ``helpers.downloads``)."""
    return f"```{{only}} html\n{{kz-csv}}`{name}`\n```\n"


def shown_bundle(markdown: str, tables: Iterable[Table], plain_text: str) -> dict:
    """A cell output's MIME bundle: the MyST to render, plain text, and each table's CSV."""
    payload = {"tables": [{"name": t.name, "caption": t.caption, "csv": t.csv()} for t in tables]}
    return {"text/markdown": markdown, "text/plain": plain_text, TABLES_MIME: payload}


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


#: Where myst-nb looks for glued values: MIME types under this prefix, with ``scrapbook``
#: metadata naming the value (the format of ``myst_nb.glue(..., display=False)``).
GLUE_PREFIX = "application/papermill.record/"


def glue_values(values: Mapping[str, object]) -> None:
    """Glue each value under its name for ``{glue:text}`` in the prose, without displaying it.

    The output is exactly what ``myst_nb.glue(name, value, display=False)`` writes; calling
    that would import nbformat, whose JSON-schema validators take over a second to import in
    every chapter's kernel, for nothing a chapter uses."""
    from IPython.core.formatters import format_display_data
    from IPython.display import display

    for name, value in values.items():
        bundle, metadata = format_display_data(plain(value))
        metadata["scrapbook"] = {"name": name, "mime_prefix": GLUE_PREFIX}
        display({GLUE_PREFIX + k: v for k, v in bundle.items()}, raw=True, metadata=metadata)
