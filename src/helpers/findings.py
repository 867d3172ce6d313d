"""The key findings of every chapter, for the landing page: the same facts the chapters glue,
computed by the same helpers, so the summary and the chapters cannot disagree."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from helpers.claim_checks import claim_facts, load_claims
from helpers.claims import extract_claims
from helpers.corpus import Corpus, corpus_facts
from helpers.framing_report import Framing, load_framing
from helpers.readability import article_scores, readability_facts, sentence_levels, sentence_scores
from helpers.readability_check import cross_check, cross_check_facts
from helpers.timeline import load_timeline, timeline_facts

#: Blame stances, as the reader's coding records them.
STANCES = ("endorses", "reports", "rejects")


def merge_facts(*parts: Mapping[str, object]) -> dict[str, object]:
    """One dict of facts; a name given two different values is an error, never a silent pick."""
    merged: dict[str, object] = {}
    for part in parts:
        for name, value in part.items():
            if name in merged and merged[name] != value:
                raise ValueError(f"fact {name!r} has two values: {merged[name]!r}, {value!r}")
            merged[name] = value
    return merged


def framing_facts(framing: Framing) -> dict[str, object]:
    """How far the rules agree with the reader, and for each blame target how many articles
    endorse, report or reject it (``blame_<target>_<stance>``)."""
    agreement = framing.agreement_table()
    facts: dict[str, object] = {
        "n_judgements": int(agreement["judgements"].sum()),
        "n_rules_agree": int(agreement["rules agree"].sum()),
    }
    for row in agreement.itertuples(index=False):
        facts[f"kappa_{row.dimension}"] = round(float(row[-1]), 2)
    blame = framing.compared[framing.compared["dimension"] == "blame"]
    for rule in framing.codebook.blame:
        answers = blame.loc[blame["item"] == rule.name, "answer"]
        for stance in STANCES:
            facts[f"blame_{rule.name}_{stance}"] = int((answers == stance).sum())
    return facts


def outdated_or_differing(claims: pd.DataFrame) -> str:
    """The checks that do not hold up, as ``article: figure (verdict)``, in table order."""
    bad = claims[claims["verdict"].isin(["differs", "outdated", "unsupported"])]
    return "; ".join(f"{r.article}: “{r.figure}” ({r.verdict})" for r in bad.itertuples())


def key_findings(corpus: Corpus) -> dict[str, object]:
    """Every value the landing page's key findings quote, from each chapter's own helpers."""
    extracted = extract_claims(corpus)
    claims = load_claims(extracted)
    scores = article_scores(corpus)
    return merge_facts(
        corpus_facts(corpus),
        timeline_facts(load_timeline()),
        framing_facts(load_framing(corpus)),
        claim_facts(claims, extracted),
        {"not_holding_up": outdated_or_differing(claims)},
        readability_facts(scores, sentence_levels(sentence_scores(corpus))),
        cross_check_facts(cross_check(corpus, scores)),
    )
