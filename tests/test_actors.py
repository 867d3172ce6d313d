"""Who's who: the real tables load, and every check in the loader fails when it should."""

from __future__ import annotations

import pytest
from conftest import read_rows, write_rows

from helpers.actors import (
    FORMS,
    ActorsError,
    actor_facts,
    load_actors,
    occurs,
    spellings_table,
    whos_who_table,
)


@pytest.fixture(scope="module")
def actors(corpus):
    return load_actors(corpus.articles)


def problems_of(corpus, data) -> list[str]:
    with pytest.raises(ActorsError) as caught:
        load_actors(corpus.articles, data)
    return [f"{path.rsplit('/', 1)[-1]}: {problem}" for path, problem in caught.value.problems]


def edit(data, name: str, index: int, **values: str) -> None:
    rows = read_rows(data / f"{name}.csv")
    rows[index].update(values)
    write_rows(data / f"{name}.csv", rows)


def test_every_listed_spelling_occurs_in_its_article(actors, corpus):
    texts = corpus.articles.set_index("id")["raw_text"]
    for row in actors.spellings.itertuples():
        assert occurs(row.spelling, texts[row.article]), (row.actor, row.article, row.spelling)


def test_known_garbled_names_are_recorded_as_errors(actors):
    errors = actors.spellings[actors.spellings["form"] == "error"]
    garbled = set(zip(errors["article"], errors["spelling"], strict=True))
    assert {
        ("002", "Erzhan Kazakhstanykhanov"),
        ("002", "Karim Mastimov"),
        ("002", "Tokeyev"),
        ("003", "The keeper"),
        ("003", "Johnathan Aitken"),
    } <= garbled


def test_whole_words_only():
    assert occurs("Tokayev", "President Tokayev’s speech")
    assert not occurs("Xi", "Xinhua reported")
    assert not occurs("Kazakh", "Kazakhstan")


def test_tables_have_one_row_per_actor(actors):
    assert len(whos_who_table(actors)) == len(actors.actors)
    spellings = spellings_table(actors).set_index("name")
    assert spellings.loc["Erzhan Kazykhanov", "error"] == (
        "Erzhan Kazakhstanykhanov (002); Erzhan Kykhanov (002)"
    )
    assert spellings.loc["Kassym-Jomart Tokayev", "reference"] == (
        "Tokayev (001, 002, 003, 004); Kassym-Jomart Tokayev (003, 004)"
    )


def test_a_spelling_not_in_the_article_is_refused(corpus, data_copy):
    edit(data_copy, "spellings", 0, spelling="Qasim-Jomart Tokayev")
    assert problems_of(corpus, data_copy) == [
        "spellings.csv: row 2 (id 'tokayev'): spelling 'Qasim-Jomart Tokayev' does not occur "
        "in article 001"
    ]


def test_unknown_article_actor_form_and_duplicates(corpus, data_copy):
    rows = read_rows(data_copy / "spellings.csv")
    rows[0].update(article="009")
    rows[1].update(actor="nobody", form="typo")
    rows.append(dict(rows[2]))
    write_rows(data_copy / "spellings.csv", rows)
    problems = problems_of(corpus, data_copy)
    assert "spellings.csv: row 2 (id 'tokayev'): article '009' is not in articles.csv" in problems
    assert "spellings.csv: row 3 (id 'nobody'): actor 'nobody' is not in actors.csv" in problems
    assert any("form 'typo' is not one of" in p for p in problems)
    assert any(
        "spelling(s) listed twice: tokayev | 002 | Qasym ZhomartTokayev" in p for p in problems
    )


def test_role_dates_and_sources_are_checked(corpus, data_copy):
    edit(data_copy, "roles", 0, start="2019-02-30", source="no_such_key_2022")
    edit(data_copy, "roles", 1, start="2022", end="2019-06")
    problems = problems_of(corpus, data_copy)
    assert any("start '2019-02-30' is not a date" in p for p in problems)
    assert any("source key(s) not in references.bib: no_such_key_2022" in p for p in problems)
    assert any("start 2022 is after end 2019-06" in p for p in problems)


def test_unknown_actor_and_undated_role(corpus, data_copy):
    edit(data_copy, "roles", 0, actor="nobody")
    edit(data_copy, "roles", 1, start="", note="")
    problems = problems_of(corpus, data_copy)
    assert "roles.csv: row 2 (id 'nobody'): actor 'nobody' is not in actors.csv" in problems
    assert (
        "roles.csv: row 3 (id 'tokayev'): a role with no start date needs a note saying why"
        in problems
    )


def test_an_actor_with_no_role_or_spelling_is_refused(corpus, data_copy):
    rows = read_rows(data_copy / "actors.csv")
    write_rows(
        data_copy / "actors.csv", [*rows, {"id": "ghost", "name": "A Ghost", "kind": "spirit"}]
    )
    problems = problems_of(corpus, data_copy)
    assert "roles.csv: no row for actor(s): ghost" in problems
    assert "spellings.csv: no row for actor(s): ghost" in problems
    assert any("kind 'spirit' is not one of" in p for p in problems)


def test_missing_file_is_named(corpus, data_copy):
    (data_copy / "roles.csv").unlink()
    assert problems_of(corpus, data_copy) == ["roles.csv: file not found"]


def test_facts_for_the_prose_are_counted_from_the_tables(actors):
    facts = actor_facts(actors)
    assert facts["n_people"] + facts["n_organisations"] == facts["n_actors"] == len(actors.actors)
    assert sum(facts[f"n_spellings_{form}"] for form in FORMS) == facts["n_spellings"]
    assert facts["error_articles"] == "000, 001, 002 and 003"
    assert facts["n_roles_no_start"] == (actors.roles["start"] == "").sum() > 0
