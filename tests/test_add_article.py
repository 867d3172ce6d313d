"""Adding an article in one command (``make article``): a real news report that is not in the
corpus goes in with the next free id, and the analysis runs on it at once, showing the rules'
suggestions as unreviewed and its figures beside the timeline's official counts."""

from __future__ import annotations

import csv
import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, read_rows

from helpers import paths
from helpers.add_article import (
    AddArticleError,
    NewArticle,
    add_article,
    next_id,
)
from helpers.analysis import load_analysis
from helpers.automatic_checks import DIFFERS, MATCHES, NO_COUNT
from helpers.bibliography import bib_urls
from helpers.codebook import load_codebook
from helpers.coding_scaffold import ScaffoldError, write_scaffold
from helpers.corpus import load_corpus
from helpers.hand_coding import UNREVIEWED, load_hand_coding

#: A real report not in the corpus: an excerpt of an AP story, with its source.
REPORT = ROOT / "tests" / "fixtures" / "new_article_ap_shoot_to_kill.txt"
REPORT_URL = "https://www.arkansasonline.com/news/2022/jan/08/kazakh-leader-allows-shoot-to-kill/"
OUTLET = "The Associated Press (via the Arkansas Democrat-Gazette)"


def new_report(text_file: Path = REPORT, **fields: str) -> NewArticle:
    values = {"url": REPORT_URL, "outlet": OUTLET, "published": "2022-01-08",
              "short_name": "AP"} | fields  # fmt: skip
    return NewArticle(text_file=text_file, **values)


@pytest.fixture
def project(tmp_path: Path, monkeypatch) -> Path:
    """A copy of the project's data and bibliography, which the analysis reads."""
    target = tmp_path / "project"
    shutil.copytree(paths.data_dir(), target / "data")
    shutil.copy(paths.bibliography_file(), target / "references.bib")
    monkeypatch.setenv(paths.ROOT_ENV_VAR, str(target))
    return target


def test_next_id_counts_only_numeric_ids():
    assert next_id(["000", "001", "zz-test", "004"]) == "005"
    assert next_id([]) == "000"
    assert next_id(["x-1"]) == "000"


def test_a_real_report_is_added_with_the_next_free_id_and_analysed_at_once(project):
    before = read_rows(project / "data" / "articles.csv")
    expected_id = next_id([row["id"] for row in before])
    pending = load_analysis()  # articles a user added before this test, not yet reviewed
    unreviewed, uncurated = pending.unreviewed, pending.uncurated
    row = add_article(new_report(), root=project, added="2026-12-02")
    assert row["id"] == expected_id
    rows = read_rows(project / "data" / "articles.csv")
    assert rows[:-1] == before and rows[-1]["id"] == expected_id
    assert rows[-1]["title"] == "Kazakh leader allows shoot-to-kill"  # the text's first line
    raw = REPORT.read_bytes()
    assert rows[-1]["sha256"] == hashlib.sha256(raw).hexdigest()
    assert (project / "data" / "articles" / rows[-1]["file"]).read_bytes() == raw
    assert bib_urls(project / "references.bib")[row["bib_key"]] == REPORT_URL

    analysis = load_analysis()
    assert analysis.unreviewed == [*unreviewed, expected_id]
    assert analysis.uncurated == [*uncurated, expected_id]
    assert expected_id not in analysis.framing.reviewed
    suggested = analysis.framing.hand[analysis.framing.hand["article"] == expected_id]
    assert suggested["rationale"].str.startswith(UNREVIEWED).all()
    # "discontent with authoritarian rule" is the protesters' grievance, and "terrorists" is
    # Tokayev's word in quotation marks: both reported, neither endorsed
    blame = suggested.set_index("item")["answer"]
    assert blame["government"] == "reports" and blame["foreign"] == "reports"
    assert "distancing “discontent with”" in suggested.set_index("item").loc["government",
                                                                             "rationale"]
    # its figures beside the timeline: 26 "armed criminals" killed on 7 January, more than
    # 3,800 detained (the count of 8 January, 4,404, is inside "more than 3,800"); no official
    # count of the injured is in the timeline
    checks = analysis.automatic.set_index(["sentence", "figure"])
    sentence_of = {
        text: str(s) for s, text in analysis.corpus.sentences.query(
            "article_id == @expected_id")[["sentence", "text"]].itertuples(index=False)
    }  # fmt: skip
    killed = next(s for t, s in sentence_of.items() if "killed 26 protesters" in t)
    assert checks.loc[(killed, "26"), "result"] == MATCHES
    assert checks.loc[(killed, "26"), "reference_value"] == 26
    detained = next(s for t, s in sentence_of.items() if "3,800" in t)
    assert checks.loc[(detained, "3,800"), "reference_value"] == 4404
    assert checks.loc[(detained, "26"), "result"] == NO_COUNT
    assert set(checks["result"]) <= {MATCHES, DIFFERS, NO_COUNT}


def test_the_scaffold_writes_rows_that_load_and_stay_unreviewed(project):
    unreviewed = load_analysis().unreviewed
    row = add_article(new_report(), root=project)
    written = write_scaffold(row["id"])
    corpus = load_corpus()
    hand = load_hand_coding(corpus.articles, load_codebook())
    mine = hand[hand["article"] == row["id"]]
    assert len(mine) == len(written) == len(load_codebook().rules("entman")) + len(
        load_codebook().questions
    ) + len(load_codebook().blame)
    quoted = mine[mine["quote"] != ""]
    assert len(quoted) and all(
        corpus.articles.set_index("id").loc[row["id"], "raw_text"][r.start : r.end] == r.quote
        for r in quoted.itertuples()
    )
    assert load_analysis().unreviewed == [*unreviewed, row["id"]]
    with pytest.raises(ScaffoldError, match="already has hand-coding rows"):
        write_scaffold(row["id"])


@pytest.mark.parametrize(
    ("content", "fields", "message"),
    [
        (b"Caf\xe9 society met.", {}, "not UTF-8 (byte 0xe9 at offset 3)"),
        (b"  \n\n ", {}, "the file is empty"),
        (None, {"url": ""}, "URL is missing"),
        (None, {"published": "8 Jan 2022"}, "published '8 Jan 2022' is not a date"),
        (None, {"url": "arkansasonline.com/x"}, "is not a web address (http:// or https://)"),
    ],
)
def test_bad_input_gets_one_line_naming_the_file(project, tmp_path, content, fields, message):
    text_file = tmp_path / "new.txt"
    text_file.write_bytes(REPORT.read_bytes() if content is None else content)
    before = {p: p.read_bytes() for p in (project / "data" / "articles.csv",
                                           project / "references.bib")}  # fmt: skip
    with pytest.raises(AddArticleError) as caught:
        add_article(new_report(text_file, **fields), root=project)
    assert len(str(caught.value).splitlines()) == 1
    assert str(caught.value).startswith(f"{text_file}: ") and message in str(caught.value)
    assert all(path.read_bytes() == content for path, content in before.items())


def test_a_text_or_address_already_in_the_corpus_is_refused(project, tmp_path):
    existing = read_rows(project / "data" / "articles.csv")[2]
    copy = tmp_path / "copy.txt"
    copy.write_bytes((project / "data" / "articles" / existing["file"]).read_bytes() + b"\n")
    same = "not added: it is the same text as article "
    with pytest.raises(AddArticleError, match=same + existing["id"]):
        add_article(new_report(copy, url="https://example.org/a-copy"), root=project)
    taken = "not added: its address is already article "
    with pytest.raises(AddArticleError, match=taken + existing["id"]):
        add_article(new_report(url=existing["url"]), root=project)


def test_a_text_with_nothing_left_after_cleaning_is_rolled_back(project, tmp_path):
    chrome = tmp_path / "chrome.txt"
    chrome.write_bytes(b"Must read\n\n- Advertisement -\n\nLatest article\n")
    files = sorted((project / "data" / "articles").iterdir())
    bib = (project / "references.bib").read_bytes()
    with pytest.raises(AddArticleError, match="no article text left after cleaning"):
        add_article(new_report(chrome, title="Must read"), root=project)
    assert sorted((project / "data" / "articles").iterdir()) == files
    assert (project / "references.bib").read_bytes() == bib


def test_the_command_line_prints_what_is_left_to_do(project):
    result = subprocess.run(
        [sys.executable, "-m", "helpers.add_article", "--file", str(REPORT), "--url",
         REPORT_URL, "--outlet", OUTLET, "--published", "2022-01-08"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "make coding ID=" in result.stdout and "make test && make book" in result.stdout
    again = subprocess.run(
        [sys.executable, "-m", "helpers.add_article", "--file", str(REPORT), "--url",
         REPORT_URL, "--outlet", OUTLET, "--published", "2022-01-08"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert again.returncode == 2
    assert again.stderr.startswith(f"error: {REPORT}: not added: its address is already")
    with (project / "data" / "articles.csv").open(encoding="utf-8", newline="") as handle:
        assert sum(row["url"] == REPORT_URL for row in csv.DictReader(handle)) == 1


def test_no_text_file_is_named_as_such(project):
    with pytest.raises(AddArticleError, match=r"^make article: FILE is missing$"):
        add_article(new_report(Path("")), root=project)
