"""The project keeps its promises to a newcomer: the README's commands, CI, the layout."""

from __future__ import annotations

import re

from helpers import paths
from helpers.article_pages import page_texts

ROOT = paths.project_root()


def test_readme_first_two_commands_are_make_book_and_make_test():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.*?)```", readme, flags=re.S).group(1)
    commands = [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]
    assert commands[:2] == ["make book", "make test"]


def test_ci_runs_the_readme_test_command():
    script = (ROOT / ".ci/run").read_text(encoding="utf-8")
    commands = [line for line in script.splitlines() if line and not line.startswith("#")]
    assert commands[-1] == "make test"


def pins(name: str) -> dict[str, str]:
    """``package: version`` for every ``package==version`` line of a requirements file."""
    lines = (ROOT / name).read_text(encoding="utf-8").splitlines()
    pairs = [line.split("==") for line in lines if "==" in line and not line.startswith("#")]
    return {package.strip().lower(): version.strip() for package, version in pairs}


def test_requirements_pin_jupyter_book_1_and_agree_with_the_constraints():
    lines = [
        line.strip()
        for line in (ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert "jupyter-book==1.0.4.post1" in lines
    assert [line for line in lines if "==" not in line] == ["-c constraints.txt", "-e ."]
    constraints = pins("constraints.txt")
    for package, version in pins("requirements.txt").items():
        assert constraints.get(package) == version, package


def test_every_chapter_in_the_toc_exists_and_is_paired_with_jupytext():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    pages = ["index", *re.findall(r"file:\s*(\S+)", toc)]
    # The article pages and the appendix are written from templates when the book is built.
    generated = page_texts(ROOT)
    for pattern in re.findall(r"glob:\s*(\S+)", toc):
        assert [p for p in generated if p.match(f"{pattern}.md")], pattern
    for page in pages:
        path = ROOT / f"{page}.md"
        source = generated[path] if path in generated else path.read_text(encoding="utf-8")
        if "kernelspec:" in source:
            assert "formats: ipynb,md:myst" in source, page


def test_every_test_the_readme_names_exists():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    named = set(re.findall(r"`(test_\w+)`", readme))
    sources = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "tests").glob("*.py"))
    assert named and not sorted(n for n in named if f"def {n}(" not in sources)


def test_no_reader_sees_a_code_cell():
    """Every code cell of every page (and of the article templates) hides its source: readers
    get tables, figures and prose; the code is in the downloadable notebook."""
    root = paths.project_root()
    sources = [*root.glob("index.md"), *root.glob("chapters/**/*.md"),
               *root.glob("chapters/**/*.template")]  # fmt: skip
    shown = []
    for source in sources:
        text = source.read_text(encoding="utf-8")
        for cell in re.findall(r"```\{code-cell\}[^\n]*\n(.*?)```", text, flags=re.S):
            head = cell.split("\n\n", 1)[0]
            if not re.search(r"tags:\s*\[[^\]]*\bremove-(cell|input)\b", head):
                shown.append((source.relative_to(root).as_posix(), cell.splitlines()[0]))
    assert len(sources) > 5 and shown == []
