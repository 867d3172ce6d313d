"""Text-integrity flags: signs of translation, machine paraphrase or a slip, each quoted with its
offsets, a category, a likely original where one can be argued, a severity and its evidence.

A flag is a sign, not proof, and every flag only proposes: a person reads it. Flags come from
three places, and cover the whole body of every article, its headings included:

- **the curated list** ``data/integrity_phrases.csv``: calques, swapped words, wrong terms and
  broken sentences a reader found, each with its likely original, how that original is known
  (a sibling copy, the original text, a source, an argument or a guess) and a source;
- **the who's who** ``data/spellings.csv``: every name written as a transliteration or an error,
  with the who's who's note and the canonical name as the likely original;
- **general rules** (:mod:`helpers.integrity_rules`): doubled words, words run together,
  "a" or "an", "have be", a modal with a past form, sentences that start in the middle.

Where two flags quote the same words, the curated one is kept.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.actors import Actors
from helpers.bibliography import bib_keys, unknown_keys
from helpers.corpus import Corpus
from helpers.csvdata import InputError, duplicate_problems, read_text_csv, records, text_problems
from helpers.integrity_rules import broken_start, rule_hits, words_of
from helpers.readability import scores

#: The kinds of flag, each with what it means.
CATEGORIES = {
    "literal idiom or calque": "a phrase translated word for word from another language",
    "wrong or substituted word": "a word swapped for a wrong synonym, or mistranslated",
    "mangled or transliterated name": "a name as no English source writes it",
    "wrong technical term": "a term of art replaced by a wrong one",
    "broken sentence or boundary": "a sentence cut in the wrong place, or that lost its sense",
    "agreement or grammar slip": "a form of a word that the grammar around it does not allow",
    "typing or spacing slip": "a word doubled or two words run together",
}
#: Each category in a word or two, for table headings and the marks in an article's text.
SHORT_NAMES = {
    "literal idiom or calque": "calque",
    "wrong or substituted word": "wrong word",
    "mangled or transliterated name": "name",
    "wrong technical term": "wrong term",
    "broken sentence or boundary": "broken",
    "agreement or grammar slip": "grammar",
    "typing or spacing slip": "typo",
}
#: How the likely original is known, from the firmest to the weakest.
BASES = ("sibling copy", "original", "source", "argued", "guess")
SEVERITIES = ("high", "medium", "low")
PHRASE_COLUMNS = (
    "article", "quote", "category", "likely_original", "original_basis", "severity", "evidence",
    "source",
)  # fmt: skip
COLUMNS = [
    "article", "sentence", "quote", "start", "end", "category", "likely_original",
    "original_basis", "severity", "evidence", "source", "rule",
]  # fmt: skip
#: Each general rule's category and severity.
RULE_CATEGORIES = {
    "doubled word": ("typing or spacing slip", "low"),
    "words run together": ("typing or spacing slip", "low"),
    "a or an": ("agreement or grammar slip", "low"),
    "have be": ("agreement or grammar slip", "medium"),
    "modal and past form": ("agreement or grammar slip", "medium"),
    "broken sentence": ("broken sentence or boundary", "medium"),
}
#: A name's form in the who's who, as a flag says it, and its severity.
NAME_FORMS = {
    "transliteration": ("a transliteration no English source uses", "low"),
    "error": ("a misspelt or garbled name", "medium"),
}
CURATED, WHOS_WHO = "curated list", "who's who"


class IntegrityError(InputError):
    """Bad curated list of integrity phrases; names the file and every problem."""

    kind = "text-integrity input"


def integrity_phrases_csv() -> Path:
    """The curated list, ``data/integrity_phrases.csv``."""
    return paths.data_dir() / "integrity_phrases.csv"


def body_units(corpus: Corpus) -> pd.DataFrame:
    """Every stretch of an article's body the detectors read: its sentences (``s12``) and its
    headings (``heading 2``), with offsets into the raw file and the text at them."""
    sentences = corpus.sentences.assign(
        unit="s" + corpus.sentences["sentence"].astype(str), is_sentence=True
    )
    headings = corpus.paragraphs[corpus.paragraphs["kind"] == "heading"].copy()
    headings["unit"] = "heading " + (headings.groupby("article_id").cumcount() + 1).astype(str)
    headings["is_sentence"] = False
    units = pd.concat([sentences, headings], ignore_index=True)[
        ["article_id", "unit", "start", "end", "text", "is_sentence"]
    ]
    return units.sort_values(["article_id", "start"], kind="stable").reset_index(drop=True)


def _unit_at(units: pd.DataFrame, article: str, start: int, end: int) -> str | None:
    """The sentence or heading a quote at ``start``..``end`` begins in, if any."""
    mine = units[(units["article_id"] == article) & (units["start"] <= start)
                 & (units["end"] > start)]  # fmt: skip
    return None if mine.empty or end <= start else str(mine["unit"].iloc[0])


def _occurrences(raw: str, quote: str) -> list[tuple[int, int]]:
    pattern = (r"\b" if quote[:1].isalnum() else "") + re.escape(quote)
    pattern += r"\b" if quote[-1:].isalnum() else ""
    return [(m.start(), m.end()) for m in re.finditer(pattern, raw)]


def _phrase_problems(
    row: dict[str, str], where: str, raw: str | None, units: pd.DataFrame, known: set[str]
) -> list[str]:
    required = ("article", "quote", "category", "severity", "evidence", "source")
    problems = text_problems(row, where, required)
    if row["category"] and row["category"] not in CATEGORIES:
        problems.append(f"{where}: category {row['category']!r} is not one of {tuple(CATEGORIES)}")
    if row["severity"] and row["severity"] not in SEVERITIES:
        problems.append(f"{where}: severity {row['severity']!r} is not one of {SEVERITIES}")
    if row["likely_original"] and row["original_basis"] not in BASES:
        problems.append(
            f"{where}: a likely original needs original_basis, one of {BASES} "
            f"(not {row['original_basis']!r})"
        )
    problems += [f"{where}: {p}" for p in unknown_keys(row["source"], known)]
    if raw is None:
        return [*problems, f"{where}: article {row['article']!r} is not in articles.csv"]
    if row["quote"]:
        found = _occurrences(raw, row["quote"])
        if not found:
            problems.append(f"{where}: the quote does not occur in the article")
        elif not any(_unit_at(units, row["article"], a, b) for a, b in found):
            problems.append(f"{where}: the quote occurs only outside the article's body")
    return problems


def load_integrity_phrases(corpus: Corpus, csv_path: Path | None = None) -> pd.DataFrame:
    """Read and check the curated list: every quote in its article's body, known categories,
    severities and bases, a source for every row, no row twice."""
    csv_path = csv_path or integrity_phrases_csv()
    table = read_text_csv(csv_path, PHRASE_COLUMNS, IntegrityError)
    texts = dict(zip(corpus.articles["id"], corpus.articles["raw_text"], strict=True))
    units, known = body_units(corpus), bib_keys()
    problems = []
    for row_no, row in records(table):
        where = f"row {row_no} ({row['article']} {row['quote']!r})"
        problems += _phrase_problems(row, where, texts.get(row["article"]), units, known)
    pairs = table.assign(pair=table["article"] + " " + table["quote"])
    problems += duplicate_problems(pairs, "pair", "article and quote(s)")
    if problems:
        raise IntegrityError([(csv_path, problem) for problem in problems])
    return table


def _curated_flags(corpus: Corpus, phrases: pd.DataFrame, units: pd.DataFrame) -> list[dict]:
    texts = dict(zip(corpus.articles["id"], corpus.articles["raw_text"], strict=True))
    rows = []
    for row in phrases.to_dict("records"):
        for start, end in _occurrences(texts[row["article"]], row["quote"]):
            unit = _unit_at(units, row["article"], start, end)
            if unit:
                rows.append({**row, "sentence": unit, "start": start, "end": end,
                             "rule": CURATED})  # fmt: skip
    return rows


def _name_flags(corpus: Corpus, actors: Actors, units: pd.DataFrame) -> list[dict]:
    texts = dict(zip(corpus.articles["id"], corpus.articles["raw_text"], strict=True))
    names = actors.actors.set_index("id")["name"]
    flagged = actors.spellings[actors.spellings["form"].isin(NAME_FORMS)]
    rows: list[dict] = []
    # the longest spelling first, so that "Blairs" inside "Tony Blairs" is not flagged again
    for row in flagged.sort_values("spelling", key=lambda s: -s.str.len()).itertuples():
        what, severity = NAME_FORMS[row.form]
        taken = [(r["start"], r["end"]) for r in rows if r["article"] == row.article]
        for start, end in _occurrences(texts[row.article], row.spelling):
            unit = _unit_at(units, row.article, start, end)
            if not unit or any(a <= start and end <= b for a, b in taken):
                continue
            note = f"; {row.note}" if row.note else ""
            rows.append({
                "article": row.article, "sentence": unit, "quote": row.spelling,
                "start": start, "end": end, "category": "mangled or transliterated name",
                "likely_original": names[row.actor], "original_basis": "source",
                "severity": severity, "evidence": f"{what}{note}", "source": "",
                "rule": WHOS_WHO,
            })  # fmt: skip
    return rows


def _rule_flags(corpus: Corpus, actors: Actors, units: pd.DataFrame) -> list[dict]:
    correct = actors.spellings.loc[actors.spellings["form"] != "error", "spelling"]
    rows = []
    for article, mine in units.groupby("article_id", sort=False):
        words = words_of(" ".join(mine["text"]))
        for unit in mine.itertuples():
            hits = rule_hits(unit.text, words)
            hits += list(broken_start(unit.text)) if unit.is_sentence else []
            for hit in hits:
                quote = hit.quote(unit.text)
                if hit.rule == "words run together" and any(quote in s for s in correct):
                    continue  # a name the who's who records as written correctly
                category, severity = RULE_CATEGORIES[hit.rule]
                rows.append({
                    "article": article, "sentence": unit.unit, "quote": quote,
                    "start": unit.start + hit.start, "end": unit.start + hit.end,
                    "category": category, "likely_original": hit.likely_original,
                    "original_basis": "argued" if hit.likely_original else "",
                    "severity": severity, "evidence": f"rule: {hit.note}", "source": "",
                    "rule": hit.rule,
                })  # fmt: skip
    return rows


def integrity_flags(corpus: Corpus, actors: Actors, phrases: pd.DataFrame) -> pd.DataFrame:
    """Every flag, one row per place in the text (columns :data:`COLUMNS`), in text order."""
    units = body_units(corpus)
    rows = [
        *_curated_flags(corpus, phrases, units),
        *_name_flags(corpus, actors, units),
        *_rule_flags(corpus, actors, units),
    ]
    table = pd.DataFrame(rows, columns=COLUMNS)
    table = table.drop_duplicates(["article", "start", "end"], keep="first")
    return table.sort_values(["article", "start", "end"], kind="stable").reset_index(drop=True)


def flag_counts(flags: pd.DataFrame, articles: list[str]) -> pd.DataFrame:
    """Articles x categories: how many flags of each (every category a column, headed by its
    short name, in order), and all of them."""
    counts = flags.groupby(["article", "category"]).size().unstack(fill_value=0)
    counts = counts.reindex(index=articles, columns=list(CATEGORIES), fill_value=0)
    counts = counts.rename(columns=SHORT_NAMES)
    counts["all"] = counts.sum(axis=1)
    return counts.rename_axis(None, axis=1).rename_axis("article").reset_index()


def flags_table(flags: pd.DataFrame) -> pd.DataFrame:
    """The flags as a reader reads them: where, the quote, what kind, the likely original
    with how it is known, the severity, the evidence and its sources (bibliography keys)."""
    original = flags["likely_original"].where(
        flags["likely_original"] == "",
        flags["likely_original"] + " (" + flags["original_basis"] + ")",
    )
    return pd.DataFrame({
        "article": flags["article"], "where": flags["sentence"], "quote": flags["quote"],
        "category": flags["category"], "likely original": original,
        "severity": flags["severity"], "evidence": flags["evidence"], "sources": flags["source"],
    })  # fmt: skip


def category_table() -> pd.DataFrame:
    """The categories of flag: each with its short name and what it means."""
    return pd.DataFrame({
        "category": list(CATEGORIES), "short name": [SHORT_NAMES[c] for c in CATEGORIES],
        "what it means": list(CATEGORIES.values()),
    })  # fmt: skip


def flag_effect(corpus: Corpus, flags: pd.DataFrame) -> pd.DataFrame:
    """Per article: Flesch reading ease and the Flesch-Kincaid grade on the whole body and on
    the body without the flagged sentences, and how many sentences were left out."""
    flagged = set(zip(flags["article"], flags["sentence"], strict=True))
    rows = []
    for article, group in corpus.sentences.groupby("article_id", sort=False):
        keep = [(article, f"s{n}") not in flagged for n in group["sentence"]]
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


def flag_marks(flags: pd.DataFrame) -> pd.DataFrame:
    """Where each flag stands in the raw text, to mark it in the article: ``article``,
    ``start``, ``end`` and ``category``, one row per marked span."""
    marks = flags[["article", "start", "end", "category"]]
    return marks.drop_duplicates(["article", "start", "end"]).reset_index(drop=True)


def flags_overlapping(flags: pd.DataFrame, article: str, start: int, end: int) -> pd.DataFrame:
    """The flags of one article whose words overlap ``start``..``end``."""
    mine = flags[flags["article"] == article]
    return mine[(mine["start"] < end) & (mine["end"] > start)]


def integrity_facts(flags: pd.DataFrame, labels: dict[str, str]) -> dict[str, object]:
    """Counts for the prose: flags in all, by severity, in headings, and the flagged articles."""
    severity = flags["severity"].value_counts()
    return {
        "n_flags": len(flags),
        **{f"n_flags_{level}": int(severity.get(level, 0)) for level in SEVERITIES},
        "n_flags_headings": int(flags["sentence"].str.startswith("heading").sum()),
        "n_flags_curated": int((flags["rule"] == CURATED).sum()),
        "n_flags_names": int((flags["rule"] == WHOS_WHO).sum()),
        "n_flags_rules": int((~flags["rule"].isin([CURATED, WHOS_WHO])).sum()),
        "n_categories": len(CATEGORIES),
        "flagged_articles": (
            "every article"
            if set(labels) <= set(flags["article"])
            else ", ".join(labels.get(a, a) for a in sorted(set(flags["article"])))
        ),
    }


def integrity_note(flags: pd.DataFrame, units: pd.DataFrame, article: str, start: int,
                   end: int) -> str:  # fmt: skip
    """What the flags say of a quote at ``start``..``end``: the flagged words inside it, or
    else the flags of the sentence it stands in; empty when neither is flagged. Framing
    evidence carries this note, so that a spinner's or a translator's artefact is never read
    as the author's meaning unremarked."""
    inside = flags_overlapping(flags, article, start, end)
    if not inside.empty:
        listed = "; ".join(f"“{r.quote}” ({r.sentence}, {r.category})"
                           for r in inside.head(3).itertuples())  # fmt: skip
        more = f" and {len(inside) - 3} more" if len(inside) > 3 else ""
        return f"integrity flag on these words: {listed}{more}"
    mine = units[(units["article_id"] == article) & (units["start"] < end)
                 & (units["end"] > start)]  # fmt: skip
    near = flags[(flags["article"] == article) & flags["sentence"].isin(mine["unit"])]
    if near.empty:
        return ""
    listed = "; ".join(dict.fromkeys(f"{r.sentence}, {r.category}" for r in near.itertuples()))
    return f"its sentence is flagged: {listed}"
