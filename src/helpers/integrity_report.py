"""The tables and counts of the chapter section on what each text is: the verdicts with their
flags, the flags of one article, and each article set beside its copies and originals."""

from __future__ import annotations

from urllib.parse import urlparse

import pandas as pd

from helpers.framing_report import Framing
from helpers.integrity import SEVERITIES, flags_table, integrity_note
from helpers.side_by_side import Siblings, copy_summary
from helpers.text_kinds import TextKinds

#: How a comparison is named in a sentence, by relation: "10 sibling copies", "the original".
RELATION_WORDS = {"sibling copy": ("sibling copy", "sibling copies"), "original": ("original",
                  "originals")}  # fmt: skip


def site(url: str) -> str:
    """The site of a web address, its last two labels: ``highlandcountychamber.com``,
    ``technetbloggers.de`` (for ``straarup-willoughby.technetbloggers.de``)."""
    host = urlparse(url).hostname or ""
    return ".".join(host.split(".")[-2:])


def compared_with(siblings: Siblings, article: str) -> str:
    """What an article was set beside, in words: ``10 sibling copies``, ``1 original``, or
    ``""``."""
    mine = siblings.copies[siblings.copies["article"] == article]
    parts = []
    for relation, group in mine.groupby("relation", sort=False):
        one, many = RELATION_WORDS[relation]
        parts.append(f"{len(group)} {one if len(group) == 1 else many}")
    return " and ".join(parts)


def verdict_table(
    kinds: TextKinds, flags: pd.DataFrame, siblings: Siblings, articles: list[str]
) -> pd.DataFrame:
    """One row per article: what the text is (a reader's verdict), its confidence, its
    integrity flags by severity, and what it was set beside."""
    rows = []
    for article in articles:
        verdict = kinds.verdict(article) or {}
        mine = flags[flags["article"] == article]["severity"].value_counts()
        rows.append({
            "article": article, "what it is": kinds.label(article),
            "confidence": verdict.get("confidence", ""), "flags": int(mine.sum()),
            **{level: int(mine.get(level, 0)) for level in SEVERITIES},
            "set beside": compared_with(siblings, article) or "no passages stored",
        })  # fmt: skip
    return pd.DataFrame(rows)


def article_flags(flags: pd.DataFrame, article: str) -> pd.DataFrame:
    """One article's flags as the reader reads them, without the article column."""
    return flags_table(flags[flags["article"] == article]).drop(columns="article")


def copies_table(
    siblings: Siblings, aligned: pd.DataFrame, urls: dict[str, str], notes: bool = False
) -> pd.DataFrame:
    """One row per copy or original: its site, relation, passages compared, median and lowest
    similarity, the forms of the key name it uses, its source (a bibliography key), and with
    ``notes`` what else sets it apart."""
    summary = copy_summary(siblings, aligned)
    table = pd.DataFrame({
        "article": summary["article"], "site": summary["copy"].map(lambda k: site(urls.get(k, ""))),
        "relation": summary["relation"], "passages": summary["passages"],
        "median similarity": summary["median similarity"], "lowest": summary["lowest"],
        "name forms": summary["name forms"], "source": summary["copy"],
    })  # fmt: skip
    return table.assign(note=summary["note"]) if notes else table


#: What the passages table calls the article itself, in the row before its copies' rows.
THIS_ARTICLE = "this article"


def passages_table(aligned: pd.DataFrame, article: str, urls: dict[str, str]) -> pd.DataFrame:
    """Every stored passage of one article, passage by passage: first the article's own words
    (site ``this article``), then each copy's site and words, the similarity, the word swaps,
    how many other changes (longer rewordings, words added or dropped), and the source."""
    mine = aligned[aligned["article"] == article]
    rows = []
    for passage, group in mine.groupby("passage", sort=False):
        rows.append({"passage": passage, "site": THIS_ARTICLE,
                     "its words": group["article_text"].iloc[0], "similarity": None,
                     "word swaps": "", "other changes": None, "source": ""})  # fmt: skip
        rows += [
            {"passage": passage, "site": site(urls.get(row.copy, "")),
             "its words": row.copy_text, "similarity": row.similarity,
             "word swaps": row.substitutions, "other changes": row.rewordings,
             "source": row.copy}
            for row in group.itertuples()
        ]  # fmt: skip
    table = pd.DataFrame(rows)
    return table.astype({"similarity": "Float64", "other changes": "Int64"})


def side_by_side_facts(siblings: Siblings, aligned: pd.DataFrame) -> dict[str, object]:
    """Counts for the prose: copies and originals, passages compared, similarity ranges (in
    whole per cent), and the distinct forms of the key name across the copies of each
    article."""
    facts: dict[str, object] = {
        "n_copies": int((siblings.copies["relation"] == "sibling copy").sum()),
        "n_originals": int((siblings.copies["relation"] == "original").sum()),
        "n_passages_compared": len(aligned),
    }
    for article, mine in aligned.groupby("article", sort=False):
        forms = siblings.copies.loc[siblings.copies["article"] == article, "name_forms"]
        distinct = sorted({f.strip() for cell in forms for f in cell.split(";") if f.strip()})
        facts |= {
            f"copies_{article}": compared_with(siblings, article),
            f"median_similarity_{article}": round(float(mine["similarity"].median())),
            f"min_similarity_{article}": round(float(mine["similarity"].min())),
            f"max_similarity_{article}": round(float(mine["similarity"].max())),
            f"n_name_forms_{article}": len(distinct),
            f"name_forms_{article}": ", ".join(distinct),
        }
    return facts


def evidence_flagged(framing: Framing) -> pd.DataFrame:
    """The reader's framing quotes that touch a flagged word or sentence: ``article``,
    ``dimension``, ``item``, ``quote`` and the ``note`` the framing tables show beside it."""
    quoted = framing.hand[framing.hand["quote"] != ""]
    notes = [
        integrity_note(framing.flags, framing.units, row.article, int(row.start), int(row.end))
        for row in quoted.itertuples()
    ]
    table = quoted.assign(note=notes)[["article", "dimension", "item", "quote", "note"]]
    return table[table["note"] != ""].reset_index(drop=True)
