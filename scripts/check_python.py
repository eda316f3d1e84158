"""Stop `make lab`/`make test` early, in one line, on a Python the course does not support.

Run by the Makefile with the interpreter that will create .venv, before anything is installed.
Written so that any Python, even 2.7, can run it and print the message. The supported range is
read from pyproject.toml's requires-python (">=3.11,<3.15").
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def supported_range(pyproject_text):
    """(lowest, first unsupported) minor versions as (major, minor) tuples."""
    match = re.search(r'requires-python\s*=\s*">=\s*(\d+)\.(\d+)\s*,\s*<\s*(\d+)\.(\d+)"',
                      pyproject_text)
    if not match:
        raise ValueError("pyproject.toml: requires-python must read \">=X.Y,<X.Z\"")
    low_major, low_minor, high_major, high_minor = [int(g) for g in match.groups()]
    return (low_major, low_minor), (high_major, high_minor)


def message(version, low, high):
    """The one line a learner sees on an unsupported Python, or None if it is supported."""
    if low <= tuple(version[:2]) < high:
        return None
    last = (high[0], high[1] - 1)
    # %-formatting, not f-strings: Python 2 must be able to run this file to print the line.
    return ("This course needs Python %d.%d to %d.%d, but this is Python %d.%d.%d. Get one: "
            "'uv python install 3.12' then 'make lab PYTHON=$(uv python find 3.12)'; on Windows "
            "'py -3.12'; with conda 'conda create -n py312 python=3.12'; or python.org."
            % (low + last + tuple(version[:3])))


def main():
    with open(os.path.join(ROOT, "pyproject.toml")) as handle:
        low, high = supported_range(handle.read())
    line = message(tuple(sys.version_info), low, high)
    if line:
        sys.stderr.write(line + "\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
