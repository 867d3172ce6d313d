"""A real browser for the tests: Debian's Chromium driven by Playwright, on a local web server.

Every page is opened in a fresh browser context (a new profile, as a first-time reader has), and
everything that happens is recorded: console errors, uncaught exceptions, dialogs (``alert``), and
every request. Requests for anything but the local server are blocked and recorded, so a test can
require that no request leaves the machine.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Page, Request, Route, sync_playwright

#: How many browsers open pages at once: a visit mostly waits (for the network to be idle).
BROWSERS = 3

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
]  # fmt: skip

#: Console messages a fresh profile may log, each with the reason it is accepted.
ACCEPTED_CONSOLE = {
    "Got invalid theme mode": (
        "pydata-sphinx-theme reads the reader's light/dark choice from localStorage; a fresh "
        "profile has none, so the theme logs this once and falls back to its default mode."
    ),
}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        """No access log on the test output."""


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free local port; yields the base URL (ending in ``/``)."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def html_pages(html_dir: Path) -> list[str]:
    """The site's pages, relative to its root; theme template fragments copied into ``_static/``
    are not pages."""
    pages = (p.relative_to(html_dir) for p in html_dir.rglob("*.html"))
    return sorted(str(p) for p in pages if p.parts[0] != "_static")


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, headless (Playwright's own browser download does not work here)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Visit:
    """What happened while a page loaded and settled."""

    url: str
    status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)

    def unexpected_console(self) -> list[str]:
        """Console errors not in :data:`ACCEPTED_CONSOLE`."""
        return [m for m in self.console_errors if not any(a in m for a in ACCEPTED_CONSOLE)]


#: A phone's screen, as the reader of the HTML edition on a phone has it (CSS pixels).
PHONE = {"width": 390, "height": 844}


@contextmanager
def visit(
    browser: Browser, url: str, base: str, viewport: dict[str, int] | None = None
) -> Iterator[tuple[Page, Visit]]:
    """Open ``url`` in a fresh context (at ``viewport`` size, if given), wait until the network
    is idle, and yield the page with its record. Requests outside ``base`` are aborted and
    recorded."""
    context = browser.new_context(viewport=viewport) if viewport else browser.new_context()
    record = Visit(url)
    page = context.new_page()

    def route(route: Route) -> None:
        if route.request.url.startswith(base) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            record.outside_requests.append(route.request.url)
            route.abort()

    def failed(request: Request) -> None:
        if request.url.startswith(base):
            record.failed_requests.append(request.url)

    def dialog(d) -> None:
        record.dialogs.append(f"{d.type}: {d.message}")
        d.dismiss()

    context.route("**/*", route)
    page.on("console", lambda m: m.type == "error" and record.console_errors.append(m.text))
    page.on("pageerror", lambda e: record.page_errors.append(str(e)))
    page.on("dialog", dialog)
    page.on("requestfailed", failed)
    page.on(
        "response",
        lambda r: (
            r.url.startswith(base)
            and r.status >= 400
            and record.failed_requests.append(f"{r.status} {r.url}")
        ),
    )
    try:
        response = page.goto(url, wait_until="networkidle")
        record.status = response.status if response else None
        yield page, record
    finally:
        context.close()


def visit_each(
    base: str,
    names: list[str],
    look: Callable[[Page, Visit], object],
    viewport: dict[str, int] | None = None,
) -> dict[str, object]:
    """Open every page of ``names`` (relative to ``base``) once, each in a fresh context as
    :func:`visit` does, and return what ``look(page, record)`` found on each. The pages are
    shared among :data:`BROWSERS` browsers working at once, each in a thread of its own (a
    Playwright browser belongs to the thread that started it)."""
    shares = [names[i :: BROWSERS] for i in range(BROWSERS)]

    def work(share: list[str]) -> dict[str, object]:
        found = {}
        with chromium() as browser:
            for name in share:
                with visit(browser, base + name, base, viewport) as (page, record):
                    found[name] = look(page, record)
        return found

    with ThreadPoolExecutor(BROWSERS) as pool:
        results = list(pool.map(work, [share for share in shares if share]))
    merged = {name: found for result in results for name, found in result.items()}
    return {name: merged[name] for name in names}
