"""Whether a built output is up to date with the book's sources, so that ``make`` can skip a
build that would change nothing (``python -m helpers.up_to_date check|record html|pdf``).

The sources are every file of the project except what cannot change the book: the build
output, caches, the virtual environment, git's folder, the tests and the benchmark, and the
article pages the build writes from their templates (the templates and the data are sources).
``check`` exits 0 when the output exists and was built from the sources as they are, else 1,
noting the sources' digest (with the Python version) as they are before the build; ``record``
keeps that digest once the build has succeeded, so that a source edited during a build is built
again. Anything new, changed or removed, anywhere among the sources, means a real build: the
check can only be too cautious.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

from helpers import paths

#: Folders (at any depth) whose files are not sources of the book.
NOT_SOURCES = {
    "_build", ".venv", ".cache", ".git", "tests", "scripts", ".ci", "__pycache__",
    ".pytest_cache", ".ruff_cache", ".ipynb_checkpoints", ".jupyter_cache",
}  # fmt: skip
#: What each target builds, relative to the project root.
OUTPUTS = {"html": "_build/html/index.html", "pdf": "_build/latex/kazakhstan-articles.pdf"}


def _is_generated(relative: Path) -> bool:
    """An article page or appendix the build writes from a template, or a notebook."""
    if relative.suffix == ".ipynb":
        return True
    return relative.parent.as_posix() == "chapters/articles" and (
        relative.name.startswith("article-") or relative.name == "appendix.md"
    ) and relative.suffix == ".md"  # fmt: skip


def source_files(root: Path) -> list[Path]:
    """The book's source files, sorted (see the module docstring)."""
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if d not in NOT_SOURCES)
        for name in files:
            path = Path(folder) / name
            if not _is_generated(path.relative_to(root)) and not name.endswith(".pyc"):
                found.append(path)
    return sorted(found)


def sources_digest(root: Path) -> str:
    """One SHA-256 over the Python version and every source's path and contents."""
    digest = hashlib.sha256(sys.version.encode())
    for path in source_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def stamp_file(root: Path, target: str) -> Path:
    """Where the digest of the last successful build of ``target`` is kept."""
    return root / "_build" / f".kzbook-{target}.sha256"


def is_up_to_date(root: Path, target: str) -> bool:
    """Whether ``target``'s output exists and was built from the sources as they are now; if
    not, note their digest for :func:`record`."""
    stamp, digest = stamp_file(root, target), sources_digest(root)
    if (root / OUTPUTS[target]).is_file() and stamp.is_file():
        if stamp.read_text().strip() == digest:
            return True
    pending = stamp.with_suffix(".pending")
    pending.parent.mkdir(parents=True, exist_ok=True)
    pending.write_text(digest + "\n")
    return False


def record(root: Path, target: str) -> None:
    """Remember that ``target`` was built from the sources as :func:`is_up_to_date` found them."""
    stamp = stamp_file(root, target)
    pending = stamp.with_suffix(".pending")
    if pending.is_file():
        pending.replace(stamp)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.up_to_date", description=__doc__)
    parser.add_argument("action", choices=["check", "record"])
    parser.add_argument("target", choices=sorted(OUTPUTS))
    args = parser.parse_args(argv)
    root = paths.project_root()
    if args.action == "record":
        record(root, args.target)
        return 0
    if is_up_to_date(root, args.target):
        print(f"{args.target}: up to date (nothing changed since the last successful build)")
        return 0
    return 1


if __name__ == "__main__":
    sys.exit(main())
