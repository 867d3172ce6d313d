"""The extended book: this edition with two articles added, as a user would add them.

- A real news report that is not in the corpus (an AP story of 15 January 2022), added with
  ``make article`` alone: its page must be useful before anyone codes it
  (``tests/test_new_article_build.py``).
- A hostile article, whose title and body are made of what would do harm if a page interpreted
  it, coded and judged so that every page quotes it (``tests/test_hostile_article.py``).

:func:`build_extended` adds both to a fresh copy of the project, runs the copy's own unit tests
and builds it as HTML and PDF.
"""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from conftest import add_article, copy_project, make, read_rows, write_rows

from helpers.claim_inventory import opening
from helpers.corpus import load_corpus
from helpers.project_copy import build_env

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

#: Not ``TEST_ID``: the unit tests, run again in the extended copy, add articles under that id.
ARTICLE = "zz-hostile"
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



def build_extended(target: Path) -> tuple[Path, list[dict], str, object]:
    """A fresh copy of the project with the report added by ``make article`` and the hostile
    article added and coded; its unit tests run; its book built. Returns the copy, its articles'
    rows, what ``make article`` printed and the unit tests' run."""
    project = copy_project(target)
    added = make(project, "article", *(f"{key}={value}" for key, value in FIELDS.items()))
    add_hostile_article(project)
    with (project / "data" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    env = build_env() | {"KZBOOK_ROOT": str(project), "PYTHONPATH": str(project / "src")}
    units = subprocess.run(
        [sys.executable, "-m", "pytest", "-m", "not build", "-q", "-p", "no:cacheprovider"],
        cwd=project, env=env, capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    make(project, "book")
    return project, rows, added.stdout, units
