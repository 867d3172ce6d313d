"""General rules that propose text-integrity flags in any English text: pure functions of a
stretch of text, each returning the places it would flag.

The rules are written to stay silent on edited news English (``tests/fixtures/clean_news.csv``
holds the reports they are tested on) and only propose: a person reads every flag.

- **doubled word**: the same word twice with a space between ("the The"), except words that are
  correctly doubled in English ("that that", "had had");
- **words run together**: a lower-case letter then a capital inside a word ("ZhomartTokayev"),
  flagged only when the part after the join stands as a word of its own elsewhere in the same
  text, so brand names (YouTube, ExxonMobil), McCain, iPhone and PhD pass; and digits run into a
  number word or a word the text uses elsewhere ("80million");
- **a or an**: "a" before a vowel sound or "an" before a consonant sound, judged from the
  spelling with the usual exceptions (a university, a one-off, an hour, an NGO), and never
  before other words in h ("an historic" is edited British English);
- **have be**: "have", "has" or "had", maybe an adverb, then "be" ("could have easily be");
- **modal and past form**: a modal verb, maybe an adverb, then a past form ending in -ed
  ("will detached"), except words in -eed ("may need").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from helpers.segment import split_sentences

#: Words English correctly writes twice in a row.
CORRECTLY_DOUBLED = frozenset({"that", "had"})
#: Words that may follow digits with no space in edited text only when they are units.
NUMBER_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion", "percent"})
#: Words spelt with a vowel that are said with a consonant sound, and the reverse.
_A_BEFORE_VOWEL = re.compile(r"^(one|once|uni|use|usu|uti|ure|eu|ewe|ufo|uk\b|us\b|u\.)", re.I)
_AN_BEFORE_CONSONANT = re.compile(r"^(hour|honest|honou?r|heir)", re.I)
#: Letters whose names begin with a vowel sound, for initialisms ("an NGO", "a UN").
_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")
_MODALS = "can|could|will|would|shall|should|may|might|must"

_DOUBLED = re.compile(r"\b(\w+) +(\1)\b", re.IGNORECASE)
_CAMEL = re.compile(r"\b([A-Za-z]*[a-z])([A-Z][a-z]+)\b")
_DIGITS_WORD = re.compile(r"\b(\d+)([a-z]{3,})\b")
_ARTICLE = re.compile(r"\b([Aa]n?) +([A-Za-z](?:[\w-]|\.(?=\w))*)")
_HAVE_BE = re.compile(r"\b(have|has|had)( +\w+ly)? +(be)\b", re.IGNORECASE)
_MODAL_PAST = re.compile(rf"\b({_MODALS})( +\w+ly)? +([a-z]{{3,}}ed)\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True)
class RuleHit:
    """One place a rule flags: offsets into the text it was given, the words, a likely
    original and what the rule saw."""

    rule: str
    start: int
    end: int
    likely_original: str
    note: str

    def quote(self, text: str) -> str:
        """The flagged words, from the text the rule was run on."""
        return text[self.start : self.end]


def doubled_words(text: str) -> Iterator[RuleHit]:
    """The same word twice in a row, except words English doubles."""
    for match in _DOUBLED.finditer(text):
        if match.group(1).lower() in CORRECTLY_DOUBLED:
            continue
        yield RuleHit("doubled word", match.start(), match.end(), match.group(2),
                      "the same word twice in a row")  # fmt: skip


def words_run_together(text: str, words_elsewhere: set[str]) -> Iterator[RuleHit]:
    """Two words with no space between them, where the second stands alone in the text too
    (``words_elsewhere``: every word of the whole text), or digits run into a number word."""
    for match in _CAMEL.finditer(text):
        first, second = match.groups()
        if len(first) >= 3 and second in words_elsewhere:
            note = f"“{second}” stands as a word of its own elsewhere in the text"
            yield RuleHit("words run together", match.start(), match.end(), f"{first} {second}",
                          note)  # fmt: skip
    for match in _DIGITS_WORD.finditer(text):
        digits, word = match.groups()
        if word in NUMBER_WORDS or word in words_elsewhere:
            yield RuleHit("words run together", match.start(), match.end(), f"{digits} {word}",
                          "a number run into the word after it")  # fmt: skip


def _wants_an(word: str) -> bool | None:
    """Whether a word takes "an" (True), "a" (False), or cannot be judged from its spelling."""
    letters = word.rstrip(".-")
    if not letters or not letters[0].isalpha():
        return None
    if len(letters) > 1 and letters.isupper() and "." not in letters:
        return letters[0] in _VOWEL_SOUND_LETTERS  # an initialism, said letter by letter
    if len(letters) == 1:
        return None  # "a B grade", "type A": a letter, too rarely an article's noun
    if _AN_BEFORE_CONSONANT.match(letters):
        return True
    if letters[0] in "hH":
        return None  # "an historic" and "a historic" are both edited English
    if _A_BEFORE_VOWEL.match(letters):
        return False
    return letters[0].lower() in "aeiou"


def a_or_an(text: str) -> Iterator[RuleHit]:
    """ "a" before a vowel sound, "an" before a consonant sound, judged from the spelling."""
    for match in _ARTICLE.finditer(text):
        article, word = match.groups()
        wants_an = _wants_an(word)
        if wants_an is None or wants_an == (article.lower() == "an"):
            continue
        right = ("An" if article[0] == "A" else "an") if wants_an else article[0]
        yield RuleHit("a or an", match.start(), match.end(), f"{right} {word}",
                      f"“{article}” before “{word}”")  # fmt: skip


def have_be(text: str) -> Iterator[RuleHit]:
    """ "have be" for "have been"."""
    for match in _HAVE_BE.finditer(text):
        original = match.group(0)[: match.start(3) - match.start()] + "been"
        yield RuleHit("have be", match.start(), match.end(), original,
                      "a perfect tense needs the participle “been”")  # fmt: skip


def modal_past_form(text: str) -> Iterator[RuleHit]:
    """A modal verb followed by a past form ("will detached")."""
    for match in _MODAL_PAST.finditer(text):
        if match.group(3).lower().endswith("eed"):
            continue
        note = f"a modal verb (“{match.group(1)}”) takes the plain form of a verb"
        yield RuleHit("modal and past form", match.start(), match.end(), "", note)


def rule_hits(text: str, words_elsewhere: set[str]) -> list[RuleHit]:
    """Every rule's hits in one stretch of text, in order of place."""
    hits = [
        *doubled_words(text),
        *words_run_together(text, words_elsewhere),
        *a_or_an(text),
        *have_be(text),
        *modal_past_form(text),
    ]
    return sorted(hits, key=lambda hit: (hit.start, hit.rule))


def words_of(text: str) -> set[str]:
    """Every word of a text (letters only), as written: what :func:`words_run_together`
    compares a run-together word's parts with."""
    return set(_WORD.findall(text))


_SENTENCE_START = re.compile(r"[A-Z0-9“\"‘'(£$]")


def broken_start(sentence: str) -> Iterator[RuleHit]:
    """A sentence that starts with a lower-case letter or with punctuation: the end of a
    sentence cut off from its beginning, or a boundary put in the wrong place."""
    if sentence and not _SENTENCE_START.match(sentence):
        yield RuleHit("broken sentence", 0, len(sentence), "",
                      "the sentence starts with a lower-case letter or punctuation")  # fmt: skip


def text_hits(text: str) -> list[tuple[str, RuleHit]]:
    """Every general rule's hits in a plain text of paragraphs separated by blank lines, as
    (sentence, hit) pairs: the rules as they run on an article, for texts outside the corpus."""
    words = words_of(text)
    found = []
    for paragraph in re.split(r"\n\s*\n", text):
        for span in split_sentences(" ".join(paragraph.split())):
            sentence = span.text
            for hit in [*rule_hits(sentence, words), *broken_start(sentence)]:
                found.append((sentence, hit))
    return found
