"""Charts for the readability chapter: scores against interpretation bands, and sentence lengths.

Colour is never the only cue: band names are written on the bands, scores on the markers.
"""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from helpers.plots import PALETTE, STYLE, new_figure

#: Reading-ease bands as textstat's README labels them (band tables differ between sources).
FLESCH_BANDS = (
    (0, 30, "very confusing"),
    (30, 50, "difficult"),
    (50, 60, "fairly difficult"),
    (60, 70, "standard"),
    (70, 80, "fairly easy"),
    (80, 90, "easy"),
    (90, 100, "very easy"),
)
GRADES = ("Flesch-Kincaid grade", "Gunning fog", "SMOG", "Coleman-Liau", "ARI")


def scores_chart(scores: pd.DataFrame) -> Figure:
    """Left: Flesch reading ease per article over its bands. Right: five grade-level formulas
    per article, one marker each."""
    figure = new_figure(figsize=(7.0, 3.6))
    with mpl.rc_context(STYLE):
        ease, grades = figure.subplots(1, 2, width_ratios=[1, 1.1])
        articles = list(scores["article"])
        ys = range(len(articles))
        for n, (low, high, name) in enumerate(FLESCH_BANDS[:3]):
            ease.axvspan(low, high, color="#e4e4e4" if n % 2 else "#f4f4f4", lw=0, zorder=0)
            ease.text((low + high) / 2, -0.55, name, ha="center", va="bottom", fontsize=7)
        values = scores["Flesch reading ease"]
        ease.barh(list(ys), values, color=PALETTE["blue"], height=0.55, zorder=2)
        for y, value in zip(ys, values, strict=True):
            ease.text(value + 1, y, f"{value:.1f}", va="center", fontsize=8)
        ease.set_yticks(list(ys), articles)
        ease.set_xlim(0, 60)
        ease.set_ylim(len(articles) - 0.5, -0.5)
        ease.set_xlabel("Flesch reading ease (higher is easier)", fontsize=9)
        markers = "osD^v"
        colours = [PALETTE[c] for c in ("blue", "orange", "green", "vermillion", "purple")]
        for (name, marker, colour), offset in zip(
            zip(GRADES, markers, colours, strict=True), (-0.24, -0.12, 0, 0.12, 0.24), strict=True
        ):
            grades.plot(scores[name], [y + offset for y in ys], marker, color=colour, ms=5,
                        label=name, ls="none")  # fmt: skip
        grades.set_yticks(list(ys), [""] * len(articles))  # the left panel names the rows
        grades.set_ylim(len(articles) - 0.5, -0.5)
        grades.set_xlabel("school grade (higher is harder)", fontsize=9)
        grades.grid(axis="x", color="#dddddd", lw=0.5)
        grades.legend(fontsize=7, loc="lower right")
    return figure


def scores_alt(scores: pd.DataFrame) -> str:
    """Alt text for :func:`scores_chart`."""
    ease = "; ".join(
        f"{row.article} {row._2:.1f}"
        for row in scores[["article", "Flesch reading ease"]].itertuples()
    )
    return (
        "Two panels. Left: bars of Flesch reading ease per article over Flesch's bands: "
        f"{ease}. Right: five grade-level scores per article as markers, all between "
        f"{scores[list(GRADES)].min().min():.0f} and {scores[list(GRADES)].max().max():.0f}."
    )


def sentence_length_chart(sentences: pd.DataFrame) -> Figure:
    """Words per sentence, one row of points per article, with each article's median marked."""
    figure = new_figure(figsize=(7.0, 2.8))
    with mpl.rc_context(STYLE):
        axes = figure.subplots()
        articles = list(dict.fromkeys(sentences["article_id"]))
        for y, article in enumerate(articles):
            words = sentences.loc[sentences["article_id"] == article, "words"]
            axes.plot(words, [y] * len(words), "|", color=PALETTE["blue"], ms=12, mew=1.5)
            median = float(words.median())
            axes.plot(median, y, "D", color=PALETTE["vermillion"], ms=6)
            axes.text(median, y - 0.3, f"median {median:.0f}", ha="center", fontsize=7)
        axes.set_yticks(range(len(articles)), articles)
        axes.set_ylim(len(articles) - 0.5, -0.7)
        axes.set_xlabel("words per sentence (each tick is one sentence)", fontsize=9)
        axes.grid(axis="x", color="#dddddd", lw=0.5)
    return figure


def sentence_length_alt(sentences: pd.DataFrame) -> str:
    """Alt text for :func:`sentence_length_chart`."""
    parts = []
    for article, words in sentences.groupby("article_id", sort=False)["words"]:
        parts.append(f"{article}: median {words.median():.0f}, longest {words.max()}")
    return (
        "Strip chart of sentence lengths in words, one row per article. " + "; ".join(parts) + "."
    )
