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


@dataclass(frozen=True)
class Codebook:
    """The compiled rules: reporting and rejection cues, Entman functions, generic-frame
    questions, blame targets and label terms."""

    attributed: list[re.Pattern[str]]
    rejected: list[re.Pattern[str]]
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
    attributed = _compile(raw["voice"].get("attributed"), "voice.attributed", problems)
    rejected = _compile(raw["voice"].get("rejected"), "voice.rejected", problems)
    entman = [
        Rule("entman", name, str(body.get("label", name)),
             _compile(body.get("patterns"), f"entman.functions.{name}", problems))
        for name, body in (raw["entman"].get("functions") or {}).items()
    ]  # fmt: skip
    questions = []
    frame_labels = {}
    for frame, body in (raw["generic_frames"].get("frames") or {}).items():
        frame_labels[frame] = str(body.get("label", frame))
        for question in body.get("questions") or []:
            where = f"generic_frames.frames.{frame}.{question.get('id')}"
            reason = str(question.get("not_applicable", ""))
            patterns = [] if reason else _compile(question.get("patterns"), where, problems)
            questions.append(Rule(frame, str(question.get("id")), str(question.get("text")),
                                  patterns, reason))  # fmt: skip
    blame = [
        Rule("blame", name, str(body.get("label", name)),
             _compile(body.get("patterns"), f"blame.targets.{name}", problems))
        for name, body in (raw["blame"].get("targets") or {}).items()
    ]  # fmt: skip
    known = bib_keys(bib_path)
    for section in REQUIRED_SECTIONS:
        for key in raw[section].get("sources", []):
            if key not in known:
                problems.append(f"{section}.sources: key {key!r} not in references.bib")
    names = [rule.name for rule in [*entman, *questions, *blame]]
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        problems.append(f"item name(s) used twice: {', '.join(repeated)}")
    labels = [str(term) for term in raw["labels"].get("terms", [])]
    if not labels:
        problems.append("labels.terms: needs a non-empty list of terms")
    if problems:
        raise CodebookError([(path, problem) for problem in problems])
    return Codebook(attributed, rejected, entman, questions, blame, labels, frame_labels)
