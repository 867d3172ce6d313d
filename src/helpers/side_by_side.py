"""Articles set beside their sibling copies and originals, passage by passage
(``data/sibling_copies.csv``, ``data/sibling_passages.csv``).

A *sibling copy* is another site's version of the same text; an *original* is the text an
article rewords. Only short aligned excerpts are stored: each passage quotes the article
(checked to occur in it) and the copy's wording of the same passage, from a stored copy of the
page cited in ``references.bib``. The alignment is the standard library's
:class:`difflib.SequenceMatcher` on word tokens: its ratio is the passage's similarity (100 when
the words are the same), and its "replace" steps are the substitutions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.bibliography import bib_keys
from helpers.csvdata import InputError, duplicate_problems, read_text_csv, records, text_problems

COPY_COLUMNS = ("article", "copy", "relation", "name_forms", "note")
PASSAGE_COLUMNS = ("article", "passage", "copy", "article_text", "copy_text")
RELATIONS = ("sibling copy", "original")
#: The most words on either side of a change that still count as a word swap.
SWAP_WORDS = 4
#: Words (letters and digits, with inner apostrophes) and single punctuation marks other than
#: quotation marks, which copies add and drop at will.
_TOKEN = re.compile(r"\w+(?:[’']\w+)*|[^\w\s\"'“”‘’«»]")


class SideBySideError(InputError):
    """Bad sibling copies or passages; names the file and every problem."""

    kind = "side-by-side input"


@dataclass(frozen=True)
class Alignment:
    """Two passages aligned word by word: the similarity (0 to 100) and every substitution,
    insertion and deletion as (the article's words, the copy's words)."""

    similarity: float
    changes: list[tuple[str, str]]

    def substitutions(self, most_words: int = SWAP_WORDS) -> list[tuple[str, str]]:
        """The word swaps: changes in which at most ``most_words`` words on either side were
        replaced by others (not only added or dropped), as a spinner swaps synonyms."""
        return [
            (a, b) for a, b in self.changes
            if a and b and max(len(a.split()), len(b.split())) <= most_words
        ]  # fmt: skip

    def rewordings(self, most_words: int = SWAP_WORDS) -> int:
        """How many changes are not word swaps: longer rewordings, and words only added or
        dropped."""
        return len(self.changes) - len(self.substitutions(most_words))


def tokens(text: str) -> list[str]:
    """A passage's words and punctuation marks, in order (curly and straight apostrophes alike,
    quotation marks left out)."""
    return _TOKEN.findall(text.replace("’", "'"))


def _joined(words: list[str]) -> str:
    return re.sub(r" (?=[^\w\s'])", "", " ".join(words))


def align(article_text: str, copy_text: str) -> Alignment:
    """Align two passages on their word tokens, ignoring case (the changes keep it)."""
    a, b = tokens(article_text), tokens(copy_text)
    matcher = SequenceMatcher(None, [t.lower() for t in a], [t.lower() for t in b], autojunk=False)
    changes = [
        (_joined(a[i1:i2]), _joined(b[j1:j2]))
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
    return Alignment(similarity=round(100 * matcher.ratio(), 1), changes=changes)


def sibling_copies_csv() -> Path:
    """The copies and originals, ``data/sibling_copies.csv``."""
    return paths.data_dir() / "sibling_copies.csv"


def sibling_passages_csv() -> Path:
    """The aligned passages, ``data/sibling_passages.csv``."""
    return paths.data_dir() / "sibling_passages.csv"


@dataclass(frozen=True)
class Siblings:
    """The copies (one row each) and the aligned passages (one row per passage and copy)."""

    copies: pd.DataFrame
    passages: pd.DataFrame

    def articles(self) -> list[str]:
        """The articles that have a copy or an original, in file order."""
        return list(dict.fromkeys(self.copies["article"]))


def _copy_problems(row: dict[str, str], where: str, texts: dict, known: set[str]) -> list[str]:
    problems = text_problems(row, where, ("article", "copy", "relation"))
    if row["article"] not in texts:
        problems.append(f"{where}: article {row['article']!r} is not in articles.csv")
    if row["relation"] and row["relation"] not in RELATIONS:
        problems.append(f"{where}: relation {row['relation']!r} is not one of {RELATIONS}")
    if row["copy"] and row["copy"] not in known:
        problems.append(f"{where}: copy {row['copy']!r} is not a key in references.bib")
    return problems


def _passage_problems(row: dict[str, str], where: str, texts: dict, copies: set) -> list[str]:
    problems = text_problems(row, where, PASSAGE_COLUMNS)
    if (row["article"], row["copy"]) not in copies:
        problems.append(f"{where}: copy {row['copy']!r} of article {row['article']!r} is not "
                        "in sibling_copies.csv")  # fmt: skip
    text = texts.get(row["article"])
    if text is not None and row["article_text"] and row["article_text"] not in text:
        problems.append(f"{where}: article_text does not occur in the article")
    return problems


def load_siblings(
    articles: pd.DataFrame, copies_csv: Path | None = None, passages_csv: Path | None = None
) -> Siblings:
    """Read and check the copies and passages against the corpus (``id``, ``raw_text``) and
    the bibliography: every copy cited, every article passage quoted exactly."""
    copies_csv, passages_csv = (
        copies_csv or sibling_copies_csv(),
        passages_csv or sibling_passages_csv(),
    )
    copies = read_text_csv(copies_csv, COPY_COLUMNS, SideBySideError)
    passages = read_text_csv(passages_csv, PASSAGE_COLUMNS, SideBySideError)
    texts = dict(zip(articles["id"], articles["raw_text"], strict=True))
    known = bib_keys()
    problems: list[tuple[Path, str]] = []
    for row_no, row in records(copies):
        where = f"row {row_no} ({row['article']} {row['copy']})"
        problems += [(copies_csv, p) for p in _copy_problems(row, where, texts, known)]
    pairs = copies.assign(pair=copies["article"] + " " + copies["copy"])
    problems += [(copies_csv, p) for p in duplicate_problems(pairs, "pair", "copy (copies)")]
    listed = set(zip(copies["article"], copies["copy"], strict=True))
    for row_no, row in records(passages):
        where = f"row {row_no} ({row['article']} {row['passage']} {row['copy']})"
        problems += [(passages_csv, p) for p in _passage_problems(row, where, texts, listed)]
    keys = passages.assign(
        key=passages["article"] + " " + passages["passage"] + " " + passages["copy"]
    )
    problems += [(passages_csv, p) for p in duplicate_problems(keys, "key", "passage(s)")]
    if problems:
        raise SideBySideError(problems)
    return Siblings(copies=copies, passages=passages)


def aligned_passages(siblings: Siblings) -> pd.DataFrame:
    """Every stored passage aligned with the article's: ``article``, ``passage``, ``copy``,
    ``relation``, both texts, ``similarity`` (0 to 100) and the ``substitutions``
    ("Kazakhstanykhanov → Kyzykhanov; ...", swaps of up to :data:`SWAP_WORDS` words) and how
    many longer ``rewordings``, in file order."""
    relation = dict(zip(siblings.copies["copy"], siblings.copies["relation"], strict=True))
    rows = []
    for row in siblings.passages.itertuples():
        aligned = align(row.article_text, row.copy_text)
        rows.append({
            "article": row.article, "passage": row.passage, "copy": row.copy,
            "relation": relation[row.copy], "article_text": row.article_text,
            "copy_text": row.copy_text, "similarity": aligned.similarity,
            "substitutions": "; ".join(f"{a} → {b}" for a, b in aligned.substitutions()),
            "rewordings": aligned.rewordings(),
        })  # fmt: skip
    return pd.DataFrame(rows, columns=[
        "article", "passage", "copy", "relation", "article_text", "copy_text", "similarity",
        "substitutions", "rewordings",
    ])  # fmt: skip


def copy_summary(siblings: Siblings, aligned: pd.DataFrame) -> pd.DataFrame:
    """One row per copy or original: its relation, how many passages were compared, their
    median and lowest similarity, and the forms of the key name it uses."""
    stats = aligned.groupby(["article", "copy"], sort=False)["similarity"].agg(
        ["size", "median", "min"]
    )
    rows = []
    for row in siblings.copies.itertuples():
        size, median, low = (
            stats.loc[(row.article, row.copy)] if (row.article, row.copy) in stats.index
            else (0, float("nan"), float("nan"))
        )  # fmt: skip
        rows.append({
            "article": row.article, "copy": row.copy, "relation": row.relation,
            "passages": int(size), "median similarity": median, "lowest": low,
            "name forms": row.name_forms, "note": row.note,
        })  # fmt: skip
    return pd.DataFrame(rows)
