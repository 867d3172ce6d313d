"""A Sphinx extension that writes one page per article, and the PDF's appendix of coding tables,
from the templates in ``chapters/articles/``.

Every article page is the same page with another id: the per-article words live in ``data/``,
so a page is made for each row of ``data/articles.csv`` by putting its id and label into
``article.md.template``; ``appendix.md.template`` repeats its part after ``@EACH@`` for every
article. The pages are written before Sphinx looks for sources (``config-inited``), only when
their text changes (so an unchanged page is not re-read), and pages of articles no longer listed
are removed. They are build output, not sources: git ignores them. ``python -m
helpers.article_pages`` writes them without building, to re-execute a page on its own.
"""

from __future__ import annotations

from pathlib import Path

from helpers import paths
from helpers.corpus import article_labels, read_metadata
from helpers.display import escape_markdown

PAGES = Path("chapters") / "articles"
ARTICLE_TEMPLATE = "article.md.template"
APPENDIX_TEMPLATE = "appendix.md.template"
APPENDIX_PAGE = "appendix.md"
EACH = "@EACH@\n"


def fill(template: str, article: str, label: str) -> str:
    """A template with an article's id and its label (escaped for a heading) put in."""
    return template.replace("@ARTICLE@", article).replace("@TITLE@", escape_markdown(label))


def page_texts(root: Path) -> dict[Path, str]:
    """Every generated page of the book in ``root``, by its path, with its text."""
    folder = root / PAGES
    labels = article_labels(read_metadata(root / "data" / "articles.csv"))
    article = (folder / ARTICLE_TEMPLATE).read_text(encoding="utf-8")
    head, each = (folder / APPENDIX_TEMPLATE).read_text(encoding="utf-8").split(EACH, 1)
    pages = {folder / f"article-{a}.md": fill(article, a, label) for a, label in labels.items()}
    pages[folder / APPENDIX_PAGE] = head + "".join(fill(each, a, lab) for a, lab in labels.items())
    return pages


def write_pages(root: Path) -> list[Path]:
    """Write the generated pages that changed, remove those of articles no longer listed, and
    return the paths written."""
    pages = page_texts(root)
    for stale in (root / PAGES).glob("article-*.md"):
        if stale not in pages:
            stale.unlink()
    written = []
    for path, text in pages.items():
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def _on_config(app, config) -> None:
    write_pages(Path(app.srcdir))


def setup(app) -> dict[str, object]:
    """Register the extension with Sphinx: the pages exist before Sphinx looks for sources."""
    app.connect("config-inited", _on_config, priority=100)
    return {"parallel_read_safe": True, "parallel_write_safe": True}


if __name__ == "__main__":
    for page in write_pages(paths.project_root()):
        print(page)
