"""Charts and the book's one matplotlib style. Plot functions take DataFrames, return Figures.

Figures are shown with :func:`show_figure`, which renders a PNG with fixed metadata (so two builds
give identical files) and stores the alt text in it, from which the ``helpers.image_alt``
Sphinx extension puts it on the ``<img>``. The caption and
the label for ``{numref}`` go in the code cell's ``mystnb: figure:`` metadata.
"""

from __future__ import annotations

import io

import matplotlib as mpl
import pandas as pd
from matplotlib.figure import Figure

#: Okabe & Ito's colour-blind-safe palette.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
    "grey": "#999999",
}

STYLE = {
    "figure.figsize": (7.0, 3.6),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "font.size": 11,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 11,
    "xtick.labelsize": 10,
    "ytick.labelsize": 10,
    "legend.fontsize": 10,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": mpl.cycler(color=list(PALETTE.values())),
    "svg.hashsalt": "kazakhstan-book",
    # Labels come from data (outlet names): "$" must not start mathtext.
    "text.parse_math": False,
    "path.simplify": False,
}


def new_figure(**kwargs: object) -> Figure:
    """A Figure in the book's style, outside pyplot (so it is shown once, where we choose)."""
    with mpl.rc_context(STYLE):
        figure = Figure(**kwargs)
        figure.set_layout_engine("constrained")
    return figure


def png_bytes(figure: Figure, alt: str = "") -> bytes:
    """The figure as PNG, with no software-version metadata, so the bytes are reproducible. The
    alt text, if given, goes in the PNG's ``Description`` (see :mod:`helpers.image_alt`)."""
    buffer = io.BytesIO()
    metadata = {"Software": None, "Description": alt or None}
    with mpl.rc_context(STYLE):
        figure.savefig(buffer, format="png", metadata=metadata)
    return buffer.getvalue()


def show_figure(figure: Figure, alt: str) -> None:
    """Display a figure as a PNG with alt text (caption and label come from cell metadata)."""
    from IPython.display import Image, display

    if not alt.strip():
        raise ValueError("every figure needs alt text that describes what it shows")
    display(Image(data=png_bytes(figure, alt=alt)))


def words_kept_removed_chart(summary: pd.DataFrame) -> Figure:
    """Horizontal stacked bars: body, heading and removed words per article.

    ``summary`` is :func:`helpers.corpus.summary_table`'s output.
    """
    parts = [
        ("body words", "article body", PALETTE["blue"]),
        ("heading words", "headings", PALETTE["sky"]),
        ("removed words", "removed by cleaning", PALETTE["orange"]),
    ]
    share = summary["removed share"]
    figure = new_figure()
    with mpl.rc_context(STYLE):
        axes = figure.add_subplot()
        labels = summary["label"]
        left = pd.Series(0, index=summary.index)
        for column, label, colour in parts:
            axes.barh(labels, summary[column], left=left, label=label, color=colour)
            left = left + summary[column]
        axes.invert_yaxis()
        axes.set_xlabel("words")
        figure.suptitle(
            f"Cleaning removes {share.min():.0%} to {share.max():.0%} of each page's words",
            x=0.01,
            ha="left",
            fontsize=STYLE["axes.titlesize"],
            fontweight=STYLE["axes.titleweight"],
        )
        figure.legend(loc="outside lower center", ncols=len(parts))
    return figure


def words_kept_removed_alt(summary: pd.DataFrame) -> str:
    """Alt text for :func:`words_kept_removed_chart`, stating what the bars show for this data."""
    share = summary["removed share"]
    most = share.idxmax()
    untouched = summary.loc[summary["removed words"] == 0, "id"].tolist()
    text = (
        f"Horizontal stacked bar chart, one bar for each of {len(summary)} articles, of the words "
        "in the article body, its headings and the text removed by cleaning. The largest removed "
        f"part is in article {summary.loc[most, 'id']} ({summary.loc[most, 'outlet']}), "
        f"{share[most]:.0%} of its words."
    )
    if untouched:
        text += f" Nothing is removed from article(s) {', '.join(untouched)}."
    return text
