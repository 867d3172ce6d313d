"""The timeline: the real table loads with every check passing; each check fails when it should."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from conftest import read_rows, write_rows

from helpers.bibliography import BibliographyError, bib_keys
from helpers.timeline import (
    CATEGORIES,
    TimelineError,
    articles_in_time,
    load_key_events,
    load_timeline,
    timeline_csv,
    timeline_table,
)
from helpers.timeline_chart import (
    lane_layout,
    pack_intervals,
    timeline_alt,
    timeline_chart,
)


@pytest.fixture(scope="module")
def timeline():
    return load_timeline()


def problems_of(csv_path) -> list[str]:
    with pytest.raises(TimelineError) as caught:
        load_timeline(csv_path)
    return [problem for _, problem in caught.value.problems]


def edited_copy(tmp_path, changes: dict[int, dict[str, str]], extra: list[dict] = ()):
    rows = read_rows(timeline_csv())
    for index, values in changes.items():
        rows[index].update(values)
    target = tmp_path / "timeline.csv"
    write_rows(target, [*rows, *extra])
    return target


def test_every_row_has_a_real_date_a_category_and_a_known_source(timeline):
    keys = bib_keys()
    assert timeline["start"].notna().all() and (timeline["start"] <= timeline["end"]).all()
    assert set(timeline["category"]) <= set(CATEGORIES)
    assert all(sources and set(sources) <= keys for sources in timeline["sources"])
    assert timeline["start"].is_monotonic_increasing


def test_the_timeline_covers_what_the_issue_asks_for(timeline):
    ids = set(timeline["id"])
    for required in (
        "independence",
        "constitution-1995",
        "zhanaozen-shooting",
        "nazarbayev-resigns",
        "election-2019",
        "lpg-price-rise",
        "protests-begin",
        "state-of-emergency",
        "government-resigns",
        "nazarbayev-leaves-security-council",
        "csto-request",
        "csto-arrival",
        "csto-withdrawal-complete",
        "shoot-without-warning",
        "massimov-detained",
        "russia-invades-ukraine",
    ):
        assert required in ids, required
    for category in CATEGORIES:
        assert (timeline["category"] == category).any(), category


def test_official_figures_carry_a_number_and_what_it_counts(timeline):
    figures = timeline[timeline["category"] == "official figures"]
    assert len(figures) >= 5
    assert figures["value"].notna().all() and (figures["measure"] != "").all()


def test_bad_dates_precisions_categories_and_keys_are_refused(tmp_path):
    csv_path = edited_copy(
        tmp_path,
        {
            0: {"date": "1990-02-30"},
            1: {"precision": "month"},
            2: {"category": "gossip", "source": "made_up_2022"},
            3: {"value": "many", "measure": "people"},
            4: {"measure": "people"},
        },
    )
    problems = problems_of(csv_path)
    assert "row 2 (id '" in problems[0] and "date '1990-02-30' is not a date" in problems[0]
    assert any("precision 'month' does not match date" in p for p in problems)
    assert any("category 'gossip' is not one of" in p for p in problems)
    assert any("source key(s) not in references.bib: made_up_2022" in p for p in problems)
    assert any("value 'many' is not a number" in p for p in problems)
    assert any("measure 'people' given without a value" in p for p in problems)


def test_bad_precision_and_lone_value(tmp_path):
    problems = problems_of(edited_copy(tmp_path, {0: {"precision": "week"}, 1: {"value": "5"}}))
    assert (
        "row 2 (id 'nazarbayev-president-ssr'): precision 'week' is not one of "
        "('day', 'month', 'year')" in problems
    )
    assert "row 3 (id 'election-1991'): a value needs a measure saying what it counts" in problems


def test_duplicate_events_are_refused(tmp_path):
    first = read_rows(timeline_csv())[0]
    copy = dict(first, id=first["id"] + "-again", event=first["event"].upper())
    problems = problems_of(edited_copy(tmp_path, {}, [copy, dict(first)]))
    assert any(p.startswith("event id(s) listed twice: " + first["id"]) for p in problems)
    assert any(p.startswith("event(s) listed twice: " + first["date"]) for p in problems)


def test_missing_timeline_file_is_named(tmp_path):
    assert problems_of(tmp_path / "timeline.csv") == ["file not found"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "file not found"),
        ("@article{key, title = {unclosed\n", "cannot be parsed as BibTeX (syntax error in line 1"),
    ],
)
def test_unreadable_bibliography(tmp_path, text, message):
    bib = tmp_path / "references.bib"
    if text is not None:
        bib.write_text(text, encoding="utf-8")
    with pytest.raises(BibliographyError, match=re.escape(f"references.bib: {message}")):
        load_timeline(bib_path=bib)


def test_articles_are_placed_against_events_they_could_have_known(corpus, timeline):
    placed = articles_in_time(corpus.articles, timeline).set_index("id")
    total = placed[["events before", "uncertain", "events after"]].sum(axis=1)
    assert (total == len(timeline)).all()
    # 004 reports the June 2019 vote; it cannot know anything from 2022.
    january_2022 = timeline["start"] >= pd.Timestamp("2022-01-01")
    assert placed.loc["004", "events after"] >= january_2022.sum()
    # 002 discusses the invasion of Ukraine, which must come before it.
    invasion = timeline.loc[timeline["id"] == "russia-invades-ukraine", "end"].iloc[0]
    assert invasion < pd.Timestamp("2022-03-01")
    assert placed.loc["003", "events before"] < placed.loc["002", "events before"]


def test_table_numbers_match_the_figure(timeline):
    table = timeline_table(timeline)
    assert table["#"].tolist() == list(range(1, len(timeline) + 1))


def test_labels_of_one_width_never_overlap_on_a_level():
    positions = [0, 1, 2, 10, 10.5, 30]
    levels = pack_intervals([(p, p + 5) for p in positions])
    assert levels == [0, 1, 2, 0, 1, 0]
    for level in set(levels):
        on_level = [p for p, lv in zip(positions, levels, strict=True) if lv == level]
        assert all(b - a >= 5 for a, b in zip(on_level, on_level[1:], strict=False))


def test_pack_intervals_puts_overlapping_labels_on_other_levels():
    intervals = [(0, 10), (5, 8), (9, 12), (10, 20), (12, 13)]
    assert pack_intervals(intervals) == [0, 1, 1, 0, 1]


def test_lanes_do_not_overlap_and_hold_their_events(timeline):
    window = (pd.Timestamp("2021-12-01"), pd.Timestamp("2022-03-31"))
    placed, lanes = lane_layout(timeline, window, load_key_events(timeline))
    bounds = sorted(lanes.values())
    for (_, lower_top), (upper_bottom, _) in zip(bounds, bounds[1:], strict=False):
        assert lower_top <= upper_bottom
    for event in placed.itertuples():
        bottom, top = lanes[event.category]
        assert bottom < event.y < top


def test_named_events_never_share_a_row_with_an_unnamed_one(timeline):
    window = (pd.Timestamp("2021-12-01"), pd.Timestamp("2022-03-31"))
    placed, _ = lane_layout(timeline, window, load_key_events(timeline))
    named = placed[placed["label"] != ""]
    unnamed = placed[placed["label"] == ""]
    assert len(named) and len(unnamed)
    assert set(named["y"]).isdisjoint(set(unnamed["y"]))


def test_chart_names_its_key_events_and_marks_every_article(corpus, timeline):
    key_events = load_key_events(timeline)
    figure = timeline_chart(timeline, corpus.articles, key_events)
    labels = {t.get_text() for axes in figure.axes for t in axes.texts}
    assert set(corpus.labels.values()) <= labels
    assert set(key_events.values()) <= labels
    alt = timeline_alt(timeline, corpus.articles, key_events)
    assert f"{len(timeline)} events" in alt and "13 January 2022" in alt
    assert "Nazarbayev resigns, 19 March 2019" in alt


def test_key_event_labels_take_their_numbers_from_the_timeline(timeline):
    key_events = load_key_events(timeline)
    assert key_events["deaths-225"] == "Death toll 225"


def test_key_events_must_be_events_of_the_timeline(timeline, tmp_path):
    path = tmp_path / "timeline_key_events.csv"
    path.write_text(
        "id,label\nno-such-event,A label\nindependence,Toll {value}\nelection-2019,\n",
        encoding="utf-8",
    )
    with pytest.raises(TimelineError) as caught:
        load_key_events(timeline, path)
    message = str(caught.value)
    assert message.splitlines()[0].startswith(str(path))
    assert "no event 'no-such-event' in timeline.csv" in message
    assert "label has {value} but the event has no value" in message
    assert "empty 'label'" in message


def test_official_figures_read_as_number_and_measure_in_the_table(timeline):
    table = timeline_table(timeline).set_index(timeline["id"])
    assert table.loc["deaths-225", "event"].endswith(": 225 people killed")
    assert table.loc["detained-7939", "event"].endswith(": 7,939 people detained")
    assert table.loc["election-2019-final", "event"].endswith(
        ": 70.96 percent of votes for Tokayev"
    )
    assert (
        table.loc["independence", "event"] == timeline.set_index("id").loc["independence", "event"]
    )
