"""A Sphinx extension that makes ``:widths:`` work on MyST pipe tables.

myst-parser marks every Markdown table ``colwidths-auto``; the ``table`` directive then adds
``colwidths-given`` for an explicit ``:widths:`` list, but the HTML and LaTeX writers let
``colwidths-auto`` win and drop the widths. Where widths were given, this removes
``colwidths-auto``, so :class:`helpers.display.Table`'s widths reach the page and the PDF.
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


def setup(app: Sphinx) -> dict[str, object]:
    """Register the extension with Sphinx."""
    app.connect("doctree-read", honour_given_widths)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
