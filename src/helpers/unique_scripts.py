"""A Sphinx extension that puts each script on a page once.

sphinx-thebe (which Jupyter Book always loads) registers its inline configuration,
``const THEBE_JS_URL = …``, when Sphinx starts reading documents, after the HTML builder has
taken its list of scripts; Sphinx 7.4 then emits it twice, and the second ``const`` is a
JavaScript error on every page ("Identifier 'THEBE_JS_URL' has already been declared"). This
extension drops exact repeats (same file, or same inline body, with the same attributes) from a
page's scripts, keeping the first, so nothing else about the page changes. (The repeat is not
caught by Sphinx's own equality: one copy has the file name ``None``, the other ``""``.)
"""

from __future__ import annotations

from sphinx.application import Sphinx


def drop_repeated_scripts(app: Sphinx, pagename: str, templatename: str, context: dict, doctree):
    """Keep the first of each equal script in the page's ``script_files``."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen, unique = set(), []
    for script in scripts:
        key = script_key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


def script_key(script) -> tuple:
    """What makes two scripts the same: the file (no file and an empty name alike) and the
    attributes, inline body included."""
    attributes = getattr(script, "attributes", {})
    return (getattr(script, "filename", script) or "", tuple(sorted(attributes.items())))


def setup(app: Sphinx) -> dict[str, object]:
    app.connect("html-page-context", drop_repeated_scripts, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
