"""Kernels forked from a warm process: each chapter still gets a fresh kernel of its own, without
paying again for starting Python and importing IPython, pandas and matplotlib.

Starting a kernel and importing what every chapter imports costs about two seconds of CPU, as
much as most chapters' own work. :class:`KernelForks` starts one *template* process per build
(this file, run as a script: it imports those libraries and nothing of the book) and asks it for
each kernel; the template forks, and the child becomes an ordinary IPython kernel with the
chapter's connection file, environment and working folder, in a session of its own, exactly as
``jupyter_client`` would start it. The book's own package is never imported before the fork, so
each chapter imports the helpers afresh and records what it reads
(:mod:`helpers.execution_deps`).

:func:`attach` gives a kernel manager the ``jupyter_client`` provisioner that does this; it
behaves as the local one does (interrupts, kills and waits on the kernel's process group). If the
template cannot be started, kernels are started the usual way.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

#: Imported by the template before any fork: what every chapter's kernel imports anyway.
WARM_IMPORTS = (
    "ipykernel.kernelapp",
    "ipykernel.ipkernel",
    "IPython",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.backends.backend_agg",
    "matplotlib_inline.backend_inline",
    "PIL.Image",
    "yaml",
)


# --- the template process (run as a script; imports nothing of the book) ----------------------


def _reap(*_args) -> None:
    """Collect every finished child, so that none lingers as a zombie."""
    try:
        while os.waitpid(-1, os.WNOHANG)[0]:
            pass
    except ChildProcessError:
        pass


def _become_kernel(request: dict, control: tuple[int, int]) -> None:
    """In the forked child: turn into the kernel ``request`` asks for; never returns."""
    code = 1
    try:
        for fd in control:
            os.close(fd)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        os.setsid()
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        os.close(null)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        for name in [m for m in sys.modules if m == "helpers" or m.startswith("helpers.")]:
            del sys.modules[name]
        sys.path[0] = request["cwd"]  # as `python -m ipykernel_launcher` started there would
        sys.argv = [request["argv0"], *request["args"]]
        if parent := request["env"].get("JPY_PARENT_PID"):
            # ipykernel reads this variable when it is imported, which the template did before
            # the kernel had its environment
            sys.argv.append(f"--IPKernelApp.parent_handle={parent}")
        from ipykernel import kernelapp

        kernelapp.launch_new_instance()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else 0
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)


def serve(requests_fd: int, replies_fd: int) -> None:
    """The template: import :data:`WARM_IMPORTS`, then fork one kernel per request line and
    answer with its pid, until the requests end."""
    import importlib

    for name in WARM_IMPORTS:
        importlib.import_module(name)
    signal.signal(signal.SIGCHLD, _reap)
    replies = os.fdopen(replies_fd, "w", buffering=1)
    for line in os.fdopen(requests_fd, "r"):
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            _become_kernel(request, (requests_fd, replies_fd))
        replies.write(json.dumps({"pid": pid}) + "\n")


# --- the build's side -----------------------------------------------------------------------------


class ForkedProcess:
    """What ``jupyter_client`` needs of a kernel's ``Popen``, for a kernel the template forked
    (its parent is the template, which collects it when it ends)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int):
        self.pid = pid
        self.returncode: int | None = None

    def poll(self) -> int | None:
        if self.returncode is None:
            try:
                os.kill(self.pid, 0)
                state = Path(f"/proc/{self.pid}/stat").read_text().split(") ", 1)[1][:1]
                if state in ("Z", "X"):
                    self.returncode = 0
            except (ProcessLookupError, FileNotFoundError):
                self.returncode = 0
        return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        import time

        while self.poll() is None:
            time.sleep(0.05)
        return self.returncode or 0

    def send_signal(self, signum: int) -> None:
        os.kill(self.pid, signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


class KernelForks:
    """The template process of one build, and the one call that asks it for a kernel."""

    def __init__(self) -> None:
        requests_r, self._requests = os.pipe()
        self._replies, replies_w = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__)), str(requests_r), str(replies_w)],
            pass_fds=(requests_r, replies_w),
            stdin=subprocess.DEVNULL,
        )
        os.close(requests_r)
        os.close(replies_w)
        self._out = os.fdopen(self._requests, "w", buffering=1)
        self._in = os.fdopen(self._replies, "r")
        self._lock = threading.Lock()

    def spawn(self, cmd: list[str], env: dict[str, str], cwd: str) -> int:
        """Fork a kernel running ``cmd`` (``python -m ipykernel_launcher -f …``) in ``cwd`` with
        ``env``; return its pid."""
        if cmd[1:3] != ["-m", "ipykernel_launcher"]:
            raise ValueError(f"not an IPython kernel command: {cmd}")
        request = {"argv0": "ipykernel_launcher", "args": cmd[3:], "env": env, "cwd": cwd}
        with self._lock:
            self._out.write(json.dumps(request) + "\n")
            reply = self._in.readline()
        if not reply:
            raise RuntimeError("the kernel template process has stopped")
        return int(json.loads(reply)["pid"])

    def close(self) -> None:
        """Stop the template (kernels already forked are ended by their managers)."""
        try:
            self._out.close()
        finally:
            self._in.close()
            self.process.wait(timeout=30)


def attach(kernel_manager, forks: KernelForks) -> None:
    """Make ``kernel_manager`` (not yet started) fork its kernel from ``forks``' template."""
    import uuid

    from jupyter_client.provisioning.local_provisioner import LocalProvisioner

    class ForkingProvisioner(LocalProvisioner):
        """The local provisioner, with the kernel forked from the template."""

        async def launch_kernel(self, cmd: list[str], **kwargs):
            env = dict(kwargs.get("env") or os.environ)
            env["JPY_PARENT_PID"] = str(os.getpid())
            cwd = str(kwargs.get("cwd") or Path.cwd())
            self.process = ForkedProcess(forks.spawn(cmd, env, cwd))
            self.pid = self.pgid = self.process.pid
            self.cwd = cwd
            return self.connection_info

    kernel_manager.kernel_id = kernel_manager.kernel_id or str(uuid.uuid4())
    kernel_manager.provisioner = ForkingProvisioner(
        kernel_id=kernel_manager.kernel_id,
        kernel_spec=kernel_manager.kernel_spec,
        parent=kernel_manager,
    )


if __name__ == "__main__":
    sys.path[0] = os.getcwd()  # not this file's folder: the book's modules stay unimported
    serve(int(sys.argv[1]), int(sys.argv[2]))
