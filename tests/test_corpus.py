"""The corpus: the raw files, the metadata, cleaning and segmentation, on the real texts."""

from __future__ import annotations

import hashlib

import pytest
from conftest import EDITION, SHARED_ARTICLES, add_article, edition_only

from helpers import paths
from helpers.chrome import classify_lines, is_heading, word_count
from helpers.corpus import (
    corpus_facts,
    files_table,
    headings_table,
    load_corpus,
    overview_table,
    removed_table,
    sentences_containing,
    summary_table,
)
from helpers.segment import split_sentences

IDS = EDITION


def test_data_holds_the_shared_articles_byte_for_byte():
    if not SHARED_ARTICLES.is_dir():
        pytest.skip("../shared/articles is not beside this checkout")
    shared = sorted(p.name for p in SHARED_ARTICLES.glob("*.txt"))
    assert sorted(p.name for p in paths.articles_dir().glob("*.txt")) == shared
    for name in shared:
        assert (paths.articles_dir() / name).read_bytes() == (SHARED_ARTICLES / name).read_bytes()


def test_metadata_checksums_are_the_files_sha256(corpus):
    for row in corpus.articles.itertuples():
        digest = hashlib.sha256((paths.articles_dir() / row.file).read_bytes()).hexdigest()
        assert row.sha256 == digest


def test_loads_the_editions_articles_first_in_id_order(corpus):
    assert corpus.articles["id"].tolist()[: len(IDS)] == IDS
    assert files_table(corpus)["bytes"].tolist()[: len(IDS)] == [4508, 5034, 5763, 4770, 4045]


def test_counts_per_article(corpus):
    table = summary_table(edition_only(corpus)).set_index("id")
    assert table["sentences"].to_dict() == dict(zip(IDS, [35, 16, 48, 37, 28], strict=False))
    assert table["paragraphs"].to_dict() == dict(zip(IDS, [7, 9, 18, 21, 8], strict=False))
    assert table["headings"].to_dict() == dict(zip(IDS, [0, 0, 6, 0, 4], strict=False))
    assert table["body words"].to_dict() == dict(zip(IDS, [685, 587, 822, 721, 602], strict=False))


def test_raw_words_are_body_plus_headings_plus_removed(corpus):
    table = summary_table(corpus)
    assert (
        table["raw words"] == table["body words"] + table["heading words"] + table["removed words"]
    ).all()


def test_removes_diplomat_magazine_chrome(corpus):
    removed = removed_table(corpus)
    page = removed[removed["article"] == "001"]
    assert page["rule"].tolist() == [
        "date_line", "headline", "must_read", "outlet_name", "outlet_name", "publisher_blurb",
        "byline", "author_bio", "author_bio", "advertisement", "more_articles", "advertisement",
        "latest_article",
    ]  # fmt: skip
    assert page["text removed"].iloc[0] == "Monday, June 24, 2024"
    assert page["text removed"].iloc[6] == "By Muhammad Mahdi Noori"
    assert page["text removed"].iloc[8].startswith("Muhammad Mahdi Hossein Ali Noori is the owner")


def test_strips_date_stamp_but_keeps_the_first_sentence(corpus):
    removed = removed_table(corpus)
    stamp = removed[removed["article"] == "003"]
    assert stamp[["line", "rule", "text removed"]].values.tolist() == [
        [1, "date_stamp", "date 2022-01-07"]
    ]
    first = corpus.sentences[corpus.sentences["article_id"] == "003"].iloc[0]
    assert (
        first["text"] == "Since January 2, Kazakhstan has been shaken by a series of mass "
        "protests, some of which have led to violent clashes with the police."
    )


def test_removes_editor_line_and_headline_of_the_daily_outlook(corpus):
    removed = removed_table(corpus)
    outlook = removed[removed["article"] == "004"]
    assert outlook["rule"].tolist() == ["editor_line", "headline"]
    assert outlook["text removed"].iloc[0].startswith("Editor in Chief: Moh. Reza Huwaida")


def test_report_az_loses_nothing(corpus):
    assert removed_table(corpus).query("article == '000'").empty


def test_headings_are_kept_apart(corpus):
    headings = headings_table(corpus)
    assert headings.query("article == '004'")["heading"].tolist() == [
        "The Fate of Nazarbayev",
        "Radical elements pursuing to destabilize Kazakhstan",
        "Promoting Dialogue",
        "The Way Forward",
    ]
    # A title-case heading with a full stop is still a heading, not a sentence.
    assert "Restructure Kazakhstan Government’s Government and Erzhan Kazykhanov." in set(
        headings["heading"]
    )
    assert not corpus.sentences["text"].str.startswith("Restructure Kazakhstan").any()


def test_body_sentence_is_not_a_heading():
    assert not is_heading("Allegations of foreign involvement in the Kazakh protests are baseless.")
    assert is_heading("Protests in Kazakhstan")


def roles(text: str, **metadata: str) -> list[tuple[str, str]]:
    """(role, rule) for each non-blank line of a text, as classify_lines sees it."""
    metadata = {"title": "", "outlet": "", **metadata}
    return [(v.role, v.rule) for v in classify_lines(text, **metadata) if v.role != "blank"]


def test_rules_leave_sentences_that_only_mention_chrome_words():
    text = "An Advertisement appeared in the paper.\nMust read books are listed below.\n"
    assert roles(text) == [("body", ""), ("body", "")]


def test_outlet_written_in_capitals_does_not_remove_its_news():
    text = "BBC reported that dozens died.\nBBC\n"
    assert roles(text, outlet="BBC") == [("body", ""), ("chrome", "outlet_name")]


def test_byline_is_the_known_author_or_comes_before_the_text():
    text = "By Jane Doe\n\nThe talks began.\n\nBy The Numbers\n"
    assert roles(text) == [("chrome", "byline"), ("body", ""), ("heading", "")]
    assert roles(text, author="Jane Doe") == [("chrome", "byline"), ("body", ""), ("heading", "")]
    assert roles("By John Roe\n", author="Jane Doe") == [("heading", "")]


def test_author_bio_ends_after_one_paragraph():
    text = "About the author:\n\nShe writes.\n\nThe article goes on here.\n"
    assert roles(text) == [("chrome", "author_bio"), ("chrome", "author_bio"), ("body", "")]


def test_short_sentences_and_lead_ins_are_not_headings():
    assert not is_heading("Xi Jinping praised Tokayev.")
    assert not is_heading("Mr Tokayev made three demands;")
    assert not is_heading("The demands were:")


def test_byte_order_mark_and_crlf_do_not_hide_chrome_or_shift_offsets():
    text = "\ufeffMonday, June 24, 2024\r\n\r\nThe talks began. They ended.\r\n"
    verdicts = classify_lines(text, title="", outlet="")
    assert [(v.role, v.rule) for v in verdicts if v.role != "blank"] == [
        ("chrome", "date_line"),
        ("body", ""),
    ]
    body = verdicts[-1]
    assert text[body.start + body.kept_offset :].startswith("The talks began.")


def test_every_sentence_and_paragraph_is_its_raw_text_at_its_offsets(corpus):
    raw = dict(zip(corpus.articles["id"], corpus.articles["raw_text"], strict=False))
    for table in (corpus.sentences, corpus.paragraphs):
        for row in table.itertuples():
            assert raw[row.article_id][row.start : row.end] == row.text


def test_loading_never_modifies_the_raw_files():
    before = {
        p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths.articles_dir().iterdir()
    }
    load_corpus()
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in paths.articles_dir().iterdir()}
    assert before == after


def test_overview_marks_missing_authors(corpus):
    overview = overview_table(corpus).set_index("id")
    assert overview.loc["001", "author"] == "Muhammad Mahdi Noori"
    assert overview.loc["000", "author"] == "not found"
    assert overview.loc["001", "published"] == "13 January 2022"


# ---- segmentation on the real texts ---------------------------------------------------------


def test_decimal_point_does_not_split(corpus):
    row = sentences_containing(corpus, {"decimal": "70.8 percent"}).iloc[0]
    assert row["article"] == "004"
    assert row["text"].startswith("On June 9, citizens of Kazakhstan went to the polls")
    assert row["text"].endswith("with taking 70.8 percent of the vote in Sunday’s election.")


def test_question_in_quotation_marks_is_its_own_sentence(corpus):
    sentences = corpus.sentences.query("article_id == '000'")["text"].tolist()
    i = sentences.index('"Who are troubling the water in Kazakhstan?"')
    assert sentences[i - 1] == "In this case, a natural question arises."
    assert sentences[i + 1].startswith("First, as official sources indicate")


def test_semicolons_do_not_end_sentences(corpus):
    row = sentences_containing(corpus, {"semicolon": "Vladimir Putin;"}).iloc[0]
    assert row["text"].startswith("In addition, Vladimir Putin;")
    assert "The Russian president also announced" in row["text"]


def test_sentence_starting_in_lower_case_is_split(corpus):
    row = sentences_containing(corpus, {"lower": "the The keeper"}).iloc[0]
    assert row["text"] == "the The keeper reported that the Blairs firm was paid $ 13 million."


def test_missing_probe_is_an_error_not_a_blank_row(corpus):
    with pytest.raises(
        ValueError, match="example 'absent': no sentence contains 'no such words anywhere'"
    ):
        sentences_containing(corpus, {"absent": "no such words anywhere"})


def test_corpus_facts_for_the_prose(corpus):
    facts = corpus_facts(edition_only(corpus))
    assert {k: facts[k] for k in (
        "n_articles", "n_outlets", "removed_lines", "removed_words", "removed_articles",
        "page_dates", "inferred_dates", "most_removed_id", "most_removed_percent", "earliest",
        "latest", "published_001", "page_date_001",
    )} == {
        "n_articles": 5, "n_outlets": 5, "removed_lines": 17, "removed_words": 170,
        "removed_articles": 4, "page_dates": 2, "inferred_dates": 3, "most_removed_id": "001",
        "most_removed_percent": 19, "earliest": "June 2019", "latest": "March 2022",
        "published_001": "13 January 2022", "page_date_001": "24 June 2024",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Dr. Smith met Mr. Jones. They spoke.", ["Dr. Smith met Mr. Jones.", "They spoke."]),
        ("J. R. Smith left. He returned.", ["J. R. Smith left.", "He returned."]),
        ("The U.S. envoy came. Talks began.", ["The U.S. envoy came.", "Talks began."]),
        ("It cost 3,000 or 2.5 million. Fine.", ["It cost 3,000 or 2.5 million.", "Fine."]),
        ('He said "Go!" Then left.', ['He said "Go!"', "Then left."]),
        ("One; Two. Three", ["One; Two.", "Three"]),
    ],
)
def test_split_rules(paragraph, expected):
    assert [s.text for s in split_sentences(paragraph)] == expected


def test_word_count_joins_numbers_and_contractions():
    assert word_count("Kazakhstan’s 3,000 people, 70.8 percent; his/her") == 6


# ---- adding an article ----------------------------------------------------------------------


def test_added_article_is_loaded_cleaned_and_segmented(data_copy):
    add_article(
        data_copy,
        "zz-test",
        b"Monday, June 24, 2024\n\nA test page\n\nBy Jane Doe\n\nFirst sentence here. "
        b"Second one, with 2.5 percent.\n\n- Advertisement -\n",
        title="A test page",
    )
    corpus = load_corpus(data_copy / "articles.csv", data_copy / "articles")
    assert corpus.articles["id"].tolist()[-1] == "zz-test"
    new = corpus.sentences.query("article_id == 'zz-test'")["text"].tolist()
    assert new == ["First sentence here.", "Second one, with 2.5 percent."]
    assert removed_table(corpus).query("article == 'zz-test'")["rule"].tolist() == [
        "date_line", "headline", "byline", "advertisement",
    ]  # fmt: skip
