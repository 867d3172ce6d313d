"""textstat counts syllables with no network, from pinned packages, writing only in the project."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from helpers.offline_nltk import cmudict_nltk_lines

# Runs in a fresh interpreter with sockets and nltk.download disabled, HOME and the project
# root pointing into a temporary folder, so nothing already on this machine can help.
SCRIPT = textwrap.dedent(
    """
    import socket, sys
    import nltk

    def refuse(*args, **kwargs):
        raise RuntimeError("network used")

    socket.socket.connect = refuse
    nltk.download = refuse
    nltk.data.path[:] = []  # no NLTK data installed elsewhere on this machine can help
    if sys.argv[1] == "with-fix":
        from helpers.offline_nltk import ensure_cmudict
        ensure_cmudict()
        print(nltk.data.find("corpora/cmudict"), file=sys.stderr)
    import textstat
    print(textstat.syllable_count("abandon"), textstat.syllable_count("Kazakhstan"),
          textstat.flesch_reading_ease("The cat sat on the mat."))
    """
)


def run_isolated(tmp_path: Path, mode: str) -> subprocess.CompletedProcess[str]:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "NLTK_DATA"}
    env.update(HOME=str(home), KZBOOK_ROOT=str(tmp_path / "project"))
    return subprocess.run(
        [sys.executable, "-c", SCRIPT, mode], env=env, capture_output=True, text=True, cwd=home
    )


def test_without_the_fix_textstat_tries_to_download(tmp_path):
    result = run_isolated(tmp_path, "without-fix")
    assert result.returncode != 0
    assert "network used" in result.stderr or "LookupError" in result.stderr


def test_with_the_fix_syllables_come_from_the_bundled_cmudict(tmp_path):
    result = run_isolated(tmp_path, "with-fix")
    assert result.returncode == 0, result.stderr
    found = Path(result.stderr.strip().splitlines()[-1])
    assert found.is_relative_to(tmp_path / "project" / ".cache")
    abandon, kazakhstan, ease = result.stdout.split()
    assert (abandon, kazakhstan) == ("3", "3")
    assert abs(float(ease) - 116.145) < 0.01  # Flesch's "The cat sat on the mat." oracle
    written = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if p.is_file())
    assert [p.parts[:2] + p.parts[3:] for p in written] == [
        ("project", ".cache", "cmudict.pickle"),  # what NLTK read, kept for the next process
        ("project", ".cache", "corpora", "cmudict", "cmudict"),
    ]
    assert all(p.parts[2].startswith("nltk_data-cmudict-") for p in written)


def test_the_kept_dictionary_is_what_nltk_reads():
    import nltk

    from helpers.offline_nltk import ensure_cmudict

    ensure_cmudict()
    reader = nltk.corpus.cmudict
    kept = reader.dict()
    assert kept is reader.dict()  # read once per process
    assert kept == type(reader).dict(reader)  # NLTK's own reading of the same file


def test_conversion_to_nltk_format():
    lines = [
        "abandon AH0 B AE1 N D AH0 N",
        "abandon(2) AH0 B AE1 N D AH0 N",
        "abkhazian AE0 B K AA1 Z IY0 AH0 N # place",
        "",
    ]
    assert cmudict_nltk_lines(lines) == [
        "ABANDON 1 AH0 B AE1 N D AH0 N",
        "ABANDON 2 AH0 B AE1 N D AH0 N",
        "ABKHAZIAN 1 AE0 B K AA1 Z IY0 AH0 N",
    ]
