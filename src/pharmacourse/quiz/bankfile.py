"""Reading a bank file: strict YAML (duplicate keys are errors) and short names for messages."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml

from pharmacourse.quiz.model import QuizBankError


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that rejects duplicate keys (two ``feedback:`` lines silently lose one)."""


def _mapping_no_duplicates(loader: _StrictLoader, node: yaml.MappingNode) -> dict:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark)
        seen.add(key)
    return loader.construct_mapping(node)


_StrictLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_no_duplicates)


def display_path(path: Path) -> str:
    """A short, stable name for a bank file in messages (relative to the cwd when possible)."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # pragma: no cover - other drive on Windows
        return str(path)
    return str(path) if rel.startswith("..") else rel


def read_yaml(path: Path) -> tuple[Any, str]:
    """The YAML of a bank file and its display name; :class:`QuizBankError` if unreadable."""
    source = display_path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise QuizBankError(source, f"cannot read the file ({exc.strerror or exc})") from exc
    try:
        raw = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f" at line {mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise QuizBankError(source, f"not valid YAML{where}: {problem}") from exc
    return raw, source
