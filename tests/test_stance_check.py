"""The stance rules on real reports outside the corpus (data/stance_reports.csv): negation,
quotation, attribution and distancing decide the stance, every sentence the rules retrieve is
labelled, and the precision the book states is computed from the labels."""

from __future__ import annotations

import shutil

import pytest
from conftest import read_rows, write_rows

from helpers import paths
from helpers.codebook import load_codebook
from helpers.framing import quoted_spans, rule_answers, sentence_evidence
from helpers.stance_check import (
    SETS,
    StanceSetError,
    load_stance_set,
    stance_agreement,
    stance_facts,
    stance_precision,
    unlabelled_pairs,
)


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


@pytest.fixture(scope="module")
def stance_set(codebook):
    return load_stance_set(codebook)


@pytest.fixture(scope="module")
def agreement(stance_set, codebook):
    return stance_agreement(stance_set, codebook)


def rules_on(agreement, starts_with: str, target: str) -> tuple[str, str]:
    """The rules' stance and reason for the one sentence that starts so, and a culprit."""
    rows = agreement[
        agreement["sentence_text"].str.startswith(starts_with) & (agreement["target"] == target)
    ]
    assert len(rows) == 1, (starts_with, target, len(rows))
    return rows.iloc[0]["rules"], rows.iloc[0]["reason"]


def test_each_set_has_real_reports_from_several_outlets(stance_set):
    reports = stance_set.reports
    for name in SETS:
        chosen = reports[reports["set"] == name]
        assert len(chosen) >= 3 and chosen["outlet"].nunique() >= 3
        assert chosen["url"].str.match(r"^https?://").all()
    assert not set(reports["url"]) & set(read_rows(paths.data_dir() / "articles.csv")[0])


def test_every_sentence_the_rules_retrieve_is_labelled(agreement):
    assert unlabelled_pairs(agreement).empty
    # and no label is left for a sentence the rules no longer retrieve
    assert not ((agreement["rules"] == "") & (agreement["reader"] != "")).any()


@pytest.mark.parametrize(
    ("starts_with", "target", "stance", "reason"),
    [
        # negation in the report's own words: "there is no evidence", "there were no terrorists"
        ("To legitimize his plea for outside military help", "foreign", "rejects",
         "rejection cue “no evidence”"),
        ("It looks now like there were no terrorists", "foreign", "rejects",
         "negation “no” before it"),
        # a scare-quoted word is someone else's, even with no reporting verb near it
        ("First, was last week’s slaughterhouse battle", "protesters", "reports",
         "in quotation marks"),
        # quoted speech: the "not" and the culprit inside the quotation are Putin's
        ("“We will not allow the realization of so-called color revolution", "foreign",
         "reports", "in quotation marks"),
        # attribution decides
        ("President Kassym-Jomart Tokayev issued shoot-to-kill orders", "foreign", "reports",
         "reporting cue “blamed”"),
        ("Analysts feel that the protests were a manifestation", "elites", "reports",
         "reporting cue “Analysts feel”"),
        # what the protesters were against is their grievance, not the report's blame
        ("The stakes are especially high for Russia", "government", "reports",
         "distancing “demanding” before it"),
        # a rejection in the report's own words outranks the quotation marks around the claim
        ("Both Kazakhstan and Russia have framed last week's unrest", "foreign", "rejects",
         "rejection cue “little supporting evidence”"),
        # and the article's own voice endorses
        ("Extreme authoritarianism, along with constant suppression", "government", "endorses",
         "no cue of quotation, reporting, rejection or negation"),
    ],
)  # fmt: skip
def test_negation_quotation_and_attribution_decide_the_stance(
    agreement, starts_with, target, stance, reason
):
    assert rules_on(agreement, starts_with, target) == (stance, reason)
    assert agreement.loc[agreement["sentence_text"].str.startswith(starts_with)
                         & (agreement["target"] == target), "reader"].item() == stance  # fmt: skip


def test_a_reported_claim_is_not_overruled_by_a_cue_inside_the_quotation(stance_set, codebook):
    # Putin's "color revolutions" are reported in both sentences of the Moscow Times report that
    # name them, so the report's answer is "reports", not "endorses"
    key = "moscowtimes_putin_color_revolutions_2022_01_10"
    sentences = stance_set.sentences[stance_set.sentences["article_id"] == key]
    evidence = sentence_evidence(sentences, codebook, "blame")
    answers = rule_answers(evidence, [key], codebook, "blame").set_index("item")["rules"]
    assert answers["foreign"] == "reports"
    assert set(evidence.loc[evidence["value"] == "foreign", "stance"]) == {"reports"}


def test_apostrophes_are_not_quotation_marks():
    text = "Kazakhstan’s president met the protesters' leaders and ‘bandits’ in Almaty."
    [(start, end)] = quoted_spans(text)
    assert text[start:end] == "‘bandits’"
    # a quotation closed here but opened in an earlier sentence; one opened and never closed
    closed = "the terrorists,” Putin said."
    assert quoted_spans(closed) == ((0, closed.index("”") + 1),)
    opened = "included “foreign fighters"
    assert quoted_spans(opened) == ((opened.index("“"), len(opened)),)


def test_the_precision_the_book_states_is_computed_from_the_labels(agreement):
    table = stance_precision(agreement).set_index("set")
    held = table.loc["held-out"]
    scored = agreement[(agreement["set"] == "held-out") & (agreement["rules"] != "")]
    assert held["pairs found"] == len(scored) >= 40
    assert held["stance agrees"] == (scored["rules"] == scored["reader"]).sum()
    facts = stance_facts(agreement)
    assert facts["stance_heldout_percent"] == round(100 * held["stance agrees"] / len(scored))
    # the rules do better than always answering the commonest stance on these reports
    commonest = scored["reader"].value_counts().iloc[0]
    assert held["stance agrees"] > commonest


@pytest.fixture
def set_copy(tmp_path):
    for name in ("stance_reports.csv", "stance_labels.csv"):
        shutil.copy(paths.data_dir() / name, tmp_path / name)
    return tmp_path


def load_copy(codebook, folder):
    return load_stance_set(codebook, folder / "stance_reports.csv", folder / "stance_labels.csv")


def test_bad_reports_are_refused_naming_the_file_and_row(codebook, set_copy):
    rows = read_rows(set_copy / "stance_reports.csv")
    rows[0] |= {"key": "Bad Key", "set": "training", "url": "www.example.org/x",
                "published": "10 Jan 2022"}  # fmt: skip
    rows[1]["excerpt"] = ""
    write_rows(set_copy / "stance_reports.csv", rows)
    with pytest.raises(StanceSetError) as caught:
        load_copy(codebook, set_copy)
    message = str(caught.value)
    assert message.splitlines()[0].startswith(f"{set_copy / 'stance_reports.csv'}: row 2 ")
    assert "key must be lower-case letters, digits or underscores" in message
    assert "set 'training' is not one of ['development', 'held-out']" in message
    assert "url 'www.example.org/x' is not a web address" in message
    assert "published '10 Jan 2022' is not a date" in message
    assert "row 3 (key " in message and "empty 'excerpt'" in message


def test_bad_labels_are_refused_naming_the_file_and_row(codebook, set_copy):
    rows = read_rows(set_copy / "stance_labels.csv")
    rows[0] |= {"target": "aliens", "stance": "maybe"}
    rows[1]["sentence"] = rows[1]["sentence"] + " And more."
    rows[2]["key"] = "no_such_report"
    write_rows(set_copy / "stance_labels.csv", [*rows, rows[3]])
    with pytest.raises(StanceSetError) as caught:
        load_copy(codebook, set_copy)
    message = str(caught.value)
    assert message.splitlines()[0].startswith(f"{set_copy / 'stance_labels.csv'}: ")
    assert "(key, sentence, target) labelled twice: " + rows[3]["key"] in message
    assert "target 'aliens' is not one of" in message
    assert "stance 'maybe' is not one of ['endorses', 'reports', 'rejects', 'none']" in message
    assert "row 3 (key " in message and "the sentence is not one of the excerpt's sentences" in (
        message
    )
    assert "row 4 (key 'no_such_report'): key is not a report of stance_reports.csv" in message
