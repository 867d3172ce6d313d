"""Every statement of fact in the articles: numbers extracted on real sentences and wire copy,
intervals, every sentence judged, every statement checked, and the machine-readable checks."""

from __future__ import annotations

import math
import re

import pytest
from conftest import read_rows, write_rows

from helpers.bibliography import bib_urls, split_keys
from helpers.claim_checks import (
    VERDICTS,
    ClaimsError,
    claims_csv,
    load_claims,
    own_source_keys,
    statement_verdicts,
)
from helpers.claim_inventory import (
    JUDGEMENTS,
    NOT_YET_JUDGED,
    InventoryError,
    load_sentence_judgements,
    sentences_csv,
)
from helpers.claim_review import claim_reviews, claims_download, missing_fields
from helpers.claims import (
    CARDINALS,
    VAGUE,
    Interval,
    extract_claims,
    extract_sentence,
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
        # "around" is 10% either side of the figure itself, not of its rounding
        ("003", "£ 80million", "money", "around", 72_000_000, 88_000_000, "money"),
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


#: Real sentences from news reports that are not in the corpus, with what each figure means.
#: The Associated Press report of 15 January 2022 ("Kazakhstan raises death toll to 225 in days
#: of protests", as carried by click2houston.com).
AP_225 = "https://www.click2houston.com/news/world/2022/01/15/kazakhstan-raises-death-toll-to-225-in-days-of-protests/"
WIRE_SENTENCES = [
    # (source, sentence, expression, kind, qualifier, low, high, counts)
    (AP_225, "Serik Shalabayev, head of the criminal prosecution service in the general "
     "prosecutor's office, said 19 police officers or servicemen were among the dead, news "
     "reports said.", "19", "number", "", 19, 19, "killed"),
    (AP_225, "The previous official death toll was 164.", "164", "number", "", 164, 164,
     "killed"),
    (AP_225, "Demonstrations started on Jan. 2 in the oil and gas-rich Central Asian nation to "
     "protest a sharp rise in fuel prices.", "Jan. 2", "date", "", None, None, "date"),
    (AP_225, "More than 4,300 people were injured, he said.", "4,300", "number", "more than",
     4300, math.inf, "injured"),
    # TRT World, 15 January 2022, "Kazakhstan significantly raises violent unrest death toll"
    ("https://trtworld.com/asia/kazakhstan-significantly-raises-violent-unrest-death-toll-53689",
     'Kazakhstan had previously acknowledged fewer than 50 fatalities, including 26 "armed '
     'criminals" and 18 security officers.', "50", "number", "fewer than", 0, 50, "killed"),
    # News.Az (citing Sputnik), 11 January 2022, Tokayev to parliament on the CSTO's withdrawal
    ("https://news.az/news/kazakhstan-says-csto-mission-completed-withdrawal-to-start-within-2-days",
     "The process of withdrawal of the contingent will take no more than 10 days,",
     "10 days", "duration", "no more than", 0, 10, "duration"),
    # AP, 4 January 2022, as carried by conchovalleyhomepage.com
    ("https://www.conchovalleyhomepage.com/news/national-news/kazakh-police-clash-with-"
     "protesters-over-100-gas-price-hike/", "MOSCOW (AP) — Demonstrators denouncing the "
     "doubling of prices for liquefied gas clashed with police in Kazakhstan’s largest city and "
     "held protests on Tuesday in about a dozen other cities in the country.", "doubling",
     "multiple", "", 2, 2, "multiple"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("source", "sentence", "text", "kind", "qualifier", "low", "high", "counts"), WIRE_SENTENCES
)
def test_number_meanings_on_wire_copy_outside_the_corpus(
    source, sentence, text, kind, qualifier, low, high, counts
):
    [row] = [r for r in extract_sentence(sentence) if r["text"] == text]
    assert (row["kind"], row["qualifier"], row["counts"]) == (kind, qualifier, counts)
    if low is None:
        assert row["low"] is None and row["high"] is None
    else:
        assert row["low"] == pytest.approx(low) and row["high"] == pytest.approx(high)
        assert row["low"] <= row["high"]


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
    assert qualified(Interval(1.5e9, 2.5e9), "up to", 2e9) == Interval(0, 2e9)
    assert qualified(Interval(29.5, 30.5), "almost", 30) == Interval(27, 30)
    assert Interval(20, 99).overlaps(Interval(42, 42))
    assert not Interval(200, 999).overlaps(Interval(1300, math.inf))


@pytest.fixture(scope="module")
def claims(corpus, extracted):
    return load_claims(corpus, extracted)


def test_every_checked_statement_has_a_source_other_than_the_article(corpus, claims):
    assert len(claims) > len(corpus.articles)
    checked = claims[claims["verdict"] != "not checkable"]
    assert (checked["source"] != "").all() and (checked["as_of"] != "").all()
    assert (checked["source_date"] != "").all()
    own = own_source_keys(corpus, bib_urls())
    for row in claims.itertuples():
        assert not set(split_keys(row.source)) & own[row.article], row.id
    unchecked = claims[claims["verdict"] == "not checkable"]
    assert (unchecked["searched"] != "").all()
    garbled = claims[claims["verdict"] == "garbled"]
    assert len(garbled) > 0 and (garbled["likely_original"] != "").all()
    # every reason is the row's own
    assert not claims["reason"].duplicated().any()
    # numeric statements found their figure's interval
    numeric = claims[claims["figure"] != ""]
    assert numeric["figure_kind"].notna().all()
    # statements of every kind, not only numbers
    assert {"count", "date", "name or title", "relationship", "attribution"} <= set(claims["kind"])


def test_the_rows_a_review_rejected_are_fixed(corpus, claims):
    rows = claims.set_index("id")
    own = own_source_keys(corpus, bib_urls())
    for key in ("rank-000", "revolutions-002", "nephews-002", "property-003-2bn"):
        assert not set(split_keys(rows.loc[key, "source"])) & own[rows.loc[key, "article"]]
    # openDemocracy said "more than £2bn": "up to £2 billion" understates it
    assert rows.loc["property-003-2bn", "verdict"] == "differs"
    assert rows.loc["property-003-2bn", "reference_value"] == "more than 2000000000"
    # one nephew was dismissed, not three; "sons" are sons-in-law
    assert rows.loc["nephews-002", "verdict"] != "consistent"
    assert "in-law" in rows.loc["sons-002", "likely_original"]
    # "imprisoned" is not what the 9,900 counted
    assert rows.loc["detained-002", "verdict"] != "consistent"
    # Blair's firm was hired before the Zhanaozen shooting, not to handle PR after it
    assert rows.loc["blair-pr-zhanaozen-003", "verdict"] == "differs"
    for key in ("injured-001", "zhanaozen-deaths-003", "zhanaozen-injured-003"):
        assert rows.loc[key, "reference_value"] != "", key
    # the deaths at Shetpe are counted only with a source that gives them
    if "Shetpe" in rows.loc["zhanaozen-deaths-003", "reference"]:
        assert "steppeinstyle_zhanaozen_2012" in rows.loc["zhanaozen-deaths-003", "source"]
    assert rows.loc["vote-004-preliminary", "verdict"] == "consistent"


def _broken_rows(rows: list[dict]) -> list[dict]:
    """Copies of real rows, each broken one way, with ids that cannot collide with real ones."""
    by_id = {r["id"]: r for r in rows}
    final, deaths = by_id["vote-004-final"], by_id["deaths-003"]
    checked = next(r for r in rows if r["verdict"] == "consistent" and not r["figure"])
    shifted = str(int(checked["start"]) + 1)
    return [
        dict(final, id="zz-test-contradiction", verdict="consistent", reason="test 1"),
        dict(final, id="zz-test-missing-figure", figure="71.0 percent", reason="test 2"),
        dict(checked, id="zz-test-moved-quote", start=shifted, reason="test 3"),
        dict(checked, id="zz-test-garbled", verdict="garbled", likely_original="",
             reason="test 4"),
        dict(checked, id="zz-test-unsearched", verdict="not checkable", searched="",
             reason="test 5"),
        dict(deaths, id="zz-test-no-value", reference_value="", reason="test 6"),
        dict(checked, id="zz-test-copied-reason"),
        dict(checked, id="zz-test-other-sentence", sentence=str(int(checked["sentence"]) + 1),
             reason="test 7"),
        dict(checked, id="zz-test-no-sentence", sentence="999", reason="test 8"),
        dict(checked, id="zz-test-bad-offsets", start="x", reason="test 9"),
    ]  # fmt: skip


def test_a_statement_row_that_does_not_hold_together_is_refused(corpus, extracted, tmp_path):
    rows = read_rows(claims_csv())
    target = tmp_path / "claims.csv"
    write_rows(target, [*rows, *_broken_rows(rows)])
    with pytest.raises(ClaimsError) as caught:
        load_claims(corpus, extracted, target)
    problems = [p for _, p in caught.value.problems]
    assert str(caught.value).splitlines()[0].startswith(str(target))

    def has(row_id: str, words: str) -> bool:
        return any(f"(id {row_id!r})" in p and words in p for p in problems)

    assert has("zz-test-contradiction", "verdict 'consistent' but the reference 70.96 is "
               "outside the figure's interval 70.75 to 70.85")  # fmt: skip
    assert has(
        "zz-test-missing-figure", "no extracted figure '71.0 percent' inside the quote (article"
    )
    assert has("zz-test-moved-quote", "not the quote")
    assert has("zz-test-garbled", "a 'garbled' row must give the likely original")
    assert has("zz-test-unsearched", "a 'not checkable' row must say what was searched")
    assert has("zz-test-no-value", "verdict on a figure needs a reference_value to test against "
               "the figure's interval")
    assert any("is given word for word by several rows" in p and "zz-test-copied-reason" in p
               for p in problems)  # fmt: skip
    assert has("zz-test-other-sentence", "the quote is not inside sentence")
    assert has("zz-test-no-sentence", "has no sentence '999'")
    assert has("zz-test-bad-offsets", "start and end must be character offsets")


def test_a_source_that_is_the_article_itself_is_refused(corpus, extracted, tmp_path):
    rows = read_rows(claims_csv())
    own = own_source_keys(corpus, bib_urls())
    article = next(a for a, keys in own.items() if keys)
    row = next(r for r in rows if r["article"] == article and r["verdict"] == "consistent")
    rows.append(dict(row, id="zz-test-own-source", source=sorted(own[article])[0],
                     reason="test own source"))  # fmt: skip
    target = tmp_path / "claims.csv"
    write_rows(target, rows)
    with pytest.raises(ClaimsError) as caught:
        load_claims(corpus, extracted, target)
    assert any("zz-test-own-source" in p and "is the article itself" in p
               for _, p in caught.value.problems)  # fmt: skip


def test_bad_claim_values_and_repeated_ids(corpus, extracted, tmp_path):
    rows = read_rows(claims_csv())
    rows[0]["topic"] = "weather"
    rows[1]["verdict"] = "maybe"
    rows[2]["reference_value"] = "many"
    rows[4]["id"] = "deaths_004"
    rows[5]["kind"] = "rumour"
    target = tmp_path / "claims.csv"
    write_rows(target, [*rows, dict(rows[3], reason="a reason of its own")])
    with pytest.raises(ClaimsError) as caught:
        load_claims(corpus, extracted, target)
    problems = [p for _, p in caught.value.problems]
    assert any(p.startswith(f"row 2 (id {rows[0]['id']!r}): topic 'weather' is not one of")
               for p in problems)  # fmt: skip
    assert any(p.startswith(f"row 3 (id {rows[1]['id']!r}): verdict 'maybe' is not one of")
               for p in problems)  # fmt: skip
    assert f"row 4 (id {rows[2]['id']!r}): reference_value 'many' is not a number" in problems
    assert f"id(s) listed twice: {rows[3]['id']}" in problems
    assert "row 6 (id 'deaths_004'): id must be letters, digits or hyphens" in problems
    assert any(p.startswith(f"row 7 (id {rows[5]['id']!r}): kind 'rumour' is not one of")
               for p in problems)  # fmt: skip


def test_every_sentence_of_every_article_is_in_the_inventory(corpus, extracted, claims):
    judged = load_sentence_judgements(corpus, extracted, claims)
    wanted = set(
        zip(corpus.sentences["article_id"], corpus.sentences["sentence"].astype(str), strict=True)
    )
    assert set(zip(judged["article"], judged["sentence"], strict=True)) == wanted
    assert len(judged) == len(corpus.sentences)
    checkable = judged[judged["judgement"] == "checkable"]
    assert (checkable["statements"] > 0).all()
    assert (judged.loc[judged["judgement"] != "checkable", "statements"] == 0).all()
    # an article nobody has judged yet has every sentence "not yet judged"
    assert set(judged["judgement"]) <= {*JUDGEMENTS, NOT_YET_JUDGED}
    assert len(set(judged["judgement"])) > 2
    # every statement sits in a sentence judged checkable
    assert len(checkable) == claims[["article", "sentence"]].drop_duplicates().shape[0]


def test_a_missing_or_misjudged_sentence_fails_naming_it(corpus, extracted, claims, tmp_path):
    rows = read_rows(sentences_csv())
    checkable = [r for r in rows if r["judgement"] == "checkable"]
    others = [r for r in rows if r["judgement"] == "opinion"]
    rows.remove(checkable[0])
    rows += [
        dict(others[0], judgement="prediction", note=""),  # judged twice, and with no note
        dict(checkable[1], judgement="opinion", note="test"),
        dict(others[1], judgement="checkable"),
        dict(others[2], judgement="rumour"),
        dict(others[3], opening="Not how it opens"),
        dict(others[4], sentence="999"),
    ]
    target = tmp_path / "sentences.csv"
    write_rows(target, rows)
    with pytest.raises(InventoryError) as caught:
        load_sentence_judgements(corpus, extracted, claims, target)
    problems = [p for _, p in caught.value.problems]
    assert str(caught.value).splitlines()[0].startswith(str(target))
    missing = next(p for p in problems if "sentence(s) not in the inventory" in p)
    assert missing.startswith(f"article {checkable[0]['article']}: 1 sentence(s)")
    assert f"s{checkable[0]['sentence']} {checkable[0]['opening']!r}" in missing
    assert "(the rules propose: " in missing

    def has(words: str) -> bool:
        return any(words in p for p in problems)

    assert has("a sentence judged 'prediction' needs a note saying why")
    assert any("listed twice" in p and f"{others[0]['article']} s{others[0]['sentence']}" in p
               for p in problems)  # fmt: skip
    assert has("judged 'opinion', but claims.csv checks statements in it")
    assert has("judged checkable, but claims.csv has no statement from it")
    assert has("judgement 'rumour' is not one of")
    assert has("opens ") and has(", not 'Not how it opens'")
    assert has(f"article '{others[4]['article']}' has no sentence '999'")


def test_claim_reviews_carry_every_required_field(corpus, claims):
    statements = statement_verdicts(claims)
    reviews = claim_reviews(statements, corpus.articles, "A test book", "page.html")
    checked = statements[statements["verdict"] != "not checkable"]
    assert len(reviews) == len(checked) < len(claims)
    assert all(missing_fields(review) == [] for review in reviews)
    assert {r["reviewRating"]["alternateName"] for r in reviews} <= set(VERDICTS)
    first = checked.iloc[0]
    article = corpus.articles.set_index("id").loc[first["article"]]
    assert reviews[0]["claimReviewed"] == first["quote"]
    assert reviews[0]["itemReviewed"]["appearance"]["url"] == article["url"]
    assert reviews[0]["itemReviewed"]["datePublished"] == article["published"]
    # a statement checked twice is reviewed once, by the verdict it gets
    vote = [r for r in reviews if r["claimReviewed"] == "taking 70.8 percent of the vote"]
    assert [r["reviewRating"]["alternateName"] for r in vote] == ["consistent"]
    assert missing_fields({"@type": "ClaimReview"})[:2] == ["@context", "url"]


def test_the_download_has_every_statement_with_its_sources_addresses(corpus, claims):
    table = claims_download(claims, corpus.labels, bib_urls())
    assert len(table) == len(claims)
    wanted = {"article", "sentence", "quote", "claim", "kind", "verdict", "reference", "source",
              "as_of"}  # fmt: skip
    assert wanted <= set(table.columns)
    assert table["article_name"].str.contains(" · ").all()
    checked = table[table["verdict"] != "not checkable"]
    assert checked["source_urls"].str.startswith("http").all()


def test_the_death_toll_chart_has_every_official_count_in_order_of_date(corpus, claims):
    from helpers.claims_chart import death_toll_alt, death_toll_rows
    from helpers.timeline import death_tolls, load_timeline

    timeline = load_timeline()
    rows = death_toll_rows(timeline, claims, corpus.articles)
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
