"""The comparison page's heatmap: each article's generic-frame scores, by the reader and by the
rules, side by side, with the score printed in every cell (colour is never the only cue). A
corpus too large for that (more than :data:`MAX_LABELLED_ARTICLES` articles) gets colour alone and
every n-th article's label: the tables beside the chart give the numbers."""

from __future__ import annotations

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

from helpers.plots import STYLE, new_figure

#: The most articles whose cells can carry a printed score and whose ids all fit as labels.
MAX_LABELLED_ARTICLES = 20


def frame_heatmap(scores: pd.DataFrame) -> Figure:
    """Two panels of articles x frames (reader, rules); ``scores`` is
    :meth:`helpers.framing_report.Framing.frame_scores`."""
    frames = list(dict.fromkeys(scores["frame"]))
    articles = list(dict.fromkeys(scores["article"]))
    figure = new_figure(figsize=(7.0, 3.4))
    with mpl.rc_context(STYLE):
        panels = figure.subplots(1, 2, sharey=True)
        for axes, coder in zip(panels, ("reader", "rules"), strict=True):
            grid = scores.pivot(index="frame", columns="article", values=coder)
            grid = grid.loc[frames, articles]
            axes.imshow(grid.to_numpy(), cmap="Blues", vmin=0, vmax=1, aspect="auto")
            labelled = len(articles) <= MAX_LABELLED_ARTICLES
            cells = pd.DataFrame(grid.to_numpy()).stack().items() if labelled else []
            for (row, col), value in cells:
                colour = "white" if value > 0.6 else "black"
                axes.text(col, row, f"{value:.0%}", ha="center", va="center", color=colour,
                          fontsize=9)  # fmt: skip
            step = 1 if labelled else -(-len(articles) // MAX_LABELLED_ARTICLES)
            axes.set_xticks(range(0, len(articles), step), articles[::step], rotation=35,
                            ha="right", rotation_mode="anchor")  # fmt: skip
            axes.set_yticks(range(len(frames)), frames)
            axes.set_title("by the reader" if coder == "reader" else "by the rules", fontsize=10)
            axes.tick_params(length=0)
            for spine in axes.spines.values():
                spine.set_visible(False)
        panels[0].set_ylabel("")
        figure.supxlabel("article", fontsize=10)
    return figure


def frame_heatmap_alt(scores: pd.DataFrame) -> str:
    """Alt text for :func:`frame_heatmap`, naming each article's strongest frame by the reader."""
    strongest = (
        scores.sort_values("reader", ascending=False, kind="stable")
        .groupby("article", sort=True)
        .head(1)
        .sort_values("article")
    )
    listed = "; ".join(
        f"{row.article}: {row.frame} ({row.reader:.0%})" for row in strongest.itertuples()
    )
    return (
        "Two heatmaps side by side, articles across and the five generic frames down, each cell "
        "the share of a frame's questions answered yes, printed in the cell; left by the reader, "
        f"right by the rules. Strongest frame per article by the reader: {listed}."
    )
