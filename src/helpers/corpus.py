"""The corpus: load and validate the articles, clean off site chrome, segment the body.

Inputs are ``data/articles.csv`` (one row per article) and the raw texts in ``data/articles/``.
Raw files are read, never written. Every problem with the inputs raises :class:`CorpusError`,
whose message names each file and what is wrong with it; no article is silently dropped.

:func:`load_corpus` returns a :class:`Corpus` of tidy DataFrames: ``articles`` (metadata and raw
text), ``lines`` (every line with its cleaning verdict), ``paragraphs`` and ``sentences``
(body text with character offsets into the raw file, so any quote can be checked against it).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from helpers import chrome, paths
from helpers.chrome import classify_lines, word_count
from helpers.csvdata import (
    InputError,
    duplicate_problems,
    id_problems,
    read_text_csv,
    records,
    row_label,
    text_problems,
)
from helpers.dates import date_problem, human_date
from helpers.segment import split_sentences

REQUIRED_COLUMNS = (
    "id",
    "file",
    "title",
    "outlet",
    "short_name",
    "author",
    "published",
    "date_basis",
    "url",
    "language",
    "sha256",
)
#: What a publication date can rest on, from firmest to weakest.
DATE_BASES = (
    "stated in the text",
    "page address",
    "masthead",
    "inferred from content",
    "page-capture date",
)
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class CorpusError(InputError):
    """Bad corpus input. ``problems`` lists (file, problem) pairs; the message names them all."""

    kind = "corpus input"


@dataclass(frozen=True)
class Corpus:
    """The loaded corpus as tidy tables (one row per article, line, paragraph, sentence)."""

    articles: pd.DataFrame
    lines: pd.DataFrame
    paragraphs: pd.DataFrame
    sentences: pd.DataFrame

    @property
    def labels(self) -> dict[str, str]:
        """Each article's label, ``002 · asiunical.org`` (see :func:`article_labels`)."""
        return article_labels(self.articles)


def _row_problems(row: dict[str, str], row_no: int) -> list[str]:
    """What is wrong with one metadata row (``row_no`` counts the header as row 1)."""
    where = row_label(row, row_no)
    problems = text_problems(
        row, where, ("id", "file", "title", "outlet", "short_name", "published", "language")
    )
    bad_id = id_problems(row["id"].strip() and row["id"], where)
    problems += bad_id
    if not bad_id and row["file"].strip() and not row["file"].startswith(row["id"] + "_"):
        problems.append(f"{where}: file {row['file']!r} must start with {row['id']}_")
    if Path(row["file"]).name != row["file"]:
        problems.append(f"{where}: file {row['file']!r} must be a bare file name")
    if row["date_basis"] not in DATE_BASES:
        problems.append(f"{where}: date_basis {row['date_basis']!r} is not one of {DATE_BASES}")
    for column in ("published", "page_date"):
        value = row.get(column, "")
        if value:
            problems += [f"{where}: {problem}" for problem in date_problem(column, value)]
    if not _SHA256.match(row["sha256"]):
        problems.append(f"{where}: sha256 is not 64 lower-case hex digits")
    return problems


def read_metadata(csv_path: Path) -> pd.DataFrame:
    """Read and validate ``articles.csv``; every value is kept as text."""
    table = read_text_csv(csv_path, REQUIRED_COLUMNS, CorpusError)
    problems = [
        (csv_path, problem)
        for row_no, row in records(table)
        for problem in _row_problems(row, row_no)
    ]
    problems += [(csv_path, p) for p in duplicate_problems(table, "id", "id(s)")]
    problems += [(csv_path, p) for p in duplicate_problems(table, "file", "file(s)")]
    if problems:
        raise CorpusError(problems)
    return table


def read_article_text(path: Path, expected_sha256: str) -> str:
    """Read one raw text: it must exist, be non-empty UTF-8 and match its recorded SHA-256."""
    if not path.is_file():
        raise CorpusError([(path, "article file not found (it is listed in articles.csv)")])
    raw = path.read_bytes()
    if not raw.strip():
        raise CorpusError([(path, "article file is empty")])
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise CorpusError(
            [(path, f"not valid UTF-8: byte 0x{raw[err.start]:02x} at offset {err.start}")]
        ) from err
    actual = hashlib.sha256(raw).hexdigest()
    if actual != expected_sha256:
        raise CorpusError(
            [(path, f"checksum mismatch: articles.csv says {expected_sha256}, file is {actual}")]
        )
    return text


def load_corpus(metadata_csv: Path | None = None, articles_dir: Path | None = None) -> Corpus:
    """Load, validate, clean and segment every article listed in ``articles.csv``.

    All problems found in the article files are reported together in one :class:`CorpusError`.
    """
    metadata_csv = metadata_csv or paths.articles_metadata_csv()
    articles_dir = articles_dir or paths.articles_dir()
    metadata = read_metadata(metadata_csv)
    problems: list[tuple[Path | str, str]] = []
    texts: dict[str, str] = {}
    for row in metadata.itertuples(index=False):
        try:
            texts[row.id] = read_article_text(articles_dir / row.file, row.sha256)
        except CorpusError as err:
            problems.extend(err.problems)
    listed = set(metadata["file"])
    for path in sorted(articles_dir.glob("*.txt")) if articles_dir.is_dir() else []:
        if path.name not in listed:
            problems.append((path, f"has no row in {metadata_csv.name}"))
    if not articles_dir.is_dir():
        problems.append((articles_dir, "articles folder not found"))
    if problems:
        raise CorpusError(problems)

    articles = metadata.assign(raw_text=metadata["id"].map(texts))
    lines = _lines_table(articles)
    paragraphs = _paragraphs_table(lines)
    sentences = _sentences_table(paragraphs)
    empty = sorted(set(articles["id"]) - set(sentences["article_id"]))
    if empty:
        files = articles.set_index("id")["file"]
        raise CorpusError(
            [
                (
                    articles_dir / files[i],
                    "no article text left after cleaning (every line is a "
                    "heading or matched a cleaning rule)",
                )
                for i in empty
            ]
        )
    return Corpus(articles=articles, lines=lines, paragraphs=paragraphs, sentences=sentences)


def _lines_table(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per raw line, with the cleaning verdict."""
    rows = []
    for article in articles.itertuples(index=False):
        verdicts = classify_lines(
            article.raw_text, title=article.title, outlet=article.outlet, author=article.author
        )
        for verdict in verdicts:
            rows.append({"article_id": article.id, **asdict(verdict)})
    return pd.DataFrame(rows)


def _paragraphs_table(lines: pd.DataFrame) -> pd.DataFrame:
    """Body paragraphs (each non-blank kept line), numbered from 1 within each article."""
    kept = lines[lines["role"].isin(["body", "heading"])].copy()
    kept["paragraph"] = kept.groupby("article_id").cumcount() + 1
    kept["start"] = kept["start"] + kept["kept_offset"]
    kept["end"] = kept["start"] + kept["kept"].str.len()
    kept["kind"] = kept["role"].map({"body": "text", "heading": "heading"})
    kept["words"] = kept["kept"].map(word_count)
    return kept.rename(columns={"kept": "text"})[
        ["article_id", "paragraph", "kind", "line_no", "start", "end", "words", "text"]
    ].reset_index(drop=True)


def _sentences_table(paragraphs: pd.DataFrame) -> pd.DataFrame:
    """Sentences of the text paragraphs (not headings), with offsets into the raw text."""
    rows = []
    for para in paragraphs[paragraphs["kind"] == "text"].itertuples(index=False):
        for number, span in enumerate(split_sentences(para.text), start=1):
            rows.append(
                {
                    "article_id": para.article_id,
                    "paragraph": para.paragraph,
                    "sentence_in_paragraph": number,
                    "start": para.start + span.start,
                    "end": para.start + span.end,
                    "words": word_count(span.text),
                    "text": span.text,
                }
            )
    table = pd.DataFrame(
        rows,
        columns=[
            "article_id",
            "paragraph",
            "sentence_in_paragraph",
            "start",
            "end",
            "words",
            "text",
        ],
    )
    table.insert(1, "sentence", table.groupby("article_id").cumcount() + 1)
    return table


#: Between an article's id and its short name in every label: "002 · asiunical.org".
LABEL_SEPARATOR = " · "


def article_labels(articles: pd.DataFrame) -> dict[str, str]:
    """Each article's label for the reader, its id and short name (``002 · asiunical.org``),
    from ``articles.csv``: the one place the names are defined."""
    return {row.id: f"{row.id}{LABEL_SEPARATOR}{row.short_name}" for row in articles.itertuples()}


def summary_table(corpus: Corpus) -> pd.DataFrame:
    """Per article: outlet, date, the size of the raw page and of the cleaned body, and the
    share of the page's words that cleaning removed."""
    lines = corpus.lines
    removed_words = (
        lines.assign(words=lines["removed"].map(word_count)).groupby("article_id")["words"].sum()
    )
    body = corpus.paragraphs[corpus.paragraphs["kind"] == "text"].groupby("article_id")
    headings = corpus.paragraphs[corpus.paragraphs["kind"] == "heading"].groupby("article_id")
    sentences = corpus.sentences.groupby("article_id")
    table = corpus.articles[["id", "outlet", "published", "date_basis"]].copy()
    ids = table["id"]
    table.insert(1, "label", ids.map(corpus.labels))
    table["raw words"] = corpus.articles["raw_text"].map(word_count).to_numpy()
    table["body words"] = ids.map(body["words"].sum()).fillna(0).astype(int)
    table["heading words"] = ids.map(headings["words"].sum()).fillna(0).astype(int)
    table["removed words"] = ids.map(removed_words).fillna(0).astype(int)
    table["paragraphs"] = ids.map(body.size()).fillna(0).astype(int)
    table["headings"] = ids.map(headings.size()).fillna(0).astype(int)
    table["sentences"] = ids.map(sentences.size()).fillna(0).astype(int)
    table["removed share"] = table["removed words"] / table["raw words"]
    return table.reset_index(drop=True)


def removed_table(corpus: Corpus) -> pd.DataFrame:
    """Everything cleaning removed from the raw texts: article, line, rule and the text."""
    removed = corpus.lines[corpus.lines["removed"] != ""]
    return (
        removed[["article_id", "line_no", "rule", "removed"]]
        .rename(columns={"article_id": "article", "line_no": "line", "removed": "text removed"})
        .reset_index(drop=True)
    )


def rules_table() -> pd.DataFrame:
    """Every cleaning rule: its name, what it matches and why (see :mod:`helpers.chrome`)."""
    return pd.DataFrame(chrome.rules_table_rows())


def headings_table(corpus: Corpus) -> pd.DataFrame:
    """Subheadings and standfirsts kept in the body but not split into sentences."""
    headings = corpus.paragraphs[corpus.paragraphs["kind"] == "heading"]
    return (
        headings[["article_id", "paragraph", "line_no", "text"]]
        .rename(columns={"article_id": "article", "line_no": "line", "text": "heading"})
        .reset_index(drop=True)
    )


def sentences_containing(corpus: Corpus, probes: dict[str, str]) -> pd.DataFrame:
    """For each case name, the first sentence containing its probe text (to show the splitter).

    A probe found in no sentence raises ``ValueError``, so a chapter's examples cannot go blank
    silently when the texts or the rules change.
    """
    rows = []
    for case, probe in probes.items():
        hits = corpus.sentences[corpus.sentences["text"].str.contains(probe, regex=False)]
        if hits.empty:
            raise ValueError(f"example {case!r}: no sentence contains {probe!r}")
        first = hits.iloc[0]
        rows.append(
            {
                "case": case,
                "article": first["article_id"],
                "sentence": int(first["sentence"]),
                "words": int(first["words"]),
                "text": first["text"],
            }
        )
    return pd.DataFrame(rows)


def corpus_facts(corpus: Corpus) -> dict[str, object]:
    """Numbers and dates about the corpus for the prose (glued, never typed)."""
    summary = summary_table(corpus)
    most = summary["removed share"].idxmax()
    facts: dict[str, object] = {
        "n_articles": len(summary),
        "n_outlets": summary["outlet"].nunique(),
        "raw_words": summary["raw words"].sum(),
        "body_words": summary["body words"].sum(),
        "heading_words": summary["heading words"].sum(),
        "removed_words": summary["removed words"].sum(),
        "sentences": summary["sentences"].sum(),
        "paragraphs": summary["paragraphs"].sum(),
        "headings": summary["headings"].sum(),
        "removed_lines": len(removed_table(corpus)),
        "removed_articles": int((summary["removed words"] > 0).sum()),
        "most_removed_id": summary.loc[most, "id"],
        "most_removed_outlet": summary.loc[most, "outlet"],
        "most_removed_percent": round(float(summary.loc[most, "removed share"]) * 100),
        "page_dates": int((corpus.articles.get("page_date", pd.Series(dtype=str)) != "").sum()),
        "inferred_dates": int((corpus.articles["date_basis"] == "inferred from content").sum()),
        "heading_max_words": chrome.HEADING_MAX_WORDS,
        "title_case_max_words": chrome.TITLE_CASE_MAX_WORDS,
        "title_case_percent": round(chrome.TITLE_CASE_MIN_SHARE * 100),
        "earliest": human_date(corpus.articles["published"].min()),
        "latest": human_date(corpus.articles["published"].max()),
    }
    for article in corpus.articles.itertuples(index=False):
        facts[f"published_{article.id}"] = human_date(article.published)
        facts[f"page_date_{article.id}"] = human_date(getattr(article, "page_date", "") or "none")
    return facts


def overview_table(corpus: Corpus) -> pd.DataFrame:
    """One row per article for the book: author, date and its basis, and body size (the
    article's label, shown for its id, names the outlet)."""
    summary = summary_table(corpus)
    authors = corpus.articles["author"].replace("", "not found")
    return pd.DataFrame(
        {
            "id": summary["id"],
            "author": authors.to_numpy(),
            "published": summary["published"].map(human_date),
            "date basis": summary["date_basis"],
            "words": summary["body words"],
            "sentences": summary["sentences"],
            "paragraphs": summary["paragraphs"],
        }
    )


def sources_table(corpus: Corpus) -> pd.DataFrame:
    """One row per article: its title and the address it was published at."""
    articles = corpus.articles
    return pd.DataFrame(
        {
            "id": articles["id"],
            "title": articles["title"],
            "source address": articles["url"].replace("", "not known"),
        }
    )


def files_table(corpus: Corpus, sha_chars: int = 16) -> pd.DataFrame:
    """One row per article: its raw file in data/articles/, size, and the start of its SHA-256."""
    articles = corpus.articles
    return pd.DataFrame(
        {
            "id": articles["id"],
            "file": articles["file"],
            "bytes": articles["raw_text"].map(lambda t: len(t.encode("utf-8"))),
            f"SHA-256 (first {sha_chars})": articles["sha256"].str[:sha_chars],
        }
    )
