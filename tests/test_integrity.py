"""Text-integrity flags are found on the real examples in the articles, and only there."""

from __future__ import annotations

import re

import pytest
from conftest import read_rows, write_rows

from helpers.actors import load_actors
from helpers.integrity import (
    IntegrityError,
    flag_effect,
    integrity_flags,
    load_substitutions,
    substitutions_csv,
)


@pytest.fixture(scope="module")
def flags(corpus):
    return integrity_flags(corpus, load_actors(corpus.articles), load_substitutions(corpus))


def flagged(flags, kind: str) -> set[tuple[str, str]]:
    rows = flags[flags["flag"] == kind]
    return set(zip(rows["article"], rows["evidence"], strict=True))


def test_doubled_word_and_words_run_together(flags):
    assert flagged(flags, "doubled word") == {("003", "“the The”")}
    assert flagged(flags, "words run together") == {
        ("002", "“ZhomartTokayev”"),
        ("003", "“80million”"),
        ("003", "“109million”"),
    }  # company names such as KazMunayGaz are recorded as correct forms and not flagged


def test_broken_sentences(flags):
    broken = {article for article, _ in flagged(flags, "broken sentence")}
    assert broken == {"002", "003"}
    evidence = " ".join(e for _, e in flagged(flags, "broken sentence"))
    assert "“friendship between China and Kazakhstan" in evidence


def test_one_name_several_spellings_uses_the_whos_who(flags):
    spellings = flagged(flags, "one name, several spellings")
    assert any(a == "002" and "Kazakhstanykhanov" in e for a, e in spellings)
    assert any(a == "003" and "The keeper" in e for a, e in spellings)


def test_substitution_candidates_point_at_their_sentences(flags):
    keeper = flags[flags["evidence"].str.startswith("“The keeper”")]
    assert keeper["sentence"].tolist() == ["s32"]


def test_a_suspect_form_missing_from_its_article_is_refused(corpus, tmp_path):
    rows = read_rows(substitutions_csv())
    rows[0]["suspect"] = "words that are not there"
    target = tmp_path / "substitutions.csv"
    write_rows(target, rows)
    with pytest.raises(IntegrityError, match="the suspect form does not occur in the article"):
        load_substitutions(corpus, target)


def test_substitution_in_an_unknown_article(corpus, tmp_path):
    rows = read_rows(substitutions_csv())
    rows[0]["article"] = "009"
    target = tmp_path / "substitutions.csv"
    write_rows(target, rows)
    message = "row 2 (009 'The keeper'): article '009' is not in articles.csv"
    with pytest.raises(IntegrityError, match=re.escape(message)):
        load_substitutions(corpus, target)


def test_a_substitution_listed_twice_is_refused(corpus, tmp_path):
    rows = read_rows(substitutions_csv())
    target = tmp_path / "substitutions.csv"
    write_rows(target, [*rows, rows[0]])
    message = "article and suspect form(s) listed twice: 003 The keeper"
    with pytest.raises(IntegrityError, match=re.escape(message)):
        load_substitutions(corpus, target)


def test_flag_effect_leaves_unflagged_articles_unchanged(corpus, flags):
    effect = flag_effect(corpus, flags).set_index("article")
    assert effect.loc["000", "flagged sentences"] == 0
    assert effect.loc["000", "grade, all"] == effect.loc["000", "grade, unflagged"]
    assert effect.loc["003", "flagged sentences"] > 0
