"""What the book publishes besides its pages: each table's CSV (carried in the cell output and
written by ``helpers.downloads``), unnumbered folded tables, and the phone-width cell labels of
``helpers.sphinx_tables``."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace

import pandas as pd
from docutils import nodes

from helpers.display import (
    FILES_MIME,
    JSONLD_MIME,
    TABLES_MIME,
    Published,
    Table,
    whole_numbers_as_integers,
)
from helpers.dossier import Markdown, folded
from helpers.downloads import (
    TablesMime,
    csv_path,
    jsonld_script,
    published_in,
    reproducible_notebook,
    tables_in,
)
from helpers.sphinx_tables import STACK_COLUMNS, label_cells_for_phones


def test_a_table_carries_its_csv_and_links_to_it(corpus):
    table = Table(corpus.articles[["id", "outlet"]], "The outlets", "tbl-outlets")
    bundle = table._repr_mimebundle_()
    assert bundle["text/markdown"] == table._repr_markdown_()
    [payload] = bundle[TABLES_MIME]["tables"]
    assert payload["name"] == "tbl-outlets"
    read = pd.read_csv(io.StringIO(payload["csv"]), dtype=str)
    assert list(read["outlet"]) == list(corpus.articles["outlet"])
    assert "{kz-csv}`tbl-outlets`" in bundle["text/markdown"]


def test_csvs_are_found_in_an_executed_notebook_by_name(corpus):
    table = Table(corpus.articles[["id"]], "Ids", "tbl-ids")
    notebook = {"cells": [{"outputs": [{"data": table._repr_mimebundle_()}]}, {"outputs": []}]}
    assert tables_in(notebook) == {"tbl-ids": table.csv()}
    assert csv_path("chapters/corpus", "tbl-ids") == "downloads/chapters/corpus/tbl-ids.csv"


def test_folded_tables_are_unnumbered_but_still_downloadable(corpus):
    table = Table(corpus.articles[["id"]], "Ids", "tbl-ids")
    shown = folded("Details", [table])
    assert ":name:" not in shown.text and "**Ids**" in shown.text
    assert table.numbered  # the original, shown elsewhere, keeps its number
    assert shown._repr_mimebundle_()[TABLES_MIME]["tables"][0]["name"] == "tbl-ids"
    assert Markdown("text")._repr_mimebundle_()[TABLES_MIME] == {"tables": []}


def test_the_csv_mime_type_renders_as_nothing_and_leaves_others_alone():
    assert TablesMime.handle_mime(None, SimpleNamespace(mime_type=TABLES_MIME), False) == []
    assert TablesMime.handle_mime(None, SimpleNamespace(mime_type="text/plain"), False) is None


def test_counts_with_gaps_show_as_integers():
    frame = whole_numbers_as_integers(pd.DataFrame({"n": [184.0, None], "x": [1.5, 2.0]}))
    assert str(frame["n"].dtype) == "Int64" and frame["x"].dtype == float
    markdown = Table(pd.DataFrame({"n": [184.0, None]}), "Counts", "tbl-n").pipe_table()
    assert "184.0" not in markdown and "| 184 |" in markdown and "<NA>" not in markdown


def _table(columns: list[str], cells: list[str]) -> nodes.table:
    def row(texts: list[str]) -> nodes.row:
        return nodes.row("", *[nodes.entry("", nodes.paragraph(text=t)) for t in texts])

    group = nodes.tgroup(cols=len(columns))
    group += nodes.thead("", row(columns))
    group += nodes.tbody("", row(cells))
    return nodes.table("", group)


def test_wide_tables_get_column_labels_for_phones_in_html_only():
    columns = [f"column {i}" for i in range(STACK_COLUMNS)]
    wide, narrow = _table(columns, ["a"] * STACK_COLUMNS), _table(["one"], ["a"])
    document = nodes.document(None, None)
    document += [wide, narrow]
    latex = SimpleNamespace(builder=SimpleNamespace(format="latex"))
    label_cells_for_phones(latex, document, "page")
    assert not list(document.findall(nodes.inline))
    html = SimpleNamespace(builder=SimpleNamespace(format="html"))
    label_cells_for_phones(html, document, "page")
    assert "kz-stack" in wide["classes"] and "kz-stack" not in narrow["classes"]
    labels = [n.astext() for n in wide.findall(nodes.inline)]
    assert labels == columns
    sparse = _table(columns, ["a", "", *["b"] * (STACK_COLUMNS - 2)])
    document += sparse
    label_cells_for_phones(html, document, "page")
    empty = [e for e in sparse.findall(nodes.entry) if "kz-empty" in e["classes"]]
    assert len(empty) == 1 and columns[1] not in [n.astext() for n in sparse.findall(nodes.inline)]


def test_the_published_notebook_does_not_depend_on_random_cell_ids():
    notebook = {"cells": [{"id": "4463ac88", "source": "x"}, {"id": "d1428cac"}], "nbformat": 4}
    other = {"cells": [{"id": "98f62d42", "source": "x"}, {"id": "0a1b2c3d"}], "nbformat": 4}
    assert reproducible_notebook(notebook) == reproducible_notebook(other)
    assert '"id": "cell-1"' in reproducible_notebook(notebook)


def test_published_files_and_jsonld_are_found_and_the_script_cannot_be_closed(corpus):
    hostile = 'a "quote" </script><script>alert(1)</script> & more'
    published = Published({"claims.csv": "id\nx\n"}, [{"claimReviewed": hostile}])
    notebook = {"cells": [{"outputs": [{"data": published._repr_mimebundle_()}]}]}
    files, jsonld = published_in(notebook)
    assert files == {"claims.csv": "id\nx\n"} and jsonld == [{"claimReviewed": hostile}]
    script = jsonld_script(jsonld)
    assert script.startswith('<script type="application/ld+json">')
    inner = script.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"claimReviewed": hostile}
    # myst-nb shows nothing for what the extension publishes
    for mime in (FILES_MIME, JSONLD_MIME):
        assert TablesMime.handle_mime(None, SimpleNamespace(mime_type=mime), False) == []
