"""The landing page's findings: one row per article, and the key findings, computed from the
chapters' own helpers (through :class:`helpers.analysis.Analysis`), so that the summary and the
chapters cannot disagree.

Two rules keep the summary true to the chapters: a statement's verdict is read by its group
(:data:`helpers.claim_checks.VERDICT_GROUPS`: "outdated" held when written and is not a
failure; a statement with two checks gets one verdict), and an article written before the unrest
began is never counted among those that explain it.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.analysis import Analysis
from helpers.claim_checks import claim_facts
from helpers.claim_inventory import inventory_facts
from helpers.corpus import corpus_facts
from helpers.dates import human_date
from helpers.framing_report import Framing
from helpers.integrity import integrity_facts
from helpers.integrity_report import side_by_side_facts
from helpers.readability import readability_facts
from helpers.readability_check import cross_check_facts
from helpers.timeline import UNREST_START, death_tolls, timeline_facts

#: Blame stances, as the reader's coding records them, and how a sentence says them.
STANCES = ("endorses", "reports", "rejects")
STANCE_VERBS = {
    "endorses": "blames",
    "reports": "reports others blaming",
    "rejects": "rejects blaming",
}
#: How short the landing table says what a date rests on.
DATE_BASIS_WORDS = {
    "stated in the text": "stated in the text",
    "page address": "from the page address",
    "masthead": "from the masthead",
    "inferred from content": "inferred from its content",
    "page-capture date": "the day the page was captured",
}


def merge_facts(*parts: Mapping[str, object]) -> dict[str, object]:
    """One dict of facts; a name given two different values is an error, never a silent pick."""
    merged: dict[str, object] = {}
    for part in parts:
        for name, value in part.items():
            if name in merged and merged[name] != value:
                raise ValueError(f"fact {name!r} has two values: {merged[name]!r}, {value!r}")
            merged[name] = value
    return merged


def in_words(items: list[str]) -> str:
    """``a``; ``a and b``; ``a, b and c``; ``none`` for no items."""
    if not items:
        return "none"
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def blame_by_article(framing: Framing, reviewed: bool = True) -> pd.DataFrame:
    """The reader's blame stances, one row per article and target that is not absent (with
    ``reviewed=False``, the rules' unreviewed suggestions as well)."""
    compared = framing.reviewed_compared if reviewed else framing.compared
    blame = compared[compared["dimension"] == "blame"]
    labels = {rule.name: rule.short_label for rule in framing.codebook.blame}
    found = blame[blame["answer"].isin(STANCES)]
    return pd.DataFrame(
        {
            "article": found["article"],
            "target": found["item"],
            "label": found["item"].map(labels),
            "stance": found["answer"],
        }
    ).reset_index(drop=True)


def stance_line(analysis: Analysis, article: str) -> str:
    """What an article does with blame, in one line from the reader's coding: ``blames A and
    B; reports C``. An article written before the unrest says so first; one nobody has coded
    yet gives the rules' suggestion, saying so."""
    unreviewed = article in analysis.unreviewed
    mine = blame_by_article(analysis.framing, reviewed=not unreviewed)
    mine = mine[mine["article"] == article]
    parts = [
        f"{STANCE_VERBS[stance]} {in_words(list(mine.loc[mine['stance'] == stance, 'label']))}"
        for stance in STANCES
        if (mine["stance"] == stance).any()
    ]
    line = "; ".join(parts) or "blames no one"
    if unreviewed:
        line = f"not yet reviewed; the rules suggest it {line}"
    if article in analysis.before_unrest:
        return f"written before the unrest (for earlier trouble it {line})"
    return line


def review_facts(analysis: Analysis) -> dict[str, object]:
    """How many articles a reader has coded and checked, and a sentence naming the others
    (whose framing and figures are the rules' unreviewed suggestions, left out of the counts)."""
    pending = [a for a in analysis.article_ids
               if a in analysis.unreviewed or a in analysis.uncurated]  # fmt: skip
    if not pending:
        status = "A reader has coded and checked every article."
    else:
        names = in_words([analysis.labels[a] for a in pending])
        verb = "has" if len(pending) == 1 else "have"
        status = (
            f"{names} {verb} not yet been reviewed by a reader: what the book shows of "
            f"{'its' if len(pending) == 1 else 'their'} framing and figures is the rules' "
            "unreviewed suggestion, and is not counted in the reader's findings below."
        )
    return {
        "n_reviewed": len(analysis.article_ids) - len(pending),
        "n_unreviewed": len(pending),
        "review_status": status,
    }


def framing_facts(analysis: Analysis) -> dict[str, object]:
    """How far the rules agree with the reader, and for each blame target how many of the
    articles written after the unrest began endorse, report or reject it
    (``blame_<target>_<stance>``, ``blame_<target>_<stance>_articles``)."""
    framing = analysis.framing
    agreement = framing.agreement_table()
    before = [a for a in analysis.before_unrest if a in framing.reviewed]
    after = [a for a in framing.reviewed if a not in before]
    facts: dict[str, object] = {
        **review_facts(analysis),
        "n_judgements": int(agreement["judgements"].sum()),
        "n_rules_agree": int(agreement["rules agree"].sum()),
        "n_after_unrest": len(after),
        "before_unrest": in_words([analysis.labels[a] for a in before]),
        "n_before_unrest": len(before),
    }
    for row in agreement.itertuples(index=False):
        facts[f"kappa_{row.dimension}"] = round(float(row[-1]), 2)
    blame = blame_by_article(framing)
    blame = blame[blame["article"].isin(after)]
    for rule in framing.codebook.blame:
        for stance in STANCES:
            chosen = blame[(blame["target"] == rule.name) & (blame["stance"] == stance)]
            # "endorsed by none", not "by 0"
            facts[f"blame_{rule.name}_{stance}"] = len(chosen) if len(chosen) else "none"
            facts[f"blame_{rule.name}_{stance}_articles"] = in_words(
                [analysis.labels[a] for a in chosen["article"]]
            )
    return facts


#: How a verdict reads after a count: "3 garbled", "1 differs", "2 differ".
_VERDICT_PLURALS = {"differs": "differ"}


def verdict_tally(statements: pd.DataFrame) -> str:
    """Statements counted by verdict, most first: ``5 garbled, 2 differ and 1 unsupported``."""
    counts = statements["verdict"].value_counts(sort=False)
    counts = counts.sort_values(ascending=False, kind="stable")
    return in_words(
        [f"{n} {_VERDICT_PLURALS.get(v, v) if n > 1 else v}" for v, n in counts.items()]
    )


def statement_words(row: object, words: int = 8) -> str:
    """A statement in a few of the article's words: its figure, or the quote's opening."""
    if row.figure:
        return f"“{row.figure}”"
    quote = row.quote.split()
    return "“" + " ".join(quote[:words]) + ("…" if len(quote) > words else "") + "”"


def failing_list(analysis: Analysis, article: str | None = None) -> str:
    """How many statements do not hold, by verdict (``3 garbled and 1 differs``), for one
    article or for all; "none" when every one holds."""
    if article in analysis.uncurated:
        return "not yet checked by a reader"
    statements = analysis.statements[analysis.statements["group"] == "does not hold"]
    if article is not None:
        statements = statements[statements["article"] == article]
    return verdict_tally(statements) or "none"


def held_when_written_list(analysis: Analysis) -> str:
    """The statements that were right when written and revised later, with their articles."""
    statements = analysis.statements[analysis.statements["group"] == "held when written"]
    return in_words(
        [f"{analysis.labels[r.article]}'s {statement_words(r)}" for r in statements.itertuples()]
    )


def several_checks_list(analysis: Analysis) -> str:
    """Statements checked against more than one reference, with each check's verdict and what
    the statement gets: ``004 · …'s “70.8 percent”, checked 2 times (consistent, differs),
    holds``."""
    statements = analysis.statements[analysis.statements["checks"] > 1]
    keys = ["article", "sentence", "start", "end"]
    items = []
    for row in statements.itertuples():
        checks = analysis.claims.merge(pd.DataFrame([row._asdict()])[keys], on=keys)
        verdicts = ", ".join(dict.fromkeys(checks["verdict"]))
        items.append(
            f"{analysis.labels[row.article]}'s {statement_words(row)}, checked {len(checks)} "
            f"times ({verdicts}), {row.group}"
        )
    return in_words(items)


def death_toll_facts(analysis: Analysis) -> dict[str, object]:
    """The death toll's path since the unrest began: the first partial counts, the first and the
    final overall count, and how many counts came between."""
    tolls = death_tolls(analysis.timeline, since=UNREST_START)
    overall = tolls[(tolls["measure"] == "people killed") & ~tolls["withdrawn"]]
    first, final = overall.iloc[0], overall.iloc[-1]
    partial = tolls[tolls["measure"] != "people killed"].drop_duplicates("measure")
    partial = partial[partial["date"] < first["date"]]
    between = tolls[(tolls.index > overall.index[0]) & (tolls.index < overall.index[-1])]
    return {
        "n_death_counts": len(tolls),
        "first_partial_counts": in_words(
            [f"{r.value:,} {r.measure} ({human_date(r.date)})" for r in partial.itertuples()]
        ),
        "first_overall_toll": int(first["value"]),
        "first_overall_date": human_date(first["date"]),
        "final_toll": int(final["value"]),
        "final_toll_date": human_date(final["date"]),
        "n_counts_between": len(between),
        "n_withdrawn_counts": int(tolls["withdrawn"].sum()),
    }


def kinds_list(analysis: Analysis) -> str:
    """What each text is, ``label is a kind detail``, in corpus order."""
    return "; ".join(
        f"{analysis.labels[a]} is {analysis.kinds.label(a)}" for a in analysis.article_ids
    )


def landing_facts(analysis: Analysis, checked: pd.DataFrame) -> dict[str, object]:
    """Every value the landing page quotes, from each chapter's own helpers (``checked``: the
    readability cross-check, :func:`helpers.readability_check.cross_check`)."""
    corpus = analysis.corpus
    readability = readability_facts(analysis.scores, analysis.sentences)
    return merge_facts(
        corpus_facts(corpus),
        timeline_facts(analysis.timeline),
        framing_facts(analysis),
        claim_facts(analysis.claims, analysis.extracted),
        inventory_facts(analysis.judgements),
        readability,
        cross_check_facts(checked),
        death_toll_facts(analysis),
        integrity_facts(analysis.flags, analysis.labels),
        side_by_side_facts(analysis.siblings, analysis.aligned),
        {
            "kinds": kinds_list(analysis),
            "failing_statements": failing_list(analysis),
            "held_when_written": held_when_written_list(analysis),
            "several_checks": several_checks_list(analysis),
            "easiest_label": analysis.labels[readability["easiest_article"]],
            "hardest_label": analysis.labels[readability["hardest_article"]],
        },
    )


def grade_of(analysis: Analysis, article: str) -> float:
    """An article's Flesch-Kincaid grade, to one decimal."""
    scores = analysis.scores.set_index("article")
    return round(float(scores.loc[article, "Flesch-Kincaid grade"]), 1)


def page_links(analysis: Analysis) -> dict[str, dict[str, str]]:
    """For :class:`helpers.display.Table`'s ``ref_columns``: each label in an ``article``
    column links to its article's page (label ``article-NNN``)."""
    return {"article": {label: f"article-{a}" for a, label in analysis.labels.items()}}


def landing_table(analysis: Analysis) -> pd.DataFrame:
    """One row per article for the landing page: its label, date and what it rests on, what the
    text is, what it blames, the statements that do not hold and its reading grade."""
    articles = analysis.corpus.articles
    return pd.DataFrame(
        {
            "article": [analysis.labels[a] for a in articles["id"]],
            "written": [
                f"{human_date(r.published)} ({DATE_BASIS_WORDS[r.date_basis]})"
                for r in articles.itertuples()
            ],
            "what the text is": [analysis.kinds.label(a) for a in articles["id"]],
            "on the unrest": [stance_line(analysis, a) for a in articles["id"]],
            "statements that do not hold": [failing_list(analysis, a) for a in articles["id"]],
            "reading grade": [grade_of(analysis, a) for a in articles["id"]],
        }
    )
