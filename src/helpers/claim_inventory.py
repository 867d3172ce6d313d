"""Every sentence accounted for (``data/sentences.csv``): a reader's judgement of what each
sentence of each article does.

An article with no row at all is not yet judged: each of its sentences is listed as ``not yet
judged``, with the rule's guess in its note, and no sentence of it counts in the judgements'
totals. An article with some rows must have all of them.

A sentence either makes checkable statements of fact (then each is a row of
``data/claims.csv``), or it is opinion, prediction or framing, or it makes no claim. The loader
fails on a sentence that is missing, judged twice or judged against its statements; for a
missing sentence it names a rule's guess (:func:`propose_judgement`), which a person confirms
or changes: the rule only proposes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.corpus import Corpus
from helpers.csvdata import InputError, duplicate_problems, read_text_csv, records, text_problems

COLUMNS = ("article", "sentence", "opening", "judgement", "note")
#: What a sentence can do, with what each judgement means.
JUDGEMENTS = {
    "checkable": "makes one or more statements of fact a source can confirm or refute",
    "opinion": "the author's assessment, interpretation or value judgement",
    "prediction": "a statement about the future",
    "framing": "a rhetorical set-up or characterisation no source can settle",
    "no claim": "asserts nothing (a transition, a question, a call)",
}
#: What the inventory says of every sentence of an article nobody has judged yet.
NOT_YET_JUDGED = "not yet judged"
#: A sentence's opening: its first words, enough to see that the row is the sentence it says.
OPENING_WORDS = 5
_FUTURE = re.compile(r"\b(?:will|would|shall|is going to|are going to|may well)\b", re.I)
_NAME_OR_NUMBER = re.compile(r"\d|(?<!^)(?<![.!?]\s)\b[A-Z][a-z]{2,}")


class InventoryError(InputError):
    """Bad sentence inventory; names the file and every problem."""

    kind = "sentence inventory"


def sentences_csv() -> Path:
    """The reader's judgement of every sentence, ``data/sentences.csv``."""
    return paths.data_dir() / "sentences.csv"


def opening(text: str, words: int = OPENING_WORDS) -> str:
    """A sentence's first ``words`` words, as written."""
    return " ".join(text.split()[:words])


def propose_judgement(text: str, has_figure: bool) -> str:
    """A rule's guess at a sentence's judgement, for a person to confirm: a number or a name
    suggests a checkable statement, a future tense a prediction; else opinion. It is a guess."""
    if has_figure or _NAME_OR_NUMBER.search(text.strip()):
        return "checkable"
    return "prediction" if _FUTURE.search(text) else "opinion"


def _row_problems(row: dict, where: str, sentences: dict, with_statements: set) -> list[str]:
    problems = text_problems(row, where, ("article", "sentence", "opening", "judgement"))
    key = (row["article"], row["sentence"])
    text = sentences.get(key)
    if text is None:
        return problems + [
            f"{where}: article {row['article']!r} has no sentence {row['sentence']!r}"
        ]
    if row["opening"] and not " ".join(text.split()).startswith(row["opening"]):
        problems.append(
            f"{where}: sentence {row['sentence']} opens {opening(text)!r}, not {row['opening']!r}"
        )
    judgement = row["judgement"]
    if judgement and judgement not in JUDGEMENTS:
        problems.append(f"{where}: judgement {judgement!r} is not one of {tuple(JUDGEMENTS)}")
    if judgement and judgement != "checkable" and not row["note"]:
        problems.append(f"{where}: a sentence judged {judgement!r} needs a note saying why")
    if judgement == "checkable" and key not in with_statements:
        problems.append(f"{where}: judged checkable, but claims.csv has no statement from it")
    if judgement in JUDGEMENTS and judgement != "checkable" and key in with_statements:
        problems.append(f"{where}: judged {judgement!r}, but claims.csv checks statements in it")
    return problems


def _with_figures(extracted: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(extracted["article_id"], extracted["sentence"].astype(str), strict=True))


def _missing_problems(corpus: Corpus, extracted: pd.DataFrame, judged: set) -> list[str]:
    """One problem per article the inventory judges in part, naming every sentence it lacks,
    with the rule's guess for each."""
    with_figures = _with_figures(extracted)
    started = {article for article, _ in judged}
    problems = []
    for article, sentences in corpus.sentences.groupby("article_id", sort=False):
        if article not in started:
            continue
        missing = [
            f"s{s.sentence} {opening(s.text)!r} (the rules propose: "
            f"{propose_judgement(s.text, (article, str(s.sentence)) in with_figures)})"
            for s in sentences.itertuples()
            if (article, str(s.sentence)) not in judged
        ]
        if missing:
            problems.append(
                f"article {article}: {len(missing)} sentence(s) not in the inventory: "
                + "; ".join(missing)
            )
    return problems


def unjudged_rows(corpus: Corpus, extracted: pd.DataFrame, judged: set[str]) -> pd.DataFrame:
    """Inventory rows for the sentences of every article not in ``judged``: ``not yet judged``,
    with the rule's guess (:func:`propose_judgement`) in the note."""
    with_figures = _with_figures(extracted)
    rows = [
        {
            "article": s.article_id,
            "sentence": str(s.sentence),
            "opening": opening(s.text),
            "judgement": NOT_YET_JUDGED,
            "note": "the rules propose: "
            + propose_judgement(s.text, (s.article_id, str(s.sentence)) in with_figures),
        }
        for s in corpus.sentences.itertuples()
        if s.article_id not in judged
    ]
    return pd.DataFrame(rows, columns=list(COLUMNS))


def load_sentence_judgements(
    corpus: Corpus,
    extracted: pd.DataFrame,
    claims: pd.DataFrame,
    csv_path: Path | None = None,
) -> pd.DataFrame:
    """Read and check the inventory: every sentence of every article judged once, and judged
    checkable exactly when ``claims`` checks statements in it. Each row gets the sentence's
    text and its number of statements."""
    csv_path = csv_path or sentences_csv()
    table = read_text_csv(csv_path, COLUMNS, InventoryError)
    texts = {(s.article_id, str(s.sentence)): s.text for s in corpus.sentences.itertuples()}
    with_statements = set(zip(claims["article"], claims["sentence"].astype(str), strict=True))
    problems = [
        (csv_path, problem)
        for row_no, row in records(table)
        for problem in _row_problems(row, f"row {row_no}", texts, with_statements)
    ]
    keyed = table.assign(key=table["article"] + " s" + table["sentence"])
    problems += [(csv_path, p) for p in duplicate_problems(keyed, "key", "sentence(s)")]
    judged = set(zip(table["article"], table["sentence"], strict=True))
    problems += [(csv_path, p) for p in _missing_problems(corpus, extracted, judged)]
    if problems:
        raise InventoryError(problems)
    table = pd.concat([table, unjudged_rows(corpus, extracted, set(table["article"]))])
    table = table.reset_index(drop=True)
    statements = (
        claims.drop_duplicates(["article", "sentence", "start", "end"])
        .assign(sentence=lambda c: c["sentence"].astype(str))
        .groupby(["article", "sentence"])
        .size()
    )
    keys = list(zip(table["article"], table["sentence"], strict=True))
    return table.assign(
        text=[texts[k] for k in keys],
        statements=[int(statements.get(k, 0)) for k in keys],
    )


def inventory_table(judgements: pd.DataFrame) -> pd.DataFrame:
    """Every sentence for the reader: article, number, judgement, statements checked, and the
    sentence's opening or the note on why it makes no checkable statement."""
    return pd.DataFrame(
        {
            "article": judgements["article"],
            "sentence": "s" + judgements["sentence"],
            "judgement": judgements["judgement"],
            "statements": judgements["statements"],
            "opens / why not checkable": [
                f"{r.opening} …" + (f" ({r.note})" if r.note else "")
                for r in judgements.itertuples()
            ],
        }
    )


def judgement_counts(judgements: pd.DataFrame) -> pd.DataFrame:
    """How many sentences got each judgement, by article, with a total column."""
    counts = pd.crosstab(judgements["judgement"], judgements["article"])
    shown = [*JUDGEMENTS, NOT_YET_JUDGED] if NOT_YET_JUDGED in counts.index else list(JUDGEMENTS)
    counts = counts.reindex(shown, fill_value=0)
    counts["all"] = counts.sum(axis=1)
    return counts.rename_axis(None, axis=1).reset_index()


def inventory_facts(judgements: pd.DataFrame) -> dict[str, int]:
    """Counts for the prose: sentences a reader judged, and sentences per judgement (with
    those not yet judged)."""
    judged = judgements["judgement"] != NOT_YET_JUDGED
    facts = {"n_sentences": len(judgements), "n_sentences_judged": int(judged.sum())}
    for judgement in [*JUDGEMENTS, NOT_YET_JUDGED]:
        key = judgement.replace(" ", "_")
        facts[f"n_sentences_{key}"] = int((judgements["judgement"] == judgement).sum())
    return facts
