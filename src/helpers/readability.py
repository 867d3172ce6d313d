"""Readability scores with textstat, on the cleaned article bodies.

Every score is computed on the text the corpus chapter keeps (body sentences, headings and site
chrome removed), per article, per paragraph and per sentence. textstat needs NLTK's CMU
Pronouncing Dictionary; :func:`helpers.offline_nltk.ensure_cmudict` provides it offline and is
called before any score. textstat memoises its functions per input text, so the same text always
gives the same number within a run.
"""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pandas as pd

from helpers.corpus import Corpus
from helpers.offline_nltk import ensure_cmudict

#: The formulas, by the name the book uses, and the name of the textstat function for each.
FORMULAS: dict[str, str] = {
    "Flesch reading ease": "flesch_reading_ease",
    "Flesch-Kincaid grade": "flesch_kincaid_grade",
    "Gunning fog": "gunning_fog",
    "SMOG": "smog_index",
    "Coleman-Liau": "coleman_liau_index",
    "ARI": "automated_readability_index",
    "Dale-Chall": "dale_chall_readability_score",
    "Linsear Write": "linsear_write_formula",
}
#: Formulas cheap and meaningful on one sentence (SMOG and Dale-Chall are not).
SENTENCE_FORMULAS = ("Flesch reading ease", "Flesch-Kincaid grade", "ARI")


def textstat_module() -> ModuleType:
    """textstat, imported when a score is first computed: it imports NLTK, half a second in
    every chapter that only shows scores computed once for the whole build."""
    import textstat

    return textstat


def formula(name: str) -> Callable[[str], float]:
    """textstat's function for one of :data:`FORMULAS`."""
    return getattr(textstat_module(), FORMULAS[name])


def scores(text: str) -> dict[str, float]:
    """textstat's scores for one text, with its consensus grade and the counts behind them."""
    ensure_cmudict()
    textstat = textstat_module()
    result = {name: float(formula(name)(text)) for name in FORMULAS}
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
    textstat = textstat_module()
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
        score = formula(name)
        table[name] = [float(score(text)) for text in table["text"]]
    return table


def paragraph_scores(corpus: Corpus) -> pd.DataFrame:
    """One row per body paragraph: its sentences, words and Flesch scores."""
    ensure_cmudict()
    textstat = textstat_module()
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


#: What each formula counts, its published constants and its source key in references.bib.
FORMULA_NOTES = (
    ("Flesch reading ease", "sentence length and syllables per word; higher is easier",
     "206.835 − 1.015 × words/sentence − 84.6 × syllables/word", "flesch_readability_1948"),
    ("Flesch-Kincaid grade", "the same two counts, as a US school grade",
     "0.39 × words/sentence + 11.8 × syllables/word − 15.59", "kincaid_readability_1975"),
    ("Gunning fog", "sentence length and the share of long words, as a grade",
     "0.4 × (words/sentence + 100 × complex words/words)", "gunning_fog_1952"),
    ("SMOG", "words of three or more syllables, normed on 30 sentences",
     "1.043 × √(polysyllables × 30/sentences) + 3.1291", "mclaughlin_smog_1969"),
    ("Coleman-Liau", "letters per 100 words and sentences per 100 words",
     "0.0588 × letters per 100 words − 0.296 × sentences per 100 words − 15.8",
     "coleman_liau_1975"),
    ("ARI", "characters per word and words per sentence",
     "4.71 × characters/word + 0.5 × words/sentence − 21.43", "smith_ari_1967"),
    ("Dale-Chall", "the share of words not on a list of familiar words",
     "textstat's implementation", "textstat_package"),
    ("Linsear Write", "easy and hard words in a sample", "textstat's implementation",
     "textstat_package"),
)  # fmt: skip


def formula_table() -> pd.DataFrame:
    """The formulas for the reader: what each counts, its constants, its source."""
    return pd.DataFrame(FORMULA_NOTES, columns=["formula", "what it counts", "constants", "source"])


#: Defaults for :func:`sentence_levels`: the commonly quoted Hemingway-editor thresholds.
MIN_WORDS, HARD_ARI, VERY_HARD_ARI = 14, 10, 14


def sentence_levels(
    sentences: pd.DataFrame,
    min_words: int = MIN_WORDS,
    hard: float = HARD_ARI,
    very_hard: float = VERY_HARD_ARI,
) -> pd.DataFrame:
    """Label sentences of at least ``min_words`` words ``hard`` (ARI from ``hard``) or
    ``very hard`` (from ``very_hard``), in the style of the Hemingway editor; the thresholds are
    parameters, not standards."""
    long_enough = sentences["words"] >= min_words
    level = pd.Series("", index=sentences.index)
    level[long_enough & (sentences["ARI"] >= hard)] = "hard"
    level[long_enough & (sentences["ARI"] >= very_hard)] = "very hard"
    return sentences.assign(level=level)


def hardest_sentences(
    levels: pd.DataFrame, count: int = 5, min_words: int = MIN_WORDS
) -> pd.DataFrame:
    """The ``count`` sentences of at least ``min_words`` words with the highest Flesch-Kincaid
    grade, for quoting: a fragment of three words ("Cooperation," Xinhua reported.) can score a
    grade near 30 from one long word, which says nothing about how the text reads."""
    long_enough = levels[levels["words"] >= min_words]
    top = long_enough.sort_values("Flesch-Kincaid grade", ascending=False, kind="stable")
    columns = ["article_id", "sentence", "words", "Flesch-Kincaid grade", "text"]
    return top.head(count)[columns].rename(columns={"article_id": "article"}).round(1)


def hard_sentences(levels: pd.DataFrame) -> pd.DataFrame:
    """Every sentence labelled hard or very hard, with its label and ARI, for the appendix."""
    hard = levels[levels["level"] != ""]
    columns = ["article_id", "sentence", "level", "ARI", "text"]
    return hard[columns].rename(columns={"article_id": "article"}).round(1)


def readability_facts(scores: pd.DataFrame, levels: pd.DataFrame) -> dict[str, object]:
    """Values for the chapter's prose: the easiest and hardest articles, sentence lengths and
    how many sentences are hard."""
    by_ease = scores.sort_values("Flesch reading ease", kind="stable")
    hardest, easiest = by_ease.iloc[0], by_ease.iloc[-1]
    lengths = levels.groupby("article_id")["words"]
    return {
        "hardest_article": hardest["article"],
        "hardest_ease": round(float(hardest["Flesch reading ease"]), 1),
        "hardest_grade": round(float(hardest["Flesch-Kincaid grade"]), 1),
        "easiest_article": easiest["article"],
        "easiest_ease": round(float(easiest["Flesch reading ease"]), 1),
        "easiest_grade": round(float(easiest["Flesch-Kincaid grade"]), 1),
        "longest_sentence": int(levels["words"].max()),
        "longest_sentence_article": levels.loc[levels["words"].idxmax(), "article_id"],
        "median_words_hardest": int(lengths.median()[hardest["article"]]),
        "n_hard": int((levels["level"] != "").sum()),
        "n_sentences": len(levels),
        "min_words": MIN_WORDS,
        "hard_ari": HARD_ARI,
        "very_hard_ari": VERY_HARD_ARI,
    }


def scores_table(scores: pd.DataFrame) -> pd.DataFrame:
    """The article scores turned for reading: one row per score, one column per article."""
    turned = scores.set_index("article").T.round(1)
    return turned.rename_axis(None, axis=1).rename_axis("score").reset_index()
