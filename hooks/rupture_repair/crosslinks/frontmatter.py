"""Page front matter: read it with line numbers and check it against one schema.

MkDocs silently ignores front matter it cannot parse; a typo there would drop a
page from a reading path or hide its content note, so here it is an error.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..problems import Problem, ProblemsFound
from ..schemacheck import PassedChecks, Schema
from ..yamlsource import LineMap, load_yaml_with_lines

if TYPE_CHECKING:
    from jsonschema import ValidationError

# The same delimiters MkDocs accepts.
FRONT_MATTER_RE = re.compile(r"\A-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.DOTALL)

PATHS = ("client", "trainee")
_TEXT: dict[str, Any] = {"type": "string", "minLength": 1}
_NAMES: dict[str, Any] = {"type": "array", "items": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9-]*$"}, "uniqueItems": True}

SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "required": ["title", "description"],
    "properties": {
        "title": _TEXT,
        "description": {**_TEXT, "minLength": 20, "maxLength": 200},
        "paths": {
            "type": "object",
            "additionalProperties": False,
            "properties": {name: {"type": "integer", "minimum": 1} for name in PATHS},
        },
        "sources": {"type": "array", "items": {"type": "string", "pattern": r"^S[1-9]$"}, "uniqueItems": True},
        "objectives": {"type": "array", "items": _TEXT, "minItems": 2, "maxItems": 4},
        "content_note": _TEXT,
        "related": _NAMES,
        "glossary": {"type": "boolean"},
        "hide": {"type": "array", "items": {"enum": ["navigation", "toc", "footer", "path", "feedback"]}},
        # Material's search: rank the page higher (the help page, for words a reader in crisis types).
        "search": {"type": "object", "additionalProperties": False,
                   "properties": {"boost": {"type": "number", "exclusiveMinimum": 0}}},
    },
}

FIELDS = tuple(SCHEMA["properties"])
_SCHEMA = Schema(SCHEMA)


@dataclass(frozen=True)
class FrontMatter:
    """A page's checked front matter, and where each field stands in the file."""

    data: Mapping[str, Any] = field(default_factory=dict)
    lines: LineMap = field(default_factory=lambda: LineMap({}))

    def line_of(self, *path: str | int) -> int | None:
        return self.lines.line_of(path)


def split_front_matter(source: str) -> tuple[str | None, str]:
    """Front matter text (or None) and the Markdown after it, as MkDocs splits them."""
    match = FRONT_MATTER_RE.match(source)
    if not match:
        return None, source
    return match.group(1), source[match.end():]


def read_front_matter(
    path: str, source: str, *, passed: PassedChecks | None = None
) -> tuple[FrontMatter, list[Problem]]:
    """Parse and check a page's front matter; problems name the file, the line and the field.

    ``passed``: front matter that passed in an earlier build (rupture_repair.schemacheck).
    """
    text, _ = split_front_matter(source)
    if text is None:
        return FrontMatter(), [Problem(path, 1, "no front matter; start the page with '---', "
                                                "'title: ...', 'description: ...' and '---'")]
    try:
        data, lines = load_yaml_with_lines(path, text, first_line=2)
    except ProblemsFound as found:
        return FrontMatter(), list(found.problems)
    data = {} if data is None else data
    problems = [
        Problem(path, lines.line_of(_error_path(error)), _explain(error))
        for error in sorted(_SCHEMA.errors(data, passed), key=lambda e: [str(p) for p in e.absolute_path])
    ]
    return FrontMatter(data if isinstance(data, dict) else {}, lines), problems


def _error_path(error: ValidationError) -> tuple[str | int, ...]:
    """Where the error is: for an unknown field, the field itself rather than its parent."""
    path = tuple(error.absolute_path)
    if error.validator == "additionalProperties" and isinstance(error.instance, dict):
        known = error.schema.get("properties", {})
        unknown = [key for key in error.instance if key not in known]
        if unknown:
            return (*path, unknown[0])
    return path


def _explain(error: ValidationError) -> str:
    where = ".".join(str(part) for part in error.absolute_path)
    if error.validator == "additionalProperties":
        known = tuple(error.schema.get("properties", {}))
        unknown = [key for key in error.instance if key not in known]
        hints = []
        for key in unknown:
            close = difflib.get_close_matches(str(key), known, n=1)
            hints.append(f"'{key}'" + (f" (did you mean '{close[0]}'?)" if close else ""))
        place = f" in '{where}'" if where else ""
        return f"unknown front matter field {', '.join(hints)}{place}; allowed: {', '.join(known)}"
    if error.validator == "required":
        return f"front matter: {error.message}; add it"
    if error.validator == "type":
        return f"front matter field '{where}' must be {_type_name(error.validator_value)}, not {error.instance!r}"
    return f"front matter field '{where}': {error.message}"


def _type_name(kind: object) -> str:
    names = {"string": "text", "integer": "a whole number", "array": "a list", "object": "a mapping",
             "boolean": "true or false"}
    return names.get(str(kind), str(kind))
