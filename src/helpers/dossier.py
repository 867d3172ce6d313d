"""Each article's dossier: the card at the top of its page, and the article itself with every
sentence numbered and marked up.

The card gathers, for one article, what every chapter found (through
:class:`helpers.analysis.Analysis`): where the text comes from, what it really is and why, what it
argues, how its statements of fact fare, how hard it reads and what looks machine-made. It is
MyST Markdown (sphinx-design cards in HTML, plain blocks in the PDF), with every piece of
article or metadata text escaped.

The marked-up text is written twice, as raw HTML and as raw LaTeX, so that the marks print:
checked statements are boxed with their verdict (one that holds by its figure only), integrity
flags underlined with a wave, the quotes behind the reader's coding underlined, and hard
sentences labelled at their number. Every mark also carries a word (a tag), so none depends on
colour alone. Article text is escaped for each
format; it is never markup.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from helpers.analysis import Analysis
from helpers.automatic_checks import automatic_table, result_tally
from helpers.bibliography import bib_urls, split_keys
from helpers.claim_checks import VERDICT_GROUPS, claims_table
from helpers.dates import human_date
from helpers.display import Table, citation, escape_markdown, link_or_text, shown_bundle
from helpers.findings import DATE_BASIS_WORDS, STANCE_VERBS, in_words, stance_line
from helpers.hand_coding import is_unreviewed
from helpers.integrity import SHORT_NAMES, flag_marks
from helpers.integrity_report import article_flags, compared_with, passages_table

#: The kinds of mark, in the order they are drawn (outermost first).
MARK_KINDS = ("evidence", "flag", "figure")
#: CSS class of each verdict group's figure box.
GROUP_CLASSES = {group: group.replace(" ", "-") for group in dict.fromkeys(VERDICT_GROUPS.values())}
#: The reader's coding whose quotes are marked: the argument shown on the card.
MARKED_DIMENSIONS = ("entman", "blame")
#: The word after a flagged span, by kind of flag.
FLAG_TAGS = SHORT_NAMES
#: Entman's functions as the card names them.
FUNCTION_WORDS = {
    "problem_definition": "problem",
    "causal_interpretation": "cause",
    "moral_evaluation": "judgement",
    "treatment_recommendation": "remedy",
}


@dataclass(frozen=True)
class Mark:
    """One marked span of the raw text: its kind, offsets and the word shown after it."""

    kind: str
    start: int
    end: int
    tag: str
    css: str = ""


# ---- the card ---------------------------------------------------------------------------------


def _kind_block(analysis: Analysis, article: str) -> list[str]:
    verdict = analysis.kinds.verdict(article)
    if verdict is None:
        return ["**What it is:** not yet assessed by a reader."]
    lines = [
        f"**What it is:** {escape_markdown(analysis.kinds.label(article))} "
        f"(a reader's judgement; confidence {escape_markdown(verdict['confidence'])}). "
        f"{escape_markdown(verdict['summary'])}",
        "",
    ]
    # Rows that make the same point with other quotes are one bullet.
    for point, rows in analysis.kinds.of(article).groupby("point", sort=False):
        quotes = ", ".join(f"“{escape_markdown(q)}”" for q in rows["quote"] if q)
        keys = "; ".join(dict.fromkeys(k for cell in rows["source"] for k in split_keys(cell)))
        cited = f" {citation(keys)}" if keys else ""
        lines.append(f"- {escape_markdown(point)}{' ' + quotes if quotes else ''}{cited}")
    beside = compared_with(analysis.siblings, article)
    if beside:
        lines.append(
            f"- Set beside {beside}, passage by passage ({{ref}}`readability-all-passages`)."
        )
    return lines


def _argument_block(analysis: Analysis, article: str) -> list[str]:
    compared = analysis.framing.compared
    mine = compared[(compared["article"] == article) & (compared["dimension"] == "entman")]
    if article in analysis.unreviewed:
        return [
            "**Not yet reviewed.** No reader has coded this article: what follows is what the "
            "word rules suggest, a rule's guess for a person to confirm ({ref}`framing`).",
            "",
            *[
                f"- **{FUNCTION_WORDS.get(row.item, row.item).capitalize()}:** the rules "
                f"suggest {escape_markdown(row.answer)}"
                + (f" (“{escape_markdown(row.quote)}”)" if row.quote else "")
                for row in mine.itertuples()
            ],
            f"- **Blame:** {escape_markdown(stance_line(analysis, article))}.",
        ]
    lines = []
    for row in mine.itertuples():
        word = FUNCTION_WORDS.get(row.item, row.item)
        reason = re.sub(rf"^{word}:\s*", "", row.rationale, flags=re.IGNORECASE)
        lines.append(
            f"- **{word.capitalize()}:** {escape_markdown(reason[:1].upper() + reason[1:])}"
        )
    lines.append(f"- **Blame:** {escape_markdown(stance_line(analysis, article))}.")
    readings = analysis.readings.set_index("article")
    if article in readings.index:
        authorities = escape_markdown(readings.loc[article, "authorities"])
        lines.append(f"- **Towards the authorities:** {authorities}")
    return lines


def _automatic_block(analysis: Analysis, article: str) -> list[str]:
    checks = analysis.automatic[analysis.automatic["article"] == article]
    found = (
        f"of its {plural(len(checks), 'figure')} that count the dead, the detained, the "
        "injured or troops, compared by a rule with the timeline's official counts, "
        f"{result_tally(checks['result'])} (automatic, unreviewed)"
        if len(checks)
        else "none of its figures counts what the timeline's official counts do"
    )
    sentences = analysis.judgements[analysis.judgements["article"] == article]
    return [
        f"**Not yet checked by a reader.** {plural(len(sentences), 'sentence')}; {found} "
        "({ref}`contested-automatic`)."
    ]


def _statements_block(analysis: Analysis, article: str) -> list[str]:
    if article in analysis.uncurated:
        return _automatic_block(analysis, article)
    mine = analysis.statements[analysis.statements["article"] == article]
    judged = analysis.judgements[analysis.judgements["article"] == article]
    n_checkable = int((judged["judgement"] == "checkable").sum())
    counts = mine["group"].value_counts()
    tally = in_words([group_count(int(counts[g]), g) for g in GROUP_CLASSES if g in counts])
    checked = (
        f"{plural(len(mine), 'statement')} checked against references: {tally}"
        if len(mine)
        else "no statement checked yet"
    )
    lines = [
        f"{plural(len(judged), 'sentence')}, {n_checkable} with statements of fact; {checked} "
        "({ref}`contested-figures`)."
    ]
    failing = mine[mine["group"] == "does not hold"]
    if failing.empty:
        return lines
    # the list is on the page; the PDF prints the article's statements in its appendix
    listed = [
        f"- “{escape_markdown(row.quote)}”: **{escape_markdown(row.verdict)}**"
        for row in failing.itertuples()
    ]
    return [
        *lines,
        "",
        "```{only} html",
        *listed,
        "```",
        "",
        "Why each does not hold, with its sources: {ref}`contested-headline`.",
    ]


def _reading_block(analysis: Analysis, article: str) -> list[str]:
    scores = analysis.scores.set_index("article")["Flesch-Kincaid grade"].round(1)
    ranked = scores.sort_values(ascending=False, kind="stable")
    rank = list(ranked.index).index(article) + 1
    others = scores.drop(article)
    hard = analysis.sentences[analysis.sentences["article_id"] == article]
    n_hard = int((hard["level"] != "").sum())
    place = (
        "hardest"
        if rank == 1
        else "easiest"
        if rank == len(scores)
        else (f"{ordinal(rank)} hardest")
    )
    text = f"Flesch-Kincaid grade {scores[article]:.1f}, the {place} of {len(scores)}"
    if len(others):
        text += f" (the others {others.min():.1f} to {others.max():.1f})"
    return [f"{text}; {n_hard} of its {len(hard)} sentences are hard ({{ref}}`readability`)."]


def _flags_block(analysis: Analysis, article: str) -> list[str]:
    mine = analysis.flags[analysis.flags["article"] == article]
    if mine.empty:
        return ["No integrity flag from the detectors ({ref}`readability-integrity`)."]
    counts = mine["category"].value_counts(sort=False)
    listed = ", ".join(f"{SHORT_NAMES[kind]} {n}" for kind, n in counts.items())
    high = int((mine["severity"] == "high").sum())
    return [
        f"{plural(len(mine), 'integrity flag')}{f' ({high} of high severity)' if high else ''}, "
        f"marked in the text: {escape_markdown(listed)}."
    ]


#: A verdict group said of several figures: "3 hold", "2 do not hold".
GROUP_PLURALS = {"holds": "hold", "does not hold": "do not hold"}


def group_count(n: int, group: str) -> str:
    """``1 holds``, ``3 hold``, ``2 do not hold``, ``1 held when written``."""
    return f"{n} {group if n == 1 else GROUP_PLURALS.get(group, group)}"


def page_date_note(page_date: str) -> str:
    """What the card says of a date the saved page shows that is not the article's date."""
    if not page_date:
        return ""
    return (
        f". The saved page shows {escape_markdown(human_date(page_date))}: the day it was "
        "viewed, not the day it was written."
    )


def plural(n: int, noun: str) -> str:
    """``1 flag``, ``2 flags``."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def ordinal(n: int) -> str:
    """``1`` -> ``1st`` (an English ordinal)."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def card(analysis: Analysis, article: str) -> str:
    """The dossier card of one article, as MyST Markdown (a sphinx-design grid of cards)."""
    row = analysis.corpus.articles.set_index("id").loc[article]
    author = escape_markdown(row["author"]) if row["author"] else "not given"
    written = f"{human_date(row['published'])}, {DATE_BASIS_WORDS[row['date_basis']]}"
    source = [
        f"**Title:** {escape_markdown(row['title'])}",
        "",
        f"**Outlet:** {escape_markdown(row['outlet'])} · **Author:** {author}",
        "",
        f"**Written:** {escape_markdown(written)} ({{ref}}`corpus-provenance`)"
        + page_date_note(row.get("page_date", "")),
        "",
        f"**Source:** {link_or_text(row['url']) if row['url'] else 'not known'}",
        "",
        *_kind_block(analysis, article),
    ]
    sections = [
        ("Where it comes from, and what it is", source),
        ("What it argues", _argument_block(analysis, article)),
        ("Its statements of fact", _statements_block(analysis, article)),
        (
            "How it reads",
            [*_reading_block(analysis, article), "", *_flags_block(analysis, article)],
        ),
    ]
    cards = [
        f"````{{grid-item-card}} {title}\n:class-card: kz-dossier-card\n\n"
        + "\n".join(body)
        + "\n````"
        for title, body in sections
    ]
    return (
        "`````{grid} 1 1 2 2\n:gutter: 2\n:class-container: kz-dossier\n\n"
        + "\n\n".join(cards)
        + "\n`````\n"
    )


# ---- the marked-up text -----------------------------------------------------------------------


def marks(analysis: Analysis, article: str) -> list[Mark]:
    """Every mark in one article: checked statements, integrity flags, the coding's quotes."""
    found = []
    for row in analysis.statements[analysis.statements["article"] == article].itertuples():
        # a statement that holds is marked by its figure only (if it has one); any other by
        # its words, so the reader sees what does not hold
        if row.group == "holds" and not row.figure:
            continue
        start, end = (
            (int(row.figure_start), int(row.figure_end))
            if row.group == "holds"
            else (int(row.start), int(row.end))
        )
        found.append(Mark("figure", start, end, row.group, GROUP_CLASSES[row.group]))
    flags = flag_marks(analysis.flags)
    for row in flags[flags["article"] == article].itertuples():
        found.append(Mark("flag", int(row.start), int(row.end), FLAG_TAGS[row.category]))
    hand = analysis.framing.hand
    coded = hand[
        (hand["article"] == article)
        & ~is_unreviewed(hand["rationale"])
        & hand["dimension"].isin(MARKED_DIMENSIONS)
        & (hand["quote"] != "")
    ]
    blame_words = {rule.name: rule.short_label for rule in analysis.framing.codebook.blame}
    for row in coded.itertuples():
        if row.dimension == "entman":
            tag = FUNCTION_WORDS.get(row.item, row.item)
        else:
            tag = f"{STANCE_VERBS[row.answer]} {blame_words.get(row.item, row.item)}"
        found.append(Mark("evidence", int(row.start), int(row.end), tag))
    return sorted(found, key=lambda m: (m.start, MARK_KINDS.index(m.kind)))


def _pieces(text: str, offset: int, spans: list[Mark]) -> list[tuple[str, set[int], list[Mark]]]:
    """A stretch of raw text (starting at ``offset``) cut where any mark starts or ends: each
    piece with the indexes of the marks over it and the marks that end with it."""
    cuts = {0, len(text)}
    for mark in spans:
        cuts |= {
            min(max(mark.start - offset, 0), len(text)),
            min(max(mark.end - offset, 0), len(text)),
        }
    bounds = sorted(cuts)
    pieces = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a == b:
            continue
        over = {i for i, m in enumerate(spans) if m.start - offset < b and m.end - offset > a}
        ending = [m for m in spans if m.end - offset == b]
        pieces.append((text[a:b], over, ending))
    return pieces


_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "#": r"\#",
    "^": r"\textasciicircum{}", "_": r"\_", "%": r"\%", "~": r"\textasciitilde{}",
    "`": r"\textasciigrave{}", "\u00a0": "~",
}  # fmt: skip


def latex_escape(text: str) -> str:
    """Text that LaTeX prints as typed."""
    return "".join(_LATEX_SPECIALS.get(c, c) for c in text)


def _html_escape(text: str) -> str:
    """Text that HTML shows as typed (and that cannot close a Markdown fence)."""
    return html.escape(text).replace("`", "&#96;")


def _render_html(piece: str, spans: list[Mark], over: set[int], ending: list[Mark]) -> str:
    text = _html_escape(piece)
    for i in sorted(over, key=lambda i: MARK_KINDS.index(spans[i].kind), reverse=True):
        mark = spans[i]
        css = f"kz-{mark.kind}" + (f" kz-{mark.css}" if mark.css else "")
        text = f'<span class="{css}">{text}</span>'
    for mark in ending:
        text += _html_tag(mark.kind, mark.tag)
    return text


def _html_tag(kind: str, words: str) -> str:
    """The word after a mark. It is drawn by CSS from an attribute, so that it is not part of
    the page's text: copying or searching the article finds the article's words only. A
    ``<wbr>`` lets a line break before it, so that a tag at a line's end (which does not break
    inside) moves to the next line instead of running off a phone's screen."""
    return f'<wbr><sup class="kz-tag kz-tag-{kind}" data-tag="{_html_escape(words)}"></sup>'


def _html_badge(words: str, css: str) -> str:
    """A sentence's number, drawn by CSS from an attribute (see :func:`_html_tag`)."""
    return f'<span class="{css}" data-n="{_html_escape(words)}"></span>'


def _render_latex(piece: str, spans: list[Mark], over: set[int], ending: list[Mark]) -> str:
    text = latex_escape(piece)
    kinds = {spans[i].kind for i in over}
    if "flag" in kinds:  # one underline per piece: a wave for a flag wins over a line
        text = rf"\uwave{{{text}}}"
    elif "evidence" in kinds:
        text = rf"\uline{{{text}}}"
    # bold outside the underline: ulem breaks lines only between the words it sees, and a
    # \textbf group inside it would be one unbreakable box (a checked statement is long)
    if "figure" in kinds:
        text = rf"\textbf{{{text}}}"
    for mark in ending:
        text += rf"\kztag{{{latex_escape(mark.tag)}}}"
    return text


def _sentence_badge(number: int, level: str, fmt: str) -> str:
    words = f"s{number}" + (f" {level}" if level else "")
    if fmt == "html":
        css = "kz-sn" + (f" kz-{level.replace(' ', '-')}" if level else "")
        return _html_badge(words, css) + " "
    return rf"\kzsentence{{{words}}}{{{1 if level else 0}}} "


def _paragraphs(analysis: Analysis, article: str, spans: list[Mark], fmt: str) -> list[str]:
    render = _render_html if fmt == "html" else _render_latex
    sentences = analysis.sentences[analysis.sentences["article_id"] == article]
    corpus_sentences = analysis.corpus.sentences
    bounds = corpus_sentences[corpus_sentences["article_id"] == article]
    levels = dict(zip(sentences["sentence"], sentences["level"], strict=True))
    paragraphs = analysis.corpus.paragraphs
    out = []
    for para in paragraphs[paragraphs["article_id"] == article].itertuples():
        if para.kind == "heading":
            text = "".join(
                render(p, spans, o, e) for p, o, e in _pieces(para.text, para.start, spans)
            )
            out.append(
                f'<p class="kz-article-heading">{text}</p>'
                if fmt == "html"
                else rf"\kzheading{{{text}}}"
            )
            continue
        parts = []
        for sentence in bounds[bounds["paragraph"] == para.paragraph].itertuples():
            inside = [m for m in spans if m.start < sentence.end and m.end > sentence.start]
            body = "".join(
                render(p, inside, o, e)
                for p, o, e in _pieces(sentence.text, sentence.start, inside)
            )
            badge = _sentence_badge(sentence.sentence, levels.get(sentence.sentence, ""), fmt)
            parts.append(badge + body)
        joined = " ".join(parts)
        out.append(f"<p>{joined}</p>" if fmt == "html" else joined)
    return out


LEGEND = (
    ("figure", "holds", "a checked statement and its verdict (holds, held when written, does not "
     "hold, not checked); one that holds is marked by its figure"),
    ("flag", "flag", "an integrity flag: a sign of translation, spinning or a slip"),
    ("evidence", "cause", "a quote behind the reader's coding of the argument"),
    ("sentence", "s12 hard", "a sentence's number; hard and very hard sentences say so"),
)  # fmt: skip


def _legend(fmt: str) -> str:
    items = []
    for kind, sample, words in LEGEND:
        if fmt == "html":
            if kind == "sentence":
                shown = _html_badge(sample, "kz-sn kz-hard")
            else:
                css = f"kz-{kind}" + (" kz-holds" if kind == "figure" else "")
                shown = f'<span class="{css}">example</span>' + _html_tag(kind, sample)
            items.append(f"<li>{shown}: {_html_escape(words)}</li>")
        else:
            shown = {
                "figure": r"\textbf{example}\kztag{holds}",
                "flag": r"\uwave{example}\kztag{flag}",
                "evidence": r"\uline{example}\kztag{cause}",
                "sentence": r"\kzsentence{s12 hard}{1}",
            }[kind]
            items.append(rf"\item {shown}: {latex_escape(words)}")
    if fmt == "html":
        return '<ul class="kz-legend">' + "".join(items) + "</ul>"
    return "\\begin{itemize}\n" + "\n".join(items) + "\n\\end{itemize}"


def marked_text(analysis: Analysis, article: str) -> str:
    """The article's cleaned text with its marks and a legend, as raw HTML and raw LaTeX blocks
    of MyST Markdown (each format gets only its own)."""
    spans = marks(analysis, article)  # once, for both formats
    html_body = "\n".join(_paragraphs(analysis, article, spans, "html"))
    latex_body = "\n\n".join(_paragraphs(analysis, article, spans, "latex"))
    return (
        "```{raw} html\n"
        + _legend("html")
        + f'\n<div class="kz-article-text">\n{html_body}\n</div>\n```\n\n'
        + "```{raw} latex\n"
        + _legend("latex")
        + "\n\n\\begin{kzarticle}\n"
        + latex_body
        + "\n\\end{kzarticle}\n```\n"
    )


class Markdown:
    """MyST Markdown to show as a cell's output (rendered in HTML and PDF alike), with the CSV
    of each table it shows (``tables``) for the page's downloads."""

    def __init__(self, text: str, tables: Sequence[Table] = ()):
        self.text = text
        self.tables = list(tables)

    def _repr_markdown_(self) -> str:
        return self.text

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict:
        return shown_bundle(self.text, self.tables, repr(self))

    def __repr__(self) -> str:
        return re.sub(r"<[^>]+>", "", self.text)


# ---- the coding tables ------------------------------------------------------------------------


def coding_tables(analysis: Analysis, article: str, prefix: str) -> list[Table]:
    """The detailed framing tables of one article (``prefix`` starts each table's label, so the
    same tables can stand on the article's page and in the PDF's appendix)."""
    framing, label = analysis.framing, analysis.labels[article]
    name = f"{prefix}-{article}"
    return [
        Table(framing.entman_table(article), f"{label}: Entman's four functions, with quoted "
              "evidence", f"{name}-entman", widths=[14, 7, 45, 7, 27]),
        Table(framing.score_table(article), f"{label}: each generic frame's score, the share of "
              "its questions answered yes", f"{name}-scores"),
        Table(framing.question_table(article), f"{label}: every question, the reader's answer "
              "with its evidence, and the rules'", f"{name}-questions", widths=[13, 32, 6, 42, 6]),
        Table(framing.blame_table(article), f"{label}: who is blamed, and whether the article "
              "endorses, reports or rejects it", f"{name}-blame", widths=[16, 9, 40, 9, 26]),
        Table(framing.label_table(article), f"{label}: labels for the people in the streets and "
              "what they did", f"{name}-labels", widths=[12, 8, 10, 70]),
        Table(framing.actor_table(article), f"{label}: people and organisations named, with how "
              "often and in which spellings", f"{name}-actors"),
        Table(framing.sources_table(article), f"{label}: sentences that report someone's words, "
              "with the cue", f"{name}-sources", widths=[8, 14, 78]),
        Table(framing.disagreements(article).drop(columns="article"), f"{label}: where the "
              "rules and the reader differ, and why", f"{name}-disagreements",
              widths=[22, 8, 8, 30, 32]),
    ]  # fmt: skip


def statements_table(analysis: Analysis, article: str) -> Table:
    """Every checkable statement of one article with its check (the chapter's table, for one
    article)."""
    mine = analysis.claims[analysis.claims["article"] == article]
    return Table(
        claims_table(mine).drop(columns="article"),
        f"{analysis.labels[article]}: every checkable statement, what it asserts, the "
        "reference and the date it was true as of, its sources, the verdict and why",
        f"tbl-statements-{article}",
        widths=[24, 20, 20, 10, 26],
        cite_columns=["sources"],
    )


def automatic_part(analysis: Analysis, article: str) -> Table:
    """One article's figures compared automatically with the timeline's official counts."""
    checks = analysis.automatic[analysis.automatic["article"] == article]
    return Table(
        automatic_table(checks).drop(columns="article"),
        f"{analysis.labels[article]}: each figure that counts the dead, the detained, the injured "
        "or troops, beside the nearest official count before the article (automatic, unreviewed)",
        f"tbl-automatic-{article}",
        widths=[8, 14, 30, 26, 10, 12],
        cite_columns=["sources"],
    )


def automatic_overview(analysis: Analysis) -> Markdown:
    """Every article not yet checked by a reader, with its figures beside the official counts;
    a sentence saying there is none when a reader has checked every article."""
    if not analysis.uncurated:
        return Markdown(
            "A reader has checked every article's statements, so no figure is left to the "
            "automatic check.\n"
        )
    return stacked([automatic_part(analysis, article) for article in analysis.uncurated])


def statements_fold(analysis: Analysis, article: str) -> Markdown:
    """The article's checked statements, folded; for an article no reader has checked yet, its
    figures' automatic comparison with the timeline instead."""
    if article in analysis.uncurated:
        return folded(
            "Its figures beside the timeline's official counts (automatic, not yet reviewed)",
            [automatic_part(analysis, article)],
            note="No reader has checked this article's statements yet. A rule compared each "
            "figure with the official counts of the same kind announced by the article's date: "
            "a candidate for a person to confirm, not a verdict.",
        )
    return folded(
        "Every statement of fact in this article, checked",
        [statements_table(analysis, article)],
        note="Each statement in the article's words, with the reference, its sources and the "
        "verdict; every article's are in the chapter on contested figures and claims.",
    )


def folded(title: str, parts: list[Table], note: str = "") -> Markdown:
    """Tables folded under a title in the HTML, left out of the PDF (which has them in an
    appendix). The folded copies carry no number, so that HTML and PDF number every other
    table alike; each can be downloaded as CSV. With no tables, nothing is shown."""
    if not parts:  # an HTML comment: nothing in either output (an empty one prints a blank box)
        return Markdown("<!-- no tables -->\n")
    unnumbered = [copy.copy(part) for part in parts]
    for part in unnumbered:
        part.numbered = False
    body = "\n".join(part._repr_markdown_() for part in unnumbered)
    lead = f"{escape_markdown(note)}\n\n" if note else ""
    return Markdown(
        f"`````{{only}} html\n````{{dropdown}} {escape_markdown(title)}\n\n{lead}{body}\n````\n"
        "`````\n",
        unnumbered,
    )


def flags_part(analysis: Analysis, article: str) -> Table:
    """One article's integrity flags, with their evidence (the appendix's table, for one
    article)."""
    return Table(
        article_flags(analysis.flags, article),
        f"{analysis.labels[article]}: every integrity flag, with a likely original and how it is "
        "known, the severity and the evidence (a sign, not proof)",
        f"tbl-flags-{article}",
        widths=[8, 17, 15, 21, 10, 18, 11],
        cite_columns=["sources"],
        long=True,
    )


def side_by_side_part(analysis: Analysis, article: str) -> list[Table]:
    """One article's copies' passages beside its own (empty when it has none stored)."""
    if article not in analysis.siblings.articles():
        return []
    return [
        Table(
            passages_table(analysis.aligned, article, bib_urls()).drop(columns="other changes"),
            f"{analysis.labels[article]}: each passage in the article's words, then each copy's, "
            "how alike they are (per cent), and the words it swapped",
            f"tbl-beside-{article}",
            widths=[7, 16, 42, 8, 21, 6],
            cite_columns=["source"],
        )
    ]


def stacked(parts: list[Table]) -> Markdown:
    """Tables one after another in one cell's output, in HTML and PDF alike."""
    return Markdown("\n".join(part._repr_markdown_() for part in parts), parts)


def screen_only(text: str) -> Markdown:
    """MyST for the HTML only (the PDF has it in an appendix)."""
    return Markdown(f"````{{only}} html\n{text}\n````\n")


def print_only(parts: list[Table] | str) -> Markdown:
    """Tables (or MyST text) for the PDF only (the HTML has them on each article's page)."""
    body = parts if isinstance(parts, str) else "\n".join(p._repr_markdown_() for p in parts)
    return Markdown(f"````{{only}} latex\n{body}\n````\n")


def reading(analysis: Analysis, article: str) -> str:
    """The reader's paragraph on what the article argues, or a note that there is none yet."""
    readings = analysis.readings.set_index("article")
    if article not in readings.index:
        return "No reader has written a reading of this article yet."
    return (
        escape_markdown(readings.loc[article, "reading"]) + " (One reader's judgement; the "
        "quotes behind it are marked in the article's text, and {ref}`framing` explains the "
        "method.)"
    )
