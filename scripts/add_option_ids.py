"""Give every option of every single/multiple question in a quiz bank a stable ``id``.

Also puts the editor's schema line ``# yaml-language-server: $schema=schema.json`` first if the
bank lacks it (``quizzes/README.md``: editors then check the bank as it is typed).

    .venv/bin/python scripts/add_option_ids.py                 # every bank in quizzes/
    .venv/bin/python scripts/add_option_ids.py quizzes/03-dose-response.yml

The id is the key that scores and progress files use for an option (``quizzes/README.md``), so
it must not depend on where the option stands. It is derived from the option text: the first
one to three meaningful words as a slug (``At 10 nM, half of the receptors are occupied`` ->
``10-nm-half``), made unique within the question by adding words, then ``-2``, ``-3``.

The bank is edited as text, line by line, so comments, folding and quoting stay as written:
``- text: ...`` becomes ``- id: slug`` followed by ``  text: ...`` (a flow mapping
``- {text: ...}`` gets ``id: slug,`` after its brace). Options that already have an id are left
alone and their ids are reserved, so running the script twice, or on a bank that already has
ids, changes nothing. The result is checked: the edited YAML must read back as the original
plus the new ids, or the file is not written.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
HEADER = "# yaml-language-server: $schema=schema.json\n"
STOPWORDS = frozenset("""
a an the of to in on at is are be been being it its and or for with by as that this these
those than then from was were has have had do does did can could should would will may might
so such very into onto about over under per each every any some your you we our their they
them there here what which who whom when where why how also only just more most less same
""".split())
_MARKUP = re.compile(r"[*`]|_\{|\^\{|[{}]")


def slug_words(text: str) -> list[str]:
    """The meaningful lowercase words of an option text, in order."""
    words = re.findall(r"[a-z0-9]+", _MARKUP.sub(" ", text).lower())
    return [w for w in words if w not in STOPWORDS] or words or ["option"]


def make_id(text: str, taken: set[str]) -> str:
    """A slug of 1-3 meaningful words of ``text`` not in ``taken`` (more words, then -2...)."""
    words = slug_words(text)
    for n in range(min(3, len(words)), len(words) + 1):
        candidate = "-".join(words[:n])[:48].strip("-")
        if candidate not in taken:
            return candidate
    base = "-".join(words[:3])[:44].strip("-")
    suffix = 2
    while f"{base}-{suffix}" in taken:
        suffix += 1
    return f"{base}-{suffix}"


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in mapping.value if getattr(k, "value", None) == key), None)


def _option_nodes(root: yaml.Node) -> list[list[yaml.MappingNode]]:
    """Per single/multiple question, its option mapping nodes (in file order)."""
    found: list[list[yaml.MappingNode]] = []
    sections = _value(root, "sections") if isinstance(root, yaml.MappingNode) else None
    for section in getattr(sections, "value", []) or []:
        if not isinstance(section, yaml.MappingNode):
            continue
        for question in getattr(_value(section, "questions"), "value", []) or []:
            if not isinstance(question, yaml.MappingNode):
                continue
            qtype = _value(question, "type")
            options = _value(question, "options")
            if getattr(qtype, "value", None) in ("single", "multiple") and isinstance(
                    options, yaml.SequenceNode):
                found.append([o for o in options.value if isinstance(o, yaml.MappingNode)])
    return found


def add_ids(text: str) -> str:
    """The bank text with an ``id`` on every option that lacks one (unchanged if none)."""
    lines = text.splitlines(keepends=True)
    edits: list[tuple[int, int, str]] = []  # (line, column, id)
    for options in _option_nodes(yaml.compose(text, Loader=yaml.SafeLoader)):
        taken = {str(v.value) for o in options if (v := _value(o, "id")) is not None}
        for option in options:
            if _value(option, "id") is not None:
                continue
            text_node = _value(option, "text")
            new_id = make_id(str(getattr(text_node, "value", "")), taken)
            taken.add(new_id)
            edits.append((option.start_mark.line, option.start_mark.column, new_id))
    if not text.startswith(HEADER):
        lines.insert(0, HEADER)
        edits = [(line + 1, col, new_id) for line, col, new_id in edits]
    for line_no, col, new_id in sorted(edits, reverse=True):
        line = lines[line_no]
        if line[col] == "{":  # flow mapping: - {text: ..., correct: true}
            lines[line_no] = f"{line[:col + 1]}id: {new_id}, {line[col + 1:].lstrip()}"
        else:  # block mapping: the first key moves to its own line under the new id
            ending = "\r\n" if line.endswith("\r\n") else "\n"
            lines[line_no] = f"{line[:col]}id: {new_id}{ending}"
            lines.insert(line_no + 1, " " * col + line[col:])
    return "".join(lines)


def _strip_new_ids(data: object, before: object) -> object:
    """``data`` without the ids that ``before`` lacks (to compare old and new banks)."""
    if isinstance(data, dict) and isinstance(before, dict):
        return {k: _strip_new_ids(v, before.get(k)) for k, v in data.items()
                if k != "id" or "id" in before}
    if isinstance(data, list) and isinstance(before, list) and len(data) == len(before):
        return [_strip_new_ids(x, y) for x, y in zip(data, before, strict=True)]
    return data


def process(path: Path) -> bool:
    """Add missing option ids to one bank file; return whether it changed."""
    old = path.read_text(encoding="utf-8")
    new = add_ids(old)
    if new == old:
        return False
    before, after = yaml.safe_load(old), yaml.safe_load(new)
    if _strip_new_ids(after, before) != before:
        raise SystemExit(f"{path}: adding ids would change the bank's content; not written")
    if add_ids(new) != new:
        raise SystemExit(f"{path}: some options still lack an id after the edit; not written")
    path.write_text(new, encoding="utf-8")
    return True


def main(argv: list[str]) -> int:
    paths = [Path(a) for a in argv] or sorted((REPO / "quizzes").glob("*.yml"))
    for path in paths:
        print(f"{'added ids' if process(path) else 'unchanged'}: {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
