"""A Sphinx extension for tables: widths that reach the page, and tables that read on a phone.

- myst-parser marks every Markdown table ``colwidths-auto``; the ``table`` directive then adds
  ``colwidths-given`` for an explicit ``:widths:`` list, but the HTML and LaTeX writers let
  ``colwidths-auto`` win and drop the widths. Where widths were given, this removes
  ``colwidths-auto``, so :class:`helpers.display.Table`'s widths reach the page and the PDF.
- On a phone a table of many columns is wider than the screen, and its last columns (often the
  verdict) sit off screen. In the HTML, every table of at least :data:`STACK_COLUMNS` columns is
  marked ``kz-stack`` and each body cell starts with its column's name in a ``kz-cell-label``
  span, hidden on wide screens; at phone width ``_static/custom.css`` shows each row as a block
  of labelled cells, so every column is on screen, and leaves out empty cells (marked
  ``kz-empty``). The PDF is untouched.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx


def honour_given_widths(app: Sphinx, doctree: nodes.document) -> None:
    """Drop ``colwidths-auto`` from tables that also carry ``colwidths-given``."""
    for table in doctree.findall(nodes.table):
        classes = table["classes"]
        if "colwidths-given" in classes and "colwidths-auto" in classes:
            classes.remove("colwidths-auto")


#: Tables with at least this many columns are stacked at phone width (a one-column table fits).
STACK_COLUMNS = 2


def _rows(part: nodes.Element) -> list[nodes.row]:
    return [row for row in part.children if isinstance(row, nodes.row)]


def label_cells_for_phones(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the HTML, mark wide tables ``kz-stack`` and label each body cell with its column."""
    if app.builder.format != "html":
        return
    for table in doctree.findall(nodes.table):
        group = next(iter(table.findall(nodes.tgroup)), None)
        head = next(iter(group.findall(nodes.thead)), None) if group is not None else None
        body = next(iter(group.findall(nodes.tbody)), None) if group is not None else None
        if head is None or body is None or not _rows(head):
            continue
        names = [entry.astext().strip() for entry in _rows(head)[-1].children]
        if len(names) < STACK_COLUMNS:
            continue
        table["classes"].append("kz-stack")
        for row in _rows(body):
            for name, entry in zip(names, row.children, strict=False):
                if not entry.astext().strip():  # nothing to show: hidden at phone width
                    entry["classes"].append("kz-empty")
                    continue
                first = entry.children[0] if entry.children else None
                if isinstance(first, nodes.paragraph) and name:
                    first.insert(0, nodes.inline("", name, classes=["kz-cell-label"]))


def setup(app: Sphinx) -> dict[str, object]:
    """Register the extension with Sphinx."""
    app.connect("doctree-read", honour_given_widths)
    app.connect("doctree-resolved", label_cells_for_phones)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
