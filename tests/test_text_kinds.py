"""What each text is, and the reader's readings: the data loads, and bad rows are named."""

from __future__ import annotations

import pytest
from conftest import read_rows, write_rows

from helpers.readings import ReadingsError, load_readings, quoted_spans
from helpers.text_kinds import NOT_ASSESSED, TextKindError, load_text_kinds


def test_every_assessed_article_has_a_verdict_with_evidence(corpus):
    kinds = load_text_kinds(corpus.articles)
    assert kinds.label("001") == "a machine translation probably from Persian"
    assert kinds.label("003") == "a reworded copy of a Polygraph.info fact-check"
    for article in kinds.verdicts["article"]:
        assert len(kinds.of(article)) >= 1
    assert kinds.label("no-such-article") == NOT_ASSESSED


def test_bad_verdicts_and_evidence_are_named(corpus, data_copy):
    verdicts, evidence = data_copy / "text_kinds.csv", data_copy / "text_evidence.csv"
    rows = read_rows(verdicts)
    rows[0].update(kind="gibberish", confidence="certain")
    rows.append({**rows[1], "article": "x-nowhere"})
    write_rows(verdicts, rows)
    facts = read_rows(evidence)
    facts[0].update(quote="words that are in no article", source="")
    facts[1].update(quote="", source="")
    facts = [f for f in facts if f["article"] != "004"]
    write_rows(evidence, facts)
    with pytest.raises(TextKindError) as caught:
        load_text_kinds(corpus.articles, verdicts, evidence)
    message = str(caught.value)
    assert message.splitlines()[0].startswith(f"{verdicts}: row 2 (000): kind 'gibberish'")
    assert message.splitlines()[-1].endswith("problems in the text-kind input)")
    assert "text_kinds.csv: row 2 (000): kind 'gibberish' is not one of" in message
    assert "confidence 'certain' is not one of ('high', 'medium', 'low')" in message
    assert "article 'x-nowhere' is not in articles.csv" in message
    assert "text_evidence.csv: row 2 (000): the quote does not occur in the article" in message
    assert "evidence needs a quote from the article or a source" in message
    assert "text_evidence.csv: no evidence for the verdict on: 004" in message


def test_evidence_without_a_verdict_is_refused(corpus, data_copy):
    verdicts = data_copy / "text_kinds.csv"
    write_rows(verdicts, [r for r in read_rows(verdicts) if r["article"] != "002"])
    with pytest.raises(TextKindError, match="evidence but no verdict for: 002"):
        load_text_kinds(corpus.articles, verdicts, data_copy / "text_evidence.csv")


def test_every_quoted_span_of_a_reading_is_the_articles_own_words(corpus):
    readings = load_readings(corpus.articles).set_index("article")
    spans = quoted_spans(readings.loc["003", "reading"])
    assert "Allegations of foreign involvement in the Kazakh protests are baseless" in spans
    assert "bandits and terrorists" in spans


def test_a_reading_that_misquotes_its_article_is_refused(corpus, data_copy):
    path = data_copy / "readings.csv"
    rows = read_rows(path)
    rows[0]["reading"] += ' It calls them "heroes of the steppe".'
    write_rows(path, [*rows, rows[1], {**rows[2], "article": "x-nowhere"}])
    with pytest.raises(ReadingsError) as caught:
        load_readings(corpus.articles, path)
    message = str(caught.value)
    assert "row 2 (000): the quoted words 'heroes of the steppe' are not in the article" in message
    assert "article(s) listed twice: 001" in message
    assert "article 'x-nowhere' is not in articles.csv" in message
