"""A Sphinx extension that keeps executed chapters from going stale.

jupyter-cache keys a notebook on its code cells only, and Sphinx re-reads a page only when its
source file changed. After an edit to ``src/helpers/`` or ``data/`` (or to the pinned
requirements) a cached build would therefore show old numbers without a warning.

This extension hashes those inputs (:func:`inputs_digest`). When the digest differs from the one
recorded by the last successful build, it empties the execution cache and marks every page
outdated, so every chapter is executed again; when nothing changed it does nothing, and the build
stays incremental. The digest is recorded only after a build that finished without errors, so a
failed build is retried in full. It works for ``make book`` and for a plain
``jupyter-book build .`` alike (``_config.yml`` loads it).

It re-executes all chapters, not only those that read the changed file: every chapter goes
through the shared helpers, and tracing which chapter reads which file is not worth its
complexity for a book of this size.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from helpers import paths

logger = logging.getLogger(__name__)

STAMP_NAME = "inputs.sha256"


def input_files(root: Path) -> list[Path]:
    """The files whose change must re-execute the chapters: helpers, data and requirements."""
    files = [p for p in (root / "src" / "helpers").rglob("*.py")]
    files += [p for p in (root / "data").rglob("*") if p.is_file()]
    files += [root / "requirements.txt"]
    return sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts)


def inputs_digest(root: Path) -> str:
    """One SHA-256 over the relative paths and contents of :func:`input_files`."""
    digest = hashlib.sha256()
    for path in input_files(root):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _stamp_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / STAMP_NAME


def _cache_path(app: Sphinx) -> Path:
    # The same rule myst-nb uses: the configured path, else _build/.jupyter_cache.
    configured = getattr(app.config, "nb_execution_cache_path", "")
    return Path(configured) if configured else Path(app.outdir).parent / ".jupyter_cache"


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """On a changed digest: drop the execution cache and mark every page for re-reading."""
    digest = inputs_digest(paths.project_root())
    stamp = _stamp_path(app)
    recorded = stamp.read_text().strip() if stamp.is_file() else ""
    app.env.kzbook_inputs_digest = digest
    if recorded == digest:
        return []
    cache = _cache_path(app)
    if cache.exists():
        shutil.rmtree(cache)
    logger.info(
        "[build_freshness] helpers, data or requirements changed: re-executing every chapter"
    )
    return sorted(env.found_docs - removed)


def _record(app: Sphinx, exception: Exception | None) -> None:
    """After a build with no error and no warning, record the inputs digest.

    ``build-finished`` fires before Sphinx sets ``statuscode`` for ``-W --keep-going``, so the
    warning count is read directly.
    """
    digest = getattr(app.env, "kzbook_inputs_digest", "")
    if exception is None and getattr(app, "_warncount", 0) == 0 and digest:
        _stamp_path(app).write_text(digest + "\n")


def setup(app: Sphinx) -> dict[str, object]:
    """Register the extension with Sphinx."""
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _record)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
