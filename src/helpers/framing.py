"""Framing evidence: the codebook's rules applied to the cleaned sentences.

Every function returns tidy rows of *evidence*: the article, paragraph and sentence, what was
found, the cue that matched, the sentence's voice (the article's ``own`` or ``attributed`` to
someone) and its character offsets in the raw text, so every finding can be quoted and checked.
Rules propose; the recorded hand coding decides (see :mod:`helpers.hand_coding`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

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
    "stance_reason",
    "start",
    "end",
    "text",
]
#: Opening and closing marks of a quotation; a straight mark both opens and closes.
_OPENING = {"“": "”", "«": "»", "„": "“", "‘": "’", '"': '"', "'": "'"}
#: Marks that may open a quotation only after a space or at the start (else an apostrophe).
_SINGLE = {"‘", "'"}
#: What ends a clause, for negation: a negation word counts only in the cue's own clause.
_CLAUSE_END = re.compile(r"[,;:—–()]|\s-\s|\s--\s")
#: The reason a quoted cue is reported.
QUOTED = "in quotation marks"
#: How many words before a cue a negation or distancing phrase may stand.
WINDOW_WORDS = 8


@dataclass(frozen=True)
class Stance:
    """How a sentence speaks of what a cue names: whose voice (``own`` or ``attributed``), the
    article's stance (``endorses``, ``reports`` or ``rejects``) and the rule that decided it."""

    voice: str
    stance: str
    reason: str


def first_match(patterns: list[re.Pattern[str]], text: str) -> str:
    """The text matched by the first pattern that matches, or ``""``."""
    match = first_match_span(patterns, text)
    return match.group(0) if match else ""


def first_match_span(patterns: list[re.Pattern[str]], text: str) -> re.Match[str] | None:
    """The match of the first pattern that matches, or ``None``."""
    for pattern in patterns:
        match = pattern.search(text)
        if match:
            return match
    return None


@lru_cache(maxsize=4096)
def quoted_spans(text: str) -> tuple[tuple[int, int], ...]:
    """The character spans inside quotation marks, marks included. A closing mark with no
    opening one (a quotation begun in an earlier sentence) quotes from the start; an opening
    mark never closed quotes to the end. A single mark opens only after a space, a bracket or
    the start, and closes only before a non-letter, so apostrophes ("Kazakhstan’s") are not
    quotation marks."""
    spans: list[tuple[int, int]] = []
    open_at, closing = -1, ""
    for i, char in enumerate(text):
        after = text[i + 1 : i + 2]
        if open_at >= 0:
            if char == closing and not (closing in "’'" and after.isalpha()):
                spans.append((open_at, i + 1))
                open_at, closing = -1, ""
            continue
        if char in _OPENING and (char not in _SINGLE or i == 0 or not text[i - 1].isalnum()):
            if char in _SINGLE and not after.strip():
                continue  # a lone mark before a space: an apostrophe ("protesters' demands")
            open_at, closing = i, _OPENING[char]
        elif char in "”»" and not spans:
            spans.append((0, i + 1))
    if open_at >= 0:
        spans.append((open_at, len(text)))
    return tuple(spans)


def unquoted(text: str, spans: tuple[tuple[int, int], ...] | None = None) -> str:
    """The sentence with every quotation blanked out (offsets kept): what it says in its own
    words."""
    chars = list(text)
    for start, end in quoted_spans(text) if spans is None else spans:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _before(own: str, start: int, clause: bool) -> str:
    """The last :data:`WINDOW_WORDS` words before ``start`` (in its clause only, if asked)."""
    text = own[:start]
    if clause:
        ends = list(_CLAUSE_END.finditer(text))
        text = text[ends[-1].end() :] if ends else text
    return " ".join(text.split()[-WINDOW_WORDS:])


def stance_at(text: str, start: int, end: int, codebook: Codebook) -> Stance:
    """The article's stance towards what the cue at ``text[start:end]`` names, by the first of
    these rules that applies:

    1. a rejection cue in the sentence's own words, outside quotation marks ("no evidence",
       "baseless"): ``rejects``;
    2. the cue is inside quotation marks (quoted speech or scare quotes): ``reports``;
    3. a reporting cue in its own words ("said", "according to", "blamed"): ``reports``;
    4. a negation in the cue's clause, a few words before it ("there were no terrorists"):
       ``rejects``;
    5. a distancing phrase a few words before it ("so-called", "protests against", "calls
       for"), which makes the words someone else's: ``reports``;
    6. otherwise the article's own voice: ``endorses``.

    Rules of thumb, not a parse: they propose, and a reader decides."""
    spans = quoted_spans(text)
    own = unquoted(text, spans)
    if cue := first_match(codebook.rejected, own):
        return Stance("own", "rejects", f"rejection cue “{cue}”")
    if any(a <= start and end <= b for a, b in spans):
        return Stance("attributed", "reports", QUOTED)
    if cue := first_match(codebook.attributed, own):
        return Stance("attributed", "reports", f"reporting cue “{cue}”")
    if cue := first_match(codebook.negation, _before(own, start, clause=True)):
        return Stance("own", "rejects", f"negation “{cue}” before it")
    if cue := first_match(codebook.distancing, _before(own, start, clause=False)):
        return Stance("attributed", "reports", f"distancing “{cue}” before it")
    return Stance("own", "endorses", "no cue of quotation, reporting, rejection or negation")


def voice_of(text: str, codebook: Codebook) -> tuple[str, str]:
    """``("attributed", cue)`` when a reporting cue matches the sentence, else ``("own", "")``."""
    cue = first_match(codebook.attributed, text)
    return ("attributed", cue) if cue else ("own", "")


def _row(sentence: dict, dimension: str, value: str, cue: str, stance: Stance) -> dict:
    """An evidence row for a sentence (a record of ``corpus.sentences``) and a matching rule."""
    return {
        "article_id": sentence["article_id"],
        "paragraph": sentence["paragraph"],
        "sentence": sentence["sentence"],
        "dimension": dimension,
        "value": value,
        "cue": cue,
        "voice": stance.voice,
        "stance": stance.stance,
        "stance_reason": stance.reason,
        "start": sentence["start"],
        "end": sentence["end"],
        "text": sentence["text"],
    }


def cue_stance(text: str, patterns: list[re.Pattern[str]], codebook: Codebook):
    """The cue of a rule in a sentence and the article's stance towards it, or ``None`` when no
    pattern matches. Of several matches, the first the article uses in its own words (not
    inside quotation marks) decides; if every match is quoted, the first."""
    matches = sorted(
        (m for pattern in patterns for m in pattern.finditer(text)), key=lambda m: m.start()
    )
    if not matches:
        return None
    read = [(m.group(0), stance_at(text, m.start(), m.end(), codebook)) for m in matches]
    return next((r for r in read if r[1].reason != QUOTED), read[0])


def sentence_evidence(sentences: pd.DataFrame, codebook: Codebook, dimension: str) -> pd.DataFrame:
    """One row per sentence (rows like ``corpus.sentences``) and rule of a dimension
    (``entman``, ``generic`` or ``blame``) whose pattern matches it, with the cue, voice,
    stance and the rule that decided the stance."""
    rules = codebook.rules(dimension)
    rows = [
        _row(sentence, dimension, rule.name, *found)
        for sentence in sentences.to_dict("records")
        for rule in rules
        if (found := cue_stance(sentence["text"], rule.patterns, codebook))
    ]
    return pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)


def rule_evidence(corpus: Corpus, codebook: Codebook, dimension: str) -> pd.DataFrame:
    """:func:`sentence_evidence` for every sentence of the corpus."""
    return sentence_evidence(corpus.sentences, codebook, dimension)


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
    criminals" is not also counted as "criminals"). Its voice is :func:`stance_at`'s: a label
    inside quotation marks is someone else's word, so its voice is ``attributed`` even in the
    article's own sentence."""
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
                stance = stance_at(sentence["text"], match.start(), match.end(), codebook)
                rows.append(_row(sentence, "label", term, match.group(1), stance))
    table = pd.DataFrame(rows, columns=EVIDENCE_COLUMNS)
    return table.sort_values(["article_id", "sentence"], kind="stable").reset_index(drop=True)
