"""A Sphinx extension that executes each chapter when, and only when, what it reads changed, and
executes them in parallel.

jupyter-cache keys a notebook on its code cells only, and Sphinx re-reads a page only when its
source changed: after an edit to ``src/helpers/`` or ``data/`` a cached build would show old
numbers without a warning. So each chapter's execution is recorded with what it read
(:mod:`helpers.execution_deps`: the project files it opened, the helper modules it imported, the
pinned requirements), with their hashes, in ``_build/.kzbook_deps/<page>.json``. Before Sphinx
reads the pages, this extension checks every chapter (:func:`stale_chapters`): one with no
cached execution, with no record, or whose record no longer matches the files is executed again
(several at once, up to one kernel per CPU, in kernels forked from a warm template,
:mod:`helpers.notebook_execution` and :mod:`helpers.kernel_forks`, while Sphinx reads the pages
already done), stored in the execution cache and re-read. A chapter that reads nothing that
changed is left alone: editing one helper re-executes only the chapters that import it, editing a
data file only those that read it. The values many chapters share are computed once per build
and reused (:mod:`helpers.memo`).

A chapter whose execution fails here is left to myst-nb, which executes it again while reading
and fails the build with the cell's error. Sphinx has three more blind spots, all handled here:
when no page is outdated it stops before copying ``_static/``, so an edited stylesheet would
never reach the HTML; it never notices a change to an extension's code (a change under
``_static/`` or to a helper module this Sphinx process runs re-writes every page from the
cache); and a build that failed keeps its environment, so the next one could skip the pages
that failed (until a build finishes without warnings, every page is re-read, from the cache).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from helpers.execution_deps import changed_inputs, manifest
from helpers.memo import MEMO_ENV_VAR, MEMO_FOLDER
from helpers.notebook_execution import Job, default_jobs, start_all
from helpers.paths import ROOT_ENV_VAR

logger = logging.getLogger(__name__)

STAMP_NAME = "kzbook-build.json"
DEPS_FOLDER = ".kzbook_deps"


def asset_inputs(root: Path) -> list[Path]:
    """The files whose change must re-write, not re-execute, every page: the static files
    (stylesheets) and the helper modules this Sphinx process runs (the book's extensions and
    what they import)."""
    static = [p for p in (root / "_static").rglob("*") if p.is_file()]
    modules = [
        Path(module.__file__).resolve()
        for name, module in list(sys.modules.items())
        if (name == "helpers" or name.startswith("helpers.")) and getattr(module, "__file__", None)
    ]
    return sorted({*static, *(m for m in modules if m.is_relative_to(root))})


def files_digest(root: Path, files: list[Path]) -> str:
    """One SHA-256 over the paths (relative to ``root``) and contents of ``files``."""
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _build_dir(app: Sphinx) -> Path:
    return Path(app.outdir).parent


def _cache_path(app: Sphinx) -> Path:
    # The same rule myst-nb uses: the configured path, else _build/.jupyter_cache.
    configured = getattr(app.config, "nb_execution_cache_path", "")
    return Path(configured) if configured else _build_dir(app) / ".jupyter_cache"


def _deps_path(app: Sphinx, docname: str) -> Path:
    return _build_dir(app) / DEPS_FOLDER / f"{docname}.json"


def _notebook(env: BuildEnvironment, docname: str):
    """The chapter as myst-nb reads it (its code cells are what the cache is keyed on), or
    ``None`` for a page that is not a notebook."""
    from myst_nb.core.read import create_nb_reader

    path = env.doc2path(docname)
    text = Path(path).read_text(encoding="utf-8")
    reader = create_nb_reader(str(path), env.myst_config, env.mystnb_config, text)
    return None if reader is None else reader.read(text)


def stale_chapters(app: Sphinx, env: BuildEnvironment) -> dict[str, object]:
    """The chapters to execute, each with its notebook, and why (logged)."""
    from jupyter_cache import get_cache

    cache = get_cache(str(_cache_path(app)))
    root = Path(app.srcdir)
    stale = {}
    for docname in sorted(env.found_docs):
        notebook = _notebook(env, docname)
        if notebook is None or not any(c.cell_type == "code" for c in notebook.cells):
            continue
        try:
            record = cache.match_cache_notebook(notebook)
        except KeyError:
            record = None
        deps = _deps_path(app, docname)
        saved = json.loads(deps.read_text()) if deps.is_file() else None
        if record is None:
            why = "not executed yet (or its code changed)"
        elif saved is None or saved.get("hashkey") != record.hashkey:
            why = "no record of what it reads"
        elif changed := changed_inputs(saved["manifest"], root):
            why = "changed: " + ", ".join(changed[:3]) + (" …" if len(changed) > 3 else "")
        else:
            continue
        logger.info(f"[build_freshness] {docname}: {why}")
        stale[docname] = notebook
    return stale


def start_executing(app: Sphinx, env: BuildEnvironment, stale: dict[str, object]) -> None:
    """Start executing the stale chapters, several at once, in the order Sphinx reads them; each
    is stored in the execution cache just before Sphinx reads it (:func:`_store`)."""
    config = env.mystnb_config
    jobs = {
        docname: Job(
            Path(env.doc2path(docname)), notebook, _deps_path(app, docname).with_suffix(".read")
        )
        for docname, notebook in sorted(stale.items())
    }
    parallel = min(default_jobs(), len(jobs))
    logger.info(f"[build_freshness] executing {len(jobs)} chapter(s), {parallel} at a time")
    start_all(list(jobs.values()), parallel, config.execution_timeout,
              config.execution_allow_errors)  # fmt: skip
    app.kzbook_jobs = jobs


def _store(app: Sphinx, docname: str, job: Job) -> None:
    """Wait for a chapter's execution; store a success in the execution cache, with the
    manifest of what it read."""
    from jupyter_cache import get_cache
    from jupyter_cache.base import CacheBundleIn

    job.wait()
    if job.error:
        logger.info(f"[build_freshness] {docname} failed; myst-nb will run it and report")
        return
    record = get_cache(str(_cache_path(app))).cache_notebook_bundle(
        CacheBundleIn(job.notebook, str(job.path), data={"execution_seconds": job.seconds}),
        check_validity=False,
        overwrite=True,
    )
    read = json.loads(job.deps_file.read_text()) if job.deps_file.is_file() else None
    job.deps_file.unlink(missing_ok=True)
    empty = {"files": [], "folders": [], "modules": []}
    saved = {"hashkey": record.hashkey, "manifest": manifest(read or empty, Path(app.srcdir))}
    _deps_path(app, docname).write_text(json.dumps(saved, indent=1, sort_keys=True))
    logger.info(f"[build_freshness] {docname}: executed in {job.seconds:.2f} s")


def _purge_before_reading(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Forget every page about to be read before reading any (as Sphinx's parallel reading
    does): read one by one, a label moved from one page to a page read earlier would be reported
    as a duplicate of the old page's, which is still remembered."""
    for docname in docnames:
        app.emit("env-purge-doc", env, docname)
        env.clear_doc(docname)


def _before_reading(app: Sphinx, docname: str, _source: list[str]) -> None:
    """Just before Sphinx reads a chapter that is being executed: wait for it and store it."""
    job = getattr(app, "kzbook_jobs", {}).pop(docname, None)
    if job is not None:
        _store(app, docname, job)


def _after_reading(app: Sphinx, _env: BuildEnvironment) -> list[str]:
    """Store any execution Sphinx did not read (none, normally)."""
    for docname, job in sorted(getattr(app, "kzbook_jobs", {}).items()):
        _store(app, docname, job)
    app.kzbook_jobs = {}
    return []


def _write_executed(app: Sphinx, doctree) -> None:
    """After Sphinx reads a chapter, write its executed notebook to ``_build/jupyter_execute/``.

    myst-nb writes there the notebook it read, which holds the outputs only when myst-nb itself
    executed it: taken from the execution cache, the outputs are in a merged copy, and the
    notebook written has none. The published notebooks and tables (:mod:`helpers.downloads`)
    are read from there, so the merged notebook is written instead."""
    import nbformat
    from jupyter_cache import get_cache

    env = app.env
    notebook = _notebook(env, env.docname)
    if notebook is None or not any(c.cell_type == "code" for c in notebook.cells):
        return
    try:
        _, merged = get_cache(str(_cache_path(app))).merge_match_into_notebook(notebook)
    except KeyError:
        return  # not in the cache: myst-nb executed it, and wrote it with its outputs
    target = _build_dir(app) / "jupyter_execute" / f"{env.docname}.ipynb"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(nbformat.writes(merged), encoding="utf-8")


def _stamp_path(app: Sphinx) -> Path:
    return Path(app.doctreedir) / STAMP_NAME


def _outdated(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Execute the stale chapters; return the pages Sphinx must re-read besides its own."""
    stale = stale_chapters(app, env)
    if stale:
        start_executing(app, env, stale)
    stamp = _stamp_path(app)
    recorded = json.loads(stamp.read_text()) if stamp.is_file() else {}
    stamp.unlink(missing_ok=True)  # written again only when this build succeeds
    assets = files_digest(Path(app.srcdir), asset_inputs(Path(app.srcdir)))
    app.env.kzbook_assets = assets
    if not recorded:
        logger.info("[build_freshness] no successful build recorded: re-reading every page")
        return sorted(env.found_docs - removed)
    if recorded.get("assets") != assets:
        logger.info(
            "[build_freshness] _static/ or the book's extensions changed: re-writing every page "
            "from the cache"
        )
        return sorted(env.found_docs - removed)
    return sorted(set(stale) - removed)


def _record(app: Sphinx, exception: Exception | None) -> None:
    """After a build with no error and no warning, record that it succeeded and the digest of
    the static files.

    ``build-finished`` fires before Sphinx sets ``statuscode`` for ``-W --keep-going``, so the
    warning count is read directly.
    """
    assets = getattr(app.env, "kzbook_assets", None)
    if exception is None and getattr(app, "_warncount", 0) == 0 and assets:
        _stamp_path(app).write_text(json.dumps({"assets": assets}))


def point_kernels_at(book_root: Path, build_dir: Path) -> None:
    """Make the chapters' kernels (started by this process) use the book being built, and keep
    the values they share in this book's build folder.

    The helper package is installed in editable mode from one checkout; building another
    checkout with the same environment would otherwise execute its chapters against the first
    checkout's helpers and data, silently. An explicit ``KZBOOK_ROOT`` is left alone.
    """
    os.environ[MEMO_ENV_VAR] = str(build_dir / MEMO_FOLDER.name)
    if ROOT_ENV_VAR in os.environ or not (book_root / "src" / "helpers").is_dir():
        return
    os.environ[ROOT_ENV_VAR] = str(book_root)
    os.environ["PYTHONPATH"] = os.pathsep.join(
        p for p in (str(book_root / "src"), os.environ.get("PYTHONPATH", "")) if p
    )


def setup(app: Sphinx) -> dict[str, object]:
    """Register the extension with Sphinx."""
    point_kernels_at(Path(app.srcdir), _build_dir(app))
    app.connect("env-get-outdated", _outdated)
    app.connect("env-before-read-docs", _purge_before_reading)
    app.connect("source-read", _before_reading)
    app.connect("doctree-read", _write_executed)
    app.connect("env-updated", _after_reading)
    app.connect("build-finished", _record)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
