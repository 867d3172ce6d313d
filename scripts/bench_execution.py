"""Where a chapter's execution goes, and how long the test suite takes (part of ``make bench``).

* **Execution shares.** Every chapter of a built copy is executed once more, as the build
  executes it (several at once, in kernels forked from the warm template, the shared values
  kept by the build reused), with nbclient recording when each cell started and ended. A
  chapter's time is split into *starting the kernel* (everything before its first cell and
  after its last: the fork, the connection, the shutdown), *importing* (cells made only of
  ``import`` statements) and *computing and showing* (every other cell).
* **Test suite.** ``python -m pytest`` in this checkout, as ``make test`` runs it, timed once.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

IMPORT_STATEMENTS = (ast.Import, ast.ImportFrom)


def only_imports(source: str) -> bool:
    """Whether a code cell does nothing but import."""
    try:
        body = ast.parse(source).body
    except SyntaxError:
        return False
    return bool(body) and all(isinstance(node, IMPORT_STATEMENTS) for node in body)


def _seconds(cell) -> float:
    """How long a cell ran, from nbclient's recorded timestamps (0 if it did not record them)."""
    stamps = cell.get("metadata", {}).get("execution", {})
    start, end = stamps.get("iopub.execute_input"), stamps.get("shell.execute_reply")
    if not (start and end):
        return 0.0
    parse = lambda stamp: datetime.fromisoformat(stamp.replace("Z", "+00:00"))  # noqa: E731
    return (parse(end) - parse(start)).total_seconds()


@dataclass
class ExecutionShares:
    """Kernel-seconds over every chapter: starting kernels, importing, computing and showing."""

    chapters: int
    kernel_start: float
    importing: float
    computing: float

    @property
    def total(self) -> float:
        return self.kernel_start + self.importing + self.computing


def chapter_notebooks(project: Path) -> list[Path]:
    """The project's chapters that are notebooks (MyST Markdown with a kernel), article pages
    written by the build included."""
    found = [project / "index.md", *sorted((project / "chapters").rglob("*.md"))]
    return [p for p in found if "kernelspec:" in p.read_text(encoding="utf-8")[:600]]


def execution_shares(project: Path) -> ExecutionShares:
    """Execute every chapter of the built ``project`` once, as its build does, and split the
    kernel-seconds (see the module docstring)."""
    import jupytext

    from helpers.memo import MEMO_ENV_VAR
    from helpers.notebook_execution import Job, default_jobs, start_all

    saved = dict(os.environ)
    os.environ.update({
        "KZBOOK_ROOT": str(project), "PYTHONPATH": str(project / "src"),
        MEMO_ENV_VAR: str(project / "_build" / ".kzbook_memo"),
    })  # fmt: skip
    try:
        jobs = [
            Job(path, jupytext.read(path), project / "_build" / "bench" / f"{n}.read")
            for n, path in enumerate(chapter_notebooks(project))
        ]
        start_all(jobs, default_jobs(), timeout=300, allow_errors=False, record_timing=True)
        for job in jobs:
            job.wait()
    finally:
        os.environ.clear()
        os.environ.update(saved)
    failed = [str(job.path) for job in jobs if job.error]
    if failed:
        raise RuntimeError(f"chapters failed when executed again: {failed}")
    importing = computing = start = 0.0
    for job in jobs:
        cells = [c for c in job.notebook.cells if c.cell_type == "code"]
        ran = {id(c): _seconds(c) for c in cells}
        chapter_imports = sum(ran[id(c)] for c in cells if only_imports(c.source))
        chapter_rest = sum(ran.values()) - chapter_imports
        importing += chapter_imports
        computing += chapter_rest
        start += max(job.seconds - chapter_imports - chapter_rest, 0.0)
    return ExecutionShares(len(jobs), start, importing, computing)


def report_shares(shares: ExecutionShares) -> tuple[str, list[list[str]]]:
    """A line for the report and the table's rows."""
    rows = [
        [name, f"{seconds:.1f}", f"{seconds / shares.total:.0%}"]
        for name, seconds in (
            ("starting kernels", shares.kernel_start),
            ("importing", shares.importing),
            ("computing and showing", shares.computing),
        )
    ]
    line = (
        f"{shares.chapters} chapters, {shares.total:.1f} kernel-seconds in all "
        f"({shares.total / shares.chapters:.2f} per chapter)"
    )
    return line, rows


def time_test_suite(root: Path) -> tuple[float, str]:
    """Run the test suite in ``root`` as ``make test`` does; its seconds and pytest's summary."""
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=root, capture_output=True, text=True, check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("KZBOOK_")},
    )  # fmt: skip
    seconds = time.perf_counter() - started
    summary = re.findall(r"^=*\s*(\d+ passed.*?)\s*=*$", result.stdout, flags=re.MULTILINE)
    return seconds, (summary[-1] if summary else result.stdout[-500:])
