"""Computed once per build: a value many chapters need, kept on disk and reused.

Every chapter runs in its own kernel, and most of them need the same analysis (the corpus, the
framing, the checked statements, readability). :func:`cached` computes such a value in the first
chapter that asks for it and keeps it in ``_build/.kzbook_memo/`` of the book being built; the
other chapters load it. The key is one SHA-256 over every file that can change the value: the
helper package, ``data/``, ``references.bib``, ``CITATION.cff`` and the pinned requirements
(:func:`inputs_digest`). A changed file gives a new key, so a kept value is never stale; the
folder belongs to one checkout, so it is never shared between checkouts.

Only a build turns this on (``KZBOOK_MEMO_DIR``, set by :mod:`helpers.build_freshness`): the
tests and a chapter run by hand always compute afresh. Two kernels asking at once take turns
(a file lock): the second loads what the first computed.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import pickle
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from helpers import execution_deps, paths

MEMO_ENV_VAR = "KZBOOK_MEMO_DIR"
#: Where a build keeps the values, in the build folder of the book being built.
MEMO_FOLDER = Path("_build") / ".kzbook_memo"
T = TypeVar("T")


def memo_inputs(root: Path) -> list[Path]:
    """Every file a kept value may depend on (see the module docstring), sorted."""
    files = list((root / "src" / "helpers").rglob("*.py"))
    files += [p for p in (root / "data").rglob("*") if p.is_file()]
    files += [root / name for name in ("references.bib", "CITATION.cff", *execution_deps.PINS)]
    return sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts)


def inputs_digest(root: Path) -> str:
    """One SHA-256 over the paths (relative to ``root``) and contents of :func:`memo_inputs`."""
    digest = hashlib.sha256(execution_deps.pins_hash(root).encode())
    for path in memo_inputs(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def is_kept(name: str) -> bool:
    """Whether a value ``name`` is kept for the inputs as they are now (in this build's folder)."""
    folder = os.environ.get(MEMO_ENV_VAR)
    return bool(folder) and _kept_path(Path(folder), name).is_file()


def _kept_path(folder: Path, name: str) -> Path:
    with execution_deps.not_recorded():
        digest = inputs_digest(paths.project_root())
    return folder / f"{name}-{digest[:32]}.pickle"


@contextmanager
def _locked(path: Path):
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def cached(name: str, compute: Callable[[], T]) -> T:
    """``compute()``, computed once per state of the inputs while a build is running (see the
    module docstring); otherwise simply ``compute()``."""
    folder = os.environ.get(MEMO_ENV_VAR)
    if not folder:
        return compute()
    folder_path = Path(folder)
    folder_path.mkdir(parents=True, exist_ok=True)
    kept = _kept_path(folder_path, name)
    with _locked(folder_path / f"{name}.lock"):
        if kept.is_file():
            with kept.open("rb") as handle:
                payload = pickle.load(handle)
            execution_deps.add_files(payload["files"], payload["folders"])
            return payload["value"]
        with execution_deps.recording() as read:
            value = compute()
        for old in folder_path.glob(f"{name}-*.pickle"):
            old.unlink()
        partial = kept.with_suffix(".partial")
        with partial.open("wb") as handle:
            payload = {"value": value, "files": sorted(read["files"]),
                       "folders": sorted(read["folders"])}  # fmt: skip
            pickle.dump(payload, handle, protocol=pickle.HIGHEST_PROTOCOL)
        partial.replace(kept)
        return value
