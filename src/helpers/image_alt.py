"""A Sphinx extension that gives notebook figures their alt text.

myst-nb takes an image's alt text only from static cell metadata, but the book's alt texts are
computed from the data, like everything else. :func:`helpers.plots.show_figure` therefore writes
the alt text into the PNG itself (its ``Description`` text chunk), and this extension copies it
onto the image node, so the HTML ``<img>`` carries it.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from PIL import Image
from sphinx.application import Sphinx

#: The PNG text chunk that holds the alt text.
ALT_KEY = "Description"


def png_alt(path: Path) -> str:
    """The alt text stored in a PNG, or ``""``."""
    try:
        with Image.open(path) as image:
            return str(getattr(image, "text", {}).get(ALT_KEY, ""))
    except (OSError, ValueError):
        return ""


def add_alt_text(app: Sphinx, doctree: nodes.document) -> None:
    """Set ``alt`` on every PNG image node whose file carries an alt text."""
    docdir = Path(app.env.doc2path(app.env.docname)).parent
    for image in doctree.findall(nodes.image):
        uri = image.get("uri", "")
        if image.get("alt") or not uri.endswith(".png"):
            continue
        for candidate in (Path(app.srcdir) / uri, docdir / uri, Path(uri)):
            if candidate.is_file():
                alt = png_alt(candidate)
                if alt:
                    image["alt"] = alt
                break


def setup(app: Sphinx) -> dict[str, object]:
    """Register the extension with Sphinx."""
    app.connect("doctree-read", add_alt_text)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
