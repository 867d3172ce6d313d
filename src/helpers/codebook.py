"""The framing codebook (``data/codebook.yml``): load it and check that every rule can run.

The codebook is data, so a reader can see exactly what the rules look for. Loading compiles
every pattern (case-insensitive) and checks every source key against ``references.bib``; a bad
pattern or key stops the load with the file and the place in it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from helpers import paths
from helpers.bibliography import bib_keys
from helpers.csvdata import InputError

REQUIRED_SECTIONS = ("voice", "blame", "labels", "entman", "generic_frames")


class CodebookError(InputError):
    """Bad codebook input; names the file and every problem."""

    kind = "codebook input"


@dataclass(frozen=True)
class Rule:
    """One codebook item: an Entman function, a generic-frame question or a blame target."""

    group: str  # the Entman section, a generic frame's name, or "blame"
    name: str
    label: str
    patterns: list[re.Pattern[str]]
    not_applicable: str = ""  # why the rule cannot apply to these texts, if it cannot
    short: str = ""  # a shorter label for summaries (blame targets), else the label

    @property
    def short_label(self) -> str:
        """The short label if the codebook gives one, else the label."""
        return self.short or self.label


@dataclass(frozen=True)
class Codebook:
    """The compiled rules: reporting, rejection, negation and distancing cues, Entman
    functions, generic-frame questions, blame targets and label terms."""

    attributed: list[re.Pattern[str]]
    rejected: list[re.Pattern[str]]
    negation: list[re.Pattern[str]]
    distancing: list[re.Pattern[str]]
    entman: list[Rule]
    questions: list[Rule]
    blame: list[Rule]
    labels: list[str]
    frame_labels: dict[str, str]

    def rules(self, dimension: str) -> list[Rule]:
        """The rules of one dimension: ``entman``, ``generic`` or ``blame``."""
        return {"entman": self.entman, "generic": self.questions, "blame": self.blame}[dimension]


def codebook_file() -> Path:
    """The codebook, ``data/codebook.yml``."""
    return paths.data_dir() / "codebook.yml"


def _mapping(value: object, where: str, problems: list[str]) -> dict:
    """``value`` if it is a mapping; else an empty one, and a problem naming the place."""
    if isinstance(value, dict):
        return value
    problems.append(f"{where}: must be a mapping, not {type(value).__name__}")
    return {}


def _items(value: object, where: str, problems: list[str]) -> list:
    """``value`` if it is a list (or absent); else an empty one, and a problem naming the place."""
    if value is None or isinstance(value, list):
        return value or []
    problems.append(f"{where}: must be a list, not {type(value).__name__}")
    return []


def _compile(patterns: object, where: str, problems: list[str]) -> list[re.Pattern[str]]:
    if not isinstance(patterns, list) or not patterns:
        problems.append(f"{where}: needs a non-empty list of patterns")
        return []
    compiled = []
    for n, pattern in enumerate(patterns, start=1):
        try:
            compiled.append(re.compile(str(pattern), re.IGNORECASE))
        except re.error as err:
            problems.append(f"{where}, pattern {n} {pattern!r}: {err}")
    return compiled


def load_codebook(path: Path | None = None, bib_path: Path | None = None) -> Codebook:
    """Read, check and compile the codebook. All problems are reported in one
    :class:`CodebookError`."""
    path = path or codebook_file()
    if not path.is_file():
        raise CodebookError([(path, "file not found")])
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        raise CodebookError([(path, f"cannot be read as UTF-8 YAML ({err})")]) from err
    if not isinstance(raw, dict):
        raise CodebookError([(path, "must be a mapping of sections")])
    missing = [s for s in REQUIRED_SECTIONS if s not in raw]
    if missing:
        raise CodebookError([(path, f"missing section(s): {', '.join(missing)}")])
    problems: list[str] = []
    sections = {name: _mapping(raw[name], name, problems) for name in REQUIRED_SECTIONS}
    voice = sections["voice"]
    attributed = _compile(voice.get("attributed"), "voice.attributed", problems)
    rejected = _compile(voice.get("rejected"), "voice.rejected", problems)
    negation = _compile(voice.get("negation"), "voice.negation", problems)
    distancing = _compile(voice.get("distancing"), "voice.distancing", problems)

    def rules(dimension: str, section: str, key: str) -> list[Rule]:
        where = f"{section}.{key}"
        found = []
        for name, body in _mapping(sections[section].get(key) or {}, where, problems).items():
            body = _mapping(body, f"{where}.{name}", problems)
            patterns = _compile(body.get("patterns"), f"{where}.{name}", problems)
            label, short = str(body.get("label", name)), str(body.get("short", ""))
            found.append(Rule(dimension, name, label, patterns, short=short))
        return found

    entman = rules("entman", "entman", "functions")
    questions = []
    frame_labels = {}
    frames = sections["generic_frames"].get("frames") or {}
    for frame, body in _mapping(frames, "generic_frames.frames", problems).items():
        body = _mapping(body, f"generic_frames.frames.{frame}", problems)
        frame_labels[frame] = str(body.get("label", frame))
        listed = _items(body.get("questions"), f"generic_frames.frames.{frame}.questions", problems)
        for n, question in enumerate(listed, start=1):
            question = _mapping(question, f"generic_frames.frames.{frame}.questions.{n}", problems)
            where = f"generic_frames.frames.{frame}.{question.get('id')}"
            reason = str(question.get("not_applicable", ""))
            patterns = [] if reason else _compile(question.get("patterns"), where, problems)
            questions.append(Rule(frame, str(question.get("id")), str(question.get("text")),
                                  patterns, reason))  # fmt: skip
    blame = rules("blame", "blame", "targets")
    known = bib_keys(bib_path)
    for name, section in sections.items():
        for key in _items(section.get("sources"), f"{name}.sources", problems):
            if key not in known:
                problems.append(f"{name}.sources: key {key!r} not in references.bib")
    names = [rule.name for rule in [*entman, *questions, *blame]]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        problems.append(f"item name(s) used twice: {', '.join(repeated)}")
    labels = [str(t) for t in _items(sections["labels"].get("terms"), "labels.terms", problems)]
    if not labels:
        problems.append("labels.terms: needs a non-empty list of terms")
    if problems:
        raise CodebookError([(path, problem) for problem in problems])
    return Codebook(
        attributed, rejected, negation, distancing, entman, questions, blame, labels, frame_labels
    )
