"""Separate site chrome from an article's body, line by line, with explicit rules.

The raw texts are web pages saved as text: besides the article they carry mastheads, dates, "Must
read" boxes, advertisements, publisher blurbs, bylines and author bios. Every non-blank line gets a
*role*, and every line or prefix that is not body text gets the rule that removed it and why:

- ``chrome``: removed entirely (see :data:`LINE_RULES`, :data:`PREFIX_RULES`, the author-bio rule
  and the outlet rules in :func:`classify_lines`);
- ``headline``: the line equals the article's ``title`` in ``articles.csv``; removed from the body
  and kept as metadata;
- ``heading``: a subheading or standfirst inside the article (:func:`is_heading`); kept in the
  body but not split into sentences, so that it is never glued to the next sentence;
- ``body``: article prose.

Rules match whole lines (or, for :data:`PREFIX_RULES`, the start of a line), never words inside a
sentence, so a body sentence that mentions an advertisement is never cut.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
# A line ending so is not a heading: it ends a sentence, or leads into more text.
_NOT_HEADING_END = re.compile(r"[.!?…:;,][\"'”’)\]]*$")
# A word: letters or digits, joined by inner apostrophes, points, hyphens or slashes, or by a
# comma between digits ("3,000"). Punctuation and symbols alone ("£", "-") are not words.
_WORD = re.compile(r"[^\W_]+(?:(?:[’'.\-/]|(?<=\d),(?=\d))[^\W_]+)*")
# Words left lower case in English title case; they do not count against a title-case line.
#: A line without sentence-final punctuation and at most this many words is a heading.
HEADING_MAX_WORDS = 25
#: A line of at most this many words, this share of them capitalised, is a title-case heading.
TITLE_CASE_MAX_WORDS = 12
TITLE_CASE_MIN_SHARE = 0.85
_MINOR_WORDS = frozenset(
    "a an and as at but by for from in into nor of on or per the to vs via with".split()
)


@dataclass(frozen=True)
class ChromeRule:
    """One cleaning rule: a name, the pattern it matches (and in words), and why the match is
    not article text."""

    name: str
    pattern: re.Pattern[str]
    description: str
    reason: str


#: Rules that remove a whole line when the (stripped) line matches.
LINE_RULES: tuple[ChromeRule, ...] = (
    ChromeRule(
        "date_line",
        re.compile(rf"^(?:{_WEEKDAY},?\s+)?{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}$"),
        "a line holding only a date, with or without the weekday ('Monday, June 24, 2024')",
        "a date alone on a line: the site's masthead or page-capture date, not the article's",
    ),
    ChromeRule(
        "editor_line",
        re.compile(r"^Editor[- ]in[- ]Chief\s*:.*$", re.IGNORECASE),
        "a line starting 'Editor in Chief:'",
        "the site's editor line (with the date the page was shown)",
    ),
    ChromeRule(
        "must_read",
        re.compile(r"^Must read$", re.IGNORECASE),
        "the line 'Must read'",
        "a site navigation box heading",
    ),
    ChromeRule(
        "advertisement",
        re.compile(r"^[-–—\s]*Advertisement[-–—\s]*(?:spot_img)?$", re.IGNORECASE),
        "a line holding only 'Advertisement', with dashes or an image placeholder",
        "an advertisement slot (with its image placeholder)",
    ),
    ChromeRule(
        "more_articles",
        re.compile(r"^More articles$", re.IGNORECASE),
        "the line 'More articles'",
        "a site navigation box heading",
    ),
    ChromeRule(
        "latest_article",
        re.compile(r"^Latest articles?$", re.IGNORECASE),
        "the line 'Latest article' or 'Latest articles'",
        "a site navigation box heading",
    ),
    ChromeRule(
        "byline",
        re.compile(r"^By\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,5}$"),
        "a line 'By' and the article's author, or, when no author is known, 'By' and up to six "
        "capitalised names before any article text",
        "the byline; the author is recorded in articles.csv",
    ),
)

#: Rules that remove the start of a line and keep the rest as body text.
PREFIX_RULES: tuple[ChromeRule, ...] = (
    ChromeRule(
        "date_stamp",
        re.compile(r"^\s*date\s+\d{4}-\d{2}-\d{2}\s+", re.IGNORECASE),
        "'date' and an ISO date (YYYY-MM-DD) at the very start of a line",
        "a date stamp run into the first sentence; the date is recorded in articles.csv",
    ),
)

#: The author-bio rule: this line and the non-blank lines after it, up to the next chrome line.
AUTHOR_BIO = ChromeRule(
    "author_bio",
    re.compile(r"^About the author:?$", re.IGNORECASE),
    "the line 'About the author' and the paragraph after it",
    "the author's biography, written by the site, not part of the article",
)

#: Rules that depend on the article's metadata (its outlet and title); patterns built per article.
OUTLET_NAME_REASON = "the outlet's name as a masthead or logo text"
PUBLISHER_BLURB_REASON = "the publisher's description of itself (starts with the outlet's name)"
HEADLINE_REASON = "the headline; kept as the title in articles.csv, not counted as body text"


@dataclass(frozen=True)
class LineVerdict:
    """What cleaning decided for one line of a raw text."""

    line_no: int  # 1-based line number in the raw file
    start: int  # character offset of the line in the raw text
    raw: str  # the line without its line break
    role: str  # "blank", "chrome", "headline", "heading" or "body"
    kept_offset: int  # offset, within the line, of the text kept in the body
    kept: str  # text kept in the body ("" for removed lines)
    removed: str  # text removed ("" for body lines without a removed prefix)
    rule: str  # the rule that removed text ("" if nothing was removed)
    reason: str


def word_count(text: str) -> int:
    """Number of words: runs of letters or digits, joined by inner apostrophes, points, hyphens
    or slashes, or by a comma between digits; "3,000" and "his/her" are one word each."""
    return len(_WORD.findall(text))


def is_heading(line: str) -> bool:
    """A subheading or standfirst: a short line without a full stop, or a short title-case line.

    Two rules, either suffices:
    1. at most :data:`HEADING_MAX_WORDS` words and no sentence-final or joining punctuation
       (``.``, ``!``, ``?``, ``…``, ``:``, ``;``, ``,``, with optional closing quotes or brackets)
       at the end;
    2. at most :data:`TITLE_CASE_MAX_WORDS` words, and at least :data:`TITLE_CASE_MIN_SHARE` of
       the words other than short function words ("of", "the", "and", …) start with a capital
       ("Restructure Kazakhstan Government's Government and Erzhan Kazykhanov."), which a short
       sentence of names ("Xi Jinping praised Tokayev.") does not reach.
    """
    words = _WORD.findall(line)
    if not words:
        return False
    if len(words) <= HEADING_MAX_WORDS and not _NOT_HEADING_END.search(line.strip()):
        return True
    content = [w for w in words if w.lower() not in _MINOR_WORDS]
    capitalised = sum(1 for w in content if w[0].isupper() or w[0].isdigit())
    return (
        len(words) <= TITLE_CASE_MAX_WORDS
        and bool(content)
        and capitalised / len(content) >= TITLE_CASE_MIN_SHARE
    )


def _normalise(text: str) -> str:
    return " ".join(text.split()).casefold()


def _line_rule(stripped: str, author: str, body_seen: bool) -> ChromeRule | None:
    """The first whole-line rule matching a line, if any (the byline rule with its conditions)."""
    for rule in LINE_RULES:
        if not rule.pattern.match(stripped):
            continue
        if rule.name == "byline" and (
            _normalise(stripped) != _normalise(f"By {author}") if author else body_seen
        ):
            continue
        return rule
    return None


def classify_lines(
    raw_text: str, *, title: str, outlet: str, author: str = ""
) -> list[LineVerdict]:
    """Give every line of a raw article text its role, with the rule and reason for removals."""
    verdicts: list[LineVerdict] = []
    outlet_key = _normalise(outlet)
    title_key = _normalise(title)
    # The outlet's name in capitals opens a blurb only if capitals set it apart ("DIPLOMAT
    # MAGAZINE ..."); an outlet written in capitals anyway ("BBC") would match news sentences.
    blurb_opening = outlet.upper() + " " if outlet and outlet.upper() != outlet else None
    bio_lines_left = 0
    body_seen = False
    offset = 0
    for line_no, line_with_break in enumerate(raw_text.splitlines(keepends=True), start=1):
        # A byte-order mark counts as white space; replacing it keeps every offset.
        line = line_with_break.rstrip("\r\n").replace("\ufeff", " ")
        stripped = line.strip()
        start = offset
        offset += len(line_with_break)
        if not stripped:
            verdicts.append(LineVerdict(line_no, start, line, "blank", 0, "", "", "", ""))
            continue
        line_rule = _line_rule(stripped, author, body_seen)
        if line_rule:
            bio_lines_left = 0
            verdicts.append(_removed(line_no, start, line, line_rule.name, line_rule.reason))
        elif AUTHOR_BIO.pattern.match(stripped) or bio_lines_left:
            bio_lines_left = 0 if bio_lines_left else 1
            verdicts.append(_removed(line_no, start, line, AUTHOR_BIO.name, AUTHOR_BIO.reason))
        elif outlet_key and _normalise(stripped) == outlet_key:
            verdicts.append(_removed(line_no, start, line, "outlet_name", OUTLET_NAME_REASON))
        elif blurb_opening and stripped.startswith(blurb_opening):
            verdicts.append(
                _removed(line_no, start, line, "publisher_blurb", PUBLISHER_BLURB_REASON)
            )
        elif title_key and _normalise(stripped) == title_key:
            verdicts.append(
                _removed(line_no, start, line, "headline", HEADLINE_REASON, role="headline")
            )
        else:
            verdict = _body_or_heading(line_no, start, line)
            body_seen = body_seen or verdict.role == "body"
            verdicts.append(verdict)
    return verdicts


def _removed(
    line_no: int, start: int, line: str, rule: str, reason: str, role: str = "chrome"
) -> LineVerdict:
    """A line removed whole from the body."""
    return LineVerdict(line_no, start, line, role, 0, "", line.strip(), rule, reason)


def _body_or_heading(line_no: int, start: int, line: str) -> LineVerdict:
    """Classify a line no chrome rule removed whole: strip a prefix rule's match, then decide."""
    for rule in PREFIX_RULES:
        match = rule.pattern.match(line)
        if match:
            kept_offset = match.end()
            kept = line[kept_offset:].rstrip()
            return LineVerdict(
                line_no,
                start,
                line,
                "body",
                kept_offset,
                kept,
                match.group(0).strip(),
                rule.name,
                rule.reason,
            )
    kept_offset = len(line) - len(line.lstrip())
    kept = line.strip()
    role = "heading" if is_heading(kept) else "body"
    return LineVerdict(line_no, start, line, role, kept_offset, kept, "", "", "")


def rules_table_rows() -> list[dict[str, str]]:
    """Every cleaning rule, where it applies, what it matches (in words) and why."""
    rows = [
        {"rule": r.name, "removes": "whole line", "matches": r.description, "why": r.reason}
        for r in LINE_RULES
    ]
    rows += [
        {"rule": r.name, "removes": "start of line", "matches": r.description, "why": r.reason}
        for r in PREFIX_RULES
    ]
    rows += [
        {
            "rule": AUTHOR_BIO.name,
            "removes": "whole lines",
            "matches": AUTHOR_BIO.description,
            "why": AUTHOR_BIO.reason,
        },
        {
            "rule": "outlet_name",
            "removes": "whole line",
            "matches": "a line equal to the article's outlet in articles.csv",
            "why": OUTLET_NAME_REASON,
        },
        {
            "rule": "publisher_blurb",
            "removes": "whole line",
            "matches": "a line starting with the outlet's name in capitals (unless the name is "
            "written in capitals anyway)",
            "why": PUBLISHER_BLURB_REASON,
        },
        {
            "rule": "headline",
            "removes": "whole line",
            "matches": "a line equal to the article's title in articles.csv",
            "why": HEADLINE_REASON,
        },
    ]
    return rows
