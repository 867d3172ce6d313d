"""Everything the book computes, loaded once: the corpus, the background, the framing, the
checked statements, readability and what each text is.

The landing page and the article pages need a little of every chapter; :func:`load_analysis`
runs each chapter's own helpers once and keeps their results side by side, so a summary can
never be computed differently from the chapter it summarises.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.automatic_checks import automatic_checks
from helpers.claim_checks import load_claims, statement_verdicts
from helpers.claim_inventory import NOT_YET_JUDGED, load_sentence_judgements
from helpers.claims import extract_claims
from helpers.corpus import Corpus, load_corpus
from helpers.framing_report import Framing, load_framing
from helpers.memo import cached
from helpers.readability import (
    article_scores,
    raw_page_scores,
    sentence_levels,
    sentence_scores,
)
from helpers.readability_check import count_table, cross_check
from helpers.readings import load_readings
from helpers.side_by_side import Siblings, aligned_passages, load_siblings
from helpers.text_kinds import TextKinds, load_text_kinds
from helpers.timeline import UNREST_START, load_timeline, written_before


@dataclass(frozen=True)
class Analysis:
    """The results of every chapter's helpers for one state of ``data/``."""

    corpus: Corpus
    timeline: pd.DataFrame
    framing: Framing
    extracted: pd.DataFrame  # every numeric expression
    claims: pd.DataFrame  # the curated checks of every checkable statement
    statements: pd.DataFrame  # one verdict per statement
    judgements: pd.DataFrame  # the reader's judgement of every sentence
    automatic: pd.DataFrame  # the rules' checks of the figures of articles not yet curated
    scores: pd.DataFrame  # readability per article
    sentences: pd.DataFrame  # readability per sentence, with hard / very hard levels
    flags: pd.DataFrame  # text-integrity flags
    kinds: TextKinds  # what each text is
    siblings: Siblings  # each article's sibling copies and originals, with stored passages
    aligned: pd.DataFrame  # those passages aligned with the article's, with their similarity
    readings: pd.DataFrame  # the reader's reading of each article

    @property
    def labels(self) -> dict[str, str]:
        """Each article's label, ``002 · asiunical.org``."""
        return self.corpus.labels

    @property
    def article_ids(self) -> list[str]:
        """The articles, in the order of ``articles.csv``."""
        return list(self.corpus.articles["id"])

    @property
    def unreviewed(self) -> list[str]:
        """The articles whose framing coding is still the rules' suggestion."""
        return self.framing.unreviewed

    @property
    def uncurated(self) -> list[str]:
        """The articles none of whose sentences a reader has judged yet."""
        return uncurated_articles(self.judgements, self.article_ids)

    @property
    def before_unrest(self) -> list[str]:
        """The articles written before the unrest of January 2022 began."""
        return written_before(self.corpus.articles, self.timeline, UNREST_START)


@dataclass(frozen=True)
class ReadabilityCheck:
    """The readability chapter's checks on textstat: the independent implementation beside it
    (:mod:`helpers.readability_check`) and the scores of the raw saved pages."""

    checked: pd.DataFrame  # per article and formula: textstat's score, ours and the difference
    counts: pd.DataFrame  # per article: our counts beside textstat's
    raw_pages: pd.DataFrame  # Flesch scores on the raw saved page and on the cleaned body


def load_readability_check() -> ReadabilityCheck:
    """The checks on textstat, computed once per state of the helpers and data while the book
    is built (four chapters show them; each needs both pronouncing dictionaries loaded)."""
    return cached("readability_check", compute_readability_check)


def compute_readability_check() -> ReadabilityCheck:
    """Compute the checks on textstat from the analysis."""
    analysis = load_analysis()
    return ReadabilityCheck(
        checked=cross_check(analysis.corpus, analysis.scores),
        counts=count_table(analysis.corpus),
        raw_pages=raw_page_scores(analysis.corpus),
    )


def uncurated_articles(judgements: pd.DataFrame, articles: list[str]) -> list[str]:
    """The articles (in ``articles``' order) whose every sentence is not yet judged."""
    judged = set(judgements.loc[judgements["judgement"] != NOT_YET_JUDGED, "article"])
    return [article for article in articles if article not in judged]


def load_analysis() -> Analysis:
    """Every chapter's results: computed once per state of the helpers and data while the book
    is built, and reused by every chapter that asks (:mod:`helpers.memo`)."""
    return cached("analysis", compute_analysis)


def compute_analysis() -> Analysis:
    """Run every chapter's helpers on the data once."""
    corpus = load_corpus()
    framing = load_framing(corpus)
    extracted = extract_claims(corpus)
    claims = load_claims(corpus, extracted)
    siblings = load_siblings(corpus.articles)
    timeline = load_timeline()
    judgements = load_sentence_judgements(corpus, extracted, claims)
    uncurated = uncurated_articles(judgements, list(corpus.articles["id"]))
    return Analysis(
        corpus=corpus,
        timeline=timeline,
        framing=framing,
        extracted=extracted,
        claims=claims,
        statements=statement_verdicts(claims),
        judgements=judgements,
        automatic=automatic_checks(extracted, corpus.articles, timeline, uncurated),
        scores=article_scores(corpus),
        sentences=sentence_levels(sentence_scores(corpus)),
        flags=framing.flags,
        kinds=load_text_kinds(corpus.articles),
        siblings=siblings,
        aligned=aligned_passages(siblings),
        readings=load_readings(corpus.articles),
    )
