"""Every numeric expression in the article bodies, what it counts, and its honest interval.

:func:`extract_claims` scans each cleaned sentence with a few ordered rules (money, percentages,
dates, year ranges, durations, vague quantities, number words, ordinals, years, plain numbers);
a later rule never takes text an earlier one took. Each figure becomes an interval
``(low, high)`` so that qualified, vague and rounded figures compare honestly:

- a figure written with ``d`` decimals stands for anything that rounds to it
  (``70.8`` is 70.75 to 70.85);
- ``more than``/``over`` n and ``at least`` n run from n upwards; ``up to``/``under``/
  ``fewer than``/``no more than`` n from 0 to n; ``almost``/``nearly`` n is 90% of n to n;
  ``around``/``about`` n is n ± 10% (of n itself, not of its rounding);
- vague words have stated ranges (:data:`VAGUE`), e.g. "dozens" is 24 to 99;
- "a doubling" (or "doubled", "twofold") is a multiple: 2.

What a figure counts is read from the words around it: a count word just after it ("26 armed
criminals killed"), a verb just before it, the clause it ends ("19 police officers were among
the dead") or a death toll it is given for ("the previous official death toll was 164").

The name is ``claims``, not ``figures``: in this codebase "figures" are plots.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import pandas as pd

from helpers.corpus import Corpus

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
#: Month abbreviations as news agencies write them (AP style: "Jan. 2", "Sept. 30").
MONTH_ABBREVIATIONS = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\."
CARDINALS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1_000, "million": 1_000_000,
    "billion": 1_000_000_000, "dozen": 12,
}  # fmt: skip
#: Vague quantities and the ranges the book reads them as (a stated convention).
VAGUE = {
    "tens": (20, 99),
    "dozens": (24, 99),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2_000, 9_999),
    "millions": (2_000_000, 999_999_999),
    "billions": (2_000_000_000, 999_999_999_999),
}
SCALES = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
#: Words that say what a figure counts, looked for just after it (or just before, for verbs).
COUNTS = {
    "killed": r"killed|dead|deaths?|died|liquidated|lives|fatalit(?:y|ies)",
    "injured": r"injured|wounded",
    "detained": r"detained|arrested|arrests?|imprisoned|prisoners|detentions?",
    "troops": r"troops|soldiers|servicemen|peacekeepers|engineers",
    "vote share": r"vote|votes",
    "companies": r"companies|firms",
    "relatives": r"nephews|sons|daughters?|grandsons?",
    "countries": r"countries|nations",
    "camps and militants": r"camps|extremists|militants",
}
QUALIFIERS = {
    "more than": "above",
    "over": "above",
    "at least": "above",
    "no fewer than": "above",
    "no less than": "above",
    "not less than": "above",
    "up to": "below",
    "under": "below",
    "less than": "below",
    "fewer than": "below",
    "no more than": "below",
    "not more than": "below",
    "at most": "below",
    "almost": "almost",
    "nearly": "almost",
    "around": "around",
    "about": "around",
    "approximately": "around",
    "roughly": "around",
}

_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_WORD = "|".join(sorted(CARDINALS, key=len, reverse=True))
_QUALIFIER = re.compile(
    r"(?:^|\W)(" + "|".join(sorted(QUALIFIERS, key=len, reverse=True)) + r")\s+(?:a\s+|the\s+)?$",
    re.IGNORECASE,
)

_VAGUE_MONEY = re.compile(
    r"\b(?P<vague>tens|dozens|hundreds) of (?P<scale>millions|billions)"
    r" of (?P<cur>dollars|pounds)\b",
    re.I,
)
_MONEY = re.compile(
    rf"(?P<cur>[£$€])\s?(?P<num>{_NUMBER})(?:\s?(?P<scale>million|billion|thousand))?\b", re.I
)
_DATE = re.compile(
    rf"\b(?:{MONTHS})\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?\b"
    rf"|\b{MONTH_ABBREVIATIONS}\s+\d{{1,2}}(?:,\s*\d{{4}})?\b"
    rf"|\b\d{{1,2}}\s+(?:{MONTHS})(?:\s+\d{{4}})?\b"
    rf"|\b(?:{MONTHS})\s+(?:19|20)\d\d\b"
)
_DURATION = re.compile(
    rf"\b(?:{_NUMBER}|{_WORD})\s+(?:years?|decades?|months?|weeks?|days?)\b", re.I
)
#: Words that make a figure a multiple, and the multiple each stands for.
MULTIPLES = {"doubling": 2, "doubled": 2, "twofold": 2, "two-fold": 2, "tripling": 3,
             "tripled": 3, "threefold": 3}  # fmt: skip
_MULTIPLE = re.compile(rf"\b(?:a\s+)?(?:{'|'.join(MULTIPLES)})\b", re.I)
#: A clause that says the figure before it counts the dead ("19 police officers or servicemen
#: were among the dead"), and a death toll the figure after it is given for.
_AMONG_THE_DEAD = re.compile(r"^[^.;:]*?\bamong (?:the|those) (?:dead|killed)\b", re.I)
_DEATH_TOLL_BEFORE = re.compile(r"\bdeath toll\b(?:\s+[\w\"“”']+){0,4}\s*$", re.I)
#: The rules, in the order they are applied: (kind, pattern).
RULES: list[tuple[str, re.Pattern[str]]] = [
    ("money", _VAGUE_MONEY),
    ("money", _MONEY),
    ("percentage", re.compile(rf"(?P<num>{_NUMBER})\s?(?:percent|per cent|%)", re.I)),
    ("date", _DATE),
    ("year range", re.compile(r"\b(?:19|20)\d\d\s?(?:to|-|–)\s?(?:19|20)\d\d\b")),
    ("decade", re.compile(r"\b(?:mid-|early |late )?(?:19|20)\d0s\b", re.I)),
    ("duration", _DURATION),
    ("vague quantity", re.compile(rf"\b(?:{'|'.join(VAGUE)})\b", re.I)),
    ("multiple", _MULTIPLE),
    ("number word", re.compile(rf"\b(?:a\s+)?(?:{_WORD})\b", re.I)),
    ("ordinal", re.compile(r"\b(?:first|second|third|\d+(?:st|nd|rd|th))\b(?!,)", re.I)),
    ("year", re.compile(r"\b(?:19|20)\d\d\b")),
    ("number", re.compile(rf"(?<![\w.])(?:{_NUMBER})(?:\s?(?:million|billion|thousand))?\b", re.I)),
]  # fmt: skip

COLUMNS = [
    "article_id", "sentence", "start", "end", "text", "kind", "qualifier", "value", "low",
    "high", "unit", "counts", "sentence_text",
]  # fmt: skip


@dataclass(frozen=True)
class Interval:
    """What a figure may stand for: ``low`` to ``high`` (``math.inf`` when open above)."""

    low: float
    high: float

    def overlaps(self, other: Interval) -> bool:
        """Whether two figures can both be right."""
        return self.low <= other.high and other.low <= self.high

    def contains(self, value: float) -> bool:
        """Whether a reference value lies inside the interval."""
        return self.low <= value <= self.high


def parse_number(text: str) -> float:
    """``3,000`` -> 3000, ``70.8`` -> 70.8, ``80million`` -> 80e6, ``six`` -> 6."""
    text = text.strip().lower()
    scale = 1
    for word, factor in SCALES.items():
        if text.endswith(word) and text != word:
            text, scale = text[: -len(word)].strip(), factor
    if text.removeprefix("a ").strip() in CARDINALS:
        return float(CARDINALS[text.removeprefix("a ").strip()]) * scale
    return float(text.replace(",", "")) * scale


def rounding_interval(text: str, value: float, unit: float = 0.0) -> Interval:
    """The values a written figure may have been rounded from: ``70.8`` -> 70.75 to 70.85.
    A whole number is an exact count unless ``unit`` says what it was rounded to (a year for
    a duration; a million for ``$ 13 million``)."""
    digits = re.search(r"\d+(?:\.(\d+))?", text)
    if digits is None:  # a number word ("three decades") is taken at its word
        return Interval(value, value)
    decimals = len(digits.group(1) or "")
    half = 0.5 * 10**-decimals * (unit or 1) if decimals or unit else 0.0
    return Interval(value - half, value + half)


def qualified(interval: Interval, qualifier: str, value: float | None = None) -> Interval:
    """Widen an interval by its qualifier (see the module docstring). A qualified figure is read
    from its ``value`` where it has one, not from the rounding around it: "almost 30 years" is
    27 to 30 years, "up to £2 billion" 0 to 2 billion; a vague figure from its interval."""
    kind = QUALIFIERS.get(qualifier.lower(), "")
    low, high = (interval.low, interval.high) if value is None else (value, value)
    if kind == "above":
        return Interval(low, math.inf)
    if kind == "below":
        return Interval(0.0, high)
    if kind == "almost":
        return Interval(0.9 * low, high)
    if kind == "around":
        return Interval(0.9 * low, 1.1 * high)
    return interval


def _counts(text: str, start: int, end: int, kind: str) -> str:
    if kind in ("money",):
        return "money"
    if kind in ("date", "year", "year range", "decade"):
        return "date"
    if kind == "duration":
        return "duration"
    if kind == "multiple":
        return "multiple"
    if _AMONG_THE_DEAD.search(text[end:]) or _DEATH_TOLL_BEFORE.search(text[:start]):
        return "killed"
    after = " ".join(text[end:].split()[:5]).lower()
    before = " ".join(text[:start].split()[-2:]).lower()
    for label, pattern in COUNTS.items():
        if re.search(rf"\b(?:{pattern})\b", after) or re.search(rf"\b(?:{pattern})\b$", before):
            return label
    if kind == "percentage":
        return "share"
    following = re.match(r"[\s-]*(?:of\s+)?([A-Za-z]+)", text[end:])
    return f"other: {following.group(1).lower()}" if following else "other"


def _interval(kind: str, text: str) -> tuple[float | None, Interval | None, str]:
    """The value, its interval and unit for one matched expression."""
    lowered = text.lower()
    if kind == "vague quantity":
        low, high = VAGUE[lowered]
        return None, Interval(low, high), "count"
    if kind in ("date", "year range", "decade", "ordinal"):
        return None, None, kind
    if kind == "multiple":
        value = float(MULTIPLES[re.sub(r"^a\s+", "", lowered)])
        return value, Interval(value, value), "times"
    if kind == "money" and (vague := _VAGUE_MONEY.match(text)):
        scale = SCALES[vague["scale"].lower().rstrip("s")]
        low, high = VAGUE[vague["vague"].lower()]
        unit = "USD" if vague["cur"].lower() == "dollars" else "GBP"
        return None, Interval(low * scale, high * scale), unit
    if kind == "money":
        match = _MONEY.match(text)
        scale = SCALES.get((match["scale"] or "").lower(), 0)
        value = parse_number(match["num"]) * (scale or 1)
        unit = {"£": "GBP", "$": "USD", "€": "EUR"}[match["cur"]]
        return value, rounding_interval(match["num"], value, scale), unit
    if kind == "duration":  # in years where the unit is years or decades
        number, unit = text.rsplit(None, 1)
        unit = unit.lower().rstrip("s") + "s"
        factor = 10 if unit == "decades" else 1
        value = parse_number(number) * factor
        return value, rounding_interval(number, value, factor), "years" if factor == 10 else unit
    if kind == "percentage":
        number = re.match(_NUMBER, text).group(0)
        value = parse_number(number)
        return value, rounding_interval(number, value), "percent"
    if kind == "year":
        return float(text), Interval(float(text), float(text)), "year"
    value = parse_number(text)
    return value, rounding_interval(text, value), "count"


def extract_sentence(text: str) -> list[dict]:
    """Every numeric expression in one sentence, in reading order."""
    taken: list[tuple[int, int]] = []
    found = []
    for kind, pattern in RULES:
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(start < e and s < end for s, e in taken):
                continue
            taken.append((start, end))
            value, interval, unit = _interval(kind, match.group(0))
            qualifier_match = _QUALIFIER.search(text[:start]) if interval else None
            qualifier = qualifier_match.group(1).lower() if qualifier_match else ""
            if interval is not None:
                interval = qualified(interval, qualifier, value)
            found.append(
                {
                    "start": start,
                    "end": end,
                    "text": match.group(0),
                    "kind": kind,
                    "qualifier": qualifier,
                    "value": value,
                    "low": interval.low if interval else None,
                    "high": interval.high if interval else None,
                    "unit": unit,
                    "counts": _counts(text, start, end, kind),
                }
            )
    return sorted(found, key=lambda row: row["start"])


def extract_claims(corpus: Corpus) -> pd.DataFrame:
    """Every numeric expression in every article body, one row each, with offsets into the raw
    file (``start``/``end``), its interval and what it counts."""
    rows = []
    for sentence in corpus.sentences.itertuples():
        for found in extract_sentence(sentence.text):
            rows.append(
                {
                    **found,
                    "article_id": sentence.article_id,
                    "sentence": sentence.sentence,
                    "start": sentence.start + found["start"],
                    "end": sentence.start + found["end"],
                    "sentence_text": sentence.text,
                }
            )
    return pd.DataFrame(rows, columns=COLUMNS)


def _amount(value: float) -> str:
    """``71550000`` -> ``71.55 million``; smaller amounts with thousands separators."""
    for word, scale in (("billion", 1e9), ("million", 1e6)):
        if abs(value) >= scale:
            return f"{value / scale:,.15g} {word}"
    return f"{value:,.15g}"


def _interval_text(low: float, high: float, unit: str) -> str:
    if pd.isna(low) or unit == "year":  # a year is a date, not an amount
        return ""
    if math.isinf(high):
        return f"{_amount(low)} or more"
    return _amount(low) if low == high else f"{_amount(low)} to {_amount(high)}"


def extraction_table(extracted: pd.DataFrame) -> pd.DataFrame:
    """Every extracted figure for the reader: where it is, what it is and what it stands for."""
    return pd.DataFrame(
        {
            "article": extracted["article_id"],
            "sentence": "s" + extracted["sentence"].astype(str),
            "expression": extracted["text"],
            "kind": extracted["kind"],
            "qualifier": extracted["qualifier"],
            "stands for": [
                _interval_text(row.low, row.high, row.unit) for row in extracted.itertuples()
            ],
            "unit": extracted["unit"],
            "counts": extracted["counts"],
        }
    )


def conventions_table() -> pd.DataFrame:
    """The stated readings of qualifiers and vague words."""
    rows = [
        {"words": "a figure with decimals, e.g. 70.8", "read as": "anything that rounds to it"},
        {"words": ", ".join(w for w, k in QUALIFIERS.items() if k == "above") + " n",
         "read as": "n or more"},
        {"words": ", ".join(w for w, k in QUALIFIERS.items() if k == "below") + " n",
         "read as": "0 to n"},
        {"words": ", ".join(w for w, k in QUALIFIERS.items() if k == "almost") + " n",
         "read as": "90% of n to n"},
        {"words": ", ".join(w for w, k in QUALIFIERS.items() if k == "around") + " n",
         "read as": "n less 10% to n plus 10%"},
        {"words": ", ".join(MULTIPLES), "read as": "a multiple: 2 (or 3 for tripling)"},
    ]  # fmt: skip
    rows += [
        {"words": word, "read as": f"{low:,} to {high:,}"} for word, (low, high) in VAGUE.items()
    ]
    return pd.DataFrame(rows)
