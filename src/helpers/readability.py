"""Readability scores with textstat, on the cleaned article bodies.

Every score is computed on the text the corpus chapter keeps (body sentences, headings and site
chrome removed), per article, per paragraph and per sentence. textstat needs NLTK's CMU
Pronouncing Dictionary; :func:`helpers.offline_nltk.ensure_cmudict` provides it offline and is
called before any score. textstat memoises its functions per input text, so the same text always
gives the same number within a run.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import textstat

from helpers.corpus import Corpus
from helpers.offline_nltk import ensure_cmudict

#: The formulas, by the name the book uses, and the textstat function that computes each.
FORMULAS: dict[str, Callable[[str], float]] = {
    "Flesch reading ease": textstat.flesch_reading_ease,
    "Flesch-Kincaid grade": textstat.flesch_kincaid_grade,
    "Gunning fog": textstat.gunning_fog,
    "SMOG": textstat.smog_index,
    "Coleman-Liau": textstat.coleman_liau_index,
    "ARI": textstat.automated_readability_index,
    "Dale-Chall": textstat.dale_chall_readability_score,
    "Linsear Write": textstat.linsear_write_formula,
}
#: Formulas cheap and meaningful on one sentence (SMOG and Dale-Chall are not).
SENTENCE_FORMULAS = ("Flesch reading ease", "Flesch-Kincaid grade", "ARI")


def scores(text: str) -> dict[str, float]:
    """textstat's scores for one text, with its consensus grade and the counts behind them."""
    ensure_cmudict()
    result = {name: float(formula(text)) for name, formula in FORMULAS.items()}
    result["consensus grade"] = float(textstat.text_standard(text, float_output=True))
    words = textstat.lexicon_count(text)
    result["words per sentence"] = float(textstat.words_per_sentence(text))
    result["syllables per word"] = textstat.syllable_count(text) / words if words else 0.0
    result["difficult words"] = float(textstat.difficult_words(text))
    return result


def body_texts(corpus: Corpus) -> pd.Series:
    """Each article's cleaned body as one text: its sentences joined by single spaces."""
    return corpus.sentences.groupby("article_id", sort=False)["text"].agg(" ".join)


def article_scores(corpus: Corpus) -> pd.DataFrame:
    """One row per article: every score on its cleaned body."""
    texts = body_texts(corpus)
    return pd.DataFrame([{"article": a, **scores(t)} for a, t in texts.items()])


def raw_page_scores(corpus: Corpus) -> pd.DataFrame:
    """Flesch reading ease and the Flesch-Kincaid grade on the raw saved page and on the
    cleaned body, to show how much the cleaning moves them."""
    ensure_cmudict()
    bodies = body_texts(corpus)
    rows = []
    for article in corpus.articles.itertuples():
        raw, body = article.raw_text, bodies[article.id]
        rows.append(
            {
                "article": article.id,
                "reading ease, raw page": textstat.flesch_reading_ease(raw),
                "reading ease, cleaned body": textstat.flesch_reading_ease(body),
                "grade, raw page": textstat.flesch_kincaid_grade(raw),
                "grade, cleaned body": textstat.flesch_kincaid_grade(body),
            }
        )
    return pd.DataFrame(rows)


def sentence_scores(corpus: Corpus) -> pd.DataFrame:
    """One row per sentence: its words and the sentence-level formulas."""
    ensure_cmudict()
    table = corpus.sentences[["article_id", "paragraph", "sentence", "words", "text"]].copy()
    for name in SENTENCE_FORMULAS:
        table[name] = table["text"].map(lambda t, f=FORMULAS[name]: float(f(t)))
    return table


def paragraph_scores(corpus: Corpus) -> pd.DataFrame:
    """One row per body paragraph: its sentences, words and Flesch scores."""
    ensure_cmudict()
    grouped = corpus.sentences.groupby(["article_id", "paragraph"], sort=False)
    rows = []
    for (article, paragraph), group in grouped:
        text = " ".join(group["text"])
        rows.append(
            {
                "article": article,
                "paragraph": paragraph,
                "sentences": len(group),
                "words": int(group["words"].sum()),
                "Flesch reading ease": float(textstat.flesch_reading_ease(text)),
                "Flesch-Kincaid grade": float(textstat.flesch_kincaid_grade(text)),
            }
        )
    return pd.DataFrame(rows)
