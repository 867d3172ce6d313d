"""CITATION.cff: checked when loaded, and rendered as the landing page's "How to cite"."""

from __future__ import annotations

import datetime as dt
import tomllib

import pytest

from helpers import paths
from helpers.citation import CitationError, citation_bibtex, citation_text, load_citation


def test_the_citation_file_loads_and_matches_the_package_version():
    meta = load_citation()
    project = tomllib.loads((paths.project_root() / "pyproject.toml").read_text("utf-8"))
    assert meta["version"] == project["project"]["version"]
    assert isinstance(meta["date-released"], dt.date)


def test_citation_text_and_bibtex_say_the_same():
    meta = load_citation()
    released = meta["date-released"]
    text = citation_text(meta)
    assert text.startswith(f"The Kazakhstan articles report ({released.year}). ")
    assert f"Version {meta['version']}, released {released.day} {released:%B %Y}." in text
    bibtex = citation_bibtex(meta)
    assert bibtex.startswith("@software{kazakhstan_articles_report,\n")
    assert "  author = {{The Kazakhstan articles report}}," in bibtex
    assert f"  date = {{{released.isoformat()}}}\n}}" in bibtex


def test_a_person_is_cited_by_given_and_family_names():
    meta = load_citation() | {"authors": [{"given-names": "Aigerim", "family-names": "Sadykova"}]}
    assert citation_text(meta).startswith("Aigerim Sadykova (")
    assert "  author = {Aigerim Sadykova}," in citation_bibtex(meta)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("cff-version: 1.2.0\n", "missing key: title"),
        ("- a list\n", "must be a mapping of keys"),
        ("title: [unclosed\n", "cannot be read as UTF-8 YAML"),
    ],
)
def test_a_broken_citation_file_names_the_problem(tmp_path, text, problem):
    path = tmp_path / "CITATION.cff"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CitationError, match=problem) as caught:
        load_citation(path)
    assert str(path) in str(caught.value)


def test_a_bad_release_date_and_a_nameless_author_are_refused(tmp_path):
    source = (paths.project_root() / "CITATION.cff").read_text(encoding="utf-8")
    path = tmp_path / "CITATION.cff"
    broken = source.replace('date-released: "', 'date-released: "31 ').replace(
        '  - name: "The Kazakhstan articles report"', "  - affiliation: nowhere"
    )
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(CitationError) as caught:
        load_citation(path)
    message = str(caught.value)
    assert "is not a date as YYYY-MM-DD" in message
    assert "every author needs a name, or given-names and family-names" in message


def test_a_missing_citation_file_is_named(tmp_path):
    with pytest.raises(CitationError, match="file not found"):
        load_citation(tmp_path / "CITATION.cff")
