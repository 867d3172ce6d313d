"""A Sphinx extension that removes three repeated costs from every build, without changing a byte
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
- **Formatted references.** sphinxcontrib-bibtex formats every cited entry anew in every build
  (twice, for the reference list and its tooltips), seconds of work whose result only changes
  with the entry. Each formatted entry is kept in ``_build/.kzbook_bibtex.pickle``, keyed by the
  style, the label and everything in the entry, with the versions of pybtex and
  sphinxcontrib-bibtex; a changed entry or version is formatted anew.
"""

from __future__ import annotations

import pickle
from functools import cache, wraps
from importlib.metadata import version
from pathlib import Path

import pybtex.plugin
from pybtex.style.formatting import BaseStyle
from sphinx.application import Sphinx
from sphinx.domains.std import StandardDomain

KEPT_ENTRIES = ".kzbook_bibtex.pickle"
#: The formatted entries kept between builds (``None`` until a build starts), and whether any
#: was added in this build.
_kept: dict | None = None
_added = False

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


def _versions() -> tuple[str, str]:
    return version("pybtex"), version("sphinxcontrib-bibtex")


def _entry_key(style: BaseStyle, label: str, entry) -> tuple:
    """Everything a formatted entry depends on: the style and its parts, the label, the entry."""
    parts = (style, style.name_style, style.label_style, style.sorting_style)
    persons = tuple(
        (role, tuple(map(str, people))) for role, people in sorted(entry.persons.items())
    )
    return (
        *(f"{type(p).__module__}.{type(p).__qualname__}" for p in parts),
        style.abbreviate_names,
        label,
        entry.key,
        entry.type,
        tuple(sorted((name, str(value)) for name, value in entry.fields.items())),
        persons,
    )


def _keeping_formatted_entries(format_entry):
    """``format_entry`` with each result kept between builds (see the module docstring)."""

    @wraps(format_entry)
    def format_entry_kept(self, label, entry, bib_data=None):
        global _added
        if _kept is None or bib_data is not None:  # cross-references: always formatted anew
            return format_entry(self, label, entry, bib_data)
        key = _entry_key(self, label, entry)
        if key not in _kept:
            _kept[key] = format_entry(self, label, entry, bib_data)
            _added = True
        return _kept[key]

    return format_entry_kept


def _kept_entries_path(app: Sphinx) -> Path:
    return Path(app.outdir).parent / KEPT_ENTRIES


def _load_formatted_entries(app: Sphinx) -> None:
    global _kept, _added
    _kept, _added = {}, False
    path = _kept_entries_path(app)
    if path.is_file():
        try:
            versions, entries = pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 - a damaged file is simply formatted anew
            return
        if versions == _versions():
            _kept = entries


def _save_formatted_entries(app: Sphinx, exception: Exception | None) -> None:
    if exception is None and _added and _kept is not None:
        path = _kept_entries_path(app)
        partial = path.with_suffix(".partial")
        partial.write_bytes(pickle.dumps((_versions(), _kept), protocol=pickle.HIGHEST_PROTOCOL))
        partial.replace(path)


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
    if not getattr(BaseStyle.format_entry, "__wrapped__", None):
        BaseStyle.format_entry = _keeping_formatted_entries(BaseStyle.format_entry)
    app.connect("builder-inited", _load_formatted_entries)
    app.connect("build-finished", _save_formatted_entries)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
