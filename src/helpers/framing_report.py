"""Everything the framing pages show, computed once: evidence, hand coding and their agreement.

:func:`load_framing` loads the corpus's codebook, hand coding and who's who and applies the
rules; the methods of :class:`Framing` return one table per page section, each holding the
quoted sentences that support it, so every score on a page can be traced on that page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

from helpers.actors import Actors, load_actors
from helpers.codebook import Codebook, load_codebook
from helpers.coding_scaffold import suggested_coding
from helpers.corpus import Corpus
from helpers.framing import (
    WINDOW_WORDS,
    first_match,
    label_evidence,
    rule_answers,
    rule_evidence,
)
from helpers.hand_coding import (
    agreement,
    agreement_summary,
    load_hand_coding,
    unreviewed_articles,
)
from helpers.integrity import body_units, integrity_flags, integrity_note, load_integrity_phrases

DIMENSIONS = ("entman", "generic", "blame")


@dataclass(frozen=True)
class Framing:
    """The framing analysis of a corpus."""

    corpus: Corpus
    codebook: Codebook
    actors: Actors
    hand: pd.DataFrame  # the reader's judgements, and the rules' suggestions where none yet
    evidence: pd.DataFrame  # every rule match, all dimensions
    labels: pd.DataFrame  # every label use
    compared: pd.DataFrame  # hand and rule answers per article and item
    flags: pd.DataFrame  # the text-integrity flags, which the evidence quotes are read against
    units: pd.DataFrame  # the sentences and headings the flags are placed in
    unreviewed: list[str]  # articles whose coding is the rules' suggestion, not yet reviewed

    @property
    def reviewed(self) -> list[str]:
        """The articles a reader has coded and confirmed, in corpus order."""
        return [a for a in self.corpus.articles["id"] if a not in self.unreviewed]

    @property
    def reviewed_compared(self) -> pd.DataFrame:
        """The hand and rule answers of the reviewed articles only."""
        return self.compared[self.compared["reviewed"]]

    # ---- one article -----------------------------------------------------------------------

    def coder(self, article: str) -> str:
        """Whose answers an article's tables show: the ``reader``'s, or the rules' unreviewed
        suggestions."""
        return "suggested, unreviewed" if article in self.unreviewed else "reader"

    def _hand(self, article: str, dimension: str) -> pd.DataFrame:
        rows = self.compared[
            (self.compared["article"] == article) & (self.compared["dimension"] == dimension)
        ]
        return rows.set_index("item")

    def _cues(self, article: str, dimension: str, item: str) -> str:
        found = self.evidence[
            (self.evidence["article_id"] == article)
            & (self.evidence["dimension"] == dimension)
            & (self.evidence["value"] == item)
        ]
        return "; ".join(f"s{row.sentence}: {row.cue}" for row in found.itertuples())

    def _judgements(self, article: str, dimension: str, heading: str) -> pd.DataFrame:
        """One row per item of a dimension: the item, the reader's answer with its evidence,
        the rules' answer and the sentences they matched (``s12: cue``)."""
        hand = self._hand(article, dimension)

        def evidence(item: str) -> str:
            row = hand.loc[item]
            note = (
                integrity_note(self.flags, self.units, article, int(row["start"]), int(row["end"]))
                if row["quote"]
                else ""
            )
            return evidence_cell(row["quote"], row["rationale"], note)

        return pd.DataFrame(
            [
                {
                    heading: rule.label,
                    self.coder(article): hand.loc[rule.name, "answer"],
                    "evidence, or the reader's reason": evidence(rule.name),
                    "rules": hand.loc[rule.name, "rules"],
                    "rule matches": self._cues(article, dimension, rule.name),
                }
                for rule in self.codebook.rules(dimension)
            ]
        )

    def entman_table(self, article: str) -> pd.DataFrame:
        """Entman's four functions: the reader's answer with its quote, and what the rules found
        (``s12: cue`` = sentence 12 matched that cue)."""
        return self._judgements(article, "entman", "function")

    def frame_scores(self, articles: list[str] | None = None) -> pd.DataFrame:
        """Each generic frame's score per article, by the reader and by the rules: the share of
        its questions answered yes (questions that cannot apply count as no). By default the
        reviewed articles only."""
        articles = articles or self.reviewed
        frame_of = {rule.name: rule.group for rule in self.codebook.questions}
        generic = self.compared[self.compared["dimension"] == "generic"].assign(
            frame=lambda t: t["item"].map(frame_of)
        )
        rows = []
        for article in articles:
            mine = generic[generic["article"] == article]
            for frame, label in self.codebook.frame_labels.items():
                items = mine[mine["frame"] == frame]
                rows.append(
                    {
                        "article": article,
                        "frame": label,
                        "reader": float((items["answer"] == "yes").mean()),
                        "rules": float((items["rules"] == "yes").mean()),
                    }
                )
        return pd.DataFrame(rows)

    def score_table(self, article: str) -> pd.DataFrame:
        """One article's generic-frame scores, as percentages, by the reader and the rules."""
        scores = self.frame_scores([article]).drop(columns="article")
        for coder in ("reader", "rules"):
            scores[coder] = scores[coder].map(lambda share: f"{share:.0%}")
        return scores.rename(columns={"reader": self.coder(article)})

    def matched_sentences(self, article: str) -> pd.DataFrame:
        """Every sentence of the article that a rule matched, by number, so each ``s12`` on the
        page can be read in full."""
        numbers = set(self.evidence.loc[self.evidence["article_id"] == article, "sentence"])
        mine = self.corpus.sentences[
            (self.corpus.sentences["article_id"] == article)
            & self.corpus.sentences["sentence"].isin(numbers)
        ]
        return pd.DataFrame({"sentence": "s" + mine["sentence"].astype(str), "text": mine["text"]})

    def question_table(self, article: str) -> pd.DataFrame:
        """Every generic-frame question: the reader's answer and quote, the rules' answer."""
        table = self._judgements(article, "generic", "question").drop(columns="rule matches")
        frames = [self.codebook.frame_labels[rule.group] for rule in self.codebook.questions]
        return table.assign(frame=frames)[["frame", *table.columns]]

    def blame_table(self, article: str) -> pd.DataFrame:
        """Blame for the unrest: the reader's stance per target with the quote, the rules'."""
        return self._judgements(article, "blame", "blamed")

    def label_table(self, article: str) -> pd.DataFrame:
        """Each label for the people in the streets: uses in the article's own voice and
        attributed, with the first sentence using it."""
        mine = self.labels[self.labels["article_id"] == article]
        rows = []
        for term, uses in mine.groupby("value", sort=False):
            rows.append(
                {
                    "label": term,
                    "own voice": int((uses["voice"] == "own").sum()),
                    "attributed": int((uses["voice"] == "attributed").sum()),
                    "first use": uses["text"].iloc[0],
                }
            )
        return pd.DataFrame(rows, columns=["label", "own voice", "attributed", "first use"])

    def actor_table(self, article: str) -> pd.DataFrame:
        """People and organisations the article names, with how often, counted on the cleaned
        sentences by the spellings recorded in the who's who."""
        mentions = actor_mentions(self.corpus, self.actors)
        mine = mentions[mentions["article_id"] == article]
        return mine.drop(columns="article_id").sort_values("mentions", ascending=False)

    def sources_table(self, article: str) -> pd.DataFrame:
        """Sentences that report someone's words (the voice rule's matches), with the cue."""
        mine = self.corpus.sentences[self.corpus.sentences["article_id"] == article]
        rows = []
        for sentence in mine.itertuples():
            cue = first_match(self.codebook.attributed, sentence.text)
            if cue:
                rows.append(
                    {"sentence": f"s{sentence.sentence}", "cue": cue, "text": sentence.text}
                )
        return pd.DataFrame(rows, columns=["sentence", "cue", "text"])

    def disagreements(self, article: str | None = None) -> pd.DataFrame:
        """Every item where the rules and the reader differ, with the reader's rationale and
        what the rules matched (or that they matched nothing)."""
        rows = self.reviewed_compared[~self.reviewed_compared["agree"]]
        if article is not None:
            rows = rows[rows["article"] == article]
        labels = {r.name: r.label for d in DIMENSIONS for r in self.codebook.rules(d)}
        return pd.DataFrame(
            {
                "article": rows["article"],
                "item": rows["item"].map(labels),
                "reader": rows["answer"],
                "rules": rows["rules"],
                "rule matches": [
                    self._cues(r.article, r.dimension, r.item) or "nothing matched"
                    for r in rows.itertuples()
                ],
                "reader's reason and evidence": [
                    f"{r.rationale} “{r.quote}”" if r.quote else r.rationale
                    for r in rows.itertuples()
                ],
            }
        )

    # ---- across articles -------------------------------------------------------------------

    def blame_matrix(self, before: tuple[str, ...] | list[str] = ()) -> pd.DataFrame:
        """Articles x blame targets: the reader's stance (endorses, reports, rejects or empty).
        The stances of articles ``before`` the unrest say so: they blame earlier trouble."""
        compared = self.reviewed_compared
        blame = compared[compared["dimension"] == "blame"]
        table = blame.pivot(index="article", columns="item", values="answer").replace("absent", "")
        for article in before:
            if article in table.index:
                row = table.loc[article]
                table.loc[article] = row.where(row == "", row + " (earlier trouble)")
        table = table[[rule.name for rule in self.codebook.blame]]
        table.columns = [rule.label for rule in self.codebook.blame]
        return table.rename_axis(None, axis=1).reset_index()

    def label_matrix(self) -> pd.DataFrame:
        """Labels x articles: uses in the article's own voice and attributed, ``own/attributed``
        (empty where the article does not use the word)."""
        counts = self.labels.groupby(["value", "article_id", "voice"]).size().unstack(fill_value=0)
        counts = counts.reindex(columns=["own", "attributed"], fill_value=0)
        cells = (counts["own"].astype(str) + "/" + counts["attributed"].astype(str)).unstack(
            fill_value=""
        )
        terms = [t for t in self.codebook.labels if t in cells.index]
        table = cells.reindex(columns=list(self.corpus.articles["id"]), fill_value="").loc[terms]
        return table.rename_axis(None, axis=1).rename_axis("label").reset_index()

    def actor_matrix(self, top: int = 12) -> pd.DataFrame:
        """Actors x articles: mentions of the ``top`` most-mentioned actors overall."""
        mentions = actor_mentions(self.corpus, self.actors)
        table = mentions.pivot_table(
            index="actor", columns="article_id", values="mentions", aggfunc="sum", fill_value=0
        )
        table = table.reindex(columns=list(self.corpus.articles["id"]), fill_value=0)
        order = table.sum(axis=1).sort_values(ascending=False, kind="stable").index[:top]
        return table.loc[order].rename_axis(None, axis=1).reset_index()

    def article_facts(self, article: str) -> dict[str, object]:
        """Values for an article page's prose: sizes, the reader's strongest generic frame,
        blame stances, and how often the rules agreed with the reader on this article."""
        scores = self.frame_scores([article])
        best = scores.sort_values("reader", ascending=False, kind="stable").iloc[0]
        mine = self.compared[self.compared["article"] == article]
        blame = mine[mine["dimension"] == "blame"].set_index("item")["answer"]
        labels = {rule.name: rule.label for rule in self.codebook.blame}
        facts: dict[str, object] = {
            "sentences": int((self.corpus.sentences["article_id"] == article).sum()),
            "top_frame": best["frame"],
            "top_frame_score": f"{best['reader']:.0%}",
            "judgements": len(mine),
            "rules_agree": int(mine["agree"].sum()),
            "rules_agree_share": f"{mine['agree'].mean():.0%}",
            "n_labels": int((self.labels["article_id"] == article).sum()),
            "n_reported": len(self.sources_table(article)),
        }
        for stance in ("endorses", "reports", "rejects"):
            chosen = [labels[item] for item, answer in blame.items() if answer == stance]
            facts[f"blame_{stance}"] = "; ".join(chosen) if chosen else "none"
        return facts

    # ---- the codebook, for the method page ------------------------------------------------

    def rules_table(self, dimension: str) -> pd.DataFrame:
        """One row per codebook item of a dimension: its name or question and its patterns."""
        rows = []
        for rule in self.codebook.rules(dimension):
            cues = "; ".join(readable(p.pattern) for p in rule.patterns)
            cues = cues or f"none: {rule.not_applicable}"
            item = rule.label
            if dimension == "generic":
                item = f"{self.codebook.frame_labels[rule.group]}, {rule.name}: {rule.label}"
            rows.append({"item": item, "patterns": cues})
        return pd.DataFrame(rows, columns=["item", "patterns"])

    def stance_rules_table(self) -> pd.DataFrame:
        """The rules that decide a sentence's stance towards a cue, in the order they apply,
        with their cues."""
        book = self.codebook
        cues = {name: "; ".join(readable(p.pattern) for p in patterns)
                for name, patterns in (("rejected", book.rejected), ("attributed", book.attributed),
                                       ("negation", book.negation),
                                       ("distancing", book.distancing))}  # fmt: skip
        rows = [
            ("a rejection cue in the sentence, outside quotation marks", "rejects",
             cues["rejected"]),
            ("the cue inside quotation marks: quoted speech or scare quotes", "reports",
             "“…”, \"…\", ‘…’, '…', «…»; a quotation begun in an earlier sentence counts "
             "from the sentence's start"),
            ("a reporting cue in the sentence, outside quotation marks", "reports",
             cues["attributed"]),
            (f"a negation in the cue's clause, at most {WINDOW_WORDS} words before it", "rejects",
             cues["negation"]),
            (f"a distancing phrase at most {WINDOW_WORDS} words before the cue", "reports",
             cues["distancing"]),
            ("none of these: the article's own voice", "endorses", ""),
        ]  # fmt: skip
        return pd.DataFrame(
            [{"rule": n, "when": when, "stance": stance, "cues": found}
             for n, (when, stance, found) in enumerate(rows, start=1)]  # fmt: skip
        )

    def agreement_table(self) -> pd.DataFrame:
        """Agreement between the rules and the reader, per dimension."""
        return agreement_summary(self.reviewed_compared)


#: The instruments of the codebook, in words, for tables (the data names them by their keys).
INSTRUMENT_NAMES = {
    "entman": "Entman's four functions",
    "generic": "generic news frames",
    "blame": "blame for the unrest",
}


def evidence_cell(quote: str, rationale: str, integrity: str = "") -> str:
    """What backs a judgement: the quote in quotation marks, or else the reader's reason; a
    quote the integrity flags touch says so (``integrity``: see :func:`integrity_note`)."""
    if not quote:
        return rationale
    return f"“{quote}” ({integrity})" if integrity else f"“{quote}”"


def readable(pattern: str) -> str:
    """A cue pattern for reading: word-boundary marks dropped, groups as plain brackets,
    alternatives spaced (``\\b(?:a|b)\\b`` -> ``(a | b)``), so it wraps in a table."""
    text = pattern.replace("\\b", "").replace("(?:", "(").replace("\\s+", " ")
    text = text.replace("(?!", "(but not before ").replace("\\w*", "…").replace("\\w", "…")
    return " ".join(text.replace("|", " | ").split())


def actor_mentions(corpus: Corpus, actors: Actors) -> pd.DataFrame:
    """Mentions of each actor per article, counting every recorded spelling as a whole word in
    the cleaned sentences; a shorter spelling inside a longer one ("Tokayev" in
    "Kassym-Jomart Tokayev") is counted once."""
    names = actors.actors.set_index("id")["name"]
    rows = []
    for (actor, article), group in actors.spellings.groupby(["actor", "article"], sort=False):
        body = " ".join(corpus.sentences.loc[corpus.sentences["article_id"] == article, "text"])
        spellings = sorted(group["spelling"], key=len, reverse=True)
        pattern = "|".join(re.escape(s) for s in spellings)
        count = len(re.findall(rf"(?<!\w)(?:{pattern})(?!\w)", body))
        if count:
            rows.append(
                {
                    "article_id": article,
                    "actor": names[actor],
                    "mentions": count,
                    "spellings": ", ".join(group["spelling"]),
                }
            )
    return pd.DataFrame(rows, columns=["article_id", "actor", "mentions", "spellings"])


def rule_findings(corpus: Corpus, codebook: Codebook) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The rules' evidence (every match, all dimensions) and their answer for every article
    and codebook item."""
    articles = list(corpus.articles["id"])
    evidence = pd.concat([rule_evidence(corpus, codebook, d) for d in DIMENSIONS])
    answers = pd.concat(
        [
            rule_answers(evidence[evidence["dimension"] == d], articles, codebook, d)
            for d in DIMENSIONS
        ]
    )
    return evidence, answers


def load_framing(corpus: Corpus) -> Framing:
    """Load the codebook, hand coding and who's who for ``corpus`` and apply the rules."""
    codebook = load_codebook()
    actors = load_actors(corpus.articles)
    hand = load_hand_coding(corpus.articles, codebook)
    articles = list(corpus.articles["id"])
    evidence, answers = rule_findings(corpus, codebook)
    units = body_units(corpus)
    raw = dict(zip(corpus.articles["id"], corpus.articles["raw_text"], strict=True))
    suggested = [
        suggested_coding(article, raw[article], evidence, answers, codebook)
        for article in articles
        if article not in set(hand["article"])
    ]
    if suggested:
        hand = pd.concat([hand, *suggested], ignore_index=True).assign(
            start=lambda t: pd.to_numeric(t["start"], errors="coerce").astype("Int64"),
            end=lambda t: pd.to_numeric(t["end"], errors="coerce").astype("Int64"),
        )
    return Framing(
        unreviewed=unreviewed_articles(hand, articles),
        flags=integrity_flags(corpus, actors, load_integrity_phrases(corpus)),
        units=units,
        corpus=corpus,
        codebook=codebook,
        actors=actors,
        hand=hand,
        evidence=evidence.reset_index(drop=True),
        labels=label_evidence(corpus, codebook),
        compared=agreement(hand, answers),
    )
