"""Bad corpus input: every problem raises CorpusError naming the file and the problem."""

from __future__ import annotations

import shutil

import pytest
from conftest import add_article, edit_metadata, read_rows, write_rows

from helpers.corpus import CorpusError, load_corpus


def load(data):
    return load_corpus(data / "articles.csv", data / "articles")


def problems_of(data) -> list[tuple[str, str]]:
    with pytest.raises(CorpusError) as caught:
        load(data)
    return caught.value.problems


def test_missing_text_file(data_copy):
    (data_copy / "articles" / "002_a8ac78833eb320e5.txt").unlink()
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("articles/002_a8ac78833eb320e5.txt")
    assert problem == "article file not found (it is listed in articles.csv)"


def test_missing_metadata_file(data_copy):
    (data_copy / "articles.csv").unlink()
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("articles.csv") and problem == "file not found"


def test_empty_file(data_copy):
    (data_copy / "articles" / "000_7e6b178b67214103.txt").write_bytes(b"  \n\n")
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("000_7e6b178b67214103.txt") and problem == "article file is empty"


def test_invalid_utf8(data_copy):
    add_article(data_copy, "zz-test", b"Caf\xe9 society met on Tuesday.")
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("zz-test_test.txt")
    assert problem == "not valid UTF-8: byte 0xe9 at offset 3"


def test_row_with_no_file_name(data_copy):
    edit_metadata(data_copy, {1: {"file": ""}})
    problems = problems_of(data_copy)
    assert (str(data_copy / "articles.csv"), "row 3 (id '001'): empty 'file'") in problems


def test_missing_articles_folder(data_copy):
    shutil.rmtree(data_copy / "articles")
    problems = problems_of(data_copy)
    assert (str(data_copy / "articles"), "articles folder not found") in problems


def test_file_with_no_row(data_copy):
    (data_copy / "articles" / "005_stray.txt").write_text("A stray article.", encoding="utf-8")
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("005_stray.txt") and problem == "has no row in articles.csv"


def test_duplicate_ids(data_copy):
    add_article(data_copy, "003", b"A second article with the same id.")
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("articles.csv") and problem == "id(s) listed twice: 003"


def test_file_listed_twice(data_copy):
    rows = read_rows(data_copy / "articles.csv")
    write_rows(data_copy / "articles.csv", [*rows, dict(rows[0], id="zz-test")])
    problems = [problem for _, problem in problems_of(data_copy)]
    assert "file(s) listed twice: 000_7e6b178b67214103.txt" in problems


def test_id_with_other_characters(data_copy):
    edit_metadata(data_copy, {0: {"id": "000!"}})
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("articles.csv")
    assert problem == "row 2 (id '000!'): id must be letters, digits or hyphens"


def test_ids_and_values_with_spaces_or_a_foreign_file(data_copy):
    edit_metadata(
        data_copy,
        {0: {"id": " 000"}, 1: {"outlet": "Diplomat Magazine "},
         2: {"file": "004_9621777bc7874d24.txt"}},
    )  # fmt: skip
    problems = [problem for _, problem in problems_of(data_copy)]
    assert "row 2 (id ' 000'): 'id' has spaces around it" in problems
    assert "row 3 (id '001'): 'outlet' has spaces around it" in problems
    assert "row 4 (id '002'): file '004_9621777bc7874d24.txt' must start with 002_" in problems


def test_no_articles(data_copy):
    rows = read_rows(data_copy / "articles.csv")
    write_rows(data_copy / "articles.csv", rows[:0], list(rows[0]))
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("articles.csv") and problem == "has a header but no rows"


def test_article_with_nothing_left_after_cleaning(data_copy):
    add_article(data_copy, "zz-test", b"Must read\n\n- Advertisement -\n\nLatest article\n")
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("zz-test_test.txt")
    assert problem.startswith("no article text left after cleaning")


def test_checksum_mismatch(data_copy):
    text = data_copy / "articles" / "004_9621777bc7874d24.txt"
    text.write_bytes(text.read_bytes().replace(b"70.8 percent", b"80.8 percent"))
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("004_9621777bc7874d24.txt")
    assert problem.startswith("checksum mismatch: articles.csv says 3c4f42829770")


def test_metadata_not_utf8_csv(data_copy):
    metadata = data_copy / "articles.csv"
    metadata.write_bytes(metadata.read_bytes().replace(b"Report.az", b"Report\xe9az"))
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("articles.csv")
    assert problem.startswith("cannot be read as UTF-8 CSV ('utf-8' codec can't decode byte 0xe9")


def test_checksum_not_hex(data_copy):
    edit_metadata(data_copy, {0: {"sha256": "4AAF7385"}})
    [(_, problem)] = problems_of(data_copy)
    assert problem == "row 2 (id '000'): sha256 is not 64 lower-case hex digits"


def test_missing_required_column(data_copy):
    rows = read_rows(data_copy / "articles.csv")
    columns = [c for c in rows[0] if c != "sha256"]
    write_rows(data_copy / "articles.csv", rows, columns)
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("articles.csv") and problem == "missing required column(s): sha256"


def test_column_named_twice_in_the_header(data_copy):
    metadata = data_copy / "articles.csv"
    lines = metadata.read_text(encoding="utf-8").splitlines()
    lines = [line + ",x" for line in lines]
    lines[0] = lines[0].rsplit(",", 1)[0] + ",title"
    metadata.write_text("\n".join(lines) + "\n", encoding="utf-8")
    [(path, problem)] = problems_of(data_copy)
    assert path.endswith("articles.csv")
    assert problem == "column(s) named twice in the header: title"


def test_a_byte_order_mark_is_not_part_of_the_first_column(data_copy):
    metadata = data_copy / "articles.csv"
    ids = [row["id"] for row in read_rows(metadata)]
    metadata.write_bytes(b"\xef\xbb\xbf" + metadata.read_bytes())
    corpus = load_corpus(metadata, data_copy / "articles")
    assert list(corpus.articles["id"]) == ids and ids[0] == "000"


def test_unknown_date_basis_and_bad_date(data_copy):
    edit_metadata(data_copy, {0: {"date_basis": "rumour", "published": "Jan 2022"}})
    problems = [problem for _, problem in problems_of(data_copy)]
    assert any(
        p.startswith("row 2 (id '000'): date_basis 'rumour' is not one of") for p in problems
    )
    assert (
        "row 2 (id '000'): published 'Jan 2022' is not a date as YYYY, YYYY-MM or YYYY-MM-DD"
        in problems
    )


@pytest.mark.parametrize("bad", ["2019-13", "2019-00", "2022-02-31", "22-01-07", "2022-1-7"])
def test_impossible_dates_are_refused(data_copy, bad):
    edit_metadata(data_copy, {3: {"published": bad}})
    [(_, problem)] = problems_of(data_copy)
    assert (
        problem == f"row 5 (id '003'): published {bad!r} is not a date as YYYY, YYYY-MM or "
        "YYYY-MM-DD"
    )


def test_file_name_with_a_path_is_refused(data_copy):
    edit_metadata(data_copy, {0: {"file": "../articles.csv"}})
    problems = [problem for _, problem in problems_of(data_copy)]
    assert "row 2 (id '000'): file '../articles.csv' must be a bare file name" in problems


def test_all_problems_are_reported_together(data_copy):
    (data_copy / "articles" / "000_7e6b178b67214103.txt").unlink()
    (data_copy / "articles" / "001_34d662b0f8e07296.txt").write_bytes(b"")
    message = str(pytest.raises(CorpusError, load, data_copy).value)
    assert "000_7e6b178b67214103.txt: article file not found" in message
    assert "001_34d662b0f8e07296.txt: article file is empty" in message


def test_extra_columns_with_any_name_are_allowed(data_copy):
    rows = read_rows(data_copy / "articles.csv")
    for row in rows:
        row["source note (free text)"] = "checked"
    write_rows(data_copy / "articles.csv", rows)
    assert load(data_copy).articles["source note (free text)"].eq("checked").all()
