"""What a chapter's execution read: the project files it opened and the helper modules it ran.

When the build executes a chapter it sets ``KZBOOK_DEPS_FILE`` in the kernel's environment;
importing :mod:`helpers` then calls :func:`start`, which records, through a Python audit hook,
every project file the kernel opens for reading (data, ``references.bib``, ``CITATION.cff``,
…) and every folder it lists, and after each cell writes them, with the helper modules
imported, to that file. :mod:`helpers.build_freshness` turns the record into a *manifest*
(each file with its SHA-256) and re-executes the chapter only when one of them changes.

A value computed once and reused from disk (:mod:`helpers.memo`) reads no data when it is
reused; the files it read when it was computed are added with :func:`add_files`, so a chapter
that reuses it depends on them all the same. Files under ``_build/``, ``.cache/``, ``.venv/`` and
``src/`` are not recorded: the build's own output, derived copies, the installed software (the
pinned requirements stand for it) and the code (recorded as modules).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from helpers import paths

DEPS_ENV_VAR = "KZBOOK_DEPS_FILE"
#: Folders of the project whose files are not recorded as read (see the module docstring).
NOT_RECORDED = ("_build", ".cache", ".venv", "src", ".git")
#: What the build hashes besides the recorded files: the pinned software.
PINS = ("requirements.txt", "constraints.txt")

#: The open recordings: the chapter's own, and one for each value being computed for reuse.
_recordings: list[dict[str, set[str]]] = []
_target: Path | None = None
_hooked = False


def _project_file(path: object) -> str | None:
    """``path`` relative to the project root if it is a recorded project file, else ``None``."""
    if isinstance(path, int):  # a file descriptor
        return None
    try:
        full = Path(os.path.abspath(os.fsdecode(path)))  # type: ignore[arg-type]
        relative = full.relative_to(paths.project_root())
    except (TypeError, ValueError):
        return None
    if not relative.parts or relative.parts[0] in NOT_RECORDED:
        return None
    return relative.as_posix()


def _audit(event: str, args: tuple) -> None:
    if not _recordings:
        return
    if event == "open":
        path, mode = args[0], args[1] or "r"
        if isinstance(mode, str) and ("r" in mode or "+" in mode):
            kind = "files"
        else:
            return
    elif event in ("os.listdir", "os.scandir"):
        path, kind = args[0] if args and args[0] is not None else ".", "folders"
    else:
        return
    relative = _project_file(path)
    if relative is not None:
        for recording in _recordings:
            recording[kind].add(relative)


def _new_recording() -> dict[str, set[str]]:
    return {"files": set(), "folders": set()}


def _hook() -> None:
    """Install the audit hook, once (it cannot be removed; it does nothing while nothing is
    being recorded)."""
    global _hooked
    if not _hooked:
        sys.addaudithook(_audit)
        _hooked = True


def start(target: Path) -> None:
    """Record what this process reads, and write it to ``target`` after every cell (and at
    exit). Called once, by ``import helpers``, when ``KZBOOK_DEPS_FILE`` is set."""
    global _target
    if _target is not None:
        return
    _target = target
    _recordings.insert(0, _new_recording())
    _hook()
    import atexit

    atexit.register(write)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - chapters always run in IPython
        return
    shell = get_ipython()
    if shell is not None:
        shell.events.register("post_run_cell", lambda *_: write())


def write() -> None:
    """Write what was read so far, and the helper modules imported, to the target file."""
    if _target is None:
        return
    root = paths.project_root()
    modules = sorted(
        Path(module.__file__).resolve().as_posix()
        for name, module in list(sys.modules.items())
        if (name == "helpers" or name.startswith("helpers.")) and getattr(module, "__file__", None)
    )
    record = {
        "root": root.as_posix(),
        "files": sorted(_recordings[0]["files"]),
        "folders": sorted(_recordings[0]["folders"]),
        "modules": modules,
    }
    _target.write_text(json.dumps(record, indent=1), encoding="utf-8")


@contextmanager
def recording() -> Iterator[dict[str, set[str]]]:
    """Record, besides the chapter's own record, what is read inside the ``with`` block."""
    found = _new_recording()
    _recordings.append(found)
    _hook()
    try:
        yield found
    finally:
        del _recordings[next(i for i, r in enumerate(_recordings) if r is found)]


@contextmanager
def not_recorded() -> Iterator[None]:
    """Read without recording, inside the ``with`` block: what the build's own bookkeeping reads
    (hashing every input to key a shared value) is not what a chapter depends on."""
    saved = _recordings[:]
    _recordings.clear()
    try:
        yield
    finally:
        _recordings[:] = saved


def add_files(files: Iterable[str], folders: Iterable[str] = ()) -> None:
    """Count ``files`` and ``folders`` (relative to the root) as read by every open recording:
    what a reused value read when it was computed."""
    for recording in _recordings:
        recording["files"].update(files)
        recording["folders"].update(folders)


# --- manifests: the record with hashes, checked by the build --------------------------------------


def file_hash(path: Path) -> str:
    """The SHA-256 of a file's bytes, or ``"missing"``."""
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def folder_hash(path: Path) -> str:
    """A SHA-256 of a folder's sorted entry names, or ``"missing"``."""
    if not path.is_dir():
        return "missing"
    return hashlib.sha256("\n".join(sorted(os.listdir(path))).encode()).hexdigest()


def pins_hash(root: Path) -> str:
    """One SHA-256 over the pinned requirements and the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    for name in PINS:
        digest.update(file_hash(root / name).encode())
    return digest.hexdigest()


def manifest(record: dict, root: Path) -> dict[str, object]:
    """A record (what :func:`write` wrote) with the current hash of everything in it."""
    return {
        "pins": pins_hash(root),
        "files": {name: file_hash(root / name) for name in record["files"]},
        "folders": {name: folder_hash(root / name) for name in record["folders"]},
        "modules": {
            _relative(Path(name), root): file_hash(Path(name)) for name in record["modules"]
        },
    }


def _relative(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def changed_inputs(saved: dict, root: Path) -> list[str]:
    """What changed since ``saved`` (a :func:`manifest`) was made; empty if nothing did."""
    changed = ["the pinned requirements"] if saved.get("pins") != pins_hash(root) else []
    changed += [n for n, h in saved.get("files", {}).items() if file_hash(root / n) != h]
    changed += [n for n, h in saved.get("folders", {}).items() if folder_hash(root / n) != h]
    for name, digest in saved.get("modules", {}).items():
        path = Path(name) if Path(name).is_absolute() else root / name
        if file_hash(path) != digest:
            changed.append(name)
    return changed
