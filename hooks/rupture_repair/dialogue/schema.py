"""The shape of ``dialogue-tags.yml`` as a JSON schema, and its errors turned into sentences for authors.

Per-tag rules live in the schema; rules across tags (repeated ids and labels)
and against the glossary are code, in ``loader.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ..glossary.schema import HTML_PATTERN, describe_type, did_you_mean
from ..schemacheck import PassedChecks, Schema
from .model import KINDS

if TYPE_CHECKING:
    from jsonschema import ValidationError

EXPLAIN_MAX = 160
LABEL_MAX = 40
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

_NO_HTML: dict[str, Any] = {"not": {"type": "string", "pattern": HTML_PATTERN}}
_TEXT: dict[str, Any] = {"type": "string", "minLength": 1, **_NO_HTML}
_ID: dict[str, Any] = {"type": "string", "pattern": ID_PATTERN}

TAG_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["id", "kind", "label", "glossary", "explain"],
    "additionalProperties": False,
    "properties": {
        "id": _ID,
        "kind": {"type": "string", "enum": list(KINDS)},
        "label": {**_TEXT, "maxLength": LABEL_MAX},
        "glossary": _ID,
        "explain": {**_TEXT, "maxLength": EXPLAIN_MAX},
    },
}

TAGS_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "array",
    "items": TAG_SCHEMA,
}

FIELDS: tuple[str, ...] = tuple(TAG_SCHEMA["properties"])

FIELD_HELP: dict[str, str] = {
    "id": "the tag as authors write it: lowercase letters, digits and single hyphens, e.g. 'minimal-response'",
    "kind": f"one of {', '.join(KINDS)}",
    "label": f"the badge's words, e.g. 'minimal response', at most {LABEL_MAX} characters",
    "glossary": "the id of the glossary entry the badge links to, e.g. 'withdrawal-rupture'",
    "explain": f"one plain sentence saying what the marker looks like, at most {EXPLAIN_MAX} characters",
}

_TYPE_NAMES = {"string": "text", "array": "a list", "object": "a mapping"}

_SCHEMA = Schema(TAGS_SCHEMA)


def schema_errors(data: Any, passed: PassedChecks | None = None) -> list[ValidationError]:
    """Every schema violation in the data, not just the first (``passed``: see rupture_repair.schemacheck)."""
    return _SCHEMA.errors(data, passed)


def explain(error: ValidationError) -> list[tuple[tuple[str | int, ...], str]]:
    """Turn one schema error into (JSON path, sentence) pairs: what is wrong and how to fix it."""
    path = tuple(error.absolute_path)
    keyword = error.validator
    value = error.instance
    if not path:
        found = describe_type(value)
        return [((), f"the tags must be a list, each starting with '- id:', not {found}")]
    if len(path) == 1:
        return _explain_tag(path, keyword, error)
    field_name = str(path[1])
    where = f"'{field_name}'"
    if keyword == "type":
        found = describe_type(value)
        quote = "; put it in quotes" if isinstance(value, (bool, int, float)) else ""
        return [(path, f"{where} must be text, not {found}{quote}; write {FIELD_HELP[field_name]}")]
    if keyword == "enum":
        hint = did_you_mean(str(value), KINDS)
        return [(path, f"{where} is {value!r}{hint}, which is not a kind; write {FIELD_HELP[field_name]}")]
    if keyword == "minLength":
        return [(path, f"{where} is empty; write {FIELD_HELP[field_name]}")]
    if keyword == "maxLength":
        limit = error.validator_value
        return [(path, f"{where} is {len(value)} characters long, over the limit of {limit}; shorten it")]
    if keyword == "not":
        return [(path, f"{where} contains HTML or an HTML entity; write plain text instead")]
    if keyword == "pattern":
        return [(path, f"{where} is {value!r}, which is not an id; write {FIELD_HELP[field_name]}")]
    return [(path, f"{where}: {error.message}")]


def _explain_tag(
    path: tuple[str | int, ...], keyword: str, error: ValidationError
) -> list[tuple[tuple[str | int, ...], str]]:
    """Explain a problem with a tag as a whole: its type, missing or unknown fields."""
    entry = error.instance
    if keyword == "type":
        found = describe_type(entry)
        return [(path, f"each tag must be a mapping with {', '.join(FIELDS)}, not {found}")]
    if keyword == "required":
        return [
            (path, f"'{name}' is missing; add {FIELD_HELP[name]}") for name in error.validator_value if name not in entry
        ]
    if keyword == "additionalProperties":
        allowed = ", ".join(FIELDS)
        return [
            ((*path, name), f"unknown field '{name}'{did_you_mean(str(name), FIELDS)}; allowed fields: {allowed}")
            for name in entry
            if name not in FIELDS
        ]
    return [(path, error.message)]
