"""The background chapter's timeline figure: an overview panel and a zoom panel.

Events sit in one lane per category. The key events (``data/timeline_key_events.csv``) are named
in words, so the figure reads without a table; the others are dots, listed with their numbers in
the appendix's table of every event. Labels that would collide are moved down a row
(:func:`pack_intervals`); a label that would run past the right edge stands to the left of its
event. Each article's publication date is drawn across both panels: a line for a date known to
the day, a bar along the top for one known only to the month.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib as mpl
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from helpers.corpus import article_labels
from helpers.dates import date_span, human_date
from helpers.plots import PALETTE, STYLE, new_figure
from helpers.timeline import CATEGORIES

CATEGORY_COLOURS = dict(
    zip(
        CATEGORIES,
        [PALETTE[c] for c in ("blue", "vermillion", "purple", "orange", "green", "sky")],
        strict=True,
    )
)
ARTICLE_COLOUR = "#555555"
LABEL_SIZE = 8
EVENT_LABEL_SIZE = 7
#: Width of one character of an event's label (7 pt), and the gap before it, in inches.
EVENT_CHAR_INCHES, EVENT_GAP_INCHES = 0.056, 0.12
ROW_INCHES = 0.16
#: Width of one character of an article's label, in inches (bold, 8 pt).
CHAR_INCHES = 0.065
AXES_INCHES = 6.1  # the plotting width of a 7-inch figure, after the lane names


def pack_intervals(intervals: Sequence[tuple[float, float]]) -> list[int]:
    """Give each interval (start, end), in order of start, the lowest level on which it starts
    after the previous interval on that level ends, so labels on one level never overlap."""
    ends: list[float] = []
    levels = []
    for start, end in intervals:
        for level, last_end in enumerate(ends):
            if start >= last_end:
                ends[level] = end
                levels.append(level)
                break
        else:
            ends.append(end)
            levels.append(len(ends) - 1)
    return levels


def lane_layout(
    events: pd.DataFrame,
    window: tuple[pd.Timestamp, pd.Timestamp],
    labels: Mapping[str, str],
    unlabelled: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> tuple[pd.DataFrame, dict[str, tuple[float, float]]]:
    """Where each event inside ``window`` goes: ``events`` with a ``y`` column, its ``label``
    (from ``labels``, by event id; empty for an unnamed event) and the label's side (``ha``),
    and each lane's (bottom, top) in rows. Lanes follow :data:`CATEGORIES` from the top down.
    Events inside ``unlabelled`` (the zoom window, seen in the overview) are not named there."""
    days = (window[1] - window[0]).days
    days_per_inch = days / AXES_INCHES
    inside = events[(events["start"] >= window[0]) & (events["start"] <= window[1])].copy()
    inside["label"] = inside["id"].map(lambda i: labels.get(i, ""))
    if unlabelled is not None:
        inside.loc[inside["start"].between(*unlabelled), "label"] = ""
    inside["ha"] = "left"
    inside["y"] = 0.0
    lanes = {}
    top = 0.0
    for category in CATEGORIES:
        lane = inside[inside["category"] == category].sort_values("start", kind="stable")
        named = lane[lane["label"] != ""]
        intervals, sides = [], []
        for event in named.itertuples():
            exact = event.precision == "day"
            anchor = ((event.start if exact else event.end) - window[0]).days
            width = (EVENT_GAP_INCHES + EVENT_CHAR_INCHES * len(event.label)) * days_per_inch
            if anchor + width > days:  # no room on the right: the label stands on the left
                intervals.append((anchor - width, anchor))
                sides.append("right")
            else:
                intervals.append((anchor, anchor + width))
                sides.append("left")
        order = sorted(range(len(intervals)), key=lambda i: intervals[i][0])
        levels = [0] * len(intervals)
        for i, level in zip(order, pack_intervals([intervals[i] for i in order]), strict=True):
            levels[i] = level
        # Unnamed events share the lane's first row; named ones then start on the next, so
        # that no label runs over an unnamed dot.
        first = 1 if len(named) < len(lane) and len(named) else 0
        height = max(levels, default=0) + 1 + first
        inside.loc[lane.index, "y"] = top - 0.5
        inside.loc[named.index, "y"] = [top - 0.5 - first - level for level in levels]
        inside.loc[named.index, "ha"] = sides
        lanes[category] = (top - height, top)
        top -= height + 0.4
    return inside, lanes


def _draw_events(axes: Axes, placed: pd.DataFrame) -> None:
    for event in placed.itertuples():
        colour = CATEGORY_COLOURS[event.category]
        exact = event.precision == "day"
        if not exact:
            axes.plot([event.start, event.end], [event.y] * 2, color=colour, lw=1.5)
        axes.plot(
            event.start + (event.end - event.start) / 2,
            event.y,
            marker="o",
            markersize=4.5,
            color=colour,
            markerfacecolor=colour if exact else "white",
        )
        if event.label:  # beside the marker, or beside the span of an imprecise date
            left = event.ha == "left"
            axes.annotate(
                event.label,
                ((event.end if left else event.start) if not exact else event.start, event.y),
                xytext=(4 if left else -4, 0),
                textcoords="offset points",
                ha=event.ha,
                va="center",
                fontsize=EVENT_LABEL_SIZE,
            )


def _draw_articles(
    axes: Axes,
    articles: pd.DataFrame,
    window: tuple[pd.Timestamp, pd.Timestamp],
    unlabelled: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> int:
    """Draw each article's date and label; return how many levels of labels it took. A label
    starts at its article's date (its line, or the start of its month's bar), so each label
    stands over its own mark; articles inside ``unlabelled`` (the zoom window, seen in the
    overview) are drawn but named only in the zoom panel."""
    spans = [date_span(d) for d in articles["published"]]
    labels = article_labels(articles)
    inside = [
        (labels[article_id], first, last)
        for article_id, (first, last) in zip(articles["id"], spans, strict=True)
        if last >= window[0] and first <= window[1]
    ]
    days_per_inch = (window[1] - window[0]).days / AXES_INCHES
    named = [
        i for i, (_, first, _) in enumerate(inside)
        if unlabelled is None or not unlabelled[0] <= first <= unlabelled[1]
    ]  # fmt: skip
    days = (window[1] - window[0]).days
    intervals, sides = {}, {}
    for i in named:
        start = (inside[i][1] - window[0]).days
        width = (len(inside[i][0]) * CHAR_INCHES + 0.1) * days_per_inch
        right = start + width > days  # no room to the right: the label ends at the date
        sides[i] = "right" if right else "left"
        intervals[i] = (start - width, start) if right else (start, start + width)
    order = sorted(intervals, key=lambda i: intervals[i][0])
    levels = dict(zip(order, pack_intervals([intervals[i] for i in order]), strict=True))
    for i, (label, first, last) in enumerate(inside):
        if first == last:
            axes.axvline(first, color=ARTICLE_COLOUR, lw=1, ls="--", zorder=0)
        else:  # known only to the month: a bar along the top edge over the whole month
            axes.plot(
                [first, last + pd.Timedelta(days=1)],
                [1.0, 1.0],
                transform=axes.get_xaxis_transform(),
                color=ARTICLE_COLOUR,
                lw=4,
                solid_capstyle="butt",
                clip_on=False,
            )
        if i not in levels:
            continue
        axes.annotate(
            label,
            (first, 1.0),
            xycoords=("data", "axes fraction"),
            xytext=(0, 4 + 9 * levels[i]),
            textcoords="offset points",
            ha=sides[i],
            va="bottom",
            fontsize=LABEL_SIZE,
            fontweight="bold",
            color=ARTICLE_COLOUR,
        )
    return max(levels.values(), default=-1) + 1


def _panel(
    axes: Axes,
    events: pd.DataFrame,
    articles: pd.DataFrame,
    window: tuple[pd.Timestamp, pd.Timestamp],
    labels: Mapping[str, str],
    zoomed: tuple[pd.Timestamp, pd.Timestamp] | None = None,
) -> int:
    """Draw one panel; return how many levels of article labels stand above it."""
    placed, lanes = lane_layout(events, window, labels, unlabelled=zoomed)
    _draw_events(axes, placed)
    if zoomed is not None:
        axes.axvspan(*zoomed, color=PALETTE["yellow"], alpha=0.35, lw=0, zorder=0)
    levels = _draw_articles(axes, articles, window, unlabelled=zoomed)
    axes.set_yticks([(bottom + top) / 2 for bottom, top in lanes.values()], list(lanes))
    for bottom, top in list(lanes.values())[1::2]:
        axes.axhspan(bottom - 0.2, top + 0.2, color="#f2f2f2", lw=0, zorder=-1)
    axes.tick_params(axis="y", length=0)
    axes.set_ylim(min(b for b, _ in lanes.values()) - 0.3, 0.3)
    axes.set_xlim(*window)
    axes.spines["left"].set_visible(False)
    return levels


def timeline_chart(
    timeline: pd.DataFrame,
    articles: pd.DataFrame,
    labels: Mapping[str, str],
    overview: tuple[str, str] = ("1990-01-01", "2022-12-31"),
    zoom: tuple[str, str] = ("2021-12-01", "2022-03-31"),
) -> Figure:
    """Two panels: the whole period, and a zoom on the unrest and its aftermath.

    The events in ``labels`` (by id; :func:`helpers.timeline.load_key_events`) are named;
    events inside the zoom window are named only in the zoom panel. Articles are drawn by their
    labels at their publication dates, taken from ``articles["published"]``.
    """
    events = timeline
    whole = (pd.Timestamp(overview[0]), pd.Timestamp(overview[1]))
    close = (pd.Timestamp(zoom[0]), pd.Timestamp(zoom[1]))
    rows = [lane_layout(events, whole, labels, close)[1], lane_layout(events, close, labels)[1]]
    heights = [-min(b for b, _ in lanes.values()) + 2.5 for lanes in rows]
    figure = new_figure(figsize=(7.0, ROW_INCHES * sum(heights) + 1.0))
    with mpl.rc_context(STYLE):
        top, bottom = figure.subplots(2, 1, height_ratios=heights)
        levels = _panel(top, events, articles, whole, labels, zoomed=close)
        # The title stands above the article labels.
        top.set_title(f"{whole[0].year}–{whole[1].year}", fontsize=10, loc="left",
                      pad=8 + 9 * levels)  # fmt: skip
        top.xaxis.set_major_locator(mdates.YearLocator(2))
        top.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        top.tick_params(axis="x", labelsize=8)
        levels = _panel(bottom, events, articles, close, labels)
        bottom.set_title(
            f"Zoom: {human_date(zoom[0][:7])} to {human_date(zoom[1][:7])} (shaded above)",
            fontsize=10,
            loc="left",
            pad=8 + 9 * levels,
        )
        bottom.xaxis.set_major_locator(mdates.MonthLocator())
        bottom.xaxis.set_minor_locator(mdates.DayLocator(bymonthday=(8, 15, 22)))
        bottom.xaxis.set_major_formatter(mdates.DateFormatter("1 %b %Y"))
        bottom.tick_params(axis="x", labelsize=8)
        bottom.grid(axis="x", which="both", color="#dddddd", lw=0.5, zorder=-2)
        for axes in (top, bottom):
            axes.tick_params(axis="y", labelsize=8)
    return figure


def timeline_alt(
    timeline: pd.DataFrame, articles: pd.DataFrame, labels: Mapping[str, str]
) -> str:
    """Alt text for :func:`timeline_chart`, built from the data it shows."""
    dated = "; ".join(
        f"{row.id} ({row.outlet}), {human_date(row.published)}"
        for row in articles.itertuples(index=False)
    )
    counts = timeline["category"].value_counts()
    lanes = ", ".join(f"{category} ({counts.get(category, 0)})" for category in CATEGORIES)
    dates = timeline.set_index("id")["date"]
    named = "; ".join(f"{label}, {human_date(dates[event])}" for event, label in labels.items())
    return (
        f"Timeline in two panels of {len(timeline)} events, from "
        f"{human_date(timeline['date'].iloc[0])} to {human_date(timeline['date'].iloc[-1])}, "
        f"in lanes by category: {lanes}. The lower panel enlarges December 2021 to March 2022. "
        f"The key events are named: {named}. "
        f"Vertical marks show when each article was published: {dated}."
    )
