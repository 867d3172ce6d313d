"""Clean copies of the project, for builds that must not touch the working tree: the build
tests, the reproducibility test and the benchmark build from such copies."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from helpers import paths

#: What a clean copy leaves out: builds, caches, the virtual environment and paired notebooks.
IGNORED = (
    ".venv", "_build", ".git", ".cache", "__pycache__", ".pytest_cache", ".ruff_cache",
    "*.ipynb", "*.egg-info",
)  # fmt: skip


def copy_project(target: Path, source: Path | None = None) -> Path:
    """A copy of the project's (or ``source``'s) sources and data at ``target``."""
    shutil.copytree(source or paths.project_root(), target, ignore=shutil.ignore_patterns(*IGNORED))
    return target


#: Variables that tie a process to one copy of the project, its build or a chapter's kernel.
COPY_VARIABLES = ("KZBOOK_ROOT", "PYTHONPATH", "KZBOOK_MEMO_DIR", "KZBOOK_DEPS_FILE")


def build_env() -> dict[str, str]:
    """This environment without the variables that would point a build at another copy."""
    return {k: v for k, v in os.environ.items() if k not in COPY_VARIABLES}
