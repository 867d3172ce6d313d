"""Execute several chapters at once, each in its own kernel, as myst-nb would one by one.

:func:`start_all` runs the notebooks concurrently (at most ``parallel`` kernels at a time) with
nbclient, in a background thread, in the chapter's own folder and with the same timeout and
``allow_errors`` setting as myst-nb's cache mode, so the executed notebooks are the ones myst-nb
would make; :meth:`Job.wait` waits for one. Unlike nbclient's defaults, no output is ever
dropped for arriving late. Each kernel gets ``KZBOOK_DEPS_FILE``
(:mod:`helpers.execution_deps`), so that what it reads is recorded.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError

from helpers.execution_deps import DEPS_ENV_VAR
from helpers.kernel_forks import KernelForks, attach


@dataclass
class Job:
    """One notebook to execute: where its source is, the notebook (executed in place) and where
    the kernel writes what it read."""

    path: Path
    notebook: object  # an nbformat NotebookNode
    deps_file: Path
    seconds: float = 0.0
    error: str = ""
    done: threading.Event = field(default_factory=threading.Event)

    def wait(self) -> None:
        """Wait until the notebook has been executed (or has failed)."""
        self.done.wait()


class _Client(NotebookClient):
    """nbclient's client, whose kernel is forked from a warm template when there is one."""

    forks: KernelForks | None = None

    def create_kernel_manager(self):
        manager = super().create_kernel_manager()
        if self.forks is not None:
            attach(manager, self.forks)
        return manager


async def _execute(
    job: Job,
    timeout: int,
    allow_errors: bool,
    env: dict[str, str],
    forks: KernelForks | None,
    record_timing: bool = False,
) -> None:
    metadata = job.notebook.metadata.get("execution", {})  # type: ignore[attr-defined]
    cell_timeout = metadata.get("timeout", timeout)
    client = _Client(
        job.notebook,
        resources={"metadata": {"path": str(job.path.parent)}},
        timeout=cell_timeout,
        allow_errors=metadata.get("allow_errors", allow_errors),
        record_timing=record_timing,
        # nbclient waits only 4 s (by default) for a cell's remaining outputs after the kernel
        # says it is done, then drops them with a warning: on a busy machine a chapter that
        # glues a hundred values lost some. Wait as long as a cell may run, or fail.
        iopub_timeout=cell_timeout,
        raise_on_iopub_timeout=True,
        # once every output is in, nothing the kernel does matters (what it read is written
        # after every cell): stop it at once instead of waiting for it to wind down
        shutdown_kernel="immediate",
    )
    client.forks = forks
    started = time.perf_counter()
    try:
        await client.async_execute(env=env | {DEPS_ENV_VAR: str(job.deps_file)})
    except (CellExecutionError, CellTimeoutError) as err:
        job.error = f"{type(err).__name__}: {err}"
    except Exception as err:  # a kernel that would not start: myst-nb will say why
        job.error = f"{type(err).__name__}: {err}"
    finally:
        job.seconds = time.perf_counter() - started
        job.done.set()


async def _execute_all(
    jobs: list[Job],
    parallel: int,
    timeout: int,
    allow_errors: bool,
    forks: KernelForks | None,
    record_timing: bool,
) -> None:
    gate = asyncio.Semaphore(parallel)
    env = dict(os.environ)

    async def one(job: Job) -> None:
        async with gate:
            await _execute(job, timeout, allow_errors, env, forks, record_timing)

    await asyncio.gather(*(one(job) for job in jobs))


def start_all(
    jobs: list[Job], parallel: int, timeout: int, allow_errors: bool, record_timing: bool = False
) -> None:
    """Start executing every job's notebook in place, in order, ``parallel`` at a time, in a
    background thread; a failing cell leaves its message in ``job.error``. With
    ``record_timing``, each cell's metadata records when it started and ended (nbclient's
    ``execution`` timestamps), as the benchmark needs."""
    for job in jobs:
        job.deps_file.parent.mkdir(parents=True, exist_ok=True)
        job.deps_file.unlink(missing_ok=True)

    def run() -> None:
        forks = None
        try:
            forks = KernelForks()
        except OSError:
            pass  # kernels are started the usual way
        try:
            asyncio.run(_execute_all(jobs, parallel, timeout, allow_errors, forks, record_timing))
        finally:
            if forks is not None:
                forks.close()
            for job in jobs:  # never leave a reader waiting
                if not job.done.is_set():
                    job.error = job.error or "not executed"
                    job.done.set()

    threading.Thread(target=run, name="kzbook-execute", daemon=True).start()


def default_jobs() -> int:
    """How many kernels to run at once: ``KZBOOK_JOBS`` if set, else the number of CPUs."""
    configured = os.environ.get("KZBOOK_JOBS", "")
    return max(1, int(configured)) if configured.isdigit() else max(1, os.cpu_count() or 1)
