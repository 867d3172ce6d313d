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
from helpers.timeline import death_tolls

#: Panels of :func:`tallies_chart`: (topic in claims.csv, timeline measure, title). The dead
#: have a chart of their own, :func:`death_toll_chart`.
PANELS = (("detained", "people detained", "Detentions"),)
#: Other official series drawn as points on the deaths panel.
PART_SERIES = {
    '"armed criminals" killed': PALETTE["orange"],
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
    """One panel per :data:`PANELS` topic (the detained): the official counts as step lines
    over :data:`WINDOW`, and each article's figure as its interval at its publication date."""
    window = (pd.Timestamp(WINDOW[0]), pd.Timestamp(WINDOW[1]))
    inside = timeline[timeline["start"].between(*window)]
    figure = new_figure(figsize=(7.0, 3.4 * len(PANELS)))
    with mpl.rc_context(STYLE):
        panels = figure.subplots(len(PANELS), 1, sharex=True, squeeze=False)[:, 0]
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
    lead = "Step chart, January to March 2022, of official counts with the articles' figures"
    return f"{lead} marked. " + " ".join(parts)


#: Colours of the official death counts, by what they count.
TOLL_COLOURS = {
    "people killed": PALETTE["blue"],
    "security personnel killed": PALETTE["purple"],
    '"armed criminals" killed': PALETTE["orange"],
    "people killed (Ombudswoman's count)": PALETTE["green"],
}


def death_toll_rows(
    timeline: pd.DataFrame, claims: pd.DataFrame, articles: pd.DataFrame
) -> pd.DataFrame:
    """One row per official count of the dead since the unrest began, and one per article's
    figure for the death toll, in order of date (an article dated only to the month at the
    month's start): ``when`` (in words), ``who`` (the official wording, or the article's label
    and figure), ``low``, ``high`` (infinite for a figure with no upper end), ``kind`` (the
    measure, or ``article``) and ``withdrawn``."""
    official = death_tolls(timeline)
    rows = [
        {
            "start": date_span(toll.date)[0],
            "when": human_date(toll.date),
            "who": toll.measure,
            "low": float(toll.value),
            "high": float(toll.value),
            "kind": toll.measure,
            "withdrawn": bool(toll.withdrawn),
        }
        for toll in official.itertuples()
    ]
    published = articles.set_index("id")["published"]
    labels = article_labels(articles)
    for claim in claims[(claims["topic"] == "death toll") & claims["low"].notna()].itertuples():
        rows.append(
            {
                "start": date_span(published[claim.article])[0],
                "when": human_date(published[claim.article]),
                "who": f'{labels[claim.article]}: "{claim.figure}"',
                "low": float(claim.low),
                "high": float(claim.high),
                "kind": "article",
                "withdrawn": False,
            }
        )
    table = pd.DataFrame(rows)
    # Official counts before articles of the same day: an article can only use what it knew.
    table["order"] = (table["kind"] == "article").astype(int)
    return table.sort_values(["start", "order"], kind="stable").drop(columns="order").reset_index(
        drop=True
    )


def _value_text(row: object) -> str:
    if row.low == row.high:
        text = f"{row.low:,.0f}"
    elif math.isinf(row.high):
        text = f"{row.low:,.0f} or more"
    else:
        text = f"{row.low:,.0f} to {row.high:,.0f}"
    return f"{text} (withdrawn)" if row.withdrawn else text


def death_toll_chart(rows: pd.DataFrame) -> Figure:
    """Horizontal bars, one per row of :func:`death_toll_rows`, top to bottom in order of date:
    each official count with its date and wording, and each article's figure as the range its
    words stand for. Every bar is labelled with its number; a withdrawn count is hatched."""
    height = 0.32 * len(rows) + 0.9
    figure = new_figure(figsize=(7.0, height))
    with mpl.rc_context(STYLE):
        axes = figure.subplots()
        finite = [v for v in [*rows["low"], *rows["high"]] if not math.isinf(v)]
        top = 1.2 * max(finite, default=1)
        for y, row in enumerate(rows.itertuples()):
            colour = PALETTE["vermillion"] if row.kind == "article" else TOLL_COLOURS.get(
                row.kind, PALETTE["blue"]
            )
            high = top if math.isinf(row.high) else row.high
            if row.kind == "article":  # the range the article's words allow
                axes.barh(y, max(high - row.low, top * 0.004), left=row.low, height=0.55,
                          color=colour, alpha=0.35, edgecolor=colour)  # fmt: skip
                axes.plot([row.low], [y], "s", color=colour, ms=5)
            else:
                axes.barh(y, row.low, height=0.6, color="white" if row.withdrawn else colour,
                          edgecolor=colour, hatch="///" if row.withdrawn else None)  # fmt: skip
            end = min(high, top)
            axes.annotate(_value_text(row), (end, y), xytext=(4, 0), textcoords="offset points",
                          va="center", fontsize=8, color="#222222")  # fmt: skip
        axes.set_yticks(range(len(rows)), [f"{r.when}  {r.who}" for r in rows.itertuples()],
                        fontsize=8)  # fmt: skip
        axes.invert_yaxis()
        axes.set_xlim(0, top * 1.25)
        axes.xaxis.set_major_formatter(mpl.ticker.StrMethodFormatter("{x:,.0f}"))
        axes.grid(axis="x", color="#dddddd", lw=0.5)
        axes.tick_params(axis="y", length=0)
        axes.set_xlabel("people", fontsize=9)
        kinds = [k for k in TOLL_COLOURS if k in set(rows["kind"])]
        handles = [mpl.patches.Patch(color=TOLL_COLOURS[k], label=k) for k in kinds]
        if rows["withdrawn"].any():
            handles.append(mpl.patches.Patch(facecolor="white", edgecolor=PALETTE["blue"],
                                             hatch="///", label="withdrawn"))  # fmt: skip
        if (rows["kind"] == "article").any():
            handles.append(mpl.patches.Patch(color=PALETTE["vermillion"], alpha=0.5,
                                             label="an article's figure"))  # fmt: skip
        axes.legend(handles=handles, loc="upper center", bbox_to_anchor=(0.4, -0.1), ncol=2,
                    fontsize=7.5, frameon=False)  # fmt: skip
    return figure


def death_toll_alt(rows: pd.DataFrame) -> str:
    """Alt text for :func:`death_toll_chart`, from the rows it draws."""
    parts = "; ".join(f"{r.when}, {r.who}: {_value_text(r)}" for r in rows.itertuples())
    return (
        "Horizontal bars, in order of date, of every official count of the dead of the "
        f"January 2022 unrest and of the articles' figures for it: {parts}."
    )
