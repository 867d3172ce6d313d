"""Framing evidence: the codebook's rules applied to the cleaned sentences.

Every function returns tidy rows of *evidence*: the article, paragraph and sentence, what was
found, the cue that matched, the sentence's voice (the article's ``own`` or ``attributed`` to
someone) and its character offsets in the raw text, so every finding can be quoted and checked.
Rules propose; the recorded hand coding decides (see :mod:`helpers.hand_coding`).
"""

from __future__ import annotations

import re

import pandas as pd

from helpers.codebook import Codebook
from helpers.corpus import Corpus

EVIDENCE_COLUMNS = [
    "article_id",
    "paragraph",
    "sentence",
    "dimension",
    "value",
    "cue",
    "voice",
    "stance",
    "start",
    "end",
    "text",
]
#: Quotation marks that make a word someone else's ("so-called" use).
_QUOTES = "\"“”‘’'"


def first_match(patterns: list[re.Pattern[str]], text: str) -> str:
    """The text matched by the first pattern that matches, or ``""``."""
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match.group(0)
    return ""


def voice_of(text: str, codebook: Codebook) -> tuple[str, str]:
    """``("attributed", cue)`` when a reporting cue matches the sentence, else ``("own", "")``."""
    cue = first_match(codebook.attributed, text)
    return ("attributed", cue) if cue else ("own", "")


def stance_of(text: str, voice: str, codebook: Codebook) -> str:
    """The article's stance towards what a sentence says: ``rejects`` when a rejection cue
    matches ("baseless", "without merit"), ``reports`` when the sentence is attributed, else
    ``endorses``."""
    if first_match(codebook.rejected, text):
        return "rejects"
    return "reports" if voice == "attributed" else "endorses"


def _row(sentence: dict, dimension: str, value: str, cue: str, codebook: Codebook) -> dict:
    """An evidence row for a sentence (a record of ``corpus.sentences``) and a matching rule."""
    voice, _ = voice_of(sentence["text"], codebook)
    return {
        "article_id": sentence["article_id"],
        "paragraph": sentence["paragraph"],
        "sentence": sentence["sentence"],
        "dimension": dimension,
        "value": value,
        "cue": cue,
        "voice": voice,
        "stance": stance_of(sentence["text"], voice, codebook),
        "start": sentence["start"],
        "end": sentence["end"],
        "text": sentence["text"],
    }


def rule_evidence(corpus: Corpus, codebook: Codebook, dimension: str) -> pd.DataFrame:
    """One row per sentence and rule of a dimension (``entman``, ``generic`` or ``blame``) whose
    pattern matches it, with the cue, voice and stance."""
    rules = codebook.rules(dimension)
    rows = [
        _row(sentence, dimension, rule.name, cue, codebook)
        for sentence in corpus.sentences.to_dict("records")
        for rule in rules
        if (cue := first_match(rule.patterns, sentence["text"]))
    ]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def rule_answers(evidence: pd.DataFrame, articles: list[str], codebook: Codebook, dimension: str):
    """The rules' answer for every article and item of a dimension, as the hand coding records
    it: ``yes``/``no`` for Entman functions and generic-frame questions; for blame targets,
    ``rejects`` if any matching sentence rejects, else ``endorses``, else ``reports``, else
    ``absent``."""
    # One pass over the evidence, not one per article and rule: linear in the corpus size.
    stances_of = evidence.groupby(["article_id", "value"])["stance"].agg(set).to_dict()
    rows = []
    for article in articles:
        for rule in codebook.rules(dimension):
            stances = stances_of.get((article, rule.name), set())
            if dimension != "blame":
                answer = "yes" if stances else "no"
            else:
                order = ("rejects", "endorses", "reports")
                answer = next((stance for stance in order if stance in stances), "absent")
            rows.append({"article_id": article, "item": rule.name, "rules": answer})
    return pd.DataFrame(rows, columns=["article_id", "item", "rules"])


def label_evidence(corpus: Corpus, codebook: Codebook) -> pd.DataFrame:
    """One row per use of a label for the people in the streets. Longer labels win ("armed
    criminals" is not also counted as "criminals"). A label inside quotation marks is someone
    else's word, so its voice is ``attributed`` even in the article's own sentence."""
    terms = sorted(codebook.labels, key=len, reverse=True)
    patterns = [(term, re.compile(rf"(?<!\w)({re.escape(term)})(?!\w)", re.I)) for term in terms]
    rows = []
    for sentence in corpus.sentences.to_dict("records"):
        taken: list[tuple[int, int]] = []
        for term, pattern in patterns:
            for match in pattern.finditer(sentence["text"]):
                if any(match.start() < end and start < match.end() for start, end in taken):
                    continue
                taken.append(match.span())
                row = _row(sentence, "label", term, match.group(1), codebook)
                before = sentence["text"][: match.start()].rstrip()
                after = sentence["text"][match.end() :].lstrip()
                if before[-1:] in _QUOTES and after[:1] in _QUOTES:
                    row["voice"] = "attributed"
                rows.append(row)
    table = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return table.sort_values(["article_id", "sentence"], kind="stable").reset_index(drop=True)
