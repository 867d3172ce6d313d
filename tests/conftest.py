"""Shared fixtures: the real corpus, and throw-away copies of the project's inputs."""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from build_farm import BuildFarm

from helpers import paths
from helpers.corpus import Corpus, load_corpus
from helpers.project_copy import build_env, copy_project

ROOT = paths.project_root()
SHARED_ARTICLES = ROOT.parent / "shared" / "articles"
VENV = Path(sys.prefix)
PDF = Path("_build/latex/kazakhstan-articles.pdf")


#: The articles of this edition, whose values the tests pin. An article a user adds (the next
#: free id) is never among them, so adding one never makes a test fail.
EDITION = ["000", "001", "002", "003", "004"]
#: The id test fixtures give the articles they add: not an id ``make article`` would choose.
TEST_ID = "zz-test"


def edition_only(corpus: Corpus) -> Corpus:
    """The corpus restricted to this edition's articles (see :data:`EDITION`)."""
    return Corpus(
        articles=corpus.articles[corpus.articles["id"].isin(EDITION)],
        lines=corpus.lines[corpus.lines["article_id"].isin(EDITION)],
        paragraphs=corpus.paragraphs[corpus.paragraphs["article_id"].isin(EDITION)],
        sentences=corpus.sentences[corpus.sentences["article_id"].isin(EDITION)],
    )


@pytest.fixture(scope="session")
def corpus() -> Corpus:
    """The real corpus, loaded once."""
    return load_corpus()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of data/ (articles.csv and the raw texts) that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(paths.data_dir(), target)
    return target


def read_rows(csv_path: Path) -> list[dict[str, str]]:
    """The rows of a metadata CSV."""
    with csv_path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write_rows(csv_path: Path, rows: list[dict[str, str]], columns: list[str] | None = None):
    """Write metadata rows (all columns of the first row unless ``columns`` is given)."""
    columns = columns or list(rows[0])
    with csv_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows([{c: row.get(c, "") for c in columns} for row in rows])


def edit_metadata(data: Path, changes: dict[int, dict[str, str]]) -> None:
    """Change values in a data folder's articles.csv: ``{row index: {column: new value}}``."""
    rows = read_rows(data / "articles.csv")
    for index, values in changes.items():
        rows[index].update(values)
    write_rows(data / "articles.csv", rows)


def add_article(data: Path, article_id: str, text: bytes, **fields: str) -> Path:
    """Add an article to a data folder: its text file and a metadata row with its checksum."""
    name = f"{article_id}_test.txt"
    (data / "articles" / name).write_bytes(text)
    rows = read_rows(data / "articles.csv")
    row = dict.fromkeys(rows[0], "")
    row.update(
        id=article_id,
        file=name,
        title=fields.get("title", "A test article"),
        outlet=fields.get("outlet", "Test Outlet"),
        short_name=fields.get("short_name", fields.get("outlet", "Test Outlet")),
        published=fields.get("published", "2022-02"),
        date_basis=fields.get("date_basis", "inferred from content"),
        language="en",
        sha256=hashlib.sha256(text).hexdigest(),
    )
    write_rows(data / "articles.csv", [*rows, row])
    return data / "articles" / name


def make(project: Path, *targets: str) -> subprocess.CompletedProcess[str]:
    """Run make in the copy with this venv, never reinstalling it; fail loudly on error."""
    stamp = VENV / ".requirements-installed"
    result = subprocess.run(
        ["make", "-C", str(project), f"VENV={VENV}", "-o", str(stamp), *targets],
        env=build_env(), capture_output=True, text=True, timeout=1200,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return result


# --- the books the build tests read, built in the background (tests/build_farm.py) ------------

FARM = BuildFarm(limit=2)
#: The builds, each read by the fixture of its name, in the order they are started: the one
#: with the most work first, the one the fewest tests read last.
BUILDS = (
    "extended",  # the book with two articles added (tests/extended_book.py)
    "book",  # the whole book, HTML and PDF, by `make book` in a fresh copy
    "clean_rebuild",  # the same, from another fresh copy in another folder
)


def output_digests(project: Path) -> dict[str, str]:
    """SHA-256 of every file of the built HTML (pages, figures, search index) and of the PDF."""
    html_dir = project / "_build/html"
    files = {f"html/{p.relative_to(html_dir)}": p for p in html_dir.rglob("*") if p.is_file()}
    files["pdf"] = project / PDF
    return {name: hashlib.sha256(path.read_bytes()).hexdigest() for name, path in files.items()}


def _start_build(name: str, folder: Path) -> None:
    def book():
        project = copy_project(folder / "project")
        return project, make(project, "book")

    def clean_rebuild():
        project = copy_project(folder / "elsewhere" / "project")
        make(project, "book")
        return project, output_digests(project)

    def extended():
        from extended_book import build_extended

        return build_extended(folder / "project")

    makers = {"book": book, "clean_rebuild": clean_rebuild, "extended": extended}
    FARM.start(name, makers[name])


def _ensure(name: str, factory: pytest.TempPathFactory) -> None:
    if not FARM.has(name):
        _start_build(name, factory.mktemp(name))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the tests that need no book first, while the books build, then those that read each
    book, the book most tests read first (a stable sort: each file keeps its order)."""
    order = {"book": 1, "clean_rebuild": 2, "extended": 3}

    def needs(item: pytest.Item) -> int:
        return max((order[n] for n in getattr(item, "fixturenames", ()) if n in order), default=0)

    items.sort(key=needs)


def pytest_collection_finish(session: pytest.Session) -> None:
    """Start, before the first test runs, every build a collected test reads."""
    wanted = {n for item in session.items for n in getattr(item, "fixturenames", ()) if n in BUILDS}
    if wanted and not session.config.option.collectonly:
        factory = session.config._tmp_path_factory  # pytest's own, as tmp_path_factory is
        for name in BUILDS:
            if name in wanted:
                _ensure(name, factory)


@pytest.fixture(scope="session")
def book(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The whole book (HTML and PDF) built by `make book` in a fresh copy."""
    _ensure("book", tmp_path_factory)
    return FARM.get("book")


@pytest.fixture(scope="session")
def clean_rebuild(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A second `make book` from a clean copy in another folder, and the digests of its output
    as built (a test may then change the copy)."""
    _ensure("clean_rebuild", tmp_path_factory)
    return FARM.get("clean_rebuild")


@pytest.fixture(scope="session")
def extended(tmp_path_factory):
    """The book with a real report and a hostile article added (tests/extended_book.py): the
    copy, its articles' rows, what `make article` printed, its unit tests' run."""
    _ensure("extended", tmp_path_factory)
    return FARM.get("extended")
