"""YAML as plain Python data plus the source line of every node, so problems can point at a line.

Generic on purpose: the glossary, page front matter and other data files all load
through here. Paths into the data are JSON paths: mapping keys and list indexes,
given as text or numbers (``("3", "plain")`` and ``(3, "plain")`` are the same).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, SequenceNode

from .problems import Problem, ProblemsFound

JsonPath = tuple[str, ...]

_MERGE_TAG = "tag:yaml.org,2002:merge"
_SYNTAX_HINT = "check indentation and quoting"


@dataclass(frozen=True)
class LineMap:
    """Where each node of one YAML document starts, so errors can name a line."""

    lines: Mapping[JsonPath, int]

    def line_of(self, path: Sequence[str | int] = ()) -> int | None:
        """Return the 1-based line of the node at ``path``, else of its nearest ancestor that has one."""
        key = tuple(str(part) for part in path)
        while True:
            line = self.lines.get(key)
            if line is not None or not key:
                return line
            key = key[:-1]


@dataclass(frozen=True)
class _DuplicateKey:
    """A key written twice in one mapping, which PyYAML would silently collapse."""

    key: str
    first_line: int
    line: int


class _DuplicateKeyCheck:
    """Loader mix-in that notes duplicate keys instead of silently keeping the last one."""

    first_line: int
    duplicate_keys: list[_DuplicateKey]

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        """Check keys before the base class merges ``<<`` keys and collapses repeats."""
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:
                continue  # explicit keys may override merged ones: that is not a repeat
            key = self.construct_object(key_node, deep=True)  # type: ignore[attr-defined]
            line = key_node.start_mark.line + self.first_line
            try:
                if key in seen:
                    self.duplicate_keys.append(_DuplicateKey(str(key), seen[key], line))
                else:
                    seen[key] = line
            except TypeError:
                continue  # unhashable key: the base class reports it with its line
        return super().construct_mapping(node, deep=deep)  # type: ignore[misc]


class _LineLoader(_DuplicateKeyCheck, yaml.SafeLoader):
    """PyYAML's pure-Python SafeLoader: the reference, whose messages every problem quotes."""

    def __init__(self, stream: str, first_line: int) -> None:
        super().__init__(stream)
        self.first_line = first_line
        self.duplicate_keys = []


if getattr(yaml, "__with_libyaml__", False):

    class _FastLineLoader(_DuplicateKeyCheck, yaml.CSafeLoader):  # type: ignore[name-defined,misc]
        """The same loader on libyaml's parser (about ten times faster); used only for text that parses."""

        def __init__(self, stream: str, first_line: int) -> None:
            super().__init__(stream)
            self.first_line = first_line
            self.duplicate_keys = []

else:  # PyYAML built without libyaml
    _FastLineLoader = None  # type: ignore[assignment,misc]

# Characters PyYAML's reader refuses; text holding one goes to the pure-Python loader for its message.
_NOT_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE


def display_path(path: Path | str) -> str:
    """Show a path as the caller gave it (relative stays relative), with forward slashes."""
    return path if isinstance(path, str) else path.as_posix()


def load_yaml_with_lines(
    path: Path | str, text: str | None = None, *, first_line: int = 1
) -> tuple[Any, LineMap]:
    """Parse one YAML document into plain data and a LineMap.

    ``text`` defaults to the file's contents; ``first_line`` is the file line the
    text starts on (e.g. 2 for front matter after its opening ``---``).
    Raises ProblemsFound for unreadable files, syntax errors and duplicate keys.
    """
    shown = display_path(path)
    if text is None:
        text = _read(Path(path), shown)
    parsed = _load_fast(text, first_line)
    if parsed is not None:
        return parsed
    try:
        loader = _LineLoader(text, first_line)
    except yaml.YAMLError as error:  # ReaderError: a character YAML does not allow
        raise ProblemsFound([_reader_problem(shown, error, text, first_line)]) from error
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        lines = _node_lines(loader, node) if node is not None else {}
    except yaml.MarkedYAMLError as error:
        raise ProblemsFound([_syntax_problem(shown, error, text, first_line)]) from error
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        raise ProblemsFound(
            [
                Problem(
                    shown,
                    dup.line,
                    f"duplicate key '{dup.key}' in one mapping (first on line {dup.first_line}); "
                    "YAML would silently keep only the last one: remove or rename one of them",
                )
                for dup in loader.duplicate_keys
            ]
        )
    return data, LineMap(lines)


def _load_fast(text: str, first_line: int) -> tuple[Any, LineMap] | None:
    """Data and lines through libyaml, or None when it is missing or the text has any problem.

    Problems are always worked out by the pure-Python loader, so their wording and
    lines do not depend on whether PyYAML was built with libyaml.
    """
    if _FastLineLoader is None or _NOT_PRINTABLE.search(text):
        return None
    try:
        loader = _FastLineLoader(text, first_line)
    except yaml.YAMLError:
        return None
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        lines = _node_lines(loader, node) if node is not None else {}
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    if loader.duplicate_keys:
        return None
    return data, LineMap(lines)


def _read(path: Path, shown: str) -> str:
    """Read a UTF-8 file, turning OS and decoding errors into a problem."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        reason = error.strerror or str(error)
        raise ProblemsFound([Problem(shown, None, f"cannot read the file: {reason}")]) from error
    except UnicodeDecodeError as error:
        raise ProblemsFound(
            [Problem(shown, None, f"the file is not valid UTF-8 ({error.reason}); save it as UTF-8")]
        ) from error


def _syntax_problem(shown: str, error: yaml.MarkedYAMLError, text: str, first_line: int) -> Problem:
    """Describe a PyYAML parse error at its line; at the end of the text, where the construct began."""
    mark = error.problem_mark or error.context_mark
    at_end = mark is not None and mark.index >= len(text.rstrip())
    if at_end and error.context_mark is not None:
        mark = error.context_mark  # e.g. an unclosed quote or bracket: point at its start
    line = mark.line + first_line if mark is not None else None
    what = error.problem or "unreadable YAML"
    if error.context:
        what = f"{error.context}, {what}"  # e.g. "while scanning a quoted scalar, found ..."
    return Problem(shown, line, f"YAML syntax error: {what}; {_SYNTAX_HINT}")


def _reader_problem(shown: str, error: yaml.YAMLError, text: str, first_line: int) -> Problem:
    """Describe a non-marked PyYAML error, finding its line from its character position."""
    position = getattr(error, "position", None)
    line = text.count("\n", 0, position) + first_line if isinstance(position, int) else None
    character = getattr(error, "character", None)
    if isinstance(character, int):  # PyYAML gives the code point
        what = f"the character U+{character:04X} is not allowed in YAML; delete it"
    else:
        what = f"{error}; {_SYNTAX_HINT}"
    return Problem(shown, line, f"YAML syntax error: {what}")


def _node_lines(loader: _DuplicateKeyCheck, root: Node) -> dict[JsonPath, int]:
    """Map the JSON path of every node to its line; aliased nodes are visited once only."""
    lines: dict[JsonPath, int] = {(): root.start_mark.line + loader.first_line}
    visited: set[int] = set()
    pending: list[tuple[JsonPath, Node]] = [((), root)]
    while pending:
        path, node = pending.pop()
        if id(node) in visited:
            continue  # an alias: its children fall back to the alias's own line
        visited.add(id(node))
        if isinstance(node, MappingNode):
            # After construction node.value is flattened: merged keys first, explicit ones win.
            for key_node, value_node in node.value:
                key = loader.construct_object(key_node, deep=True)
                child = (*path, str(key))
                lines[child] = key_node.start_mark.line + loader.first_line
                pending.append((child, value_node))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                child = (*path, str(index))
                lines[child] = item.start_mark.line + loader.first_line
                pending.append((child, item))
    return lines
