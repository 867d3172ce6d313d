"""Text-integrity flags: signs of machine paraphrase or mistranslation, each with its evidence.

A flag is a sign, not proof: a slip of the keyboard can look like a spun word. Four detectors:

- **one name, several spellings** in one article, from the who's who (``data/spellings.csv``);
- **doubled words** ("the The"), spaces only, not across line breaks;
- **words run together**: a lower-case letter followed by a capital inside a word, or digits
  followed by a word ("80million"), except spellings the who's who records as correct forms;
- **substituted names and phrases**: the curated table ``data/substitutions.csv`` (suspect form,
  likely original, evidence, source), every row a candidate;
- **broken sentences**: a sentence that starts with a lower-case letter or with punctuation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.actors import Actors
from helpers.bibliography import bib_keys, unknown_keys
from helpers.corpus import Corpus
from helpers.csvdata import (
    InputError,
    duplicate_problems,
    read_text_csv,
    records,
    text_problems,
)
from helpers.readability import scores

COLUMNS = ["article", "sentence", "flag", "evidence", "note"]
_DOUBLED = re.compile(r"\b(\w+) +\1\b", re.IGNORECASE)
_RUN_TOGETHER = re.compile(r"\b\w*[a-z][A-Z]\w*\b|\b\d+[A-Za-z]{3,}\b")
_SENTENCE_START = re.compile(r"[A-Z0-9“\"‘'(£$]")
SUBSTITUTION_COLUMNS = ("article", "suspect", "likely_original", "evidence", "source")


class IntegrityError(InputError):
    """Bad substitution table; names the file and every problem."""

    kind = "text-integrity input"


def substitutions_csv() -> Path:
    """The curated substitution table, ``data/substitutions.csv``."""
    return paths.data_dir() / "substitutions.csv"


def load_substitutions(corpus: Corpus, csv_path: Path | None = None) -> pd.DataFrame:
    """Read the substitution table; every suspect form must occur in its article."""
    csv_path = csv_path or substitutions_csv()
    table = read_text_csv(csv_path, SUBSTITUTION_COLUMNS, IntegrityError)
    texts = dict(zip(corpus.articles["id"], corpus.articles["raw_text"], strict=True))
    known = bib_keys()
    problems = []
    for row_no, row in records(table):
        where = f"row {row_no} ({row['article']} {row['suspect']!r})"
        problems += text_problems(row, where, SUBSTITUTION_COLUMNS)
        if row["article"] not in texts:
            problems.append(f"{where}: article {row['article']!r} is not in articles.csv")
        elif row["suspect"] not in texts[row["article"]]:
            problems.append(f"{where}: the suspect form does not occur in the article")
        problems += [f"{where}: {p}" for p in unknown_keys(row["source"], known)]
    pairs = table.assign(pair=table["article"] + " " + table["suspect"])
    problems += duplicate_problems(pairs, "pair", "article and suspect form(s)")
    if problems:
        raise IntegrityError([(csv_path, problem) for problem in problems])
    return table


def _sentence_of(corpus: Corpus, article: str, text: str) -> str:
    mine = corpus.sentences[corpus.sentences["article_id"] == article]
    found = mine[mine["text"].str.contains(text, regex=False)]
    return "s" + str(found["sentence"].iloc[0]) if len(found) else "heading or chrome"


def integrity_flags(corpus: Corpus, actors: Actors, substitutions: pd.DataFrame) -> pd.DataFrame:
    """Every flag, one row each: article, sentence, kind of flag, the evidence quoted, a note."""
    rows = []
    names = actors.actors.set_index("id")["name"]
    correct = set(actors.spellings.loc[actors.spellings["form"] != "error", "spelling"])
    for (actor, article), group in actors.spellings.groupby(["actor", "article"], sort=False):
        if len(group) > 1 and (group["form"] == "error").any():
            rows.append(
                {
                    "article": article,
                    "sentence": "",
                    "flag": "one name, several spellings",
                    "evidence": "; ".join(f"“{s}”" for s in group["spelling"]),
                    "note": f"all for {names[actor]}",
                }
            )
    for sentence in corpus.sentences.itertuples():
        where = {"article": sentence.article_id, "sentence": f"s{sentence.sentence}"}
        for match in _DOUBLED.finditer(sentence.text):
            rows.append({**where, "flag": "doubled word", "evidence": f"“{match.group(0)}”",
                         "note": "the same word twice"})  # fmt: skip
        for match in _RUN_TOGETHER.finditer(sentence.text):
            word = match.group(0)
            if not any(word in spelling for spelling in correct):
                rows.append({**where, "flag": "words run together", "evidence": f"“{word}”",
                             "note": "a missing space"})  # fmt: skip
        if not _SENTENCE_START.match(sentence.text):
            rows.append({**where, "flag": "broken sentence", "evidence": f"“{sentence.text}”",
                         "note": "starts with a lower-case letter or punctuation"})  # fmt: skip
    for row in substitutions.itertuples():
        rows.append(
            {
                "article": row.article,
                "sentence": _sentence_of(corpus, row.article, row.suspect),
                "flag": "substituted name or phrase",
                "evidence": f"“{row.suspect}” for “{row.likely_original}”?",
                "note": row.evidence,
            }
        )
    table = pd.DataFrame(rows, columns=COLUMNS)
    return table.sort_values(["article"], kind="stable").reset_index(drop=True)


def flag_counts(flags: pd.DataFrame, articles: list[str]) -> pd.DataFrame:
    """Articles x kinds of flag: how many of each."""
    counts = flags.groupby(["article", "flag"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=articles, fill_value=0)
    return counts.rename_axis(None, axis=1).rename_axis("article").reset_index()


def flag_effect(corpus: Corpus, flags: pd.DataFrame) -> pd.DataFrame:
    """Per article: Flesch reading ease and the Flesch-Kincaid grade on the whole body and on
    the body without the flagged sentences, and how many sentences were left out."""
    flagged = set(zip(flags["article"], flags["sentence"], strict=True))
    rows = []
    for article, group in corpus.sentences.groupby("article_id", sort=False):
        keep = [f"s{n}" not in {s for a, s in flagged if a == article} for n in group["sentence"]]
        whole, kept = scores(" ".join(group["text"])), scores(" ".join(group["text"][keep]))
        rows.append(
            {
                "article": article,
                "flagged sentences": len(group) - sum(keep),
                "reading ease, all": whole["Flesch reading ease"],
                "reading ease, unflagged": kept["Flesch reading ease"],
                "grade, all": whole["Flesch-Kincaid grade"],
                "grade, unflagged": kept["Flesch-Kincaid grade"],
            }
        )
    return pd.DataFrame(rows)


def flag_marks(corpus: Corpus, actors: Actors, flags: pd.DataFrame) -> pd.DataFrame:
    """Where each flag stands in the raw text, to mark it in the article: one row per marked
    span (``article``, ``start``, ``end``, ``flag``), offsets into the raw file. A flag of one
    name spelled several ways marks every misspelt form; a substituted phrase every place it
    occurs in the body; a flag of one sentence the quoted words in that sentence."""
    rows = []
    body = corpus.paragraphs
    sentences = corpus.sentences.assign(label="s" + corpus.sentences["sentence"].astype(str))

    def mark_everywhere(article: str, text: str, flag: str) -> None:
        for para in body[body["article_id"] == article].itertuples():
            for match in re.finditer(re.escape(text), para.text):
                rows.append({"article": article, "start": para.start + match.start(),
                             "end": para.start + match.end(), "flag": flag})  # fmt: skip

    errors = actors.spellings[actors.spellings["form"] == "error"]
    for flag in flags.itertuples():
        if flag.flag == "one name, several spellings":
            mine = errors[errors["article"] == flag.article]
            for spelling in mine["spelling"]:
                if f"“{spelling}”" in flag.evidence:
                    mark_everywhere(flag.article, spelling, flag.flag)
        elif flag.flag == "substituted name or phrase":
            mark_everywhere(flag.article, flag.evidence[1:].split("”", 1)[0], flag.flag)
        else:
            quote = flag.evidence.removeprefix("“").removesuffix("”")
            where = sentences[(sentences["article_id"] == flag.article)
                              & (sentences["label"] == flag.sentence)]  # fmt: skip
            for sentence in where.itertuples():
                at = sentence.text.find(quote)
                if at >= 0:
                    start = sentence.start + at
                    rows.append({"article": flag.article, "start": start,
                                 "end": start + len(quote), "flag": flag.flag})  # fmt: skip
    marks = pd.DataFrame(rows, columns=["article", "start", "end", "flag"])
    return marks.drop_duplicates(["article", "start", "end"]).reset_index(drop=True)
