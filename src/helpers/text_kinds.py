"""What each text really is (``data/text_kinds.csv``, ``data/text_evidence.csv``): a reader's
verdict per article, with the evidence for it.

A verdict is a person's judgement, recorded as data: the kind of text (an original op-ed, a
machine translation, spinner output, a reworded copy of another outlet's piece, ...), a detail
(from which language, of which source), a confidence and a one-sentence summary. Each verdict
rests on evidence rows: a point in our words, a quote from the article (checked to occur in it)
and/or sources in ``references.bib``. An article with no verdict yet is shown as not yet
assessed; a verdict with no evidence is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.bibliography import bib_keys, unknown_keys
from helpers.csvdata import InputError, duplicate_problems, read_text_csv, records, text_problems

VERDICT_COLUMNS = ("article", "kind", "detail", "confidence", "summary")
EVIDENCE_COLUMNS = ("article", "point", "quote", "source")
#: The kinds of text, from the plainest to the most altered, each with how a sentence says it.
KINDS = {
    "original English": "an original English text",
    "non-native English": "an original text in non-native English",
    "translation": "a translation",
    "machine translation": "a machine translation",
    "reworded copy": "a reworded copy",
    "spinner output": "article-spinner output",
    "mix": "a mix of kinds",
}
CONFIDENCES = ("high", "medium", "low")
#: What the book says of an article no reader has assessed yet.
NOT_ASSESSED = "not yet assessed"


class TextKindError(InputError):
    """Bad text-kind input; names the file and every problem."""

    kind = "text-kind input"


@dataclass(frozen=True)
class TextKinds:
    """The verdicts (one row per assessed article) and their evidence (several rows each)."""

    verdicts: pd.DataFrame
    evidence: pd.DataFrame

    def label(self, article: str) -> str:
        """The verdict in a few words: ``a machine translation, probably from Persian``."""
        mine = self.verdicts[self.verdicts["article"] == article]
        if mine.empty:
            return NOT_ASSESSED
        row = mine.iloc[0]
        return " ".join(part for part in (KINDS[row["kind"]], row["detail"]) if part)

    def verdict(self, article: str) -> dict[str, str] | None:
        """The verdict row of an article (kind, detail, confidence, summary), or None."""
        mine = self.verdicts[self.verdicts["article"] == article]
        return None if mine.empty else mine.iloc[0].to_dict()

    def of(self, article: str) -> pd.DataFrame:
        """The evidence for one article's verdict, in file order."""
        return self.evidence[self.evidence["article"] == article]


def text_kinds_csv() -> Path:
    """The verdicts, ``data/text_kinds.csv``."""
    return paths.data_dir() / "text_kinds.csv"


def text_evidence_csv() -> Path:
    """The evidence, ``data/text_evidence.csv``."""
    return paths.data_dir() / "text_evidence.csv"


def _verdict_problems(row: dict[str, str], where: str, texts: dict[str, str]) -> list[str]:
    problems = text_problems(row, where, ("article", "kind", "confidence", "summary"))
    if row["article"] not in texts:
        problems.append(f"{where}: article {row['article']!r} is not in articles.csv")
    if row["kind"] and row["kind"] not in KINDS:
        problems.append(f"{where}: kind {row['kind']!r} is not one of {tuple(KINDS)}")
    if row["confidence"] and row["confidence"] not in CONFIDENCES:
        problems.append(f"{where}: confidence {row['confidence']!r} is not one of {CONFIDENCES}")
    return problems


def _evidence_problems(
    row: dict[str, str], where: str, texts: dict[str, str], known: set[str]
) -> list[str]:
    problems = text_problems(row, where, ("article", "point"))
    if row["article"] not in texts:
        return [*problems, f"{where}: article {row['article']!r} is not in articles.csv"]
    if not row["quote"] and not row["source"]:
        problems.append(f"{where}: evidence needs a quote from the article or a source")
    if row["quote"] and row["quote"] not in texts[row["article"]]:
        problems.append(f"{where}: the quote does not occur in the article")
    return problems + [f"{where}: {p}" for p in unknown_keys(row["source"], known)]


def load_text_kinds(
    articles: pd.DataFrame, verdicts_csv: Path | None = None, evidence_csv: Path | None = None
) -> TextKinds:
    """Read and check the verdicts and their evidence against the corpus (``id``, ``raw_text``)."""
    verdicts_csv = verdicts_csv or text_kinds_csv()
    evidence_csv = evidence_csv or text_evidence_csv()
    verdicts = read_text_csv(verdicts_csv, VERDICT_COLUMNS, TextKindError)
    evidence = read_text_csv(evidence_csv, EVIDENCE_COLUMNS, TextKindError)
    texts = dict(zip(articles["id"], articles["raw_text"], strict=True))
    known = bib_keys()
    problems: list[tuple[Path, str]] = []
    for row_no, row in records(verdicts):
        where = f"row {row_no} ({row['article']})"
        problems += [(verdicts_csv, p) for p in _verdict_problems(row, where, texts)]
    problems += [(verdicts_csv, p) for p in duplicate_problems(verdicts, "article", "article(s)")]
    for row_no, row in records(evidence):
        where = f"row {row_no} ({row['article']})"
        problems += [(evidence_csv, p) for p in _evidence_problems(row, where, texts, known)]
    unproven = sorted(set(verdicts["article"]) - set(evidence["article"]))
    if unproven:
        problems.append((evidence_csv, f"no evidence for the verdict on: {', '.join(unproven)}"))
    orphans = sorted(set(evidence["article"]) - set(verdicts["article"]))
    if orphans:
        problems.append((verdicts_csv, f"evidence but no verdict for: {', '.join(orphans)}"))
    if problems:
        raise TextKindError(problems)
    return TextKinds(verdicts=verdicts, evidence=evidence)
