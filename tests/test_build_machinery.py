"""The machinery that keeps builds fast and never stale: what a chapter reads is recorded, a value
shared by the chapters is computed once per state of the inputs, a build that would change
nothing is skipped, and chapters run in kernels forked from a warm template exactly as in
ordinary kernels."""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest

from helpers import execution_deps, memo, up_to_date
from helpers.notebook_execution import Job, start_all


@pytest.fixture
def project(tmp_path, monkeypatch) -> Path:
    """A small project: a data file, an article folder and a build folder."""
    root = tmp_path / "project"
    (root / "data" / "articles").mkdir(parents=True)
    (root / "data" / "articles.csv").write_text("id\n000\n", encoding="utf-8")
    (root / "data" / "articles" / "000_x.txt").write_text("Text.", encoding="utf-8")
    (root / "_build").mkdir()
    (root / "index.md").write_text("# Book\n", encoding="utf-8")
    monkeypatch.setenv("KZBOOK_ROOT", str(root))
    return root


def test_a_recording_names_the_project_files_read_and_nothing_else(project, tmp_path):
    outside = tmp_path / "elsewhere.txt"
    outside.write_text("x", encoding="utf-8")
    (project / "_build" / "out.txt").write_text("x", encoding="utf-8")
    with execution_deps.recording() as read:
        (project / "data" / "articles.csv").read_text(encoding="utf-8")
        os.listdir(project / "data" / "articles")
        (project / "_build" / "out.txt").read_text(encoding="utf-8")  # the build's own output
        outside.read_text(encoding="utf-8")
        (project / "data" / "new.csv").write_text("written, not read", encoding="utf-8")
    assert read == {"files": {"data/articles.csv"}, "folders": {"data/articles"}}
    # after the block nothing more is recorded in it
    (project / "index.md").read_text(encoding="utf-8")
    assert read["files"] == {"data/articles.csv"}


def test_a_manifest_names_what_changed_since_it_was_made(project):
    record = {"files": ["data/articles.csv"], "folders": ["data/articles"], "modules": [
        str(Path(execution_deps.__file__).resolve())]}  # fmt: skip
    saved = json.loads(json.dumps(execution_deps.manifest(record, project)))
    assert execution_deps.changed_inputs(saved, project) == []
    (project / "data" / "articles.csv").write_text("id\n000\n001\n", encoding="utf-8")
    (project / "data" / "articles" / "001_y.txt").write_text("More.", encoding="utf-8")
    assert execution_deps.changed_inputs(saved, project) == ["data/articles.csv", "data/articles"]
    saved["pins"] = "another environment"
    assert execution_deps.changed_inputs(saved, project)[0] == "the pinned requirements"


def test_a_shared_value_is_computed_once_per_state_of_the_inputs(project, monkeypatch):
    calls = []

    def compute():
        calls.append(1)
        return (project / "data" / "articles.csv").read_text(encoding="utf-8")

    # outside a build: computed every time
    monkeypatch.delenv(memo.MEMO_ENV_VAR, raising=False)
    assert memo.cached("value", compute) == memo.cached("value", compute) and len(calls) == 2
    monkeypatch.setenv(memo.MEMO_ENV_VAR, str(project / "_build" / "memo"))
    first = memo.cached("value", compute)
    with execution_deps.recording() as read:  # a later chapter that reuses the value...
        assert memo.cached("value", compute) == first
    assert len(calls) == 3
    assert read["files"] == {"data/articles.csv"}  # ...depends on what computing it read
    (project / "data" / "articles.csv").write_text("id\n001\n", encoding="utf-8")
    assert memo.cached("value", compute) == "id\n001\n" and len(calls) == 4
    assert len(list((project / "_build" / "memo").glob("value-*.pickle"))) == 1


def test_a_build_is_skipped_only_when_no_source_changed(project):
    root = project
    (root / "tests").mkdir()
    assert not up_to_date.is_up_to_date(root, "html")  # never built
    (root / "_build" / "html").mkdir()
    (root / "_build" / "html" / "index.html").write_text("<p>Book</p>", encoding="utf-8")
    up_to_date.record(root, "html")
    assert up_to_date.is_up_to_date(root, "html")
    (root / "tests" / "test_x.py").write_text("x = 1\n", encoding="utf-8")  # not a source
    assert up_to_date.is_up_to_date(root, "html")
    (root / "data" / "articles.csv").write_text("id\n001\n", encoding="utf-8")
    assert not up_to_date.is_up_to_date(root, "html")
    up_to_date.record(root, "html")
    (root / "_build" / "html" / "index.html").unlink()
    assert not up_to_date.is_up_to_date(root, "html")


CELLS = [
    "import os, sys\nprint(os.path.basename(os.getcwd()), os.environ['KZBOOK_MARK'])",
    "from helpers import paths\nprint(paths.data_dir().name)\n"
    "print(sorted(m for m in sys.modules if m.startswith('helpers.'))[:1])",
    "1 + 1",
]


def executed_outputs(folder: Path, monkeypatch, forked: bool) -> tuple[list, dict]:
    monkeypatch.setenv("KZBOOK_MARK", "forked" if forked else "fresh")
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in CELLS])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                       "language": "python"}  # fmt: skip
    job = Job(folder / "page.md", notebook, folder / "page.read")
    if not forked:
        monkeypatch.setattr("helpers.notebook_execution.KernelForks", _no_template)
    start_all([job], parallel=1, timeout=120, allow_errors=False)
    job.wait()
    assert job.error == ""
    outputs = [o for cell in notebook.cells for o in cell.outputs]
    return outputs, json.loads(job.deps_file.read_text(encoding="utf-8"))


def _no_template():
    raise OSError("no template: kernels started the usual way")


def test_a_forked_kernel_runs_a_chapter_as_an_ordinary_kernel_does(project, monkeypatch):
    folder = project / "chapters"
    folder.mkdir()
    monkeypatch.setenv("PYTHONPATH", str(Path(memo.__file__).resolve().parents[1]))
    forked, forked_read = executed_outputs(folder, monkeypatch, forked=True)
    fresh, fresh_read = executed_outputs(folder, monkeypatch, forked=False)
    texts = [o.get("text", o.get("data", {}).get("text/plain")) for o in forked]
    assert texts == ["chapters forked\n", "data\n['helpers.execution_deps']\n", "2"]
    assert [o.get("text") for o in fresh][0] == "chapters fresh\n"
    assert forked[1:] == fresh[1:]  # the same outputs, execution counts included
    # each kernel imported the helpers afresh and recorded what it read
    assert forked_read["modules"] == fresh_read["modules"]
    assert any(m.endswith("helpers/paths.py") for m in forked_read["modules"])
