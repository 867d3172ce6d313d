"""Framing: the codebook's rules on real sentences, the hand coding's quotes, and agreement."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import yaml
from conftest import EDITION, add_article, read_rows, write_rows

from helpers.codebook import CodebookError, codebook_file, load_codebook
from helpers.coding_scaffold import suggested_coding
from helpers.corpus import load_corpus
from helpers.framing import (
    label_evidence,
    rule_answers,
    rule_evidence,
)
from helpers.framing_chart import frame_heatmap
from helpers.framing_report import actor_mentions, load_framing, rule_findings
from helpers.hand_coding import HandCodingError, cohens_kappa, hand_coding_csv, load_hand_coding


@pytest.fixture(scope="module")
def codebook():
    return load_codebook()


@pytest.fixture(scope="module")
def framing(corpus):
    return load_framing(corpus)


def sentence(corpus, article: str, starts_with: str) -> str:
    texts = corpus.sentences.loc[corpus.sentences["article_id"] == article, "text"]
    [text] = [t for t in texts if t.startswith(starts_with)]
    return text


@pytest.mark.parametrize(
    ("article", "start", "voice", "stance"),
    [
        ("003", "Allegations of foreign involvement", "own", "rejects"),
        ("003", "In addition, Western involvement", "own", "rejects"),
        ("003", "The main spark in the protests", "own", "endorses"),
        ("003", "For example, Belarusian President", "attributed", "reports"),
        ("001", "Mr Tokayev specifically mentioned", "attributed", "reports"),
        ("000", "Such cases prove official arbitrariness", "own", "endorses"),
        ("000", "First, as official sources indicate", "attributed", "reports"),
        ("004", "These radical figures funded", "own", "endorses"),
    ],
)
def test_voice_and_stance_on_real_sentences(corpus, codebook, article, start, voice, stance):
    text = sentence(corpus, article, start)
    evidence = rule_evidence(corpus, codebook, "blame")
    found = evidence[(evidence["article_id"] == article) & (evidence["text"] == text)]
    assert len(found) and set(zip(found["voice"], found["stance"], strict=True)) == {
        (voice, stance)
    }


def test_blame_rules_find_the_rejection_of_foreign_involvement(corpus, codebook):
    evidence = rule_evidence(corpus, codebook, "blame")
    rejected = evidence[(evidence["article_id"] == "003") & (evidence["stance"] == "rejects")]
    assert {"foreign", "west"} <= set(rejected["value"])
    answers = rule_answers(evidence, ["003"], codebook, "blame").set_index("item")["rules"]
    assert answers["foreign"] == "rejects" and answers["russia"] == "absent"


def test_a_label_in_quotation_marks_is_someone_elses_word(corpus, codebook):
    labels = label_evidence(corpus, codebook)
    quoted = labels[(labels["article_id"] == "001") & (labels["value"] == "terrorists")]
    assert (quoted["voice"] == "attributed").all()
    own = labels[(labels["article_id"] == "001") & (labels["text"].str.startswith("Kazakh gov"))]
    assert own["value"].tolist() == ["protesters"] and own["voice"].tolist() == ["own"]


def test_every_hand_coded_quote_is_the_text_at_its_offsets(corpus, framing):
    texts = corpus.articles.set_index("id")["raw_text"]
    quoted = framing.hand[framing.hand["quote"] != ""]
    assert len(quoted) == (~framing.hand["answer"].isin(["no", "absent"])).sum() > 0
    for row in quoted.itertuples():
        assert texts[row.article][row.start : row.end] == row.quote


def test_a_moved_or_missing_judgement_is_refused(corpus, codebook, tmp_path):
    rows = read_rows(hand_coding_csv())
    rows[0]["start"] = str(int(rows[0]["start"]) + 1)
    rows[1]["answer"] = "maybe"
    rows[2].update(answer="no", quote=rows[2]["quote"])
    target = tmp_path / "hand_coding.csv"
    last_of_004 = max(i for i, row in enumerate(rows) if row["article"] == "004")
    write_rows(target, rows[:last_of_004] + rows[last_of_004 + 1 :])
    with pytest.raises(HandCodingError) as caught:
        load_hand_coding(corpus.articles, codebook, target)
    problems = [problem for _, problem in caught.value.problems]
    assert any(p.startswith("row 2 (000 entman problem_definition): the text at") for p in problems)
    assert any(p.endswith(", not the quote") for p in problems)
    assert any("answer 'maybe' is not one of" in p for p in problems)
    assert any("answer 'no' takes no quote" in p for p in problems)
    # the first line of the error names the file, the article's first row and the problem
    partly = "row 122 (004): article 004 is only partly coded; not judged: blame protesters"
    assert any(p.startswith(partly) for p in problems)
    first_line = str(caught.value).splitlines()[0]
    assert first_line.startswith(f"{target}: ")


def test_bad_hand_coding_rows(corpus, codebook, tmp_path):
    rows = read_rows(hand_coding_csv())
    rows[0]["article"] = "009"
    rows[1]["dimension"] = "mood"
    rows[2]["item"] = "nothing"
    rows[3]["quote"] = ""
    rows[4]["start"] = "x"
    target = tmp_path / "hand_coding.csv"
    write_rows(target, [*rows, rows[5]])
    with pytest.raises(HandCodingError) as caught:
        load_hand_coding(corpus.articles, codebook, target)
    problems = [problem for _, problem in caught.value.problems]
    assert "row 2 (009 entman problem_definition): article '009' is not in articles.csv" in problems
    assert any(
        p.startswith("row 3 (000 mood causal_interpretation): dimension 'mood' is not one of")
        for p in problems
    )
    assert "row 4 (000 entman nothing): item 'nothing' is not in the codebook" in problems
    assert (
        "row 5 (000 entman treatment_recommendation): answer 'yes' needs a quote from the article"
        in problems
    )
    assert "row 6 (000 generic r1): start and end must be character offsets" in problems
    assert "judged twice: 000 generic r2" in problems


def test_cohens_kappa_matches_a_worked_example():
    first = pd.Series(["yes", "yes", "no", "no"])
    second = pd.Series(["yes", "no", "no", "no"])
    assert cohens_kappa(first, second) == pytest.approx(0.5)
    assert cohens_kappa(first, first) == pytest.approx(1.0)


def test_agreement_is_counted_over_every_judgement(framing, codebook):
    summary = framing.agreement_table().set_index("dimension")
    articles = len(framing.reviewed)
    assert summary.loc["generic", "judgements"] == articles * len(codebook.questions)
    assert summary.loc["blame", "judgements"] == articles * len(codebook.blame)
    disagreements = framing.disagreements()
    assert len(disagreements) == (summary["judgements"] - summary["rules agree"]).sum()


def test_actor_mentions_count_each_name_once(corpus, framing):
    mentions = actor_mentions(corpus, framing.actors).set_index(["article_id", "actor"])
    # 003 names Tokayev twice in full and never by surname alone.
    body = " ".join(corpus.sentences.loc[corpus.sentences["article_id"] == "003", "text"])
    assert mentions.loc[("003", "Kassym-Jomart Tokayev"), "mentions"] == body.count("Tokayev")


def test_bad_patterns_and_keys_name_their_place(tmp_path):
    text = codebook_file().read_text(encoding="utf-8")
    text = text.replace("'\\boligarchs?\\b'", "'(oligarchs'").replace(
        "sources: [entman_framing_1993]", "sources: [no_such_key]"
    )
    broken = tmp_path / "codebook.yml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load_codebook(broken)
    message = str(caught.value)
    assert "blame.targets.elites, pattern 1 '(oligarchs'" in message
    assert "entman.sources: key 'no_such_key' not in references.bib" in message


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "file not found"),
        ("voice: [unclosed\n", "cannot be read as UTF-8 YAML (while parsing"),
        ("- a list\n", "must be a mapping of sections"),
        ("voice: {}\n", "missing section(s): blame, labels, entman, generic_frames"),
    ],
)
def test_unreadable_codebook(tmp_path, text, message):
    path = tmp_path / "codebook.yml"
    if text is not None:
        path.write_text(text, encoding="utf-8")
    with pytest.raises(CodebookError, match=re.escape(f"codebook.yml: {message}")):
        load_codebook(path)


def codebook_problems(tmp_path, raw: dict) -> list[str]:
    """The problems loading ``raw`` (a changed copy of the codebook) reports."""
    broken = tmp_path / "codebook.yml"
    broken.write_text(yaml.safe_dump(raw), encoding="utf-8")
    with pytest.raises(CodebookError) as caught:
        load_codebook(broken)
    return [problem for _, problem in caught.value.problems]


def test_empty_lists_and_repeated_item_names(tmp_path):
    raw = yaml.safe_load(codebook_file().read_text(encoding="utf-8"))
    raw["voice"]["attributed"] = []
    raw["labels"]["terms"] = []
    raw["blame"]["targets"]["problem_definition"] = {"patterns": ["crisis"]}
    problems = codebook_problems(tmp_path, raw)
    assert "voice.attributed: needs a non-empty list of patterns" in problems
    assert "item name(s) used twice: problem_definition" in problems
    assert "labels.terms: needs a non-empty list of terms" in problems


def test_an_added_article_gets_suggestions_until_coded_and_partial_coding_fails(
    data_copy, codebook, tmp_path
):
    add_article(
        data_copy,
        "zz-test",
        b"Officials said that foreign forces were behind the riots.\n\n"
        b"These claims are baseless. The rioters were local residents angry at prices.\n",
    )
    corpus = load_corpus(data_copy / "articles.csv", data_copy / "articles")
    evidence = rule_evidence(corpus, codebook, "blame")
    new = evidence[evidence["article_id"] == "zz-test"]
    assert set(zip(new["value"], new["stance"], strict=True)) == {
        ("foreign", "reports"),
        ("protesters", "endorses"),
    }
    labels = label_evidence(corpus, codebook)
    assert set(labels.loc[labels["article_id"] == "zz-test", "value"]) == {
        "riots",
        "rioters",
        "residents",
    }
    # not coded at all: it loads, and the framing shows the rules' suggestions, unreviewed
    hand = load_hand_coding(corpus.articles, codebook)
    assert "zz-test" not in set(hand["article"])
    found, answers = rule_findings(corpus, codebook)
    raw = corpus.articles.set_index("id").loc["zz-test", "raw_text"]
    suggested = suggested_coding("zz-test", raw, found, answers, codebook).set_index("item")
    assert suggested.loc["foreign", "answer"] == "reports"
    assert suggested.loc["foreign", "quote"] == (
        "Officials said that foreign forces were behind the riots."
    )
    assert suggested.loc["foreign", "rationale"].startswith("unreviewed: the rules matched")
    # coded in part: refused, naming the file, the row and the problem on the first line
    partial = tmp_path / "hand_coding.csv"
    rows = read_rows(hand_coding_csv())
    write_rows(partial, [*rows, dict(rows[0], article="zz-test", answer="no", quote="",
                                     start="", end="")])  # fmt: skip
    with pytest.raises(HandCodingError) as caught:
        load_hand_coding(corpus.articles, codebook, partial)
    first_line = str(caught.value).splitlines()[0]
    assert first_line.startswith(f"{partial}: row {len(rows) + 2} (zz-test): article zz-test is "
                                 "only partly coded; not judged: blame elites, ")  # fmt: skip


@pytest.mark.parametrize("article", ["000", "001", "002", "003", "004"])
def test_every_sentence_a_table_points_to_is_listed_in_full(framing, article):
    listed = set(framing.matched_sentences(article)["sentence"])
    cells = [
        *framing.entman_table(article)["rule matches"],
        *framing.blame_table(article)["rule matches"],
        *framing.disagreements(article)["rule matches"],
    ]
    pointed = {ref for cell in cells for ref in re.findall(r"\bs\d+(?=:)", cell)}
    assert pointed and pointed <= listed


def test_codebook_parts_of_the_wrong_shape_are_named_not_crashed_on(tmp_path):
    raw = yaml.safe_load(codebook_file().read_text(encoding="utf-8"))
    raw["voice"] = None
    raw["blame"]["targets"]["elites"] = ["officials"]
    raw["entman"]["sources"] = "entman_framing_1993"
    raw["generic_frames"]["frames"]["conflict"]["questions"] = "none"
    problems = codebook_problems(tmp_path, raw)
    assert "voice: must be a mapping, not NoneType" in problems
    assert "blame.targets.elites: must be a mapping, not list" in problems
    assert "entman.sources: must be a list, not str" in problems
    assert "generic_frames.frames.conflict.questions: must be a list, not str" in problems


def test_the_heatmap_prints_scores_only_while_they_fit(corpus):
    framing = load_framing(corpus)
    scores = framing.frame_scores(EDITION)
    small = frame_heatmap(scores)
    assert sum(len(axes.texts) for axes in small.axes) == 2 * len(scores)
    many = pd.concat(
        [scores.assign(article=scores["article"] + f"-{n}") for n in range(5)], ignore_index=True
    )  # 25 articles
    large = frame_heatmap(many)
    assert sum(len(axes.texts) for axes in large.axes) == 0
    labels = [tick.get_text() for tick in large.axes[0].get_xticklabels()]
    assert len(labels) == 13 and labels[0] == "000-0"
