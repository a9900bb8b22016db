"""JSON schema checks of the reader's data, with the data that passed remembered between builds.

Every build checks glossary.yml, dialogue-tags.yml, crisis-lines.yml and each
page's front matter against a schema. jsonschema takes ~60 ms to import and the
glossary ~15 ms to check, on every build, for data that seldom changes. Whether
data passes depends only on the data, the schema, jsonschema's version and
Python's (``pattern`` runs on its ``re``), so ``PassedChecks`` keeps a digest of
those for each pass, in the build's cache folder, and the same data is not
checked against the same schema again. Failures are never kept: bad data is
checked, and reported, on every build. Data that is not plain JSON data (a YAML
date, a key that is not text, a loop of aliases) has no digest and is always
checked; without a ``PassedChecks`` (unit tests, a config without a file) every
check runs.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .cachefolder import cache_folder, code_digest, read_json, write_json

if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator


class Schema:
    """A JSON schema (draft 2020-12); jsonschema is imported, and the schema checked, at its first real use."""

    def __init__(self, schema: Mapping[str, Any]) -> None:
        self.schema = schema
        self._validator: Validator | None = None
        self._text: str | None = None

    def errors(self, data: Any, passed: PassedChecks | None = None) -> list[ValidationError]:
        """Every violation in ``data``; none, unchecked, when ``passed`` holds that this data passed before."""
        if passed is None:
            return list(self.validator.iter_errors(data))
        digest = _digest(self.text, data)
        if digest is not None and passed.holds(digest):
            return []
        errors = list(self.validator.iter_errors(data))
        if digest is not None and not errors:
            passed.add(digest)
        return errors

    @property
    def validator(self) -> Validator:
        if self._validator is None:
            from jsonschema import Draft202012Validator

            Draft202012Validator.check_schema(self.schema)
            self._validator = Draft202012Validator(self.schema)
        return self._validator

    @property
    def text(self) -> str | None:
        """The schema as canonical JSON, part of every digest; None (no digests) if it is not plain JSON data."""
        if self._text is None and _plain(self.schema, set()):
            self._text = json.dumps(self.schema, sort_keys=True, separators=(",", ":"))
        return self._text


class PassedChecks:
    """Digests of the (schema, data) pairs that passed, read from and written back to ``folder/passed-NAME.json``.

    One file per name, so that each hook reads and writes its own.
    """

    def __init__(self, folder: Path | None, name: str) -> None:
        self.folder = folder
        self.file = f"passed-{name}.json"
        self._stored = self._read()
        self._used: set[str] = set()

    @classmethod
    def of_site(cls, config_file_path: str | None, name: str) -> PassedChecks:
        """The passes kept for the site whose mkdocs.yml is at ``config_file_path``; saved on leaving a ``with``."""
        return cls(cache_folder(config_file_path), name)

    def __enter__(self) -> PassedChecks:
        return self

    def __exit__(self, *exception: object) -> None:
        self.save()

    def holds(self, digest: str) -> bool:
        if digest in self._stored:
            self._used.add(digest)
            return True
        return False

    def add(self, digest: str) -> None:
        self._used.add(digest)

    def save(self) -> None:
        """Write back the passes this build used (so old data's go), if anything changed."""
        if self.folder is None or self._used == self._stored:
            return
        write_json(self.folder, self.file, {"fingerprint": fingerprint(), "passed": sorted(self._used)})

    def _read(self) -> set[str]:
        data = read_json(self.folder, self.file)
        if not isinstance(data, dict) or data.get("fingerprint") != fingerprint():
            return set()
        passed = data.get("passed")
        return {digest for digest in passed if isinstance(digest, str)} if isinstance(passed, list) else set()


@cache
def fingerprint() -> str:
    """Hash of what a pass depends on besides the schema and the data: Python, jsonschema, this file."""
    return code_digest(("jsonschema",), (Path(__file__),))


def _digest(schema_text: str | None, data: Any) -> str | None:
    """Hash of the schema and the data, or None when either is not plain JSON data."""
    if schema_text is None or not _plain(data, set()):
        return None
    # Plain data has one JSON text per value: 1, 1.0, True and "1" all differ, and so do key orders.
    data_text = json.dumps(data, separators=(",", ":"), allow_nan=True)
    return hashlib.sha256(f"{schema_text}\n{data_text}".encode()).hexdigest()


def _plain(value: Any, open_containers: set[int]) -> bool:
    """Whether ``value`` is made only of dicts with text keys, lists, text, numbers, booleans and None.

    Exact types only: JSON would write a tuple as a list and a number key as text,
    but jsonschema tells them apart. A list or dict inside itself is not plain.
    """
    kind = type(value)
    if value is None or kind in (str, int, float, bool):
        return True
    if kind is not list and kind is not dict:
        return False
    if id(value) in open_containers:
        return False
    open_containers.add(id(value))
    try:
        if kind is list:
            return all(_plain(item, open_containers) for item in value)
        return all(type(key) is str and _plain(item, open_containers) for key, item in value.items())
    finally:
        open_containers.discard(id(value))
