"""Articles beside their copies: the alignment's scores and swaps, and the checks on the
stored passages."""

from __future__ import annotations

import pytest
from conftest import read_rows, write_rows

from helpers.bibliography import bib_urls
from helpers.integrity_report import THIS_ARTICLE, passages_table, site
from helpers.side_by_side import (
    SideBySideError,
    align,
    aligned_passages,
    copy_summary,
    load_siblings,
    sibling_copies_csv,
    sibling_passages_csv,
)


@pytest.fixture(scope="module")
def siblings(corpus):
    return load_siblings(corpus.articles)


def test_alignment_scores_and_swaps():
    same = align("Ukraine’s Rolle in Kazakhstan’s Shift", "Ukraine's Rolle in Kazakhstan's Shift")
    assert same.similarity == 100.0 and same.changes == []
    swapped = align("Ukraine’s Rolle in Kazakhstan’s Shift", "Ukraine's Role in Kazakhstan's Shift")
    assert swapped.substitutions() == [("Rolle", "Role")]
    assert 75 < swapped.similarity < 100
    rewritten = align("the protests that rocked Kazakhstan", "after an array of protests that "
                      "have shaken the whole country of Kazakhstan")  # fmt: skip
    assert rewritten.substitutions() == [("the", "after an array of")]
    assert rewritten.rewordings() == 1  # "rocked" -> six words is a rewording, not a swap


def test_the_spun_copy_that_spells_the_surname_right_still_has_rolle_as_role(siblings):
    aligned = aligned_passages(siblings)
    heading = aligned[(aligned["copy"] == "technetbloggers_kazykhanov_2022")
                      & (aligned["passage"] == "P05")]  # fmt: skip
    assert heading["substitutions"].iloc[0] == "Rolle → Role"


def test_every_copy_of_002_is_compared_and_names_its_surname_forms(siblings):
    aligned = aligned_passages(siblings)
    summary = copy_summary(siblings, aligned).set_index("copy")
    mine = summary[summary["article"] == "002"]
    assert len(mine) >= 8 and (mine["passages"] > 0).all()
    assert all("Kazykhanov" in forms or "Kasykhanov" in forms for forms in mine["name forms"])
    assert aligned["similarity"].between(0, 100).all()


def _write(tmp_path, name, rows):
    target = tmp_path / name
    write_rows(target, rows)
    return target


def test_bad_copies_and_passages_are_named(corpus, tmp_path):
    copies = read_rows(sibling_copies_csv())
    copies[0].update(copy="no_such_key_2099", relation="cousin")
    passages = read_rows(sibling_passages_csv())
    passages[1].update(article_text="words that are in no article")
    with pytest.raises(SideBySideError) as caught:
        load_siblings(corpus.articles, _write(tmp_path, "c.csv", copies),
                      _write(tmp_path, "p.csv", passages))  # fmt: skip
    message = str(caught.value)
    assert message.splitlines()[0].startswith(f"{tmp_path / 'c.csv'}: row 2 (002 no_such_key")
    assert "copy 'no_such_key_2099' is not a key in references.bib" in message
    assert "relation 'cousin' is not one of ('sibling copy', 'original')" in message
    assert (
        "p.csv: row 3 (002 P02 asiunical_return_2022): article_text does not occur in the article"
        in message
    )
    assert f"copy '{passages[0]['copy']}' of article '002' is not in sibling_copies.csv" in message


def test_the_passages_table_puts_the_articles_words_before_each_copys(siblings):
    aligned = aligned_passages(siblings)
    table = passages_table(aligned, "003", bib_urls())
    first = table.iloc[0]
    assert first["site"] == THIS_ARTICLE and first["its words"].startswith("Since January 2")
    assert table.iloc[1]["site"] == "polygraph.info" and table.iloc[1]["similarity"] > 80
    n_passages = aligned.loc[aligned["article"] == "003", "passage"].nunique()
    assert (table["site"] == THIS_ARTICLE).sum() == n_passages
    assert site("https://straarup-willoughby.technetbloggers.de/x") == "technetbloggers.de"
