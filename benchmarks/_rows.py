"""What the ``bench_*.py`` files share (``scripts/bench.py`` puts this folder on ``sys.path``)."""

from __future__ import annotations

from collections.abc import Callable


def slider_row(explorer, name: str, values: list[float]) -> Callable[[], None]:
    """A row callable: one move of ``explorer``'s slider ``name`` per call, as the kernel runs it
    (recompute + redraw + PNG). It cycles through ``values`` (give at least two), so every call
    changes the value and really redraws."""
    if len(set(values)) < 2:
        raise ValueError(f"slider_row({name!r}): give at least two different values, got {values}")
    state = {"i": 0}

    def run() -> None:
        state["i"] += 1
        explorer.update(**{name: values[state["i"] % len(values)]})

    return run
