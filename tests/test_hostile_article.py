"""Article text is data, never markup: a hostile article builds into a book that shows it, inertly.

The extended book (``tests/extended_book.py``) has an article whose title and body are made of
what would do harm if a page interpreted it — a ``<script>``, an ``<img onerror>``, MyST roles
and directives, Markdown links, emphasis and math — coded and judged; every page of its HTML is
opened in Chromium. Nothing may run or become an element, and the text must show literally on
every page that quotes the article.
"""

from __future__ import annotations

import csv
import re

import pytest
from browser import html_pages, serve, visit_each
from conftest import copy_project
from extended_book import ARTICLE, HOSTILE, INTERPRETED_JS, TITLE, add_hostile_article

pytestmark = pytest.mark.build


def normalised(text: str) -> str:
    """Text as compared: runs of white space as one space, soft hyphens and zero-width spaces
    (which tables may add as break points) removed."""
    return " ".join(re.sub("[\u00ad\u200b]", "", text).split())


def pieces_shown(text: str) -> list[str]:
    """Which hostile pieces a page's text shows whole."""
    return [key for key, piece in HOSTILE.items() if normalised(piece) in normalised(text)]


@pytest.fixture(scope="module")
def hostile_site(extended):
    project = extended[0]
    html_dir = project / "_build/html"
    with serve(html_dir) as base:
        return visit_each(
            base, html_pages(html_dir), lambda page, record: (page.evaluate(INTERPRETED_JS), record)
        )


def test_nothing_in_the_article_runs_or_becomes_markup(hostile_site):
    problems = {}
    for name, (found, record) in hostile_site.items():
        bad = {
            "ran": found["pwned"],
            "elements": found["elements"],
            "formatted": found["formatted"],
            "dialogs": record.dialogs,
            "exceptions": record.page_errors,
            "console": record.unexpected_console(),
            "outside requests": record.outside_requests,
        }
        if any(bad.values()):
            problems[name] = {k: v for k, v in bad.items() if v}
    assert problems == {}


def test_the_text_shows_literally_where_the_article_is_quoted(hostile_site):
    shown = {name: pieces_shown(found["text"]) for name, (found, _) in hostile_site.items()}
    # The article's own page shows its whole text, the readability appendix every hard sentence
    # (these all are), and the corpus chapter names the article by its title.
    pages = (f"chapters/articles/article-{ARTICLE}.html", "chapters/appendices/readability.html")
    for page in pages:
        assert sorted(shown[page]) == sorted(HOSTILE), (page, shown[page])
    corpus_text = normalised(hostile_site["chapters/corpus.html"][0]["text"])
    assert normalised(TITLE) in corpus_text
    # Wherever a fragment of the article shows, it shows whole: no page shows a piece cut or
    # half-interpreted.
    for name, (found, _) in hostile_site.items():
        text = normalised(found["text"])
        for marker in re.findall(r"kzPwned = [\"']?(\w+)", text):
            assert marker in {"script", "img", "fence", "link", "title"}, (name, marker)


def test_the_hostile_title_reaches_the_metadata_unchanged(tmp_path):
    """The metadata is written and read back as data (csv quoting), not trimmed or cleaned."""
    project = copy_project(tmp_path / "project")
    add_hostile_article(project)
    with (project / "data/articles.csv").open(encoding="utf-8", newline="") as handle:
        titles = [row["title"] for row in csv.DictReader(handle)]
    assert titles[-1] == TITLE
