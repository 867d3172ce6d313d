"""Benchmark the book build and the helper pipeline; print medians and a Markdown table.

Two parts, each optional:

* **Build.** A copy of the project's sources (no ``.venv``, ``_build``, caches or notebooks,
  as ``copy_project`` in ``tests/conftest.py`` copies it) is built with this virtual
  environment, as the build tests do (``make -C COPY VENV=... -o VENV/.requirements-installed
  TARGET``, without ``KZBOOK_ROOT`` or ``PYTHONPATH``). Each repeat takes a fresh copy and
  times: a cold HTML build, a rebuild with no change, a rebuild after appending one sentence of
  prose to ``chapters/corpus.md``, and ``make pdf`` on the built copy. What Sphinx read, wrote
  and executed in each step is parsed from its output and printed, so the claims about rebuilds
  can be checked. Peak memory is measured two ways for every build (see :func:`run_make`).
  Each repeat also times a rebuild after editing one helper module that only one chapter uses,
  and the cold build is given in seconds per executed chapter. Where the chapters' execution
  time goes (starting kernels, importing, computing) and the test suite's time are measured
  once (``scripts/bench_execution.py``).
* **Pipeline.** Synthetic corpora of N articles are made by resampling the real body paragraphs
  (seeded, reproducible) and written as a data folder that the real loader reads. The pipeline
  (load → framing rules → readability → figures) and the baseline (raw textstat calls for the
  same formulas on the same texts) each run in their own worker process.

Run ``.venv/bin/python scripts/bench.py --help``; ``make bench`` runs it with the defaults.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported lazily at run time: --help and the build part stay light
    import pandas as pd
    import psutil

    from helpers.codebook import Codebook
    from helpers.corpus import Corpus

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # this checkout's helpers, whatever is installed

from bench_execution import (  # noqa: E402  (after the path)
    ExecutionShares,
    execution_shares,
    report_shares,
    time_test_suite,
)

from helpers.project_copy import build_env, copy_project  # noqa: E402  (after the path)

VENV = Path(sys.prefix)
STAMP = VENV / ".requirements-installed"
EDITED_CHAPTER = "chapters/corpus.md"
APPENDED_PROSE = "\n\nThis sentence was appended by the benchmark to change one page's prose.\n"
EDITED_HELPER = "src/helpers/timeline_chart.py"  # imported by the background chapter only
APPENDED_CODE = "\n# A comment appended by the benchmark to change one helper module.\n"
PER_PAGE_TARGET = 2.0  # seconds of cold HTML build per executed chapter
TEST_SUITE_TARGET = 240.0  # seconds
NO_CHANGE_TARGET = 0.10  # no-change rebuild / cold build
RATIO_TARGET = 1.3  # pipeline / raw textstat
LINEAR_FACTOR = 1.25  # allowed growth of the marginal per-article cost (see linearity())
SAMPLE_SECONDS = 0.2
MB = 1024 * 1024
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # Sphinx colours its output even into a file
STAGES = ("load", "framing", "readability", "figures")  # the pipeline's stages, in order
PACKAGES = ("jupyter-book", "sphinx", "myst-nb", "textstat", "pandas", "matplotlib")


# ---- the machine --------------------------------------------------------------------------


def _proc_field(path: str, name: str) -> str:
    """The value of the first ``name: value`` line of a /proc file, or ``"unknown"``."""
    try:
        for line in Path(path).read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition(":")
            if key.strip() == name:
                return value.strip()
    except OSError:
        pass
    return "unknown"


def _os_name() -> str:
    """The distribution's name from /etc/os-release, with the kernel release."""
    pretty = platform.system()
    try:
        for line in Path("/etc/os-release").read_text(encoding="utf-8").splitlines():
            if line.startswith("PRETTY_NAME="):
                pretty = line.split("=", 1)[1].strip('"')
    except OSError:
        pass
    return f"{pretty}, kernel {platform.release()}"


def _package_version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def machine() -> dict[str, str]:
    """CPU model and count, RAM, OS, Python and the versions of the packages that matter."""
    mem_kb = _proc_field("/proc/meminfo", "MemTotal").split()[0]
    ram = f"{int(mem_kb) / MB:.1f} GiB" if mem_kb.isdigit() else "unknown"
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return {
        "CPU": _proc_field("/proc/cpuinfo", "model name"),
        "CPUs": f"{os.cpu_count()} ({usable} usable by this process)",
        "RAM": ram,
        "OS": _os_name(),
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "packages": ", ".join(f"{p} {_package_version(p)}" for p in PACKAGES),
        "load average at start (1, 5, 15 min)": load,
    }


def machine_line(info: dict[str, str]) -> str:
    """The machine in one line, for the README."""
    cpus = info["CPUs"].split()[0]
    python = info["Python"].split()[0]
    return f"{info['CPU']}, {cpus} CPUs, {info['RAM']} RAM, {info['OS']}, Python {python}"


# ---- small statistics -----------------------------------------------------------------------


def spread(values: Sequence[float]) -> tuple[float, float, float]:
    """Median, minimum and maximum."""
    return statistics.median(values), min(values), max(values)


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def print_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain-text table with right-aligned columns (the first left-aligned)."""
    widths = [max(len(str(c)) for c in column) for column in zip(headers, *rows, strict=True)]
    for n, row in enumerate([headers, *rows]):
        cells = [
            str(c).ljust(w) if i == 0 else str(c).rjust(w)
            for i, (c, w) in enumerate(zip(row, widths, strict=True))
        ]
        print("  " + "  ".join(cells))
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """A Markdown pipe table, numbers right-aligned."""
    align = ["---"] + ["---:"] * (len(headers) - 1)
    lines = [headers, align, *rows]
    return "\n".join("| " + " | ".join(str(c) for c in line) + " |" for line in lines)


# ---- the build ----------------------------------------------------------------------------


def tree_rss(root: psutil.Process) -> int:
    """Resident memory of a process and all its descendants now, in bytes (0 once it is gone)."""
    import psutil

    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.Error:
            pass
    return total


class TreeSampler(threading.Thread):
    """Samples the summed RSS of a process tree every :data:`SAMPLE_SECONDS`; keeps the peak."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak = 0
        self._done = threading.Event()

    def run(self) -> None:
        import psutil

        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while True:
            self.peak = max(self.peak, tree_rss(root))
            if self._done.wait(SAMPLE_SECONDS):
                return

    def stop(self) -> int:
        self._done.set()
        self.join()
        return self.peak


@dataclass
class MakeRun:
    """One ``make`` run: wall time, peak memory two ways, and what Sphinx said."""

    seconds: float
    largest_rss: int  # bytes: ru_maxrss from wait4, the largest single process of the tree
    tree_rss: int  # bytes: the peak of the sampled sum over the whole tree
    output: str


def run_make(project: Path, target: str) -> MakeRun:
    """Run ``make TARGET`` in the copy with this venv, never reinstalling it, as the build tests
    do. Raises ``RuntimeError`` with the end of the output if make fails.

    Peak memory, two ways: ``os.wait4`` returns the child's resource usage including every
    descendant it waited for, whose ``ru_maxrss`` is the peak RSS of the *largest single
    process* (Sphinx, a kernel or xelatex), not their sum. ``getrusage(RUSAGE_CHILDREN)`` deltas
    cannot be used: ``ru_maxrss`` is a maximum over all children so far, not a sum, so it does
    not reset between builds. The processes run at the same time (Sphinx and a kernel), so the
    summed RSS of the whole tree is also sampled every :data:`SAMPLE_SECONDS` s (it can miss a
    shorter spike).
    """
    command = ["make", "-C", str(project), f"VENV={VENV}", "-o", str(STAMP), target]
    with tempfile.TemporaryFile() as log:
        start = time.perf_counter()
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=build_env())
        sampler = TreeSampler(process.pid)
        sampler.start()
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        peak = sampler.stop()
        log.seek(0)
        output = ANSI.sub("", log.read().decode("utf-8", errors="replace"))
    if process.returncode != 0:
        raise RuntimeError(f"make {target} failed in {project}:\n{output[-6000:]}")
    return MakeRun(seconds, usage.ru_maxrss * 1024, peak, output)


def append_prose(project: Path) -> None:
    """Append one sentence of prose (no code) at the end of :data:`EDITED_CHAPTER`."""
    chapter = project / EDITED_CHAPTER
    chapter.write_text(chapter.read_text(encoding="utf-8") + APPENDED_PROSE, encoding="utf-8")


def _names(found: list[str], limit: int = 4) -> str:
    """``N page(s)``, with their names when there are at most ``limit``."""
    names = f" ({', '.join(found)})" if 0 < len(found) <= limit else ""
    return f"{len(found)} page(s){names}"


def executed_chapters(output: str) -> list[str]:
    """The chapters a build executed: the freshness extension's, and any left to myst-nb."""
    ours = re.findall(r"\[build_freshness\] (\S+): executed in", output)
    theirs = re.findall(r"(\S+)\.md: Executing notebook", output)
    return ours + theirs


def sphinx_activity(output: str) -> str:
    """What one build did, from Sphinx's, myst-nb's and latexmk's output: the pages read,
    written and executed, and for the PDF the pages put into the .tex and the LaTeX runs."""
    read = re.findall(r"reading sources\.\.\. \[\s*\d+%\] (\S+)", output)
    written = re.findall(r"writing output\.\.\. \[\s*\d+%\] (\S+)", output)
    executed = executed_chapters(output)
    changed = re.search(r"(\d+) added, (\d+) changed, (\d+) removed", output)
    tex = re.search(r"processing (\S+\.tex)\.\.\. (.*)", output)
    latex_runs = re.findall(r"^Running '(\S+)", output, flags=re.MULTILINE)
    parts = [changed.group(0)] if changed else []
    if "up to date (nothing changed" in output:
        parts.append("make: up to date, nothing built")
    parts += [f"read {_names(read)}", f"executed {_names(executed).replace('page', 'chapter')}"]
    parts.append(f"wrote {_names(written)}")
    if tex:
        parts.append(f"assembled {len(tex.group(2).split())} page(s) into {tex.group(1)}")
    if latex_runs:
        counts = {name: latex_runs.count(name) for name in dict.fromkeys(latex_runs)}
        parts.append("latexmk ran " + ", ".join(f"{name} x{n}" for name, n in counts.items()))
    return "; ".join(parts)


BUILD_STEPS = {
    "cold HTML build": "make html in a fresh copy, which executes every chapter",
    "no-change rebuild": "make html again, nothing changed",
    "rebuild after editing one chapter": f"one sentence of prose appended to {EDITED_CHAPTER}",
    "rebuild after editing one helper": f"a comment appended to {EDITED_HELPER}",
    "PDF build": "make pdf on the built copy: Sphinx's LaTeX builder, then latexmk and xelatex",
}


def build_once(workdir: Path, repeat: int, pdf: bool) -> tuple[Path, dict[str, MakeRun]]:
    """One repeat: a fresh copy, then every build step in order; returns the built copy."""
    project = copy_project(workdir / f"copy-{repeat}")
    runs = {"cold HTML build": run_make(project, "html")}
    runs["no-change rebuild"] = run_make(project, "html")
    append_prose(project)
    runs["rebuild after editing one chapter"] = run_make(project, "html")
    helper = project / EDITED_HELPER
    helper.write_text(helper.read_text(encoding="utf-8") + APPENDED_CODE, encoding="utf-8")
    runs["rebuild after editing one helper"] = run_make(project, "html")
    if pdf:
        runs["PDF build"] = run_make(project, "pdf")
    return project, runs


def bench_builds(repeat: int, pdf: bool) -> tuple[dict[str, list[MakeRun]], ExecutionShares]:
    """Every build step, ``repeat`` times, each repeat in a fresh copy; and, on the last copy,
    where the chapters' execution time goes."""
    results: dict[str, list[MakeRun]] = {}
    with tempfile.TemporaryDirectory(prefix="kzbook-bench-") as tmp:
        for n in range(repeat):
            print(f"build repeat {n + 1}/{repeat} ...", flush=True)
            project, runs = build_once(Path(tmp), n, pdf)
            for step, run in runs.items():
                results.setdefault(step, []).append(run)
                print(f"  {step}: {run.seconds:.1f} s", flush=True)
            if n < repeat - 1:
                shutil.rmtree(project)
        print("executing every chapter once more, timing each cell ...", flush=True)
        shares = execution_shares(project)
    return results, shares


def build_rows(results: dict[str, list[MakeRun]]) -> list[list[str]]:
    """Rows of the build table: median, min, max seconds and peak memory per step."""
    rows = []
    for step, runs in results.items():
        median, low, high = spread([r.seconds for r in runs])
        largest = max(r.largest_rss for r in runs) / MB
        tree = max(r.tree_rss for r in runs) / MB
        rows.append(
            [step, f"{median:.1f}", f"{low:.1f}", f"{high:.1f}", f"{largest:.0f}", f"{tree:.0f}"]
        )
    return rows


BUILD_HEADERS = [
    "build step",
    "median s",
    "min s",
    "max s",
    "peak RSS, largest process MB",
    "peak RSS, process tree MB",
]


def no_change_check(results: dict[str, list[MakeRun]]) -> tuple[float, str]:
    """The no-change rebuild's median as a share of the cold build's, and PASS/FAIL."""
    cold = statistics.median(r.seconds for r in results["cold HTML build"])
    warm = statistics.median(r.seconds for r in results["no-change rebuild"])
    share = warm / cold
    return share, verdict(share <= NO_CHANGE_TARGET)


def per_page_check(results: dict[str, list[MakeRun]]) -> tuple[float, int, str]:
    """The cold build's median seconds per executed chapter, the chapters, and PASS/FAIL."""
    runs = results["cold HTML build"]
    chapters = statistics.median(len(executed_chapters(r.output)) for r in runs)
    per_page = statistics.median(r.seconds for r in runs) / chapters
    return per_page, int(chapters), verdict(per_page <= PER_PAGE_TARGET)


def report_builds(results: dict[str, list[MakeRun]], shares: ExecutionShares) -> str:
    """Print the build table, what each step did and where execution time goes; return their
    Markdown."""
    print("\n== Build (seconds over repeats; memory is the maximum over repeats) ==")
    rows = build_rows(results)
    print_table(BUILD_HEADERS, rows)
    share, ok = no_change_check(results)
    per_page, chapters, page_ok = per_page_check(results)
    check = (
        f"cold HTML build: {per_page:.2f} s per executed chapter ({chapters} chapters; target "
        f"<= {PER_PAGE_TARGET:.1f} s): {page_ok}; no-change rebuild / cold build = {share:.1%} "
        f"(target <= {NO_CHANGE_TARGET:.0%}): {ok}"
    )
    print(f"\n  {check}")
    line, share_rows = report_shares(shares)
    print(f"\n  Where the chapters' execution goes: {line}")
    print_table(SHARE_HEADERS, share_rows)
    peak = max(r.tree_rss for runs in results.values() for r in runs) / MB
    print(f"  peak memory of any build (process tree, sampled): {peak:.0f} MB")
    print("\n  What each step did (distinct outcomes over the repeats):")
    notes = []
    for step, runs in results.items():
        activities = "; or ".join(dict.fromkeys(sphinx_activity(r.output) for r in runs))
        print(f"  - {step} [{BUILD_STEPS[step]}]:\n      {activities}")
        notes.append(f"- {step}, {BUILD_STEPS[step]}: {activities}.")
    return (
        markdown_table(BUILD_HEADERS, rows) + f"\n\n{check}.\n\n" + "\n".join(notes)
        + f"\n\nWhere the chapters' execution goes, {line}:\n\n"
        + markdown_table(SHARE_HEADERS, share_rows)
    )  # fmt: skip


SHARE_HEADERS = ["part of executing the chapters", "kernel-seconds", "share"]


# ---- synthetic corpora ----------------------------------------------------------------------


@dataclass(frozen=True)
class ParagraphPool:
    """The real body paragraphs, and how many each real article has."""

    paragraphs: list[str]
    lengths: list[int]


def real_paragraphs() -> ParagraphPool:
    """The body paragraphs (not headings) of the real corpus, through the real loader."""
    from helpers.corpus import load_corpus

    corpus = load_corpus()
    body = corpus.paragraphs[corpus.paragraphs["kind"] == "text"]
    lengths = body.groupby("article_id", sort=False).size().tolist()
    return ParagraphPool(body["text"].tolist(), lengths)


def synthetic_articles(pool: ParagraphPool, n: int, seed: int) -> list[list[str]]:
    """``n`` articles, each as many paragraphs as a randomly chosen real article, drawn with
    replacement from all real paragraphs. The same seed gives the same articles, and the first
    ``k`` articles of a larger draw are the articles of the smaller one."""
    rng = random.Random(seed)
    return [rng.choices(pool.paragraphs, k=rng.choice(pool.lengths)) for _ in range(n)]


def write_corpus(folder: Path, articles: list[list[str]]) -> Path:
    """A data folder (``articles.csv`` with checksums, ``articles/*.txt``) the loader reads."""
    from helpers.corpus import REQUIRED_COLUMNS

    texts = folder / "articles"
    texts.mkdir(parents=True)
    rows = []
    for n, paragraphs in enumerate(articles):
        article_id = f"s{n:04d}"
        raw = ("\n\n".join(paragraphs) + "\n").encode("utf-8")
        name = f"{article_id}_synthetic.txt"
        (texts / name).write_bytes(raw)
        rows.append(
            {
                "id": article_id,
                "file": name,
                "title": f"Synthetic article {n}",
                "outlet": "Synthetic Outlet",
                "short_name": f"Synthetic {n}",
                "author": "",
                "published": "2022-01",
                "date_basis": "inferred from content",
                "page_date": "",
                "url": "",
                "language": "en",
                "sha256": hashlib.sha256(raw).hexdigest(),
            }
        )
    with (folder / "articles.csv").open("w", encoding="utf-8", newline="") as handle:
        columns = [*REQUIRED_COLUMNS, "page_date"]
        writer = csv.DictWriter(handle, fieldnames=columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return folder


# ---- the pipeline and the baseline (run in worker processes) -------------------------------


def textstat_calls() -> list[Callable[[str], float]]:
    """The textstat functions :func:`helpers.readability.scores` calls, listed independently.
    ``text_standard`` is called with ``float_output=True`` separately."""
    import textstat

    return [
        textstat.flesch_reading_ease,
        textstat.flesch_kincaid_grade,
        textstat.gunning_fog,
        textstat.smog_index,
        textstat.coleman_liau_index,
        textstat.automated_readability_index,
        textstat.dale_chall_readability_score,
        textstat.linsear_write_formula,
        textstat.lexicon_count,
        textstat.words_per_sentence,
        textstat.syllable_count,
        textstat.difficult_words,
    ]


def check_same_formulas() -> None:
    """Stop if the helpers' formulas are no longer among the baseline's calls."""
    from helpers.readability import FORMULAS, formula

    missing = [name for name in FORMULAS if formula(name) not in textstat_calls()]
    if missing:
        raise SystemExit(f"the baseline lacks formula(s) the pipeline computes: {missing}")


def raw_textstat(texts: Sequence[str]) -> None:
    """The baseline: the same textstat calls as the pipeline's readability step, nothing else."""
    import textstat

    calls = textstat_calls()
    for text in texts:
        for call in calls:
            call(text)
        textstat.text_standard(text, float_output=True)


def clear_textstat_caches() -> None:
    """Empty textstat's per-text memo caches, so a repeat never reuses the previous repeat's
    results. Its loaders of CMUdict, Pyphen and the easy-word list (defined in
    ``textstat.backend.utils``, re-exported elsewhere) keep what they loaded."""
    for name, module in list(sys.modules.items()):
        if not name.startswith("textstat.backend."):
            continue
        for value in vars(module).values():
            defined_in = getattr(value, "__module__", "") or ""
            if hasattr(value, "cache_clear") and not defined_in.startswith(
                "textstat.backend.utils"
            ):
                value.cache_clear()


def rule_frame_scores(
    answers: pd.DataFrame, codebook: Codebook, articles: list[str]
) -> pd.DataFrame:
    """Each generic frame's share of questions the rules answer yes, per article, shaped as
    :meth:`helpers.framing_report.Framing.frame_scores`. Synthetic articles have no hand
    coding, so the ``reader`` column repeats the rules' score."""
    import pandas as pd

    frame_of = {rule.name: rule.group for rule in codebook.questions}
    generic = answers[answers["item"].isin(frame_of)]
    generic = generic.assign(frame=generic["item"].map(frame_of), yes=generic["rules"] == "yes")
    shares = generic.groupby(["article_id", "frame"], sort=False)["yes"].mean().to_dict()
    rows = [
        {
            "article": a,
            "frame": label,
            "reader": shares.get((a, f), 0.0),
            "rules": shares.get((a, f), 0.0),
        }
        for a in articles
        for f, label in codebook.frame_labels.items()
    ]
    return pd.DataFrame(rows)


def framing_step(corpus: Corpus) -> pd.DataFrame:
    """The automated part of the framing analysis: rule evidence for every dimension, the rules'
    answers, label uses, and the rules' generic-frame scores."""
    import pandas as pd

    from helpers.codebook import load_codebook
    from helpers.framing import label_evidence, rule_answers, rule_evidence
    from helpers.framing_report import DIMENSIONS

    codebook = load_codebook()
    articles = list(corpus.articles["id"])
    evidence = pd.concat([rule_evidence(corpus, codebook, d) for d in DIMENSIONS])
    answers = pd.concat(
        [
            rule_answers(evidence[evidence["dimension"] == d], articles, codebook, d)
            for d in DIMENSIONS
        ]
    )
    label_evidence(corpus, codebook)
    return rule_frame_scores(answers, codebook, articles)


def figures_step(corpus: Corpus, frames: pd.DataFrame, scores: pd.DataFrame) -> int:
    """Render every chart the computed data allows to PNG bytes, with its alt text; clear each
    figure. Returns the total PNG size."""
    from helpers.corpus import summary_table
    from helpers.framing_chart import frame_heatmap, frame_heatmap_alt
    from helpers.plots import png_bytes, words_kept_removed_alt, words_kept_removed_chart
    from helpers.readability_chart import (
        scores_alt,
        scores_chart,
        sentence_length_alt,
        sentence_length_chart,
    )

    summary = summary_table(corpus)
    charts = [
        (words_kept_removed_chart, words_kept_removed_alt, summary),
        (frame_heatmap, frame_heatmap_alt, frames),
        (scores_chart, scores_alt, scores),
        (sentence_length_chart, sentence_length_alt, corpus.sentences),
    ]
    size = 0
    for chart, alt, data in charts:
        figure = chart(data)
        size += len(png_bytes(figure, alt=alt(data)))
        figure.clear()
    return size


def pipeline(data: Path) -> dict[str, float]:
    """The helper pipeline on one data folder, timed per stage (seconds). The figures come
    last because the readability chart needs the scores."""
    from helpers.corpus import load_corpus
    from helpers.readability import article_scores

    marks = [time.perf_counter()]
    corpus = load_corpus(data / "articles.csv", data / "articles")
    marks.append(time.perf_counter())
    frames = framing_step(corpus)
    marks.append(time.perf_counter())
    scores = article_scores(corpus)
    marks.append(time.perf_counter())
    figures_step(corpus, frames, scores)
    marks.append(time.perf_counter())
    times = {stage: b - a for stage, a, b in zip(STAGES, marks[:-1], marks[1:], strict=True)}
    return times | {"total": marks[-1] - marks[0]}


def baseline(texts: Sequence[str]) -> dict[str, float]:
    """The raw textstat calls on the given texts, timed."""
    start = time.perf_counter()
    raw_textstat(texts)
    return {"total": time.perf_counter() - start}


def max_rss() -> int:
    """This process's peak RSS so far, in bytes (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def corpus_size(data: Path) -> dict[str, int]:
    """Articles, body paragraphs, sentences and words of a data folder, as the loader sees it."""
    from helpers.corpus import load_corpus

    corpus = load_corpus(data / "articles.csv", data / "articles")
    text = corpus.paragraphs[corpus.paragraphs["kind"] == "text"]
    return {
        "articles": len(corpus.articles),
        "paragraphs": len(text),
        "sentences": len(corpus.sentences),
        "words": int(corpus.sentences["words"].sum()),
    }


def worker(mode: str, data: Path, repeat: int) -> dict[str, object]:
    """Time ``pipeline`` or ``textstat`` on one data folder ``repeat`` times, after an untimed
    warm-up on the real corpus that loads CMUdict, fonts and the codebook once."""
    from helpers.corpus import load_corpus
    from helpers.offline_nltk import ensure_cmudict
    from helpers.paths import data_dir
    from helpers.readability import body_texts

    ensure_cmudict()
    check_same_formulas()
    start = time.perf_counter()
    if mode == "pipeline":
        pipeline(data_dir())
    else:
        raw_textstat(body_texts(load_corpus()).tolist())
    warmup = time.perf_counter() - start
    texts = body_texts(load_corpus(data / "articles.csv", data / "articles")).tolist()
    rss_ready = max_rss()
    runs = []
    for _ in range(repeat):
        clear_textstat_caches()
        runs.append(pipeline(data) if mode == "pipeline" else baseline(texts))
    return {"runs": runs, "warmup": warmup, "rss_ready": rss_ready, "rss_peak": max_rss()}


def run_worker(mode: str, data: Path, repeat: int) -> dict[str, object]:
    """Run :func:`worker` in a fresh process of this interpreter; return its results."""
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        mode,
        "--data",
        str(data),
        "--repeat",
        str(repeat),
    ]
    result = subprocess.run(command, capture_output=True, text=True, env=build_env())
    if result.returncode != 0:
        raise RuntimeError(f"{mode} worker failed on {data}:\n{result.stderr[-6000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# ---- the pipeline benchmark -----------------------------------------------------------------


@dataclass
class SizeResult:
    """Both workers' results for one corpus size."""

    size: dict[str, int]
    pipeline: dict[str, object]
    textstat: dict[str, object]

    def median(self, mode: str, key: str = "total") -> float:
        runs = getattr(self, mode)["runs"]
        return statistics.median(run[key] for run in runs)


def bench_pipeline(sizes: list[int], repeat: int, seed: int) -> list[SizeResult]:
    """Both workers on a synthetic corpus of each size, one after the other."""
    pool = real_paragraphs()
    drawn = synthetic_articles(pool, max(sizes), seed)
    results = []
    with tempfile.TemporaryDirectory(prefix="kzbook-bench-") as tmp:
        for n in sizes:
            data = write_corpus(Path(tmp) / f"corpus-{n}", drawn[:n])
            size = corpus_size(data)
            expected = sum(len(a) for a in drawn[:n])
            if size["articles"] != n or size["paragraphs"] != expected:
                raise RuntimeError(
                    f"the loader changed the synthetic corpus: {size}, "
                    f"expected {n} articles, {expected} paragraphs"
                )
            print(f"pipeline: {n} articles ...", flush=True)
            result = SizeResult(
                size, run_worker("pipeline", data, repeat), run_worker("textstat", data, repeat)
            )
            print(
                f"  pipeline {result.median('pipeline'):.2f} s, "
                f"raw textstat {result.median('textstat'):.2f} s",
                flush=True,
            )
            results.append(result)
    return results


def linearity(results: list[SizeResult]) -> tuple[float | None, float, str]:
    """The linearity rule: the marginal cost per added article between the two largest sizes
    may be at most :data:`LINEAR_FACTOR` times the marginal cost between the two before them
    (fixed costs cancel out). Returns that ratio (None with fewer than three sizes), the R² of a
    least-squares line through (articles, seconds), and PASS/FAIL/n/a."""
    xs = [r.size["articles"] for r in results]
    ys = [r.median("pipeline") for r in results]
    r2 = r_squared(xs, ys)
    if len(xs) < 3:
        return None, r2, "n/a (needs three sizes)"
    late = (ys[-1] - ys[-2]) / (xs[-1] - xs[-2])
    early = (ys[-2] - ys[-3]) / (xs[-2] - xs[-3])
    growth = late / early if early > 0 else float("inf")
    return growth, r2, verdict(growth <= LINEAR_FACTOR)


def r_squared(xs: Sequence[float], ys: Sequence[float]) -> float:
    """R² of the least-squares line y = a + b x (1.0 for fewer than three points)."""
    if len(xs) < 3:
        return 1.0
    mean_x, mean_y = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    sxy = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True))
    slope = sxy / sxx
    residual = sum((y - mean_y - slope * (x - mean_x)) ** 2 for x, y in zip(xs, ys, strict=True))
    total = sum((y - mean_y) ** 2 for y in ys)
    return 1 - residual / total if total else 1.0


PIPELINE_HEADERS = [
    "articles",
    "pipeline s",
    "raw textstat s",
    "ratio",
    "per-article ms",
    "pipeline peak RSS MB",
    "ratio <= 1.3",
]
STAGE_HEADERS = [
    "articles",
    "sentences",
    "words",
    "load s",
    "framing s",
    "readability s",
    "figures s",
    "raw textstat s",
    "readability / raw textstat",
]


def pipeline_rows(results: list[SizeResult]) -> list[list[str]]:
    """Rows of the main pipeline table."""
    rows = []
    for r in results:
        ours, theirs = r.median("pipeline"), r.median("textstat")
        n = r.size["articles"]
        rows.append(
            [
                str(n),
                f"{ours:.2f}",
                f"{theirs:.2f}",
                f"{ours / theirs:.2f}",
                f"{1000 * ours / n:.1f}",
                f"{r.pipeline['rss_peak'] / MB:.0f}",
                verdict(ours / theirs <= RATIO_TARGET),
            ]
        )
    return rows


def stage_rows(results: list[SizeResult]) -> list[list[str]]:
    """Rows of the per-stage table (medians of each stage), with the readability step alone
    against the raw textstat calls it wraps."""
    return [
        [
            str(r.size["articles"]),
            str(r.size["sentences"]),
            str(r.size["words"]),
            *(f"{r.median('pipeline', stage):.2f}" for stage in STAGES),
            f"{r.median('textstat'):.2f}",
            f"{r.median('pipeline', 'readability') / r.median('textstat'):.2f}",
        ]
        for r in results
    ]


def report_pipeline(results: list[SizeResult], repeat: int, seed: int) -> str:
    """Print the pipeline tables and checks; return their Markdown."""
    print(f"\n== Pipeline (median of {repeat} run(s) per size; synthetic corpora, seed {seed}) ==")
    rows = pipeline_rows(results)
    print_table(PIPELINE_HEADERS, rows)
    print("\n  Pipeline stages (medians, seconds):")
    stages = stage_rows(results)
    print_table(STAGE_HEADERS, stages)
    ratio_ok = all(row[-1] == "PASS" for row in rows)
    growth, r2, linear = linearity(results)
    ratio_line = f"pipeline / raw textstat <= {RATIO_TARGET} at every size: {verdict(ratio_ok)}"
    shown = "n/a" if growth is None else f"{growth:.2f}"
    linear_line = (
        f"linear in corpus size: marginal seconds per added article between the two largest "
        f"sizes / between the two before = {shown} (limit {LINEAR_FACTOR}): {linear}; "
        f"R² of a straight-line fit = {r2:.4f}"
    )
    print(f"\n  {ratio_line}\n  {linear_line}")
    for r in results:
        p, t = r.pipeline, r.textstat
        print(
            f"  {r.size['articles']} articles: peak RSS pipeline {p['rss_peak'] / MB:.0f} MB "
            f"({p['rss_ready'] / MB:.0f} MB after imports and warm-up), raw textstat "
            f"{t['rss_peak'] / MB:.0f} MB"
        )
    first = results[0]
    print(
        f"  untimed warm-up on the real corpus (CMUdict, fonts, codebook): pipeline "
        f"{first.pipeline['warmup']:.2f} s, raw textstat {first.textstat['warmup']:.2f} s"
    )
    tables = [markdown_table(PIPELINE_HEADERS, rows), markdown_table(STAGE_HEADERS, stages)]
    return "\n\n".join(tables) + f"\n\n{ratio_line}.\n{linear_line}."


# ---- the command line -------------------------------------------------------------------------


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0],
        epilog="`make bench` runs it with the defaults: 3 repeats, sizes 5,50,500,1000, and the "
        'test suite once (pass options as make bench BENCH_ARGS="..."). That takes about 20 '
        "minutes on 2 cores, a third of it the test suite: run it on a quiet machine.",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=3,
        help="runs of every measurement; the median is reported (default 3)",
    )
    parser.add_argument(
        "--sizes",
        default="5,50,500,1000",
        help="synthetic corpus sizes in articles (default 5,50,500,1000)",
    )
    parser.add_argument(
        "--seed", type=int, default=2022, help="seed for resampling the paragraphs (default 2022)"
    )
    parser.add_argument("--skip-build", action="store_true", help="skip the book builds")
    parser.add_argument("--skip-pdf", action="store_true", help="build HTML only, not the PDF")
    parser.add_argument("--skip-pipeline", action="store_true", help="skip the pipeline part")
    parser.add_argument("--skip-tests", action="store_true", help="do not time the test suite")
    parser.add_argument("--worker", choices=("pipeline", "textstat"), help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    try:
        args.sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes must be whole numbers separated by commas")
    if not args.sizes or args.sizes[0] < 1:
        parser.error("--sizes must be positive")
    return args


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    if args.worker:
        print(json.dumps(worker(args.worker, args.data, args.repeat)))
        return 0
    info = machine()
    print("== Machine ==")
    for key, value in info.items():
        print(f"  {key}: {value}")
    sections = [
        f"Machine: {machine_line(info)}; {time.strftime('%Y-%m-%d')}; "
        f"median of {args.repeat} run(s)."
    ]
    if not args.skip_build:
        sections.append(report_builds(*bench_builds(args.repeat, pdf=not args.skip_pdf)))
    if not args.skip_pipeline:
        results = bench_pipeline(args.sizes, args.repeat, args.seed)
        sections.append(report_pipeline(results, args.repeat, args.seed))
    if not args.skip_tests:
        print("\n== Test suite (python -m pytest, as make test runs it; once) ==", flush=True)
        seconds, summary = time_test_suite(ROOT)
        line = (
            f"Test suite: {seconds:.0f} s ({summary}; target <= {TEST_SUITE_TARGET:.0f} s): "
            f"{verdict(seconds <= TEST_SUITE_TARGET)}."
        )
        print(f"  {line}")
        sections.append(line)
    print("\n== Markdown (for the README) ==\n")
    print("\n\n".join(sections))
    return 0


if __name__ == "__main__":
    sys.exit(main())
