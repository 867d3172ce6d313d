"""The book builds: `make book` gives HTML and PDF, pages show computed values, never stale.

Each test builds in a temporary copy of the project with this test run's virtual environment (no
reinstall). That environment's helper package is installed from this checkout, so the copy's
own helpers and data reaching its pages also proves that the build runs the book being built.
"""

from __future__ import annotations

import csv
import html
import json
import os
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import PDF, VENV, copy_project, make, output_digests, read_rows, write_rows

from helpers import paths
from helpers.actors import load_actors, whos_who_table
from helpers.analysis import load_analysis, load_readability_check, uncurated_articles
from helpers.bibliography import split_keys
from helpers.claim_checks import claim_facts, load_claims, statement_verdicts
from helpers.claim_inventory import inventory_facts, load_sentence_judgements
from helpers.claim_review import missing_fields
from helpers.claims import extract_claims
from helpers.claims_chart import death_toll_alt, death_toll_rows, tallies_alt
from helpers.corpus import corpus_facts, load_corpus, summary_table
from helpers.display import TABLES_MIME, with_article_labels
from helpers.findings import landing_facts
from helpers.framing_chart import frame_heatmap_alt
from helpers.framing_report import load_framing
from helpers.integrity_report import side_by_side_facts
from helpers.plots import words_kept_removed_alt
from helpers.readability import (
    article_scores,
    readability_facts,
    sentence_levels,
    sentence_scores,
)
from helpers.readability_chart import scores_alt, sentence_length_alt
from helpers.timeline import load_key_events, load_timeline, timeline_facts, timing_facts
from helpers.timeline_chart import timeline_alt

pytestmark = pytest.mark.build

ROOT = paths.project_root()
# Signs of an object shown as its Python repr instead of a table or figure. ("DataFrame" alone is
# not one: the reproducing appendix names it in a module description.)
RAW_REPRS = ("<pandas.", "<Styler", "Styler at 0x", "<Figure size", "object at 0x", "Traceback")


def page_text(path: Path) -> str:
    """The visible text of an HTML page, tags removed and entities decoded."""
    source = path.read_text(encoding="utf-8")
    source = re.sub(r"<(script|style)\b.*?</\1>", " ", source, flags=re.S)
    return as_read(html.unescape(re.sub(r"<[^>]+>", " ", source)))


def as_read(text: str) -> str:
    """Text with runs of white space as one space and no space before punctuation or after an
    opening bracket: a tag next to punctuation leaves one ("2022 ,"), and a reader sees none."""
    text = " ".join(text.split())
    return re.sub(r"\(\s+", "(", re.sub(r"\s+([,.;:!?%)])", r"\1", text))


@pytest.fixture(scope="module")
def facts() -> dict[str, object]:
    return corpus_facts(load_corpus())


def test_make_book_prints_where_html_and_pdf_are(book):
    project, result = book
    html_path = project / "_build/html/index.html"
    assert f"HTML: {html_path}" in result.stdout
    assert f"PDF:  {project / PDF}" in result.stdout
    assert html_path.is_file() and (project / PDF).stat().st_size > 50_000


def test_corpus_page_shows_computed_numbers_and_real_tables(book, facts):
    project, _ = book
    page = project / "_build/html/chapters/corpus.html"
    text = page_text(page)
    assert f"with {facts['body_words']:,} words of article text in {facts['sentences']} " in text
    assert re.search(r"Table \d+ The articles: author, publication date", text)
    # The overview and the sources; the files and cleaning tables are in the appendix.
    assert len(re.findall(r"<table\b", page.read_text(encoding="utf-8"))) == 2
    assert not [r for r in RAW_REPRS if r in text]


def expected_alt_texts() -> dict[str, list[str]]:
    """Each chapter's figure alt texts, in page order, computed from the data as it does."""
    corpus = load_corpus()
    scores = article_scores(corpus)
    sentences = sentence_levels(sentence_scores(corpus))
    labels = corpus.labels
    return {
        "chapters/corpus.html": [words_kept_removed_alt(summary_table(corpus))],
        "chapters/background.html": [
            timeline_alt(load_timeline(), corpus.articles, load_key_events(load_timeline()))
        ],
        "chapters/framing/comparison.html": [
            frame_heatmap_alt(with_article_labels(load_framing(corpus).frame_scores(), labels))
        ],
        "chapters/contested-figures.html": [
            death_toll_alt(
                death_toll_rows(
                    load_timeline(), load_claims(corpus, extract_claims(corpus)), corpus.articles
                )
            ),
            tallies_alt(load_timeline(), load_claims(corpus, extract_claims(corpus))),
        ],
        "chapters/readability.html": [
            scores_alt(with_article_labels(scores, labels)),
            sentence_length_alt(with_article_labels(sentences, labels)),
        ],
    }


def test_every_figure_has_its_computed_alt_text(book):
    project, _ = book
    for page, alts in expected_alt_texts().items():
        source = (project / "_build/html" / page).read_text(encoding="utf-8")
        images = re.findall(r"<img\b[^>]*>", source)
        found = [html.unescape(re.search(r'alt="([^"]*)"', i).group(1)) for i in images]
        assert found == alts, page
    for page in (project / "_build/html").rglob("*.html"):
        for image in re.findall(r"<img\b[^>]*>", page.read_text(encoding="utf-8")):
            assert not re.search(r'alt="[^"]*\.png"', image), (page, image)


def test_background_page_glues_dates_and_figures_from_the_data(book):
    project, _ = book
    corpus = load_corpus()
    timeline = load_timeline()
    facts = timeline_facts(timeline) | timing_facts(corpus.articles, timeline)
    page = project / "_build/html/chapters/background.html"
    text = page_text(page)
    assert (
        f"The timeline holds {facts['n_events']} events from {facts['first_year']} to "
        f"{facts['last_year']}, drawn from {facts['n_sources']} sources"
    ) in text
    assert (
        f"gave Tokayev {facts['value_election_2019_preliminary']}% in its preliminary count and "
        f"{facts['value_election_2019_final']}% in its final count"
    ) in text
    assert f"to {facts['value_deaths_225']} on {facts['date_deaths_225']}" in text
    label = corpus.labels["004"]
    assert f"{label} ({facts['published_004']}) comes after {facts['before_004']}" in text
    assert len(re.findall(r"<table\b", page.read_text("utf-8"))) == 1
    assert not [r for r in RAW_REPRS if r in text]
    # The reference tables are in the appendix: every source of every event and role is a
    # numbered link into the bibliography.
    appendix = (project / "_build/html/chapters/appendices/events.html").read_text("utf-8")
    assert len(re.findall(r"<table\b", appendix)) == 3
    cited = sum(len(keys) for keys in timeline["sources"])
    cited += sum(
        len(split_keys(cell)) for cell in whos_who_table(load_actors(corpus.articles))["sources"]
    )
    links = re.findall(r'<a class="reference internal" href="../references.html#', appendix)
    assert len(links) == cited


def test_landing_page_leads_with_the_findings(book, facts):
    project, _ = book
    text = page_text(project / "_build/html/index.html")
    found = landing_facts(load_analysis(), load_readability_check().checked)
    assert (
        f"on {facts['n_articles']} English-language articles about Kazakhstan, published between "
        f"{facts['earliest']} and {facts['latest']}"
    ) in text
    # The findings come before the reader notes, and each is glued from the chapters' helpers.
    assert text.index("What we found") < text.index("About this book")
    for name in ("kinds", "failing_statements", "held_when_written", "first_partial_counts"):
        assert as_read(str(found[name])) in text, name
    assert (
        f"to {found['first_overall_toll']} on {found['first_overall_date']} and, after "
        f"{found['n_counts_between']} further counts, to a final {found['final_toll']} on "
        f"{found['final_toll_date']}"
    ) in text
    assert f"Of the {found['n_after_unrest']} articles written after the unrest began" in text
    # The software table is for re-executers, in the appendix.
    assert "textstat 0.7.13" not in text
    appendix = page_text(project / "_build/html/chapters/appendices/reproducing.html")
    # (cells may start with their column's name, shown at phone width)
    assert re.search(r"textstat (version )?0\.7\.13", appendix)


def test_pdf_has_numbered_tables_figure_and_computed_numbers(book, facts):
    project, _ = book
    text = subprocess.run(
        ["pdftotext", "-layout", str(project / PDF), "-"], capture_output=True, text=True,
        check=True,
    ).stdout  # fmt: skip
    flat = " ".join(text.split())
    # Numbered through the book ("Figure 3:"), as in the HTML; every figure has a caption.
    assert len(set(re.findall(r"Figure \d+:", flat))) == 7
    assert len(set(re.findall(r"Table \d+:", flat))) >= 40
    assert "References" in flat
    assert f"{facts['body_words']:,} words of article text" in flat
    assert "Muhammad Mahdi Noori" in flat and "13 January 2022" in flat
    assert not [r for r in RAW_REPRS if r in flat]


#: The PDF's report part, before the appendices, is at most this many pages.
REPORT_PAGES = 40
#: A page in the report part less full than this is a near-empty page, unless a chapter ends on
#: it (or it is the title page).
LEAST_FILL = 0.25


def pdf_pages(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, in order."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")[:-1]


def page_fill(pdf: Path, page: int) -> float:
    """How far down its text block a page's content reaches (0 empty, 1 full), from a small
    grey rendering: the lowest dark row between the running head and the page number."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as folder:
        stem = Path(folder) / "page"
        subprocess.run(["pdftoppm", "-gray", "-r", "20", "-f", str(page), "-l", str(page),
                        "-png", str(pdf), str(stem)], check=True)  # fmt: skip
        image = Image.open(next(Path(folder).glob("page*.png"))).convert("L")
        width, height = image.size
        pixels = image.load()
        top, bottom = int(0.12 * height), int(0.88 * height)
        dark = [y for y in range(top, bottom) if any(pixels[x, y] < 160 for x in range(width))]
        return (max(dark) - top) / (bottom - top) if dark else 0.0


def report_part(pages: list[str]) -> list[str]:
    """The pages before the first appendix (whose opening page reads "APPENDIX" and "A")."""
    for number, text in enumerate(pages):
        lines = [line.strip() for line in text.splitlines() if line.strip()]
        if any(a == "APPENDIX" and b == "A" for a, b in zip(lines, lines[1:], strict=False)):
            return pages[:number]
    raise AssertionError("the PDF has no appendix A")


def test_pdf_report_part_is_lean_and_prints_no_code(book):
    project, _ = book
    pages = pdf_pages(project / PDF)
    report = report_part(pages)
    assert len(report) <= REPORT_PAGES, f"{len(report)} pages before the appendices"
    # No code, and nothing that only makes sense on a screen, anywhere in the PDF.
    tex = (project / PDF.with_suffix(".tex")).read_text(encoding="utf-8")
    assert "sphinxVerbatim" not in tex[: tex.index("\\appendix")]
    flat = " ".join(" ".join(pages).split())
    for screen_only in ("click", "Click", "button", "Show code", "open it with", "folded"):
        # whole words: quoted reports may say "unfolded"
        assert not re.search(rf"\b{screen_only}\b", flat), screen_only
    assert "import " not in " ".join(report) and "load_analysis" not in flat
    # The bibliography once, right after its chapter's lead, not on a page of its own.
    assert flat.count("Bibliography") == 0 and pages[-1].count("References") <= 1


def test_pdf_report_part_has_no_near_empty_page_but_at_chapter_ends(book):
    project, _ = book
    pages = pdf_pages(project / PDF)
    report = report_part(pages)
    starts_chapter = [bool(re.search(r"^\s*(CHAPTER|APPENDIX)\s*$", p, re.M)) for p in pages]
    empty = [
        number
        for number in range(2, len(report) + 1)  # page 1 is the title page
        if not starts_chapter[number] and page_fill(project / PDF, number) < LEAST_FILL
    ]
    assert empty == [], f"pages less than {LEAST_FILL:.0%} full, not at a chapter's end"


def test_tables_and_figures_are_numbered_alike_in_html_and_pdf(book):
    project, _ = book
    numbered = set()
    for page in (project / "_build/html").rglob("*.html"):
        source = page.read_text(encoding="utf-8")
        for kind, number, caption in re.findall(
            r'<span class="caption-number">(Table|Figure) (\d+) </span>'
            r'<span class="caption-text">([^<]+)',
            source,
        ):
            numbered.add((kind, number, " ".join(html.unescape(caption).split()[:4])))
    assert len(numbered) >= 40
    flat = " ".join(" ".join(pdf_pages(project / PDF)).split())
    missing = [n for n in numbered if f"{n[0]} {n[1]}: {n[2]}" not in flat]
    assert missing == []


def test_pdf_has_nothing_cut_off(book):
    project, _ = book
    log = (project / PDF.with_suffix(".log")).read_text(encoding="utf-8", errors="replace")
    assert "Overfull \\hbox" not in log and "Overfull \\vbox" not in log


def test_two_clean_builds_are_identical(book, clean_rebuild):
    """Reproducible builds: a second `make book` from a clean copy of the same sources, in
    another folder, gives byte-identical pages, figures and PDF."""
    first, _ = book
    a, b = output_digests(first), clean_rebuild[1]
    assert sorted(a) == sorted(b)
    assert any(name.startswith("html/_images/") for name in a)
    assert [name for name in a if a[name] != b[name]] == []


def executed(result: subprocess.CompletedProcess[str]) -> list[str]:
    """The chapters a build executed, from what it printed."""
    return re.findall(r"\[build_freshness\] (\S+): executed in", result.stdout + result.stderr)


def test_rebuild_is_never_stale(clean_rebuild):
    """Each chapter is executed again when, and only when, what it reads changed: a data file
    read through the values shared by the whole build, or one helper module; a stylesheet
    change is copied without executing anything."""
    project, _ = clean_rebuild
    unchanged = make(project, "html")
    assert "html: up to date" in unchanged.stdout
    assert executed(unchanged) == [] and "Running Sphinx" not in unchanged.stdout

    # Three changes at once. Each article's reading (readings.csv), which chapters read through
    # the shared analysis; the timeline figure's alt text, in a helper only the background
    # chapter uses; and the stylesheet.
    readings = project / "data/readings.csv"
    rows = read_rows(readings)
    rows[0]["reading"] = "Data-Change Marker. " + rows[0]["reading"]
    write_rows(readings, rows)
    chart = project / "src/helpers/timeline_chart.py"
    chart.write_text(
        chart.read_text(encoding="utf-8").replace(
            'f"Timeline in two panels of ', 'f"Helper-Change Marker: timeline in two panels of '
        ),
        encoding="utf-8",
    )
    css = project / "_static/custom.css"
    css.write_text(css.read_text(encoding="utf-8") + "/* Style-Change Marker */\n")
    rebuilt = make(project, "html")
    ran = executed(rebuilt)
    assert "chapters/articles/article-000" in ran and "chapters/background" in ran
    # chapters that read neither change are not executed again: the build tells them apart
    assert "chapters/corpus" not in ran and "chapters/methods" not in ran
    assert "Executing notebook" not in rebuilt.stdout + rebuilt.stderr  # none left to myst-nb
    article = project / "_build/html/chapters/articles/article-000.html"
    assert "Data-Change Marker" in page_text(article)
    background = project / "_build/html/chapters/background.html"
    assert "Helper-Change Marker" in background.read_text(encoding="utf-8")
    built_css = project / "_build/html/_static/custom.css"
    assert "Style-Change Marker" in built_css.read_text(encoding="utf-8")


def test_a_chapter_reexecutes_on_its_own(tmp_path):
    project = copy_project(tmp_path / "project")
    out = tmp_path / "corpus.ipynb"
    env = dict(os.environ, KZBOOK_ROOT=str(project), PYTHONPATH=str(project / "src"))
    subprocess.run(
        [str(VENV / "bin/jupytext"), "--to", "ipynb", "--execute", "chapters/corpus.md",
         "-o", str(out)],
        cwd=project, env=env, check=True, capture_output=True, timeout=600,
    )  # fmt: skip
    cells = json.loads(out.read_text(encoding="utf-8"))["cells"]
    outputs = [o for c in cells if c["cell_type"] == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o["output_type"] == "error"]
    markdown = [
        "".join(o["data"]["text/markdown"]) for o in outputs if "text/markdown" in o.get("data", {})
    ]
    assert len(markdown) == 2  # the overview and the sources; the rest is in the appendix
    assert ":name: tbl-corpus" in markdown[0]
    # Each table's CSV travels in the executed notebook, for re-executers and the downloads.
    assert any(TABLES_MIME in o.get("data", {}) for o in outputs)
    assert any("image/png" in o.get("data", {}) for o in outputs)


def test_each_article_page_opens_with_its_dossier_and_shows_its_text(book):
    project, _ = book
    analysis = load_analysis()
    framing = analysis.framing
    for article in analysis.article_ids:
        page = project / f"_build/html/chapters/articles/article-{article}.html"
        text = page_text(page)
        label = analysis.labels[article]
        card = text.index("Where it comes from")  # the page's own contents list comes later
        assert text.index(label) < card < text.index("The article itself", card)
        assert analysis.kinds.label(article) in text
        # Every sentence of the article is in its marked-up text, whole, and every quote of the
        # coding is on the page.
        source = page.read_text(encoding="utf-8")
        marked = source[source.index('<div class="kz-article-text">') :]
        marked = as_read(html.unescape(re.sub(r"<[^>]+>", "", marked[: marked.index("</div>")])))
        for sentence in analysis.corpus.sentences.loc[
            analysis.corpus.sentences["article_id"] == article, "text"
        ]:
            assert as_read(sentence) in marked, sentence
        mine = framing.hand[(framing.hand["article"] == article) & (framing.hand["quote"] != "")]
        for quote in mine["quote"]:
            assert as_read(quote) in text, quote
        assert not [r for r in RAW_REPRS if r in text]


def test_comparison_page_has_the_heatmap_and_matrices(book):
    project, _ = book
    page = project / "_build/html/chapters/framing/comparison.html"
    source = page.read_text(encoding="utf-8")
    assert len(re.findall(r"<table\b", source)) == 3
    assert len(re.findall(r"<img\b[^>]*>", source)) == 1


def test_contested_figures_page_glues_counts_and_its_appendix_is_complete(book):
    project, _ = book
    corpus = load_corpus()
    extracted = extract_claims(corpus)
    claims = load_claims(corpus, extracted)
    judgements = load_sentence_judgements(corpus, extracted, claims)
    facts = claim_facts(claims, extracted)
    page = project / "_build/html/chapters/contested-figures.html"
    text = page_text(page)
    assert f"{facts['n_statements']} statements of fact were found" in text
    assert f"{facts['n_consistent']} are consistent, {facts['n_outdated']} outdated" in text
    assert f"of the {inventory_facts(judgements)['n_sentences_judged']} sentences" in text
    source = page.read_text(encoding="utf-8")
    # the verdict scale, the four tables of what does not hold or held when written, and one
    # of automatic checks for each article no reader has checked yet
    uncurated = uncurated_articles(judgements, list(corpus.articles["id"]))
    assert len(re.findall(r"<table\b", source)) == 5 + len(uncurated)
    # Every statement, every sentence and every extracted number are in the appendix.
    appendix = (project / "_build/html/chapters/appendices/figures.html").read_text("utf-8")

    def rows_of(table: str) -> int:
        start = appendix.index(f'id="{table}"')
        return appendix[start : appendix.index("</table>", start)].count("<tr")

    assert rows_of("tbl-all-checks") == len(claims) + 1
    assert rows_of("tbl-sentences") == len(corpus.sentences) + 1
    assert rows_of("tbl-extracted") == len(extracted) + 1


def test_fact_checks_are_published_as_csv_and_claimreview(book):
    project, _ = book
    corpus = load_corpus()
    claims = load_claims(corpus, extract_claims(corpus))
    with (project / "_build/html/downloads/claims.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(claims)
    wanted = {"article", "sentence", "quote", "claim", "kind", "verdict", "reference", "source",
              "as_of"}  # fmt: skip
    assert wanted <= set(rows[0])
    assert [r["id"] for r in rows] == list(claims["id"])
    source = (project / "_build/html/chapters/contested-figures.html").read_text("utf-8")
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', source, re.S)
    assert len(scripts) == 1
    head = source[: source.index("</head>")]
    assert scripts[0] in head  # in the page's head, not its text
    reviews = json.loads(scripts[0])
    statements = statement_verdicts(claims)
    checked = statements[statements["verdict"] != "not checkable"]
    assert len(reviews) == len(checked)
    assert all(missing_fields(review) == [] for review in reviews)
    assert [r["claimReviewed"] for r in reviews] == list(checked["quote"])
    assert {r["reviewRating"]["alternateName"] for r in reviews} == set(checked["verdict"])
    # no other page carries them, and the PDF has no trace of them
    other = (project / "_build/html/index.html").read_text("utf-8")
    assert "application/ld+json" not in other


def test_readability_page_glues_scores_and_flags(book):
    project, _ = book
    corpus = load_corpus()
    facts = readability_facts(article_scores(corpus), sentence_levels(sentence_scores(corpus)))
    page = project / "_build/html/chapters/readability.html"
    text = page_text(page)
    assert (
        f"The hardest is {corpus.labels[facts['hardest_article']]}, with a reading ease of "
        f"{facts['hardest_ease']} and a Flesch-Kincaid grade of {facts['hardest_grade']}"
    ) in text
    assert f"Of the {facts['n_sentences']} sentences, {facts['n_hard']} are hard" in text
    # The flags, with their evidence, are in the appendix.
    appendix = page_text(project / "_build/html/chapters/appendices/readability.html")
    assert "The Guardian (argued)" in appendix and "Rolle → Role" in appendix
    assert "a sign, not proof" in text
    assert not [r for r in RAW_REPRS if r in text]


def test_integrity_flags_are_published_and_the_copies_compared_in_the_prose(book):
    project, _ = book
    analysis = load_analysis()
    with (project / "_build/html/downloads/integrity_flags.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == len(analysis.flags)
    wanted = {"article", "sentence", "quote", "start", "end", "category", "likely_original",
              "original_basis", "severity", "evidence", "source"}  # fmt: skip
    assert wanted <= set(rows[0])
    assert any(r["sentence"].startswith("heading") for r in rows)
    facts = side_by_side_facts(analysis.siblings, analysis.aligned)
    text = page_text(project / "_build/html/chapters/readability.html")
    assert (
        f"stored public pages hold {facts['copies_002']}, {facts['min_similarity_002']} to "
        f"{facts['max_similarity_002']} per cent alike with it passage by passage"
    ) in text
    # the article's page has its own flags and its copies, folded
    page = (project / "_build/html/chapters/articles/article-002.html").read_text("utf-8")
    assert "Every integrity flag in this article" in page
    assert "This article beside its copies, passage by passage" in page
