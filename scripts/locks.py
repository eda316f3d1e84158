"""Read the universal lock files (requirements/*.lock): exact pins with environment markers.

Used by tests/unit/test_environment.py (the files agree, per Python) and scripts/latest_report.py
(which packages moved in `make test-latest`).
"""

from __future__ import annotations

import re

from packaging.markers import Marker
from packaging.utils import canonicalize_name

Entry = tuple[str, str, Marker | None]


def parse_lock(text: str, origin: str) -> list[Entry]:
    """(canonical name, exact version, marker or None) from ``name==version [; marker]`` lines."""
    pins = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        match = re.fullmatch(r"([A-Za-z0-9_.\-]+)==([^\s;]+)\s*(?:;\s*(.+))?", line)
        if not match:
            raise ValueError(f"{origin}:{number}: not an exact pin: {line!r}")
        marker = Marker(match.group(3)) if match.group(3) else None
        pins.append((canonicalize_name(match.group(1)), match.group(2), marker))
    return pins


def pins_for(entries: list[Entry], env: dict[str, str] | None, origin: str,
             problems: list[str]) -> dict[str, str]:
    """Name -> version of the entries whose marker holds in ``env`` (None: this interpreter).

    Two different pins of one name for the same environment are appended to ``problems``.
    """
    chosen: dict[str, str] = {}
    for name, version, marker in entries:
        if marker is None or marker.evaluate(env):
            if name in chosen and chosen[name] != version:
                problems.append(f"{name}: {origin} pins both {chosen[name]} and {version}")
            chosen[name] = version
    return chosen
