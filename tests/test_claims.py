"""Every number in the articles: extraction on real sentences, intervals, checks, completeness."""

from __future__ import annotations

import math
import re

import pytest
from conftest import read_rows, write_rows

from helpers.claim_checks import ClaimsError, claims_csv, load_claims
from helpers.claims import (
    CARDINALS,
    VAGUE,
    Interval,
    extract_claims,
    qualified,
    rounding_interval,
)


@pytest.fixture(scope="module")
def extracted(corpus):
    return extract_claims(corpus)


def figure(extracted, article: str, text: str, sentence: int | None = None) -> dict:
    rows = extracted[(extracted["article_id"] == article) & (extracted["text"] == text)]
    if sentence is not None:
        rows = rows[rows["sentence"] == sentence]
    [row] = rows.to_dict("records")
    return row


@pytest.mark.parametrize(
    ("article", "text", "kind", "qualifier", "low", "high", "counts"),
    [
        ("003", "£ 166,000", "money", "", 166_000, 166_000, "money"),
        ("003", "$ 13 million", "money", "", 12_500_000, 13_500_000, "money"),
        # rounded to the million (79.5 to 80.5 million), then "around" widens it by 10%
        ("003", "£ 80million", "money", "around", 71_550_000, 88_550_000, "money"),
        ("004", "hundreds of billions of dollars", "money", "", 2e11, 9.99e11, "money"),
        ("004", "70.8 percent", "percentage", "", 70.75, 70.85, "vote share"),
        ("004", "29 years", "duration", "", 28.5, 29.5, "duration"),
        ("004", "three decades", "duration", "almost", 27, 30, "duration"),
        ("001", "tens", "vague quantity", "", 20, 99, "killed"),
        ("000", "six", "number word", "", 6, 6, "companies"),
        ("003", "a dozen", "number word", "over", 12, math.inf, "killed"),
        ("002", "227", "number", "", 227, 227, "killed"),
        ("002", "9900", "number", "over", 9900, math.inf, "detained"),
        ("003", "3,000", "number", "more than", 3000, math.inf, "detained"),
        ("003", "26", "number", "", 26, 26, "killed"),
        ("000", "1995", "year", "", 1995, 1995, "date"),
    ],
)
def test_extraction_on_real_sentences(extracted, article, text, kind, qualifier, low, high, counts):
    row = figure(extracted, article, text)
    assert (row["kind"], row["qualifier"], row["counts"]) == (kind, qualifier, counts)
    assert row["low"] == pytest.approx(low) and row["high"] == pytest.approx(high)


@pytest.mark.parametrize(
    ("article", "text", "kind"),
    [
        ("003", "January 2", "date"),
        ("004", "April 1990", "date"),
        ("002", "2003 to 2005", "year range"),
        ("002", "mid-1980s", "decade"),
        ("004", "21st", "ordinal"),
        ("000", "second", "ordinal"),
    ],
)
def test_dates_ranges_and_ordinals_are_found_without_a_number_interval(
    extracted, article, text, kind
):
    row = figure(extracted, article, text)
    assert row["kind"] == kind and row["qualifier"] == ""


def test_offsets_point_at_the_expression_in_the_raw_file(corpus, extracted):
    raw = corpus.articles.set_index("id")["raw_text"]
    for row in extracted.itertuples():
        assert raw[row.article_id][row.start : row.end] == row.text


def test_every_digit_and_number_word_in_the_bodies_is_covered(corpus, extracted):
    words = "|".join([*CARDINALS, *VAGUE])
    wanted = re.compile(rf"\d+|\b(?:{words})\b", re.IGNORECASE)
    spans = {}
    for row in extracted.itertuples():
        spans.setdefault(row.article_id, []).append((row.start, row.end))
    missed = []
    for sentence in corpus.sentences.itertuples():
        for match in wanted.finditer(sentence.text):
            start, end = sentence.start + match.start(), sentence.start + match.end()
            covered = spans.get(sentence.article_id, [])
            if not any(s <= start and end <= e for s, e in covered):
                missed.append((sentence.article_id, sentence.sentence, match.group(0)))
    assert missed == []


def test_intervals_compare_honestly():
    assert rounding_interval("70.8", 70.8).contains(70.76)
    assert not rounding_interval("70.8", 70.8).contains(70.96)
    assert qualified(Interval(3000, 3000), "more than").contains(3811)
    assert qualified(Interval(30, 30), "almost") == Interval(27, 30)
    assert qualified(Interval(80, 80), "around") == Interval(72, 88)
    assert qualified(Interval(2e9, 2e9), "up to") == Interval(0, 2e9)
    assert Interval(20, 99).overlaps(Interval(42, 42))
    assert not Interval(200, 999).overlaps(Interval(1300, math.inf))


def test_every_check_has_a_known_source_an_as_of_date_and_a_reason(extracted):
    claims = load_claims(extracted)
    assert len(claims) > 30
    assert (claims["source"] != "").all() and (claims["as_of"] != "").all()
    assert (claims["reason"] != "").all()
    assert claims["kind"].notna().all()  # each row found its extracted figure


def test_a_verdict_that_contradicts_the_interval_is_refused(extracted, tmp_path):
    rows = read_rows(claims_csv())
    final = next(r for r in rows if r["id"] == "vote-004-final")
    final["verdict"] = "consistent"
    rows.append(dict(final, id="missing-figure", figure="71.0 percent"))
    target = tmp_path / "claims.csv"
    write_rows(target, rows)
    with pytest.raises(ClaimsError) as caught:
        load_claims(extracted, target)
    problems = [p for _, p in caught.value.problems]
    contradiction = (
        "verdict 'consistent' but the reference 70.96 is outside the figure's interval "
        "70.75 to 70.85"
    )
    assert any(p.endswith(contradiction) for p in problems)
    assert any("no extracted figure '71.0 percent' in article 004" in p for p in problems)


def test_bad_claim_values_and_repeated_ids(extracted, tmp_path):
    rows = read_rows(claims_csv())
    rows[0]["topic"] = "weather"
    rows[1]["verdict"] = "maybe"
    rows[2]["reference_value"] = "many"
    rows[4]["id"] = "deaths_004"
    target = tmp_path / "claims.csv"
    write_rows(target, [*rows, rows[3]])
    with pytest.raises(ClaimsError) as caught:
        load_claims(extracted, target)
    problems = [p for _, p in caught.value.problems]
    assert any(
        p.startswith("row 2 (id 'deaths-002'): topic 'weather' is not one of") for p in problems
    )
    assert any(
        p.startswith("row 3 (id 'deaths-001'): verdict 'maybe' is not one of") for p in problems
    )
    assert "row 4 (id 'deaths-003'): reference_value 'many' is not a number" in problems
    assert "id(s) listed twice: zhanaozen-deaths-003" in problems
    assert "row 6 (id 'deaths_004'): id must be letters, digits or hyphens" in problems


def test_the_death_toll_chart_has_every_official_count_in_order_of_date(extracted):
    from helpers.claims_chart import death_toll_alt, death_toll_rows
    from helpers.corpus import load_corpus
    from helpers.timeline import death_tolls, load_timeline

    timeline, claims = load_timeline(), load_claims(extracted)
    rows = death_toll_rows(timeline, claims, load_corpus().articles)
    official = rows[rows["kind"] != "article"]
    tolls = death_tolls(timeline)
    assert len(official) == len(tolls)
    assert official["low"].tolist() == tolls["value"].astype(float).tolist()
    assert rows["start"].is_monotonic_increasing
    final = tolls[tolls["measure"] == "people killed"].iloc[-1]
    assert official.iloc[-1]["low"] == final["value"]  # the final toll is on the chart
    assert '"armed criminals" killed' in set(official["who"])  # in the officials' own words
    assert official["withdrawn"].sum() == tolls["withdrawn"].sum()
    deaths = claims[(claims["topic"] == "death toll") & claims["low"].notna()]
    assert (rows["kind"] == "article").sum() == len(deaths)
    alt = death_toll_alt(rows)
    assert f"{final['value']:,}" in alt and "(withdrawn)" in alt
