"""The general integrity rules: each finds its slip, and none accuses edited English (names
such as McCain and iPhone, correct repetitions, and real news reports outside the corpus)."""

from __future__ import annotations

import csv

import pytest

from helpers import paths
from helpers.integrity_rules import a_or_an, rule_hits, text_hits, words_of

CLEAN_NEWS = paths.project_root() / "tests" / "fixtures" / "clean_news.csv"


def hits(sentence: str, context: str = "") -> list[tuple[str, str]]:
    words = words_of(f"{sentence} {context}")
    return [(hit.rule, hit.quote(sentence)) for hit in rule_hits(sentence, words)]


@pytest.mark.parametrize(
    ("sentence", "context", "expected"),
    [
        ("He said the the talks failed.", "", [("doubled word", "the the")]),
        ("Qasym ZhomartTokayev spoke.", "Tokayev", [("words run together", "ZhomartTokayev")]),
        ("It cost 80million dollars.", "", [("words run together", "80million")]),
        (
            "It was an historic day and a oil deal for a hour.",
            "",
            [("a or an", "a oil"), ("a or an", "a hour")],
        ),
        ("He is an European.", "", [("a or an", "an European")]),
        ("It could have easily be prevented.", "", [("have be", "have easily be")]),
        ("They will detached the region.", "", [("modal and past form", "will detached")]),
    ],
)
def test_each_rule_finds_its_slip(sentence, context, expected):
    assert hits(sentence, context) == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "Senator John McCain posted on YouTube from his iPhone.",
        "She holds a PhD from a university in an hour-long ceremony.",
        "ExxonMobil and PayPal are brands, and WhatsApp is an app.",
        "He said that that was the end, and they had had enough.",
        "An NGO and a UN agency sent an MP and a US envoy to an SCO summit.",
        "It was a one-off, a European plan, an honest mistake, a useful one.",
        "We may need more aid; they will succeed, and it can proceed.",
        "They spoke to detained protesters and injured police in 2022.",
    ],
)
def test_edited_english_is_not_flagged(sentence):
    assert hits(sentence) == []


def test_a_or_an_reads_initialisms_by_their_letters():
    assert [h.likely_original for h in a_or_an("a NGO and an CSTO force")] == ["an NGO", "a CSTO"]


def clean_reports() -> list[dict[str, str]]:
    with CLEAN_NEWS.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_clean_news_fixtures_are_real_reports_with_sources():
    reports = clean_reports()
    assert len({r["outlet"] for r in reports}) >= 3
    for report in reports:
        assert report["url"].startswith("http") and report["outlet"] and report["title"]
        assert len(report["text"].split()) >= 80


@pytest.mark.parametrize("report", clean_reports(), ids=lambda r: r["key"])
def test_no_flag_on_edited_news_reports(report):
    assert text_hits(report["text"]) == []


def test_real_sentences_with_camel_case_names_are_not_flagged():
    path = CLEAN_NEWS.with_name("clean_sentences.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        sentences = list(csv.DictReader(handle))
    assert sentences and all(row["url"].startswith("http") for row in sentences)
    for row in sentences:
        assert row["term"] in row["sentence"]
        assert text_hits(row["sentence"]) == []
