"""The books the build tests read, built in the background from the start of the test session.

A book takes a minute of CPU to build, and much of a build keeps only one core busy (starting
Sphinx, writing pages, LaTeX), so :class:`BuildFarm` runs the builds the collected tests need in
background threads, at most two at a time, while the unit tests run; a test that needs a book
waits for it. Each build is named, and a build may start from another's output
(:func:`copy_built`), so that only what a test changes is executed again.
"""

from __future__ import annotations

import shutil
import threading
import traceback
from collections.abc import Callable
from pathlib import Path

from helpers.project_copy import copy_project

#: What of a built copy a warm copy keeps: the executions, what they read, the shared values.
WARM = ("_build/.jupyter_cache", "_build/.kzbook_deps", "_build/.kzbook_memo")


def copy_built(source: Path, target: Path) -> Path:
    """A copy of a built project's sources with its execution cache, so that a build of the copy
    executes only the chapters whose inputs differ."""
    copy_project(target, source=source)
    for part in WARM:
        if (source / part).exists():
            shutil.copytree(source / part, target / part)
    return target


class _Build:
    def __init__(self, name: str, make: Callable[[], object], after: tuple[str, ...]):
        self.name, self.make, self.after = name, make, after
        self.done = threading.Event()
        self.result: object = None
        self.error = ""


class BuildFarm:
    """Named builds in background threads, ``limit`` at a time; :meth:`get` waits for one."""

    def __init__(self, limit: int = 2):
        self._gate = threading.Semaphore(limit)
        self._builds: dict[str, _Build] = {}

    def start(self, name: str, make: Callable[[], object], after: tuple[str, ...] = ()) -> None:
        """Build ``name`` with ``make()`` once the builds in ``after`` have finished."""
        build = self._builds[name] = _Build(name, make, after)
        threading.Thread(target=self._run, args=(build,), name=f"build-{name}", daemon=True).start()

    def _run(self, build: _Build) -> None:
        try:
            for name in build.after:
                self.get(name)
            with self._gate:
                build.result = build.make()
        except BaseException:  # noqa: BLE001 - reported to the test that asks for the build
            build.error = traceback.format_exc()
        finally:
            build.done.set()

    def has(self, name: str) -> bool:
        return name in self._builds

    def get(self, name: str) -> object:
        """The result of build ``name``, once it is done; its error, as a failure, if it failed."""
        build = self._builds[name]
        build.done.wait()
        if build.error:
            raise AssertionError(f"the build '{name}' failed:\n{build.error[-6000:]}")
        return build.result
