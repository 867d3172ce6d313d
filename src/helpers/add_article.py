"""Add an article to the corpus in one step (``make article FILE=… URL=… OUTLET=… PUBLISHED=…``).

The command copies the text into ``data/articles/`` under the next free id, appends its row to
``data/articles.csv`` with the file's SHA-256, appends a bibliography entry for the page to
``references.bib``, checks that the corpus still loads, and prints what is left for a person to
do. Nothing else needs editing for the book to build: an article nobody has coded yet shows the
rules' suggestions, marked as unreviewed. Run ``python -m helpers.add_article --help``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import re
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from helpers import paths
from helpers.bibliography import bib_keys
from helpers.corpus import DATE_BASES, load_corpus
from helpers.csvdata import InputError
from helpers.dates import date_problem

#: Digits in a generated id; ids that are not all digits (a test's ``zz-…``) are never counted.
ID_DIGITS = 3


class AddArticleError(ValueError):
    """An article that cannot be added; the message is one line naming the file and problem."""


@dataclass(frozen=True)
class NewArticle:
    """What a person gives for a new article (``title`` empty: the text's first line)."""

    text_file: Path
    url: str
    outlet: str
    published: str
    title: str = ""
    short_name: str = ""
    author: str = ""
    date_basis: str = "stated in the text"
    page_date: str = ""
    language: str = "en"


def next_id(ids: list[str]) -> str:
    """The next free numeric id: one more than the largest all-digit id, zero-padded."""
    numbers = [int(i) for i in ids if i.isdigit()]
    return f"{max(numbers, default=-1) + 1:0{ID_DIGITS}d}"


def text_file_problems(path: Path) -> list[str]:
    """What stops the file from being read as an article's text: missing, not UTF-8, empty."""
    if not path.is_file():
        return ["file not found"]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return [
            f"not UTF-8 (byte 0x{raw[err.start]:02x} at offset {err.start}); save it as UTF-8 "
            "and try again"
        ]
    return [] if text.strip() else ["the file is empty"]


def _same_text(first: str, second: str) -> bool:
    return first.split() == second.split()


def copy_problems(text: str, url: str, rows: list[dict[str, str]], articles_dir: Path) -> list[str]:
    """A one-item list if the text or the address is already in the corpus, else empty."""
    for row in rows:
        if row["url"].strip() == url.strip():
            return [f"not added: its address is already article {row['id']}'s ({row['url']})"]
        existing = articles_dir / row["file"]
        if existing.is_file() and _same_text(existing.read_text(encoding="utf-8"), text):
            return [f"not added: it is the same text as article {row['id']} ({existing.name})"]
    return []


def field_problems(new: NewArticle) -> list[str]:
    """What is missing or malformed among the fields a person gives."""
    problems = ["FILE is missing"] if str(new.text_file) in ("", ".") else []
    problems += [
        f"{name.upper()} is missing"
        for name in ("url", "outlet", "published")
        if not getattr(new, name).strip()
    ]
    if new.published.strip():
        problems += date_problem("published", new.published)
    if new.page_date:
        problems += date_problem("page_date", new.page_date)
    if new.date_basis not in DATE_BASES:
        problems.append(f"DATE_BASIS {new.date_basis!r} is not one of {list(DATE_BASES)}")
    if new.url.strip() and not re.match(r"^https?://\S+$", new.url.strip()):
        problems.append(f"URL {new.url!r} is not a web address (http:// or https://)")
    return problems


def first_line(text: str) -> str:
    """The text's first non-blank line, as a default title."""
    return next(line.strip() for line in text.splitlines() if line.strip())


def _bib_text(value: str) -> str:
    """A value safe inside a BibTeX field: braces would end it early."""
    return " ".join(value.replace("{", "(").replace("}", ")").split())


def bib_key(article_id: str, taken: set[str]) -> str:
    """A citation key for the article's page, ``article_005`` (``_2`` … if taken)."""
    key = f"article_{article_id.replace('-', '_')}"
    suffix = 2
    while key in taken:
        key, suffix = f"article_{article_id}_{suffix}", suffix + 1
    return key


def bib_entry(key: str, row: dict[str, str], added: str) -> str:
    """The bibliography entry for the page the article's text was saved from."""
    author = row["author"] or row["outlet"]
    return (
        f"\n@misc{{{key},\n"
        f"  author       = {{{{{_bib_text(author)}}}}},\n"
        f"  title        = {{{{{_bib_text(row['title'])}}}}},\n"
        f"  howpublished = {{{_bib_text(row['outlet'])}}},\n"
        f"  year         = {{{row['published'][:4]}}},\n"
        f"  url          = {{{row['url']}}},\n"
        f"  note         = {{Article {row['id']} of the corpus, published {row['published']} "
        f"({row['date_basis']}); the text as saved in data/articles/{row['file']}. "
        f"Added on {added}.}}\n"
        "}\n"
    )


def _append_row(csv_path: Path, row: dict[str, str]) -> None:
    with csv_path.open(encoding="utf-8", newline="") as handle:
        columns = next(csv.reader(handle))
    with csv_path.open("a", encoding="utf-8", newline="") as handle:
        csv.DictWriter(handle, fieldnames=columns, lineterminator="\n").writerow(
            {c: row.get(c, "") for c in columns}
        )


def add_article(new: NewArticle, root: Path | None = None, added: str = "") -> dict[str, str]:
    """Add ``new`` to the project at ``root``; returns the metadata row written.

    Every check runs before anything is written; if the corpus then fails to load with the new
    article (say, nothing is left after cleaning), every file is put back as it was.
    """
    root = root or paths.project_root()
    data, bib = root / "data", root / "references.bib"
    metadata = data / "articles.csv"
    problems = field_problems(new)
    if problems:
        named = "make article" if str(new.text_file) in ("", ".") else new.text_file
        raise AddArticleError(f"{named}: {'; '.join(problems)}")
    problems = text_file_problems(new.text_file)
    if problems:
        raise AddArticleError(f"{new.text_file}: {problems[0]}")
    raw = new.text_file.read_bytes()
    text = raw.decode("utf-8")
    with metadata.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    problems = copy_problems(text, new.url, rows, data / "articles")
    if problems:
        raise AddArticleError(f"{new.text_file}: {problems[0]}")
    article_id = next_id([r["id"] for r in rows])
    digest = hashlib.sha256(raw).hexdigest()
    name = f"{article_id}_{digest[:16]}.txt"
    title = new.title.strip() or first_line(text)
    row = {
        "id": article_id, "file": name, "title": title, "outlet": new.outlet.strip(),
        "short_name": new.short_name.strip() or new.outlet.strip(), "author": new.author.strip(),
        "published": new.published.strip(), "date_basis": new.date_basis,
        "page_date": new.page_date.strip(), "url": new.url.strip(), "language": new.language,
        "sha256": digest,
    }  # fmt: skip
    key = bib_key(article_id, bib_keys(bib))
    saved = {path: path.read_bytes() for path in (metadata, bib)}
    target = data / "articles" / name
    target.write_bytes(raw)
    _append_row(metadata, row)
    with bib.open("a", encoding="utf-8") as handle:
        handle.write(bib_entry(key, row, added or date.today().isoformat()))
    try:
        load_corpus(metadata, data / "articles")
    except InputError as err:
        target.unlink()
        for path, content in saved.items():
            path.write_bytes(content)
        raise AddArticleError(f"{new.text_file}: not added: {err.problems[0][1]}") from None
    return row | {"bib_key": key}


def next_steps(row: dict[str, str]) -> str:
    """What is left for a person to do once the article is added."""
    page = f"chapters/articles/article-{row['id']}.md"
    return f"""\
Added article {row['id']} · {row['short_name']}: data/articles/{row['file']}
  metadata row in data/articles.csv, bibliography entry {row['bib_key']} in references.bib.

The book builds now (make book): its page, {page}, shows what the rules
suggest, marked as not yet reviewed, and its figures are compared with the timeline's official
counts automatically. Check the metadata row first (title, author, date_basis, page_date).
What is left for a person, each step optional and independent:
  1. Code it: make coding ID={row['id']} writes its hand-coding rows in data/hand_coding.csv,
     pre-filled with the rules' candidate quotes; confirm or change each answer, quote and
     rationale, then delete "unreviewed: " from each rationale you have checked.
  2. Judge its sentences: add one row per sentence to data/sentences.csv (until then each
     shows as "not yet judged" with a rule's guess; a partly judged article stops the load,
     naming each missing sentence) and check its statements in data/claims.csv.
  3. Read it: its reading in data/readings.csv, what the text is in data/text_kinds.csv with
     evidence in data/text_evidence.csv; names in data/spellings.csv (new people in
     data/actors.csv and data/roles.csv, with sources).
  4. If site chrome survives cleaning (see the page's text), add a rule to src/helpers/chrome.py.
Then: make test && make book."""


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="make article",
        description="Add an article's text to the corpus: copies it to data/articles/ with the "
        "next free id, writes its row in data/articles.csv with its SHA-256 and a bibliography "
        "entry for its page, and prints what is left to do.",
    )
    parser.add_argument("--file", required=True, help="the text, UTF-8 plain text")
    parser.add_argument("--url", required=True, help="the address of the page it was saved from")
    parser.add_argument("--outlet", required=True, help="the site it was found on")
    parser.add_argument("--published", required=True, help="YYYY, YYYY-MM or YYYY-MM-DD")
    parser.add_argument("--title", default="", help="the headline (default: the first line)")
    parser.add_argument("--short-name", default="", help="name shown with the id (the outlet)")
    parser.add_argument("--author", default="", help="as printed in a byline")
    parser.add_argument(
        "--date-basis", default="stated in the text", help=f"one of {', '.join(DATE_BASES)}"
    )
    parser.add_argument("--page-date", default="", help="a date the page shows that is not "
                        "the publication date")  # fmt: skip
    parser.add_argument("--language", default="en", help="ISO 639-1 code (default en)")
    parser.add_argument("--added", default="", help="the date it is added (default: today)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    new = NewArticle(
        text_file=Path(args.file), url=args.url, outlet=args.outlet, published=args.published,
        title=args.title, short_name=args.short_name, author=args.author,
        date_basis=args.date_basis, page_date=args.page_date, language=args.language,
    )  # fmt: skip
    try:
        row = add_article(new, added=args.added)
    except AddArticleError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(next_steps(row))
    return 0


if __name__ == "__main__":
    sys.exit(main())
