"""Charts for the contested figures: official tallies over time with the articles' figures.

The official tallies come from the timeline (one row per announcement); the articles' figures
come from the curated checks, drawn as the interval each figure stands for, at the article's
publication date (a bar across the month for an article dated only to the month).
"""

from __future__ import annotations

import math

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.corpus import article_labels
from helpers.dates import date_span, human_date
from helpers.plots import PALETTE, STYLE, new_figure

#: Panels: (topic in claims.csv, timeline measure of the official series, title).
PANELS = (
    ("death toll", "people killed", "Deaths"),
    ("detained", "people detained", "Detentions"),
)
#: Other official series drawn as points on the deaths panel.
PART_SERIES = {
    "rioters killed": PALETTE["orange"],
    "security personnel killed": PALETTE["purple"],
    "people killed (Ombudswoman's count)": PALETTE["green"],
}
WINDOW = ("2022-01-01", "2022-03-31")


def _official(axes: Axes, series: pd.DataFrame, window: tuple[pd.Timestamp, pd.Timestamp]) -> None:
    """A step line through the announcements (withdrawn ones as crosses, not in the line)."""
    withdrawn = series["note"].str.contains("withdrawn|not confirmed", case=False)
    kept = series[~withdrawn]
    xs = list(kept["start"]) + [window[1]]
    ys = list(kept["value"]) + [kept["value"].iloc[-1]] if len(kept) else []
    if len(kept):
        axes.step(xs, ys, where="post", color=PALETTE["blue"], lw=2, label="official count")
        axes.plot(kept["start"], kept["value"], "o", color=PALETTE["blue"], ms=4)
    for row in series[withdrawn].itertuples():
        axes.plot(row.start, row.value, "x", color=PALETTE["blue"], ms=7, mew=2)
        axes.annotate(f"{row.value:,.0f} withdrawn", (row.start, row.value), xytext=(5, 4),
                      textcoords="offset points", fontsize=8)  # fmt: skip


def _article_figures(axes: Axes, claims: pd.DataFrame, articles: pd.DataFrame, top: float) -> None:
    published = articles.set_index("id")["published"]
    labels = article_labels(articles)
    for row in claims.itertuples():
        first, last = date_span(published[row.article])
        middle = first + (last - first) / 2
        high = top if math.isinf(row.high) else row.high
        colour = PALETTE["vermillion"]
        if first != last:
            axes.hlines(row.low, first, last, color=colour, lw=3)
        if row.low != high:
            axes.vlines(middle, row.low, high, color=colour, lw=3)
            if math.isinf(row.high):
                axes.plot(middle, high, "^", color=colour, ms=7)
        axes.plot(middle, row.low, "s", color=colour, ms=6)
        axes.annotate(labels[row.article], (middle, row.low), xytext=(5, -4),
                      textcoords="offset points", fontsize=8, color=colour, fontweight="bold",
                      va="top")  # fmt: skip


def tallies_chart(timeline: pd.DataFrame, claims: pd.DataFrame, articles: pd.DataFrame) -> Figure:
    """Two panels (deaths, detentions): the official counts as step lines over
    :data:`WINDOW`, and each article's figure as its interval at its publication date."""
    window = (pd.Timestamp(WINDOW[0]), pd.Timestamp(WINDOW[1]))
    inside = timeline[timeline["start"].between(*window)]
    figure = new_figure(figsize=(7.0, 6.4))
    with mpl.rc_context(STYLE):
        panels = figure.subplots(2, 1, sharex=True)
        for axes, (topic, measure, title) in zip(panels, PANELS, strict=True):
            series = inside[inside["measure"] == measure]
            mine = claims[(claims["topic"] == topic) & claims["low"].notna()]
            top = 1.15 * max([*series["value"], *mine["low"]], default=1)
            _official(axes, series, window)
            if topic == "death toll":
                for part, colour in PART_SERIES.items():
                    points = inside[inside["measure"] == part]
                    axes.plot(points["start"], points["value"], "D", color=colour, ms=4,
                              label=part)  # fmt: skip
            _article_figures(axes, mine, articles, top)
            axes.set_ylim(0, top)
            axes.set_title(title, fontsize=11)
            axes.yaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
            axes.grid(axis="y", color="#dddddd", lw=0.5)
            axes.plot([], [], "s-", color=PALETTE["vermillion"], lw=3, label="an article's figure")
            axes.legend(loc="center right", fontsize=8)
        panels[-1].set_xlim(*window)
        panels[-1].xaxis.set_major_locator(mdates.MonthLocator())
        panels[-1].xaxis.set_minor_locator(mdates.DayLocator(bymonthday=(8, 15, 22)))
        panels[-1].xaxis.set_major_formatter(mdates.DateFormatter("1 %b %Y"))
    return figure


def tallies_alt(timeline: pd.DataFrame, claims: pd.DataFrame) -> str:
    """Alt text for :func:`tallies_chart`, from the data it shows."""
    window = (pd.Timestamp(WINDOW[0]), pd.Timestamp(WINDOW[1]))
    inside = timeline[timeline["start"].between(*window)]
    parts = []
    for topic, measure, title in PANELS:
        series = inside[inside["measure"] == measure]
        steps = ", ".join(
            f"{v:,.0f} on {human_date(d)}"
            for d, v in zip(series["date"], series["value"], strict=True)
        )
        figures = "; ".join(
            f"{r.article}: {r.figure}" for r in claims[claims["topic"] == topic].itertuples()
        )
        parts.append(f"{title}: official counts {steps}. Articles: {figures}.")
    lead = "Two step charts, January to March 2022, of official counts with the articles' figures"
    return f"{lead} marked. " + " ".join(parts)
