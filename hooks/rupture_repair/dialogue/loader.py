"""Read ``dialogue-tags.yml`` into a TagVocabulary, collecting every problem with its file, line and tag.

Tags with a problem are left out (the build is expected to fail on the
problems); the rest still load, so one typo does not hide every badge.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..glossary.schema import did_you_mean
from ..problems import Problem, ProblemsFound
from ..schemacheck import PassedChecks
from ..yamlsource import LineMap, display_path, load_yaml_with_lines
from .model import DialogueTag, TagVocabulary
from .schema import explain, schema_errors

JsonPath = tuple[str | int, ...]


def load_tags(
    path: Path | str, text: str | None = None, *, glossary_ids: Collection[str] | None = None,
    passed: PassedChecks | None = None,
) -> tuple[TagVocabulary, list[Problem]]:
    """Load and check the tags; with ``glossary_ids``, every tag's glossary entry must be among them.

    ``passed``: tags that passed the schema in an earlier build (rupture_repair.schemacheck).
    """
    shown = display_path(path)
    try:
        data, lines = load_yaml_with_lines(path, text)
    except ProblemsFound as found:
        return TagVocabulary(source=shown), list(found.problems)
    data = [] if data is None else data  # an empty file is an empty vocabulary
    if isinstance(data, list):
        data = [_trimmed(item) for item in data]
    check = _Check(shown, lines, data, glossary_ids)
    check.run(passed)
    return check.vocabulary(), check.problems()


def _trimmed(item: Any) -> Any:
    """Strip text fields, so limits and comparisons are fair."""
    if not isinstance(item, dict):
        return item
    return {key: value.strip() if isinstance(value, str) else value for key, value in item.items()}


@dataclass
class _Check:
    """One pass over the parsed file: per-tag schema rules, then rules across tags and the glossary."""

    shown: str
    lines: LineMap
    data: Any
    glossary_ids: Collection[str] | None
    found: list[Problem] = field(default_factory=list)
    bad: set[int] = field(default_factory=set)

    def run(self, passed: PassedChecks | None = None) -> None:
        for error in schema_errors(self.data, passed):
            for path, message in explain(error):
                self._add(path, message)
        if not isinstance(self.data, list):
            return
        self._check_repeats("id", "id '{value}' is already used by {owner}; choose another id")
        self._check_repeats("label", "label '{value}' is already used by {owner}; badges must be told apart")
        self._check_glossary()

    def _add(self, path: JsonPath, message: str) -> None:
        """Record a problem at the line of ``path``, prefixed with the tag it belongs to."""
        if path:
            index = int(path[0])
            self.bad.add(index)
            message = f"{self._name(index)}: {message}"
        self.found.append(Problem(self.shown, self.lines.line_of(path), message))

    def _text(self, index: int, name: str) -> str | None:
        item = self.data[index]
        value = item.get(name) if isinstance(item, dict) else None
        return value if isinstance(value, str) and value else None

    def _name(self, index: int) -> str:
        """Name a tag for messages: by its id when it has one, else by position."""
        tag_id = self._text(index, "id")
        return f"tag '{tag_id}'" if tag_id else f"tag {index + 1}"

    def _check_repeats(self, name: str, template: str) -> None:
        """Report a field's value used by two tags (ignoring case)."""
        owners: dict[str, int] = {}
        for index in range(len(self.data)):
            value = self._text(index, name)
            if value is None:
                continue
            first = owners.setdefault(value.casefold(), index)
            if first != index:
                owner = f"{self._name(first)} (line {self.lines.line_of((first,))})"
                self._add((index, name), template.format(value=value, owner=owner))

    def _check_glossary(self) -> None:
        """Report glossary ids that name no glossary entry, suggesting a close one."""
        if self.glossary_ids is None:
            return
        known = sorted(self.glossary_ids)
        for index in range(len(self.data)):
            glossary_id = self._text(index, "glossary")
            if glossary_id is not None and glossary_id not in self.glossary_ids:
                hint = did_you_mean(glossary_id, known)
                self._add(
                    (index, "glossary"),
                    f"'glossary' names unknown glossary entry '{glossary_id}'{hint}; "
                    "use the id of an entry in docs/glossary.yml",
                )

    def problems(self) -> list[Problem]:
        """Return the problems once each, in file order."""
        return sorted(dict.fromkeys(self.found), key=lambda problem: problem.line or 0)

    def vocabulary(self) -> TagVocabulary:
        """Build the vocabulary from the tags without problems."""
        if not isinstance(self.data, list):
            return TagVocabulary(source=self.shown)
        tags = tuple(
            DialogueTag(
                id=item["id"],
                kind=item["kind"],
                label=item["label"],
                glossary=item["glossary"],
                explain=item["explain"],
                line=self.lines.line_of((index,)),
            )
            for index, item in enumerate(self.data)
            if index not in self.bad
        )
        return TagVocabulary(tags, source=self.shown)
