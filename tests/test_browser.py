"""The built HTML in a real browser (Chromium via Playwright), served from a local web server.

Every page loads with no console error beyond the ones :data:`browser.ACCEPTED_CONSOLE` lists with
their reasons, no uncaught exception, no failed request and no request to another machine; every
image loads and has alt text; every internal link and anchor resolves; the "next" buttons walk
through every chapter in the order of ``_toc.yml``; the search page finds a term. At phone
width nothing on any page needs sideways scrolling: every table's columns (the verdicts, the
article names) and every caption are on screen. Every table can be downloaded as CSV, and each
page's executed notebook from the page's download menu.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from browser import PHONE, Visit, chromium, html_pages, serve, visit, visit_each
from playwright.sync_api import Page

pytestmark = pytest.mark.build

IMAGES_JS = """async () => {
    window.scrollTo(0, document.body.scrollHeight);
    return Promise.all([...document.images].map(async (img) => {
        let loaded = true;
        try { await img.decode(); } catch (e) { loaded = false; }
        return {src: img.currentSrc, loaded: loaded && img.naturalWidth > 0,
                alt: (img.getAttribute("alt") || "").trim()};
    }));
}"""


def toc_pages(project: Path) -> list[str]:
    """The book's pages in reading order, as paths of HTML files relative to the site root."""
    toc = yaml.safe_load((project / "_toc.yml").read_text(encoding="utf-8"))

    def walk(entries: list[dict]) -> list[str]:
        pages = []
        for entry in entries:
            if "glob" in entry:  # the article pages, written by the build (sorted, as Sphinx)
                found = sorted(project.glob(f"{entry['glob']}.md"))
                pages += [f"{p.relative_to(project).with_suffix('')}.html" for p in found]
                continue
            pages.append(f"{entry['file']}.html")
            pages += walk(entry.get("sections", []))
        return pages

    return [f"{toc['root']}.html", *walk(toc["chapters"])]


@pytest.fixture(scope="module")
def site(book):
    """The built book on a local server, and a browser: (html folder, base URL, browser)."""
    project, _ = book
    html_dir = project / "_build/html"
    with serve(html_dir) as base, chromium() as browser:
        yield html_dir, base, browser


def look_at_page(page: Page, record: Visit) -> tuple[Visit, list[dict], list[str], dict]:
    """A page's record, its images, the links on it, and where it landed with its navigation
    (the sidebar's chapter links and the "next" button's target)."""
    images = page.evaluate(IMAGES_JS)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    following = page.query_selector("a.right-next")
    navigation = {
        "url": page.url,
        "sidebar": page.eval_on_selector_all(
            ".bd-sidebar-primary a.reference.internal", "links => links.map(a => a.href)"
        ),
        "next": following.evaluate("a => a.href") if following else None,
    }
    return record, images, hrefs, navigation


@pytest.fixture(scope="module")
def pages(site) -> dict[str, tuple[Visit, list[dict], list[str], dict]]:
    """Every page opened once (:func:`look_at_page`)."""
    html_dir, base, _ = site
    return visit_each(base, html_pages(html_dir), look_at_page)


def test_every_page_loads_cleanly_and_stays_on_this_machine(site, pages):
    html_dir, _, _ = site
    problems = {}
    for name, (record, _, _, _) in pages.items():
        found = {
            "status": [] if record.status == 200 else [record.status],
            "console": record.unexpected_console(),
            "exceptions": record.page_errors,
            "dialogs": record.dialogs,
            "outside requests": record.outside_requests,
            "failed requests": record.failed_requests,
        }
        if any(found.values()):
            problems[name] = {k: v for k, v in found.items() if v}
    assert len(pages) >= len(toc_pages(html_dir.parents[1]))
    assert problems == {}


def test_every_image_loads_and_has_alt_text(pages):
    images = [(name, image) for name, (_, found, _, _) in pages.items() for image in found]
    # The book's figures: corpus, background, comparison, contested figures, 2 readability.
    assert len(images) >= 6
    assert [(n, i) for n, i in images if not i["loaded"] or not i["alt"]] == []


def anchors(path: Path) -> set[str]:
    return set(re.findall(r'\bid="([^"]+)"', path.read_text(encoding="utf-8")))


def test_every_internal_link_and_anchor_resolves(site, pages):
    html_dir, base, _ = site
    broken = []
    for name, (_, _, hrefs, _) in pages.items():
        for href in {h for h in hrefs if h.startswith(base)}:
            parts = urlsplit(href)
            target = html_dir / unquote(parts.path[len(urlsplit(base).path) :])
            if target.is_dir():
                target = target / "index.html"
            if not target.is_file():
                broken.append((name, href))
            elif parts.fragment and parts.fragment not in anchors(target):
                broken.append((name, href))
    assert broken == []


def test_next_buttons_walk_through_every_chapter_in_order(site, pages):
    """From the first page, each page's "next" button (as each page was opened) leads to the
    next chapter of ``_toc.yml``, and every page's sidebar lists every chapter."""
    html_dir, base, _ = site
    expected = toc_pages(html_dir.parents[1])
    walked, url = [], base + expected[0]
    while url and len(walked) <= len(expected):
        _, _, _, navigation = pages[url[len(base) :]]
        walked.append(navigation["url"][len(base) :])
        sidebar = {link.split("#")[0] for link in navigation["sidebar"]}
        assert {base + p for p in expected[1:]} <= sidebar
        url = navigation["next"]
    assert walked == expected


def test_search_finds_a_term(site):
    _, base, browser = site
    with visit(browser, base + "search.html?q=Zhanaozen", base) as (page, record):
        page.wait_for_selector("ul.search li", timeout=20_000)
        results = page.eval_on_selector_all("ul.search li a", "links => links.map(a => a.href)")
    assert any("chapters/background.html" in r for r in results), results
    assert record.unexpected_console() == [] and record.outside_requests == []


PHONE_JS = """() => {
    const width = window.innerWidth;
    const wide = (el) => el.scrollWidth > el.clientWidth + 1;
    const off = (el) => el.getBoundingClientRect().right > width + 1;
    const name = (el) => (el.id || el.className || el.tagName) + ": " +
        (el.innerText || "").slice(0, 60);
    const problems = [];
    if (document.documentElement.scrollWidth > width + 1) problems.push("page scrolls sideways");
    for (const el of document.querySelectorAll(
            "article table, article .pst-scrollable-table-container, article figure, " +
            "article caption, article figcaption, article pre, article .kz-article-text")) {
        if (wide(el) || off(el)) problems.push(name(el));
    }
    for (const cell of document.querySelectorAll("article table td")) {
        if (cell.offsetParent !== null && off(cell)) { problems.push("cell " + name(cell)); break; }
    }
    return problems;
}"""


def test_at_phone_width_nothing_needs_sideways_scrolling(site):
    html_dir, base, _ = site
    names = [n for n in html_pages(html_dir) if n not in ("search.html", "genindex.html")]
    found = visit_each(base, names, lambda page, _: page.evaluate(PHONE_JS), viewport=PHONE)
    assert {name: problems for name, problems in found.items() if problems} == {}


def test_verdicts_and_article_names_are_on_a_phone_screen(site):
    _, base, browser = site
    url = base + "chapters/contested-figures.html"
    with visit(browser, url, base, viewport=PHONE) as (page, _):
        shown = page.evaluate("""() => [...document.querySelectorAll("table.kz-stack td")]
            .filter(td => ["verdict", "article"].includes(
                (td.querySelector(".kz-cell-label") || {}).textContent))
            .map(td => td.getBoundingClientRect())
            .map(r => r.right <= window.innerWidth + 1 && r.left >= -1 && r.width > 40)""")
    assert shown and all(shown)


def cells(notebook: Path) -> list[tuple[str, object]]:
    """A notebook's cells as (source, outputs), whatever their ids."""
    found = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [("".join(c["source"]), c.get("outputs")) for c in found]


def test_every_table_has_a_csv_and_every_page_its_notebook(site, pages):
    html_dir, base, _ = site
    missing = []
    for name, (_, _, hrefs, _) in pages.items():
        source = (html_dir / name).read_text(encoding="utf-8")
        tables = len(re.findall(r"<table\b", source))
        # each table's own CSV (the contested-figures page also offers every check in one file)
        csvs = [h for h in hrefs if h.endswith(".csv") and not h.endswith("/downloads/claims.csv")]
        if len(csvs) != tables:
            missing.append((name, tables, len(csvs)))
        for href in csvs:
            target = html_dir / unquote(urlsplit(href).path[len(urlsplit(base).path) :])
            assert target.read_text(encoding="utf-8").count("\n") >= 1, href  # a header, at least
        executed = html_dir.parent / "jupyter_execute" / Path(name).with_suffix(".ipynb")
        if executed.is_file():  # a page made from a notebook offers it, executed
            copy = html_dir / "_sources" / Path(name).with_suffix(".ipynb")
            if "download-notebook-button" not in source or not copy.is_file():
                missing.append((name, "no notebook"))
            elif cells(copy) != cells(executed):
                missing.append((name, "a stale notebook"))
    assert missing == []
