"""Article text is data, never markup: a hostile article builds into a book that shows it, inertly.

The test adds an article whose title and body are made of what would do harm if a page
interpreted it — a ``<script>``, an ``<img onerror>``, MyST roles and directives, Markdown links,
emphasis and math — codes it, builds the HTML, and opens every page in
Chromium. Nothing may run or become an element, and the text must show literally on every page
that quotes the article.
"""

from __future__ import annotations

import csv
import re

import pytest
from browser import chromium, html_pages, serve, visit
from conftest import add_article, copy_project, make, read_rows, write_rows

from helpers.claim_inventory import opening
from helpers.corpus import load_corpus

pytestmark = pytest.mark.build

ARTICLE = "zz-test"
#: Each piece, exactly as a reader must see it wherever the article's text is shown.
HOSTILE = {
    "script": '<script>window.__kzPwned = "script"</script>',
    "img": "<img src=x onerror=\"window.__kzPwned = 'img'\">",
    "role": "{raw}`html <b>kzraw</b>`",
    "directive": '```{raw} html <script>window.__kzPwned = "fence"</script>```',
    "link": "[link to the terrorists](javascript:window.__kzPwned='link')",
    "markdown": "**kzbold** and $kz^2$ and | a pipe |",
}
TITLE = 'Hostile <script>window.__kzPwned = "title"</script> **kztitle**'
PARAGRAPHS = [
    f"Protesters in Almaty said 164 people died {HOSTILE['script']} when terrorists and foreign "
    "forces attacked.",
    f"Officials blamed the government for 3,000 arrests {HOSTILE['img']} and called the "
    "protesters terrorists.",
    f"A role {HOSTILE['role']} appeared in 2022, and the oligarchs and elites were blamed by "
    "dozens of people.",
    f"The government said a fence {HOSTILE['directive']} closed the protest of 5 January 2022 by "
    "terrorists.",
    f"A Markdown {HOSTILE['link']} and {HOSTILE['markdown']} were reported by 5 officials.",
]
BODY = "\n\n".join(PARAGRAPHS) + "\n"

#: What a page must not contain if anything in the article was interpreted.
INTERPRETED_JS = """() => ({
    pwned: window.__kzPwned === undefined ? null : String(window.__kzPwned),
    elements: [...document.querySelectorAll(
        'img[src="x"], [onerror], a[href^="javascript:"], script:not([src])'
    )].filter(e => e.tagName !== "SCRIPT" || e.textContent.includes("kzPwned"))
     .map(e => e.outerHTML.slice(0, 120)),
    formatted: [...document.querySelectorAll("b, strong, em, .math, code.xref")]
        .filter(e => /kz(raw|bold|title)|kz\\^2/.test(e.textContent))
        .map(e => e.outerHTML.slice(0, 120)),
    text: document.body.textContent,
})"""


def add_hostile_article(project) -> None:
    """The hostile article, with a hand coding (every item judged, nothing found) and every
    sentence judged to make no claim; its page is written from the article template by the
    build."""
    data = project / "data"
    add_article(data, ARTICLE, BODY.encode("utf-8"), title=TITLE, outlet="Hostile Outlet")
    coding = read_rows(data / "hand_coding.csv")
    items = [(r["dimension"], r["item"]) for r in coding if r["article"] == "000"]
    nothing = {"entman": "no", "generic": "no", "blame": "absent"}
    coding += [
        dict.fromkeys(coding[0], "")
        | {"article": ARTICLE, "dimension": d, "item": i, "answer": nothing[d],
           "rationale": "Hostile-input test article."}
        for d, i in items
    ]  # fmt: skip
    write_rows(data / "hand_coding.csv", coding)
    corpus = load_corpus(data / "articles.csv", data / "articles")
    judged = read_rows(data / "sentences.csv")
    judged += [
        {"article": ARTICLE, "sentence": str(s.sentence), "opening": opening(s.text),
         "judgement": "no claim", "note": "Hostile-input test article."}
        for s in corpus.sentences[corpus.sentences["article_id"] == ARTICLE].itertuples()
    ]  # fmt: skip
    write_rows(data / "sentences.csv", judged)


def normalised(text: str) -> str:
    """Text as compared: runs of white space as one space, soft hyphens and zero-width spaces
    (which tables may add as break points) removed."""
    return " ".join(re.sub("[\u00ad\u200b]", "", text).split())


def pieces_shown(text: str) -> list[str]:
    """Which hostile pieces a page's text shows whole."""
    return [key for key, piece in HOSTILE.items() if normalised(piece) in normalised(text)]


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    add_hostile_article(project)
    make(project, "html")
    html_dir = project / "_build/html"
    seen = {}
    with serve(html_dir) as base, chromium() as browser:
        for name in html_pages(html_dir):
            with visit(browser, base + name, base) as (page, record):
                seen[name] = (page.evaluate(INTERPRETED_JS), record)
    return seen


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
