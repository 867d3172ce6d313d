"""Each article's dossier card, its marked-up text, and the pages written from one template."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers.analysis import load_analysis
from helpers.article_pages import page_texts, write_pages
from helpers.dossier import card, latex_escape, marked_text, marks


@pytest.fixture(scope="module")
def analysis():
    return load_analysis()


def test_the_card_gathers_every_chapter_on_one_article(analysis):
    text = card(analysis, "004")
    assert "**Written:** June 2019\\, inferred from its content" in text
    assert "an original text in non\\-native English" in text
    assert "written before the unrest" in text
    assert "“70.8 percent”" not in text  # it holds: only figures that do not simply hold are listed
    assert re.search(r"Flesch-Kincaid grade \d+\.\d, the \w+", text)


def test_every_sentence_is_numbered_and_every_kind_of_mark_is_drawn(analysis):
    for article in analysis.article_ids:
        shown = marked_text(analysis, article)
        html_part = shown.split("```{raw} latex")[0]
        n_sentences = int((analysis.corpus.sentences["article_id"] == article).sum())
        assert (
            len(re.findall(r'<span class="kz-sn[^"]*" data-n="s\d+', html_part)) == n_sentences + 1
        )
        assert shown.count(r"\kzsentence{s") == n_sentences + 1  # and one in each legend
    kinds = {m.kind for m in marks(analysis, "003")}
    assert kinds == {"figure", "flag", "evidence"}
    keeper = [m for m in marks(analysis, "003") if m.kind == "flag" and m.tag == "wrong word"]
    text = analysis.corpus.articles.set_index("id").loc["003", "raw_text"]
    assert "The keeper" in {text[m.start : m.end] for m in keeper}


def test_article_text_is_escaped_for_html_and_latex(analysis):
    assert latex_escape("50% of $5 & #1_a {b} \\ ~") == (
        r"50\% of \$5 \& \#1\_a \{b\} \textbackslash{} \textasciitilde{}"
    )
    shown = marked_text(analysis, "003")
    html_part, latex_part = shown.split("```{raw} latex")
    assert "$ 13 million" in html_part and r"\$ 13 million" in latex_part
    assert "&quot;" not in latex_part and "`" not in html_part.removeprefix("```{raw} html")[:-5]


def test_one_page_per_listed_article_from_the_template(tmp_path):
    from helpers import paths

    root = tmp_path / "book"
    shutil.copytree(
        paths.project_root() / "chapters" / "articles", root / "chapters" / "articles",
        ignore=shutil.ignore_patterns("*.md"),
    )  # fmt: skip
    shutil.copytree(paths.data_dir(), root / "data")
    (root / "chapters/articles/article-999-gone.md").write_text("stale", encoding="utf-8")
    written = write_pages(root)
    pages = page_texts(root)
    names = sorted(p.name for p in pages)
    assert names == sorted(
        [f"article-{a}.md" for a in load_analysis().article_ids] + ["appendix.md"]
    )
    assert not (root / "chapters/articles/article-999-gone.md").exists()
    assert set(written) == set(pages)
    page = pages[root / "chapters/articles/article-002.md"]
    assert "(article-002)=\n# 002 · asiunical\\.org\n" in page and 'ARTICLE = "002"' in page
    assert write_pages(root) == []  # unchanged pages are not rewritten
