"""A sixth article in one command: a real news report that is not in the corpus is added to a
copy of the project with ``make article`` alone, and then the copy's unit tests pass and its
book builds as HTML and PDF, with the new page showing the rules' unreviewed suggestions, its
figures beside the timeline, and every count in the prose updated."""

from __future__ import annotations

import csv
import html
import os
import re
import subprocess
import sys

import pytest
from conftest import PDF, VENV, copy_project, make

from helpers.project_copy import build_env

pytestmark = pytest.mark.build

#: An excerpt of an AP story of 15 January 2022 (tests/fixtures), with where it was published.
#: Not the report ``tests/test_add_article.py`` adds, so that the copy's own unit tests can
#: still add that one.
REPORT = "tests/fixtures/new_article_ap_activists_recall.txt"
FIELDS = {
    "FILE": REPORT,
    "URL": "https://news.yahoo.com/kazakhstan-activists-recall-path-protest-074055452.html",
    "OUTLET": "The Associated Press (via Yahoo News)",
    "SHORT_NAME": "AP",
    "PUBLISHED": "2022-01-15",
}


def page_text(path) -> str:
    """A page's visible words, tags dropped, runs of white space as one space."""
    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", path.read_text(encoding="utf-8"))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


@pytest.fixture(scope="module")
def extended(tmp_path_factory):
    """The copy with the report added by the command, its unit tests run, and its book built."""
    project = copy_project(tmp_path_factory.mktemp("extended") / "project")
    added = make(project, "article", *(f"{key}={value}" for key, value in FIELDS.items()))
    with (project / "data" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    env = build_env() | {"KZBOOK_ROOT": str(project), "PYTHONPATH": str(project / "src")}
    units = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "not build", "-q", "-p", "no:cacheprovider"],
        cwd=project, env=env, capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    make(project, "book")
    return project, rows, added.stdout, units


def test_the_command_adds_the_report_and_says_what_is_left(extended):
    _, rows, printed, _ = extended
    assert rows[-1]["url"] == FIELDS["URL"] and rows[-1]["short_name"] == "AP"
    assert f"Added article {rows[-1]['id']} · AP" in printed
    assert f"make coding ID={rows[-1]['id']}" in printed


def test_the_unit_tests_pass_with_the_added_article(extended):
    _, _, _, units = extended
    assert units.returncode == 0, units.stdout[-3000:] + units.stderr[-2000:]
    assert " passed" in units.stdout and "failed" not in units.stdout


def test_its_page_shows_unreviewed_suggestions_and_its_figures_beside_the_timeline(extended):
    project, rows, _, _ = extended
    article = rows[-1]["id"]
    text = page_text(project / f"_build/html/chapters/articles/article-{article}.html")
    assert "Not yet reviewed. No reader has coded this article" in text
    assert "suggested, unreviewed" in text  # the coding tables say whose answers they show
    assert "Not yet checked by a reader." in text
    assert "automatic, not yet reviewed" in text
    # "scores of deaths" and "about 16,000 arrests" beside the timeline's official counts
    assert "164: Health Ministry death toll" in text
    assert "9,900: Interior Ministry count of people detained" in text
    # "the government has not presented any evidence to support its allegation of outside
    # involvement": the rules suggest that it rejects the foreign-forces story, and say why
    assert "rejects: rejection cue “not presented any evidence”" in text
    assert "Kazakhstan activists recall path from protest to bloodshed" in text  # its own text


def test_every_count_in_the_prose_follows_the_data(extended):
    project, rows, _, _ = extended
    landing = page_text(project / "_build/html/index.html")
    assert f"executable report on {len(rows)} English-language articles" in landing
    label = f"{rows[-1]['id']} · AP"
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
    assert f"{rows[-1]['id']} · AP" in text
