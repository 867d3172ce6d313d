"""The landing page's key findings are the chapters' own facts; the module list is the code's."""

from __future__ import annotations

import pytest

from helpers.claim_checks import claim_facts, load_claims
from helpers.claims import extract_claims
from helpers.findings import framing_facts, key_findings, merge_facts
from helpers.framing_report import load_framing
from helpers.inventory import module_table, summary_line
from helpers.readability import article_scores, readability_facts, sentence_levels, sentence_scores
from helpers.unique_scripts import script_key


@pytest.fixture(scope="module")
def findings(corpus):
    return key_findings(corpus)


def test_key_findings_are_the_chapters_own_facts(corpus, findings):
    extracted = extract_claims(corpus)
    scores = article_scores(corpus)
    chapters = claim_facts(load_claims(extracted), extracted) | readability_facts(
        scores, sentence_levels(sentence_scores(corpus))
    )
    assert {name: findings[name] for name in chapters} == chapters
    assert findings["value_deaths_238"] == 238 and findings["date_deaths_238"] == "16 August 2022"


def test_blame_counts_cover_every_article_once_per_target(corpus):
    facts = framing_facts(load_framing(corpus))
    assert facts["n_judgements"] == 150
    assert facts["blame_government_endorses"] == 4
    assert (facts["blame_foreign_endorses"], facts["blame_foreign_reports"]) == (1, 2)
    assert facts["blame_foreign_rejects"] == 1
    for target in ("foreign", "elites", "government", "russia", "west", "protesters"):
        stances = [facts[f"blame_{target}_{s}"] for s in ("endorses", "reports", "rejects")]
        assert sum(stances) <= len(corpus.articles)


def test_the_figures_that_fail_are_listed_by_article(findings):
    assert findings["not_holding_up"].startswith("002: “227” (outdated); 001: “tens” (outdated)")
    assert findings["not_holding_up"].count(";") == (
        findings["n_differs"] + findings["n_outdated"] + findings["n_unsupported"] - 1
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
