"""A Sphinx extension that removes two repeated costs from every build, without changing a byte
of its output.

- **pybtex's plugins.** sphinxcontrib-bibtex asks pybtex for a plugin (a style, a backend) for
  every citation it resolves, and pybtex answers by scanning the metadata of every installed
  package for entry points: several hundred scans per build. The installed packages do not
  change during a build, so each answer is kept (plugins registered at run time are still looked
  up first, by pybtex itself).
- **Numbered references.** To number a ``{numref}`` Sphinx unpickles the whole doctree of the page
  that holds the table or figure, once per reference; the article pages' doctrees are large (each
  article's text marked up for HTML and for LaTeX), and the book has dozens of such references.
  While references are resolved, a page's doctree is unpickled once and reused: resolving a
  number only reads it.
"""

from __future__ import annotations

from functools import cache, wraps

import pybtex.plugin
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain

_scan_entry_points = pybtex.plugin.entry_points


@cache
def _entry_points(**selection: str) -> tuple:
    """The entry points of a group (and name), scanned once."""
    return tuple(_scan_entry_points(**selection))


def _reading_doctrees_once(resolve):
    """``resolve`` (a numref resolver) with each page's doctree unpickled once per build."""

    @wraps(resolve)
    def resolve_with_kept_doctrees(self, env, *args, **kwargs):
        kept = env.__dict__.setdefault("_kzbook_read_only_doctrees", {})
        load = env.get_doctree

        def get_doctree(docname: str):
            if docname not in kept:
                kept[docname] = load(docname)
            return kept[docname]

        env.get_doctree = get_doctree
        try:
            return resolve(self, env, *args, **kwargs)
        finally:
            del env.get_doctree  # back to the class's method

    return resolve_with_kept_doctrees


def _forget_doctrees(app: Sphinx, *_args) -> None:
    app.env.__dict__.pop("_kzbook_read_only_doctrees", None)


def setup(app: Sphinx) -> dict[str, object]:
    """Register the extension with Sphinx."""
    pybtex.plugin.entry_points = _entry_points
    if not getattr(StandardDomain._resolve_numref_xref, "__wrapped__", None):
        StandardDomain._resolve_numref_xref = _reading_doctrees_once(
            StandardDomain._resolve_numref_xref
        )
    # pages read again in this build must not be numbered from their old doctrees
    app.connect("env-updated", _forget_doctrees)
    app.connect("build-finished", _forget_doctrees)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
