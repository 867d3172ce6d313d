"""Check every input before a build (``python -m helpers.check_inputs``; ``make html`` and
``make pdf`` run it first), so that a bad or missing data file stops the build with its own
message, whose first line names the file and the problem, and not with a notebook's traceback
from whichever page happened to run first."""

from __future__ import annotations

import sys

from helpers.analysis import load_analysis
from helpers.csvdata import InputError


def main() -> int:
    """Load everything the chapters load; print the input error and return 1 if one fails."""
    try:
        load_analysis()
    except InputError as err:
        print(err, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
