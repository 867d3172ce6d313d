"""A sixth article in one command: a real news report that is not in the corpus is added to a
copy of the project with ``make article`` alone (the extended book, ``tests/extended_book.py``),
and then the copy's unit tests pass and its book builds as HTML and PDF, with the new page
showing the rules' unreviewed suggestions, its figures beside the timeline, and every count in
the prose updated."""

from __future__ import annotations

import html
import os
import re
import subprocess

import pytest
from conftest import PDF, VENV
from extended_book import FIELDS

pytestmark = pytest.mark.build

def page_text(path) -> str:
    """A page's visible words, tags dropped, runs of white space as one space."""
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def added_row(rows: list[dict]) -> dict:
    """The report's row among the extended book's articles."""
    [row] = [r for r in rows if r["url"] == FIELDS["URL"]]
    return row


def test_the_command_adds_the_report_and_says_what_is_left(extended):
    _, rows, printed, _ = extended
    row = added_row(rows)
    assert row["short_name"] == "AP" and row["id"].isdigit()
    assert f"Added article {row['id']} · AP" in printed
    assert f"make coding ID={row['id']}" in printed


def test_the_unit_tests_pass_with_the_added_article(extended):
    _, _, _, units = extended
    assert units.returncode == 0, units.stdout[-3000:] + units.stderr[-2000:]
    assert " passed" in units.stdout and "failed" not in units.stdout


def test_its_page_shows_unreviewed_suggestions_and_its_figures_beside_the_timeline(extended):
    project, rows, _, _ = extended
    article = added_row(rows)["id"]
    text = page_text(project / f"_build/html/chapters/articles/article-{article}.html")
    assert "Not yet reviewed. No reader has coded this article" in text
    assert "suggested, unreviewed" in text  # the coding tables say whose answers they show
    assert "Not yet checked by a reader." in text
    assert "automatic, not yet reviewed" in text
    # "scores of deaths" and "about 16,000 arrests" beside the timeline's official counts
    assert "164: Health Ministry death toll" in text
    assert "9,900: Interior Ministry count of people detained" in text
    # "the government has not presented any evidence to support its allegation of outside
    # involvement": the rules suggest that it rejects the foreign-forces story
    assert "the rules suggest it rejects blaming foreign forces" in text
    assert "Kazakhstan activists recall path from protest to bloodshed" in text  # its own text


def test_every_count_in_the_prose_follows_the_data(extended):
    project, rows, _, _ = extended
    landing = page_text(project / "_build/html/index.html")
    assert f"executable report on {len(rows)} English-language articles" in landing
    label = f"{added_row(rows)['id']} · AP"
    assert f"{label} has not yet been reviewed by a reader" in landing
    comparison = page_text(project / "_build/html/chapters/framing/comparison.html")
    assert f"{label} has not yet been reviewed by a reader" in comparison
    contested = page_text(project / "_build/html/chapters/contested-figures.html")
    assert f"Not yet checked by a reader: {label}." in contested


def test_the_pdf_builds_with_the_added_article(extended):
    project, rows, _, _ = extended
    assert (project / PDF).stat().st_size > 0
    text = subprocess.run(
        ["pdftotext", str(project / PDF), "-"], capture_output=True, text=True, check=True,
        env=os.environ | {"PATH": f"{VENV / 'bin'}:{os.environ['PATH']}"},
    ).stdout  # fmt: skip
    assert "Kazakhstan activists recall path from protest to bloodshed" in text
    assert f"{added_row(rows)['id']} · AP" in text
