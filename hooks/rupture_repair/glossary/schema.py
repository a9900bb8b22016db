"""The shape of ``glossary.yml`` as a JSON schema, and its errors turned into sentences for authors.

Per-entry rules live in the schema; only rules that compare entries with each
other (duplicates, ``related`` ids) are code, in ``loader.py``.
"""

from __future__ import annotations

import difflib
import re
from typing import TYPE_CHECKING, Any

from ..schemacheck import PassedChecks, Schema

if TYPE_CHECKING:
    from jsonschema import ValidationError

PLAIN_MAX = 160
CLINICAL_MAX = 220

HTML_PATTERN = r"<\s*[A-Za-z!/?]|&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);"
"""A tag, comment or character entity: rejected at the source so nothing can be injected."""

_HTML_RE = re.compile(HTML_PATTERN)
_NO_HTML: dict[str, Any] = {"not": {"type": "string", "pattern": HTML_PATTERN}}
_TEXT: dict[str, Any] = {"type": "string", "minLength": 1, **_NO_HTML}
_TEXT_LIST: dict[str, Any] = {"type": "array", "items": _TEXT}  # repeats: loader.py names them

ENTRY_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["term", "plain", "clinical"],
    "additionalProperties": False,
    "properties": {
        "term": _TEXT,
        "id": {"type": "string", "pattern": r"^[a-z0-9]+(?:-[a-z0-9]+)*$"},
        "aliases": _TEXT_LIST,
        "plain": {**_TEXT, "maxLength": PLAIN_MAX},
        "clinical": {**_TEXT, "maxLength": CLINICAL_MAX},
        "body": {"type": "string", **_NO_HTML},
        "related": {"type": "array", "items": {"type": "string"}, "uniqueItems": True},
        "sources": {
            "type": "array",
            "items": {"type": "string", "pattern": r"^S[1-9]$"},
            "uniqueItems": True,
        },
    },
}

GLOSSARY_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": ENTRY_SCHEMA,
}

FIELDS: tuple[str, ...] = tuple(ENTRY_SCHEMA["properties"])

FIELD_HELP: dict[str, str] = {
    "term": "the term as readers see it, e.g. 'withdrawal rupture'",
    "id": "lowercase letters, digits and single hyphens, e.g. 'withdrawal-rupture' (or leave it out)",
    "aliases": "a list of other names, e.g. [behaviour, behavior]",
    "plain": f"one sentence for someone with no clinical background, at most {PLAIN_MAX} characters",
    "clinical": f"a definition for trainees, at most {CLINICAL_MAX} characters",
    "body": "1-3 paragraphs of Markdown",
    "related": "a list of ids of other entries, e.g. [withdrawal-rupture]",
    "sources": "a list of source cards, e.g. [S1, S3]",
}

_PATTERN_HELP: dict[str, str] = {
    "id": FIELD_HELP["id"],
    "sources": "a source card from S1 to S9",
}

_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping"}

_SCHEMA = Schema(GLOSSARY_SCHEMA)


def schema_errors(data: Any, passed: PassedChecks | None = None) -> list[ValidationError]:
    """Every schema violation in the data, not just the first (``passed``: see rupture_repair.schemacheck)."""
    return _SCHEMA.errors(data, passed)


def describe_type(value: Any) -> str:
    """Name a YAML value's type the way authors write it."""
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """Return ' (did you mean 'x'?)' for a close match among ``choices``, else ''."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def explain(error: ValidationError) -> list[tuple[tuple[str | int, ...], str]]:
    """Turn one schema error into (JSON path, sentence) pairs: what is wrong and how to fix it."""
    path = tuple(error.absolute_path)
    keyword = error.validator
    value = error.instance
    if not path:
        found = describe_type(value)
        return [((), f"the glossary must be a list of entries, each starting with '- term:', not {found}")]
    if len(path) == 1:
        return _explain_entry(path, keyword, error)
    field_name = str(path[1])
    where = f"'{field_name}'" if len(path) == 2 else f"'{field_name}' item {int(path[2]) + 1}"
    if keyword == "type":
        expected = _TYPE_NAMES.get(str(error.validator_value), str(error.validator_value))
        quote = "; put it in quotes" if expected == "text" and isinstance(value, (bool, int, float)) else ""
        found = describe_type(value)
        return [(path, f"{where} must be {expected}, not {found}{quote}; write {FIELD_HELP[field_name]}")]
    if keyword == "minLength":
        return [(path, f"{where} is empty; write {FIELD_HELP[field_name]}")]
    if keyword == "maxLength":
        hint = " (move detail to 'clinical' or 'body')" if field_name == "plain" else " (move detail to 'body')"
        limit = error.validator_value
        return [(path, f"{where} is {len(value)} characters long, over the limit of {limit}; shorten it{hint}")]
    if keyword == "not":
        snippet = _html_snippet(value)
        return [
            (
                path,
                f"{where} contains HTML or an HTML entity ({snippet}); "
                "write plain text instead (Markdown is fine in 'body')",
            )
        ]
    if keyword == "pattern":
        return [(path, f"{where} is {value!r}, which is not valid; write {_PATTERN_HELP[field_name]}")]
    if keyword == "uniqueItems":
        return [(path, f"{where} lists the same item twice; remove the repeat")]
    return [(path, f"{where}: {error.message}")]


def _explain_entry(
    path: tuple[str | int, ...], keyword: str, error: ValidationError
) -> list[tuple[tuple[str | int, ...], str]]:
    """Explain a problem with an entry as a whole: its type, missing or unknown fields."""
    entry = error.instance
    if keyword == "type":
        found = describe_type(entry)
        return [(path, f"each entry must be a mapping with 'term', 'plain' and 'clinical', not {found}")]
    if keyword == "required":
        return [
            (path, f"'{name}' is missing; add {FIELD_HELP[name]}")
            for name in error.validator_value
            if name not in entry
        ]
    if keyword == "additionalProperties":
        allowed = ", ".join(FIELDS)
        return [
            ((*path, name), f"unknown field '{name}'{did_you_mean(str(name), FIELDS)}; allowed fields: {allowed}")
            for name in entry
            if name not in FIELDS
        ]
    return [(path, error.message)]


def _html_snippet(text: str) -> str:
    """Quote the first HTML-looking part of a text (up to its '>'), for the message."""
    found = _HTML_RE.search(text)
    if found is None:
        return "?"
    close = text.find(">", found.start(), found.start() + 40)
    return repr(text[found.start() : close + 1 if close >= 0 else found.end()])
