"""Shared helpers for the Kazakhstan articles report.

Data flows one way: ``data/`` -> :mod:`helpers.corpus` -> analyses -> :mod:`helpers.display`
and :mod:`helpers.plots` -> chapters. Analysis modules return DataFrames; they never plot or print.

When the build executes a chapter, importing the package starts recording what the chapter reads
(:mod:`helpers.execution_deps`), so that it is executed again only when that changes.
"""

import os as _os

if _os.environ.get("KZBOOK_DEPS_FILE"):
    from pathlib import Path as _Path

    from helpers import execution_deps as _deps

    _deps.start(_Path(_os.environ["KZBOOK_DEPS_FILE"]))
