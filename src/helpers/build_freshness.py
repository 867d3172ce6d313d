"""A Sphinx extension that keeps executed chapters from going stale.

jupyter-cache keys a notebook on its code cells only, and Sphinx re-reads a page only when its
source file changed. After an edit to ``src/helpers/`` or ``data/`` (or to the pinned
requirements) a cached build would therefore show old numbers without a warning.

This extension hashes those inputs (:func:`execution_inputs`). When the digest differs from the
one recorded by the last successful build, it empties the execution cache and marks every page
outdated, so every chapter is executed again; when nothing changed it does nothing, and the build
stays incremental. The digest is recorded only after a build that finished without errors, so a
failed build is retried in full. It works for ``make book`` and for a plain
``jupyter-book build .`` alike (``_config.yml`` loads it).

Sphinx has a second blind spot: when no page is outdated it stops before copying ``_static/``,
so an edited stylesheet never reaches the HTML. A change under ``_static/``
(:func:`asset_inputs`) therefore marks every page outdated too, without emptying the cache: pages
are rewritten from cached outputs and the static files are copied.

It re-executes all chapters, not only those that read the changed file: every chapter goes
through the shared helpers, and tracing which chapter reads which file is not worth its
complexity for a book of this size.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from helpers.paths import ROOT_ENV_VAR

logger = logging.getLogger(__name__)

STAMP_NAME = "inputs.sha256"


def execution_inputs(root: Path) -> list[Path]:
    """The files whose change must re-execute the chapters: helpers, data and the pins."""
    files = list((root / "src" / "helpers").rglob("*.py"))
    files += [p for p in (root / "data").rglob("*") if p.is_file()]
    files += [root / "requirements.txt", root / "constraints.txt"]
    return sorted(p for p in files if p.is_file() and "__pycache__" not in p.parts)


def asset_inputs(root: Path) -> list[Path]:
    """The static files (stylesheets) whose change must re-write, not re-execute, the pages."""
    return sorted(p for p in (root / "_static").rglob("*") if p.is_file())


def files_digest(root: Path, files: list[Path]) -> str:
    """One SHA-256 over the paths (relative to ``root``) and contents of ``files``."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def current_stamp(root: Path) -> dict[str, str]:
    """The digests of the execution inputs and of the static assets."""
    return {
        "execution": files_digest(root, execution_inputs(root)),
        "assets": files_digest(root, asset_inputs(root)),
    }


def _stamp_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / STAMP_NAME


def _recorded_stamp(app: Sphinx) -> dict[str, str]:
    """The digests recorded by the last successful build (empty if none)."""
    stamp = _stamp_path(app)
    if not stamp.is_file():
        return {}
    lines = [line.split(maxsplit=1) for line in stamp.read_text().splitlines()]
    return {name: digest for name, digest in (line[::-1] for line in lines if len(line) == 2)}


def _cache_path(app: Sphinx) -> Path:
    # The same rule myst-nb uses: the configured path, else _build/.jupyter_cache.
    configured = getattr(app.config, "nb_execution_cache_path", "")
    return Path(configured) if configured else Path(app.outdir).parent / ".jupyter_cache"


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """On changed inputs: drop the execution cache (if they are executed inputs) and mark every
    page for re-reading."""
    current = current_stamp(Path(app.srcdir))
    recorded = _recorded_stamp(app)
    app.env.kzbook_stamp = current
    if recorded.get("execution") != current["execution"]:
        cache = _cache_path(app)
        if cache.exists():
            shutil.rmtree(cache)
        logger.info(
            "[build_freshness] helpers, data or requirements changed: re-executing every chapter"
        )
    elif recorded.get("assets") != current["assets"]:
        logger.info("[build_freshness] _static/ changed: re-writing every page from the cache")
    else:
        return []
    return sorted(env.found_docs - removed)


def _record(app: Sphinx, exception: Exception | None) -> None:
    """After a build with no error and no warning, record the digests (``sha256sum`` style).

    ``build-finished`` fires before Sphinx sets ``statuscode`` for ``-W --keep-going``, so the
    warning count is read directly.
    """
    stamp = getattr(app.env, "kzbook_stamp", None)
    if exception is None and getattr(app, "_warncount", 0) == 0 and stamp:
        text = "".join(f"{digest}  {name}\n" for name, digest in stamp.items())
        _stamp_path(app).write_text(text)


def point_kernels_at(book_root: Path) -> None:
    """Make the chapters' kernels (started by this process) use the book being built.

    The helper package is installed in editable mode from one checkout; building another
    checkout with the same environment would otherwise execute its chapters against the first
    checkout's helpers and data, silently. An explicit ``KZBOOK_ROOT`` is left alone.
    """
    if ROOT_ENV_VAR in os.environ or not (book_root / "src" / "helpers").is_dir():
        return
    os.environ[ROOT_ENV_VAR] = str(book_root)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(book_root / "src"), os.environ.get("PYTHONPATH", "")) if p
    )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the extension with Sphinx."""
    point_kernels_at(Path(app.srcdir))
    app.connect("env-get-outdated", _outdated)
    app.connect("build-finished", _record)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
