"""Check every input before a build (``python -m helpers.check_inputs``; ``make html`` and
``make pdf`` run it first), so that a bad or missing data file stops the build with its own
message, whose first line names the file and the problem, and not with a notebook's traceback
from whichever page happened to run first.

The check computes every chapter's results, so it keeps them for the build's chapters to reuse
(:mod:`helpers.memo`): checking costs the build nothing. Results kept for the inputs as they are
now were computed from inputs that passed the check, so then there is nothing to check."""

from __future__ import annotations

import os
import sys

from helpers import paths
from helpers.memo import MEMO_ENV_VAR, MEMO_FOLDER, is_kept


def main() -> int:
    """Load everything the chapters load; print the input error and return 1 if one fails."""
    os.environ.setdefault(MEMO_ENV_VAR, str(paths.project_root() / MEMO_FOLDER))
    if is_kept("analysis"):
        return 0
    from helpers.analysis import load_analysis  # pandas and every loader: only when needed
    from helpers.csvdata import InputError

    try:
        load_analysis()
    except InputError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
