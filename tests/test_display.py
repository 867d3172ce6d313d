"""Showing things: tables render as literal text in HTML and PDF; glue; figures; dates."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from conftest import edition_only
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from helpers.corpus import summary_table
from helpers.dates import date_problem, date_span, human_date, precision_of
from helpers.display import Table, citation, code_span, glue_values, link_or_text, plain
from helpers.image_alt import png_alt
from helpers.plots import png_bytes, words_kept_removed_alt, words_kept_removed_chart

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "{eval-rst}`.. raw:: html`",
    "{{ substitution }} and $$ display math $$",
    "[a link](https://example.org) and *stars* and _under_ and $x$",
    "a | pipe and a `tick` and \\ backslash and &amp; entity",
]


# The book's MyST parser, with the extensions _config.yml enables.
MYST = create_md_parser(
    MdParserConfig(enable_extensions={"colon_fence", "deflist", "dollarmath"}), RendererHTML
)


def render(markdown: str) -> str:
    return MYST.render(markdown)


def table_body(table: Table) -> str:
    """The pipe table inside the directive, rendered as HTML."""
    return render(table.pipe_table())


def test_hostile_cell_text_renders_literally():
    html = table_body(Table(pd.DataFrame({"text": HOSTILE}), "cap", "tbl-x"))
    assert "<script" not in html and "<img" not in html and "<a href" not in html
    assert "<em>" not in html and "<code>" not in html and 'class="math' not in html
    assert "{{ substitution }} and $$ display math $$" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[a link](https://example.org) and *stars* and _under_ and $x$" in html
    assert "a | pipe and a `tick` and \\ backslash and &amp;amp; entity" in html


def test_code_columns_are_literal_even_with_backticks_and_pipes():
    frame = pd.DataFrame({"file": ["a`b|c<script>"]})
    html = table_body(Table(frame, "cap", "tbl-x", code_columns=["file"]))
    assert "<code>a`b|c&lt;script&gt;</code>" in html
    assert code_span("x``y") == "``` x``y ```"


def test_only_plain_web_addresses_become_links():
    assert link_or_text("https://example.org/a?b=1") == "<https://example.org/a?b=1>"
    assert link_or_text("javascript:alert(1)") == "javascript\\:alert\\(1\\)"
    assert not link_or_text('https://x.org/"onmouseover').startswith("<")
    assert not link_or_text("https://a.example/x|y").startswith("<")


def test_table_is_a_numbered_myst_directive_with_widths(corpus):
    table = Table(summary_table(corpus), "The corpus", "tbl-test")
    markdown = table._repr_markdown_()
    assert markdown.startswith("```{tabularcolumns} >{\\raggedright\\arraybackslash}\\Y{")
    assert "```{table} The corpus\n:name: tbl-test\n:widths: " in markdown
    assert "| 001 | 001 · Diplomat Magazine | Diplomat Magazine |" in markdown
    assert "| 728 | 587 |" in markdown  # raw and body words of article 001


def test_latex_column_shares_fit_the_line(corpus):
    spec = Table(summary_table(corpus), "cap", "tbl-x").latex_columns()
    shares = [float(s.split("}")[0]) for s in spec.split("\\Y{")[1:]]
    assert len(shares) == len(summary_table(corpus).columns)
    assert 0.95 < sum(shares) <= 1.0


def test_pdf_columns_fit_their_longest_unbreakable_piece(corpus):
    from helpers.corpus import files_table, overview_table, sources_table
    from helpers.display import CHAR_MM, CODE_CHAR_MM, LINE_MM, PAD_MM, latex_shares

    corpus = edition_only(corpus)  # this edition's texts; a user's may hold longer pieces
    tables = [
        Table(overview_table(corpus), "cap", "tbl-a"),
        Table(sources_table(corpus), "cap", "tbl-b", link_columns=["source address"]),
        Table(files_table(corpus), "cap", "tbl-c", code_columns=["file"]),
    ]
    for table in tables:
        code = [c in table.code_columns for c in table.frame.columns]
        shares = latex_shares(table.widths, table.unbreakable(), code)
        assert 0.97 < sum(shares) <= 1.0
        for share, piece, is_code in zip(shares, table.unbreakable(), code, strict=True):
            needed = piece * (CODE_CHAR_MM if is_code else CHAR_MM) + PAD_MM
            assert share * LINE_MM >= needed - 0.2, (table.name, piece)


def test_numbers_are_formatted_and_right_aligned():
    table = Table(pd.DataFrame({"n": [1234567], "x": [2.25], "s": ["a"]}), "cap", "tbl-x")
    assert "| 1,234,567 | 2.2 | a |" in table.pipe_table()
    assert table.pipe_table().splitlines()[1] == "|--:|--:|:--|"


def test_long_tables_break_across_pages():
    long = Table(pd.DataFrame({"n": range(30)}), "cap", "tbl-x")._repr_markdown_()
    wordy = Table(pd.DataFrame({"t": ["word " * 200] * 3}), "cap", "tbl-x")._repr_markdown_()
    short = Table(pd.DataFrame({"n": range(3)}), "cap", "tbl-x")._repr_markdown_()
    assert ":class: longtable" in long and ":class: longtable" in wordy
    assert "longtable" not in short and ":class: kz-table" in short


def test_pdf_can_wrap_after_a_hyphen():
    frame = pd.DataFrame({"text": ["between parties-individuals-groups-countries here"]})
    assert Table(frame, "cap", "tbl-x", widths=[30]).unbreakable() == [len("individuals-")]


def test_an_empty_table_still_renders():
    table = Table(
        pd.DataFrame({"file": [], "n": []}), "Nothing yet", "tbl-x", code_columns=["file"]
    )
    assert "| file | n |\n|--:|--:|\n| none | |\n```\n" in table._repr_markdown_()


def test_wrong_widths_or_columns_are_refused():
    frame = pd.DataFrame({"a": [1], "b": [2]})
    with pytest.raises(ValueError, match="tbl-x: 1 widths for 2 columns"):
        Table(frame, "cap", "tbl-x", widths=[1])
    with pytest.raises(ValueError, match=r"no column\(s\) \['c'\]"):
        Table(frame, "cap", "tbl-x", code_columns=["c"])


def test_glue_gets_plain_python_values():
    assert type(plain(np.int64(3))) is int and type(plain(np.float64(0.5))) is float
    assert repr(plain("13 January 2022")) == "13 January 2022"  # no quotes in the prose


def test_glue_values_writes_what_myst_nb_glue_writes():
    from IPython.core.interactiveshell import InteractiveShell
    from IPython.utils.capture import capture_output
    from myst_nb import glue

    InteractiveShell.instance()
    values = {"n_articles": np.int64(5), "share": 0.25, "label_000": "000 · report.az"}
    with capture_output() as ours:
        glue_values(values)
    with capture_output() as theirs:
        for name, value in values.items():
            glue(name, plain(value), display=False)
    assert len(ours.outputs) == len(values)
    assert [(o.data, o.metadata) for o in ours.outputs] == [
        (o.data, o.metadata) for o in theirs.outputs
    ]


@pytest.mark.parametrize(
    ("iso", "words"),
    [
        ("2022-01-13", "13 January 2022"),
        ("2019-06", "June 2019"),
        ("2019", "2019"),
        ("not a date", "not a date"),
    ],
)
def test_human_date(iso, words):
    assert human_date(iso) == words


def test_chart_draws_three_parts_per_article(corpus):
    summary = summary_table(corpus)
    figure = words_kept_removed_chart(summary)
    bars = figure.axes[0].patches
    assert len(bars) == 3 * len(summary)
    assert [round(b.get_width()) for b in bars[: len(summary)]] == summary["body words"].tolist()
    assert figure.get_suptitle() == "Cleaning removes 0% to 19% of each page's words"


def test_chart_png_is_reproducible(corpus):
    summary = summary_table(corpus)
    first = png_bytes(words_kept_removed_chart(summary))
    assert first == png_bytes(words_kept_removed_chart(summary))
    assert b"Software" not in first[:400]


def test_alt_text_states_what_the_data_shows(corpus):
    summary = summary_table(edition_only(corpus))
    alt = words_kept_removed_alt(summary)
    assert f"one bar for each of {len(summary)} articles" in alt
    assert "article 001 (Diplomat Magazine), 19% of its words" in alt
    assert "Nothing is removed from article(s) 000." in alt


def test_chart_labels_are_not_parsed_as_math(corpus):
    summary = summary_table(corpus).assign(label="News $\\frac$ Daily")
    assert png_bytes(words_kept_removed_chart(summary)).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("iso", "first", "last", "precision"),
    [
        ("2022-01-05", "2022-01-05", "2022-01-05", "day"),
        ("2022-02", "2022-02-01", "2022-02-28", "month"),
        ("2019", "2019-01-01", "2019-12-31", "year"),
    ],
)
def test_date_span_covers_what_the_precision_leaves_open(iso, first, last, precision):
    assert date_span(iso) == (pd.Timestamp(first), pd.Timestamp(last))
    assert precision_of(iso) == precision


@pytest.mark.parametrize(
    "bad", ["2022-02-30", "2022-1-05", "22-01-05", "2022/01/05", "", "2022-13"]
)
def test_impossible_or_badly_written_dates_are_refused(bad):
    assert date_problem("date", bad) == [
        f"date {bad!r} is not a date as YYYY, YYYY-MM or YYYY-MM-DD"
    ]


def test_citation_cells_become_cite_roles_and_bad_keys_are_refused():
    frame = pd.DataFrame(
        {"event": ["A *thing*"], "sources": ["ap_election_2019; tass_final_result_2019"]}
    )
    markdown = Table(frame, "Events", "tbl-events", cite_columns=["sources"])._repr_markdown_()
    assert "| A \\*thing\\* | {cite:p}`ap_election_2019,tass_final_result_2019` |" in markdown
    with pytest.raises(ValueError, match="not a citation key"):
        citation("ok_key; bad`key")


def test_citation_columns_wrap_between_numbers_in_the_pdf():
    many = "; ".join(f"key_{n}" for n in range(10))
    frame = pd.DataFrame({"name": ["Someone"], "role": ["A role " * 10], "cited": [many]})
    table = Table(frame, "Roles", "tbl-roles", cite_columns=["cited"])
    assert table.unbreakable()[2] == 5
    assert table.widths[2] == 40  # ten numbered labels, about four characters each


def test_alt_text_travels_inside_the_png(corpus, tmp_path):
    summary = summary_table(corpus)
    path = tmp_path / "figure.png"
    path.write_bytes(png_bytes(words_kept_removed_chart(summary), alt="Bars of words kept."))
    assert png_alt(path) == "Bars of words kept."
    path.write_bytes(png_bytes(words_kept_removed_chart(summary)))
    assert png_alt(path) == ""


def test_tables_name_articles_by_their_labels_never_by_bare_ids(corpus):
    from helpers.display import use_article_labels, with_article_labels

    frame = pd.DataFrame(
        {"id": ["002"], "article": ["001"], "articles": ["000, 003"], "003": [1], "note": ["002"]}
    )
    shown = with_article_labels(frame, corpus.labels)
    assert list(shown.columns) == ["id", "article", "articles", "003 · ExBulletin", "note"]
    assert shown.iloc[0].tolist()[:3] == [
        "002 · asiunical.org",
        "001 · Diplomat Magazine",
        "000 · Report.az, 003 · ExBulletin",
    ]
    assert shown.iloc[0, 4] == "002"  # other columns are never touched
    linked = Table(shown[["article"]], "x", "tbl-x", ref_columns={"article": {
        "001 · Diplomat Magazine": "article-001"}}).pipe_table()  # fmt: skip
    assert "{ref}`001 · Diplomat Magazine <article-001>`" in linked
    hostile = Table(pd.DataFrame({"article": ["a `b` <c>"]}), "x", "tbl-x",
                    ref_columns={"article": {"a `b` <c>": "article-x"}}).pipe_table()  # fmt: skip
    assert "{ref}" not in hostile
    actors = pd.DataFrame({"id": ["tokayev"]})
    assert list(with_article_labels(actors, corpus.labels).columns) == ["id"]
    use_article_labels(corpus.labels)
    try:
        assert "| 001 · Diplomat Magazine |" in Table(frame[["article"]], "x", "tbl-x").pipe_table()
    finally:
        use_article_labels({})
