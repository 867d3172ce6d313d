"""The landing page's key findings are the chapters' own facts; the module list is the code's."""

from __future__ import annotations

import pytest

from helpers.analysis import load_analysis, load_readability_check
from helpers.claim_checks import claim_facts, statement_verdicts
from helpers.findings import (
    framing_facts,
    landing_facts,
    landing_table,
    merge_facts,
    stance_line,
)
from helpers.inventory import module_table, summary_line
from helpers.readability import readability_facts
from helpers.unique_scripts import script_key


@pytest.fixture(scope="module")
def analysis():
    return load_analysis()


@pytest.fixture(scope="module")
def findings(analysis):
    return landing_facts(analysis, load_readability_check().checked)


def test_landing_facts_are_the_chapters_own_facts(analysis, findings):
    chapters = claim_facts(analysis.claims, analysis.extracted) | readability_facts(
        analysis.scores, analysis.sentences
    )
    assert {name: findings[name] for name in chapters} == chapters
    assert findings["value_deaths_238"] == 238 and findings["date_deaths_238"] == "16 August 2022"


def test_a_statement_with_two_checks_holds_when_one_reference_matches(analysis):
    statements = statement_verdicts(analysis.claims).set_index(["article", "figure"])
    vote = statements.loc[("004", "70.8 percent")]
    assert (vote["checks"], vote["verdict"], vote["group"]) == (2, "consistent", "holds")
    keys = ["article", "sentence", "start", "end"]
    assert len(statements) == analysis.claims[keys].drop_duplicates().shape[0]


def test_outdated_statements_are_not_failures(analysis, findings):
    statements = statement_verdicts(analysis.claims)
    failing_rows = statements[statements["group"] == "does not hold"]
    failing = set(zip(failing_rows["article"], failing_rows["figure"], strict=True))
    assert ("000", "six") in failing and ("002", "227") not in failing
    assert "002 · asiunical.org's “227”" in findings["held_when_written"]
    assert "001 · Diplomat Magazine's “tens”" in findings["held_when_written"]
    # the tally counts every failing statement, by verdict
    tally = findings["failing_statements"]
    for verdict, n in failing_rows["verdict"].value_counts().items():
        assert f"{n} {verdict if n == 1 else verdict.replace('differs', 'differ')}" in tally


def test_an_article_written_before_the_unrest_is_not_counted_as_explaining_it(analysis):
    facts = framing_facts(analysis)
    assert "004" in analysis.before_unrest
    # 004 endorses foreign blame in its own voice, for trouble before the unrest: not counted.
    coded = analysis.framing.compared.set_index(["article", "item"])
    assert coded.loc[("004", "foreign"), "answer"] == "endorses"
    assert facts["blame_foreign_endorses"] == "none"
    # counted: the reviewed articles written after the unrest began (004 is reviewed)
    assert facts["n_after_unrest"] == len(analysis.framing.reviewed) - 1
    assert stance_line(analysis, "004").startswith("written before the unrest")
    assert facts["blame_government_endorses_articles"] == (
        "001 · Diplomat Magazine, 002 · asiunical.org and 003 · ExBulletin"
    )


def test_the_death_toll_runs_from_the_first_counts_to_the_final_one(findings):
    assert findings["first_partial_counts"] == (
        "8 security personnel killed (5 January 2022) and "
        '26 "armed criminals" killed (7 January 2022)'
    )
    assert (findings["first_overall_toll"], findings["first_overall_date"]) == (
        225,
        "15 January 2022",
    )
    assert (findings["final_toll"], findings["final_toll_date"]) == (238, "16 August 2022")
    assert findings["n_withdrawn_counts"] == 1


def test_the_landing_table_names_each_article_and_says_what_it_is(analysis):
    table = landing_table(analysis).set_index("article")
    assert list(table.index) == list(analysis.labels.values())
    assert table.loc["001 · Diplomat Magazine", "what the text is"] == (
        "a machine translation probably from Persian"
    )
    assert table.loc["002 · asiunical.org", "what the text is"].startswith("article-spinner output")
    failing = analysis.statements[analysis.statements["group"] == "does not hold"]
    for article, label in analysis.labels.items():
        mine = failing[failing["article"] == article]["verdict"].value_counts()
        cell = table.loc[label, "statements that do not hold"]
        if article in analysis.uncurated:
            assert cell == "not yet checked by a reader", label
            continue
        assert cell == "none" if mine.empty else all(f"{n} " in cell for n in mine), label
    # 000's "six" companies in criminal proceedings: the agency named four, in no criminal case
    assert "1 unsupported" in table.loc["000 · Report.az", "statements that do not hold"]
    assert table.loc["004 · Daily Outlook Afghanistan", "what the text is"] == (
        "an original text in non-native English"
    )


def test_a_fact_with_two_values_is_an_error():
    assert merge_facts({"a": 1}, {"a": 1, "b": 2}) == {"a": 1, "b": 2}
    with pytest.raises(ValueError, match="fact 'a' has two values: 1, 2"):
        merge_facts({"a": 1}, {"a": 2})


def test_the_module_table_lists_every_module_by_its_docstring(tmp_path):
    table = module_table()
    assert "helpers.findings" in set(table["module"]) and "helpers.__init__" not in set(
        table["module"]
    )
    row = table.set_index("module").loc["helpers.segment", "what it does"]
    assert row == "Split an article's body paragraphs into sentences, by audited rules."
    (tmp_path / "quiet.py").write_text("x = 1\n", encoding="utf-8")
    with pytest.raises(ValueError, match="quiet.py: module has no docstring"):
        module_table(tmp_path)


def test_summary_line_is_the_first_paragraph_on_one_line():
    assert summary_line("One\nline.\n\nMore.") == "One line."
    assert (
        summary_line("Reads ``a.csv`` with :func:`~helpers.x.load`.")
        == "Reads a.csv with helpers.x.load."
    )


def test_an_inline_script_with_no_file_and_an_empty_file_name_is_the_same_script():
    from sphinx.builders.html._assets import _JavaScript

    body = {"body": "const THEBE_JS_URL = 1;"}
    assert script_key(_JavaScript(None, **body)) == script_key(_JavaScript("", **body))
    assert script_key(_JavaScript("a.js")) != script_key(_JavaScript("a.js", **{"async": "async"}))
