"""The books the build tests read, built in the background from the start of the test session.

A book takes a minute of CPU to build, and much of a build keeps only one core busy (starting
Sphinx, writing pages, LaTeX), so :class:`BuildFarm` runs the builds the collected tests need in
background threads, at most two at a time and in the order they were asked for, while the unit
tests run; a test that needs a book waits for it.
"""

from __future__ import annotations

import queue
import threading
import traceback
from collections.abc import Callable


class _Build:
    def __init__(self, name: str, make: Callable[[], object]):
        self.name, self.make = name, make
        self.done = threading.Event()
        self.result: object = None
        self.error = ""


class BuildFarm:
    """Named builds, run by ``limit`` background workers in the order they were started;
    :meth:`get` waits for one."""

    def __init__(self, limit: int = 2):
        self._limit = limit
        self._queue: queue.Queue[_Build] = queue.Queue()
        self._builds: dict[str, _Build] = {}
        self._workers: list[threading.Thread] = []

    def start(self, name: str, make: Callable[[], object]) -> None:
        """Build ``name`` with ``make()`` as soon as a worker is free."""
        self._builds[name] = build = _Build(name, make)
        self._queue.put(build)
        if len(self._workers) < self._limit:
            worker = threading.Thread(target=self._work, name="build-farm", daemon=True)
            self._workers.append(worker)
            worker.start()

    def _work(self) -> None:
        while True:
            build = self._queue.get()
            try:
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
