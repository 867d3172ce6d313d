"""Text-integrity flags: found on the real examples in the articles, headings included, each
with its category, offsets and evidence; the curated list is checked as it is read."""

from __future__ import annotations

import re

import pytest
from conftest import read_rows, write_rows

from helpers.actors import load_actors
from helpers.integrity import (
    CATEGORIES,
    COLUMNS,
    SHORT_NAMES,
    IntegrityError,
    body_units,
    flag_counts,
    flag_effect,
    flag_marks,
    integrity_flags,
    integrity_note,
    integrity_phrases_csv,
    load_integrity_phrases,
)


@pytest.fixture(scope="module")
def flags(corpus):
    return integrity_flags(corpus, load_actors(corpus.articles), load_integrity_phrases(corpus))


def found(flags, rule: str) -> set[tuple[str, str]]:
    rows = flags[flags["rule"] == rule]
    return set(zip(rows["article"], rows["quote"], strict=True))


def test_every_flag_quotes_the_text_at_its_offsets(corpus, flags):
    texts = dict(zip(corpus.articles["id"], corpus.articles["raw_text"], strict=True))
    assert list(flags.columns) == COLUMNS
    for row in flags.itertuples():
        assert texts[row.article][row.start : row.end] == row.quote
        assert row.category in CATEGORIES and row.severity in ("high", "medium", "low")
        assert row.evidence


def test_the_rules_find_the_slips_in_the_texts(flags):
    assert found(flags, "doubled word") == {("003", "the The")}
    assert found(flags, "words run together") == {
        ("002", "ZhomartTokayev"),
        ("003", "80million"),
        ("003", "109million"),
    }  # company names such as KazMunayGaz are in the who's who and not flagged as a typo
    assert ("002", "have easily be") in found(flags, "have be")
    broken = flags[flags["rule"] == "broken sentence"]
    assert set(broken["article"]) == {"002", "003"}
    assert any(q.startswith("friendship between China and Kazakhstan") for q in broken["quote"])


def test_headings_are_read_too(flags):
    in_headings = flags[flags["sentence"].str.startswith("heading")]
    pairs = set(zip(in_headings["article"], in_headings["quote"], strict=True))
    assert ("002", "Erzhan Kykhanov") in pairs


def test_every_garbled_or_transliterated_name_is_flagged_with_its_note(flags):
    names = flags[flags["rule"] == "who's who"].set_index(["article", "quote"])
    assert names.loc[("001", "Qasim Jomart Tokayev"), "severity"] == "low"
    assert "Persian" in names.loc[("001", "Qasim Jomart Tokayev"), "evidence"]
    assert names.loc[("001", "Imam Ali Rahman"), "likely_original"] == "Emomali Rahmon"
    assert names.loc[("002", "Erzhan Kazakhstanykhanov"), "likely_original"] == "Erzhan Kazykhanov"
    # "Blairs" inside "Tony Blairs" is one flag, not two
    blair = flags[(flags["article"] == "003") & flags["quote"].str.contains("Blairs")]
    assert len(set(zip(blair["start"], blair["end"], strict=True))) == len(blair)


def test_a_curated_phrase_wins_over_the_whos_who_on_the_same_words(flags):
    keeper = flags[(flags["article"] == "003") & (flags["quote"] == "The keeper")]
    assert keeper["rule"].tolist() == ["curated list"]
    assert keeper[["likely_original", "original_basis"]].values.tolist() == [
        ["The Guardian", "argued"]
    ]


def test_counts_have_every_flagged_category_and_a_total(corpus, flags):
    counts = flag_counts(flags, list(corpus.articles["id"])).set_index("article")
    assert counts["all"].sum() == len(flags)
    assert list(counts.columns) == [*SHORT_NAMES.values(), "all"]


def test_marks_are_the_flags_offsets(flags):
    marks = flag_marks(flags)
    assert len(marks) == len(flags.drop_duplicates(["article", "start", "end"]))


def test_a_framing_quote_in_a_flagged_sentence_says_so(corpus, flags):
    units = body_units(corpus)
    keeper = flags[(flags["article"] == "003") & (flags["quote"] == "The keeper")].iloc[0]
    note = integrity_note(flags, units, "003", int(keeper.start), int(keeper.end) + 10)
    assert note.startswith("integrity flag on these words") and "The keeper" in note
    s16 = units[(units["article_id"] == "003") & (units["unit"] == "s16")].iloc[0]
    assert "its sentence is flagged: s16" in integrity_note(
        flags, units, "003", int(s16.start), int(s16.start) + 5
    )


def _broken_copy(tmp_path, change):
    rows = read_rows(integrity_phrases_csv())
    change(rows)
    target = tmp_path / "integrity_phrases.csv"
    write_rows(target, rows)
    return target


def test_a_quote_missing_from_its_article_is_refused(corpus, tmp_path):
    target = _broken_copy(tmp_path, lambda rows: rows[0].update(quote="words that are not there"))
    with pytest.raises(IntegrityError, match="the quote does not occur in the article"):
        load_integrity_phrases(corpus, target)


def test_bad_category_severity_basis_and_source_are_refused(corpus, tmp_path):
    def spoil(rows):
        rows[0].update(category="typo", severity="huge", original_basis="hunch", source="")

    with pytest.raises(IntegrityError) as raised:
        load_integrity_phrases(corpus, _broken_copy(tmp_path, spoil))
    message = str(raised.value)
    assert message.splitlines()[0].startswith(f"{tmp_path / 'integrity_phrases.csv'}: row 2")
    for problem in ("category 'typo' is not one of", "severity 'huge' is not one of",
                    "a likely original needs original_basis, one of", "(not 'hunch')",
                    "empty 'source'"):  # fmt: skip
        assert problem in message


def test_a_phrase_in_an_unknown_article_or_twice_is_refused(corpus, tmp_path):
    rows = read_rows(integrity_phrases_csv())
    target = tmp_path / "integrity_phrases.csv"
    write_rows(target, [*rows, rows[0]])
    with pytest.raises(IntegrityError, match=r"article and quote\(s\) listed twice"):
        load_integrity_phrases(corpus, target)
    target = _broken_copy(tmp_path, lambda rows: rows[0].update(article="x-unknown"))
    with pytest.raises(
        IntegrityError, match=re.escape("article 'x-unknown' is not in articles.csv")
    ):
        load_integrity_phrases(corpus, target)


def test_flag_effect_leaves_unflagged_sentences_out(corpus, flags):
    effect = flag_effect(corpus, flags).set_index("article")
    sentences = flags[flags["sentence"].str.startswith("s")]
    for article in effect.index:
        flagged = sentences.loc[sentences["article"] == article, "sentence"].nunique()
        assert effect.loc[article, "flagged sentences"] == flagged


def test_a_quote_only_in_the_page_chrome_is_refused(corpus, tmp_path):
    # 002's first line is its headline, which the corpus keeps out of the body
    first_line = corpus.articles.set_index("id").loc["002", "raw_text"].splitlines()[0]
    units = body_units(corpus)
    assert not ((units["article_id"] == "002") & (units["text"] == first_line)).any()
    target = _broken_copy(tmp_path, lambda rows: rows[0].update(article="002", quote=first_line))
    with pytest.raises(IntegrityError, match="the quote occurs only outside the article's body"):
        load_integrity_phrases(corpus, target)
