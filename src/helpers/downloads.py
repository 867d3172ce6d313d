"""A Sphinx extension that publishes what each page computes, offline: every table as CSV, and
the page's executed notebook.

- Each :class:`helpers.display.Table` a cell shows carries its CSV in the cell's output (under
  :data:`helpers.display.TABLES_MIME`) and puts a ``{kz-csv}`name``` role under the table. The
  role becomes a link to ``downloads/<page>/<name>.csv``; when the page is written, this
  extension writes that file from the executed notebook.
- A table written in the page's Markdown (not made by ``Table``) gets its CSV from its cells'
  text, and a link under it, when the page is resolved for the HTML.
- sphinx-book-theme offers a page's ``.ipynb`` in its download menu only when a launch service
  (Binder, Colab, ...) is configured. This extension copies the executed notebook from
  ``_build/jupyter_execute`` next to the page's source in ``_sources`` (with its cell ids made
  reproducible) and tells the theme, before the theme builds its header buttons.

- A :class:`helpers.display.Published` output publishes files at fixed paths under
  ``downloads/`` (``downloads/claims.csv``) and JSON-LD (schema.org ``ClaimReview``) in its
  page's head, escaped so that no text in it can close the script element.

Only the HTML builders publish; in the PDF the role's paragraph is left out (``{only} html``).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.osutil import relative_uri

from helpers.display import FILES_MIME, JSONLD_MIME, TABLES_MIME

#: Where the CSV files go, inside the HTML output.
DOWNLOADS = "downloads"
_NAME = re.compile(r"^[A-Za-z0-9_-]+$")


def csv_path(page: str, name: str) -> str:
    """The CSV's path inside the HTML output, for a table ``name`` on ``page`` (a docname)."""
    return f"{DOWNLOADS}/{page}/{name}.csv"


def csv_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """``{kz-csv}`tbl-x``: a link to the CSV of the table named ``tbl-x`` on this page."""
    table = text.strip()
    if not _NAME.match(table):
        message = inliner.reporter.error(f"kz-csv: not a table name: {table!r}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    return [_link(inliner.document.settings.env.docname, table)], []


def tables_in(notebook: dict) -> dict[str, str]:
    """Every table's CSV text in an executed notebook's outputs, by table name."""
    found = {}
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            for table in output.get("data", {}).get(TABLES_MIME, {}).get("tables", []):
                found[table["name"]] = table["csv"]
    return found


def published_in(notebook: dict) -> tuple[dict[str, str], list[dict]]:
    """The files (path under ``downloads/`` to text) and JSON-LD objects an executed notebook's
    :class:`helpers.display.Published` outputs carry."""
    files: dict[str, str] = {}
    jsonld: list[dict] = []
    for cell in notebook.get("cells", []):
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            for item in data.get(FILES_MIME, {}).get("files", []):
                files[item["path"]] = item["text"]
            jsonld += data.get(JSONLD_MIME, {}).get("items", [])
    return files, jsonld


def jsonld_script(items: list[dict]) -> str:
    """A ``<script type="application/ld+json">`` element; ``<``, ``>`` and ``&`` are escaped as
    JSON unicode escapes, so an article's words cannot end the element or start markup."""
    text = json.dumps(items if len(items) != 1 else items[0], ensure_ascii=False, sort_keys=True)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e")):
        text = text.replace(char, escape)
    return f'<script type="application/ld+json">{text}</script>'


def _safe_download_path(path: str) -> bool:
    parts = path.split("/")
    return all(_NAME.match(p.removesuffix(".csv").removesuffix(".json")) for p in parts)


def publish(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Write the page's table CSVs, published files and executed notebook into the HTML output,
    and its JSON-LD into the page's head."""
    if app.builder.format != "html":
        return
    outdir = Path(app.outdir)
    executed = outdir.parent / "jupyter_execute" / f"{pagename}.ipynb"
    if not executed.is_file():
        return
    notebook = json.loads(executed.read_text(encoding="utf-8"))
    for name, text in tables_in(notebook).items():
        target = outdir / csv_path(pagename, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    files, jsonld = published_in(notebook)
    for path, text in files.items():
        if not _safe_download_path(path):
            raise ValueError(f"{pagename}: not a download path: {path!r}")
        target = outdir / DOWNLOADS / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    if jsonld:
        context["metatags"] = context.get("metatags", "") + "\n" + jsonld_script(jsonld)
    copied = outdir / "_sources" / f"{pagename}.ipynb"
    copied.parent.mkdir(parents=True, exist_ok=True)
    copied.write_text(reproducible_notebook(notebook), encoding="utf-8")
    context["ipynb_source"] = f"{pagename}.ipynb"


def reproducible_notebook(notebook: dict) -> str:
    """The executed notebook as JSON, with its cells' random ids (jupytext draws new ones at
    every build) replaced by their positions, so that two builds give the same file."""
    cells = [dict(cell, id=f"cell-{number}") for number, cell in enumerate(notebook["cells"])]
    text = json.dumps(dict(notebook, cells=cells), indent=1, sort_keys=True, ensure_ascii=False)
    return text + "\n"


class TablesMime:
    """A myst-nb MIME renderer (registered in ``pyproject.toml``) for :data:`TABLES_MIME`: the
    CSVs are published by this extension, so they render as nothing and are never chosen as a
    cell's output."""

    mime_priority_overrides = [("*", mime, None) for mime in (TABLES_MIME, FILES_MIME, JSONLD_MIME)]

    @staticmethod
    def handle_mime(renderer: object, data: object, inline: bool) -> list[nodes.Element] | None:
        """Nothing to show for what this extension publishes; any other MIME type is not ours."""
        ours = (TABLES_MIME, FILES_MIME, JSONLD_MIME)
        return [] if getattr(data, "mime_type", None) in ours else None


def _link(page: str, table: str) -> nodes.reference:
    uri = relative_uri(f"{page}.html", csv_path(page, table))
    return nodes.reference(
        "", "Download this table as CSV", refuri=uri, classes=["kz-csv"], reftitle=f"{table}.csv"
    )


def cells_csv(table: nodes.table) -> str:
    """A table written in Markdown as CSV: its header and body rows, as their cells' text."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    for row in table.findall(nodes.row):
        writer.writerow([" ".join(entry.astext().split()) for entry in row.children])
    return buffer.getvalue()


def publish_markdown_tables(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """In the HTML, write the CSV of every table that ``Table`` did not make, and link it."""
    if app.builder.format != "html":
        return
    tables = [t for t in doctree.findall(nodes.table) if "kz-table" not in t["classes"]]
    for number, table in enumerate(tables, start=1):
        name = next((i for i in table["ids"] if _NAME.match(i)), f"table-{number}")
        target = Path(app.outdir) / csv_path(docname, name)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(cells_csv(table), encoding="utf-8")
        link = nodes.paragraph("", "", _link(docname, name))
        table.parent.insert(table.parent.index(table) + 1, link)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the role and the publishing step (before the theme's header buttons, 501)."""
    app.add_role("kz-csv", csv_role)
    app.connect("html-page-context", publish, priority=400)
    # before helpers.sphinx_tables labels the cells for phones (priority 500)
    app.connect("doctree-resolved", publish_markdown_tables, priority=400)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
