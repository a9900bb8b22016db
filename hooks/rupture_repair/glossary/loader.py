"""Read ``glossary.yml`` into a Glossary, collecting every problem with its file, line and term.

Entries with a problem are left out of the Glossary (the build is expected to
fail on the problems); the rest still load, so one typo does not hide all terms.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..problems import Problem, ProblemsFound
from ..schemacheck import PassedChecks
from ..yamlsource import LineMap, display_path, load_yaml_with_lines
from .model import Glossary, GlossaryEntry, slug_from_term
from .schema import did_you_mean, explain, schema_errors
from .words import phrase_keys, same_text

JsonPath = tuple[str | int, ...]


def load_glossary(
    path: Path | str, text: str | None = None, *, passed: PassedChecks | None = None
) -> tuple[Glossary, list[Problem]]:
    """Load and check the glossary; problems name ``path`` exactly as given (e.g. "docs/glossary.yml").

    ``passed``: entries that passed the schema in an earlier build (rupture_repair.schemacheck).
    """
    try:
        data, lines = load_yaml_with_lines(path, text)
    except ProblemsFound as found:
        return Glossary(), list(found.problems)
    data = [] if data is None else data  # an empty file is an empty glossary
    entries = [_normalised(entry) for entry in data] if isinstance(data, list) else data
    check = _Check(display_path(path), lines, entries)
    check.run(passed)
    return check.glossary(), check.problems()


def _normalised(entry: Any) -> Any:
    """Trim text fields and collapse runs of spaces in names, so limits and comparisons are fair."""
    if not isinstance(entry, dict):
        return entry
    tidy: dict[Any, Any] = {}
    for key, value in entry.items():
        squash = key in ("term", "aliases")
        if isinstance(value, str):
            value = _tidy(value, squash)
        elif isinstance(value, list):
            value = [_tidy(item, squash) if isinstance(item, str) else item for item in value]
        tidy[key] = value
    return tidy


def _tidy(text: str, squash: bool) -> str:
    """Strip a text; for names also turn inner runs of whitespace into one space."""
    return " ".join(text.split()) if squash else text.strip()


@dataclass(frozen=True)
class _Name:
    """Where a name was first used, to explain a clash."""

    index: int
    text: str
    is_term: bool


@dataclass
class _Check:
    """One pass over the parsed file: per-entry schema rules, then rules across entries."""

    shown: str
    lines: LineMap
    data: Any
    found: list[Problem] = field(default_factory=list)
    bad: set[int] = field(default_factory=set)
    ids: dict[int, str] = field(default_factory=dict)
    reported: set[tuple[str, ...]] = field(default_factory=set)

    def run(self, passed: PassedChecks | None = None) -> None:
        """Collect every problem; stop after the schema if the top level is not a list."""
        for error in schema_errors(self.data, passed):
            for path, message in explain(error):
                self._add(path, message)
        if not isinstance(self.data, list):
            return
        self._derive_ids()
        derived_clashes = self._check_names()
        self._check_ids(derived_clashes)
        self._check_related()

    def _add(self, path: JsonPath, message: str) -> None:
        """Record a problem at the line of ``path``, prefixed with the entry it belongs to."""
        self.reported.add(tuple(str(part) for part in path))
        if path:
            index = int(path[0])
            self.bad.add(index)
            message = f"{self._label(index)}: {message}"
        self.found.append(Problem(self.shown, self.lines.line_of(path), message))

    def _label(self, index: int) -> str:
        """Name an entry for messages: by its term when it has one, else by position."""
        term = self._term(index)
        return f"term '{term}'" if term else f"entry {index + 1}"

    def _term(self, index: int) -> str | None:
        """Return an entry's term if it is usable text."""
        entry = self.data[index]
        term = entry.get("term") if isinstance(entry, dict) else None
        return term if isinstance(term, str) and term else None

    def _texts(self, index: int, field_name: str) -> list[tuple[int, str]]:
        """Return (position, text) for the text items of a list field, ignoring wrong types."""
        entry = self.data[index]
        items = entry.get(field_name) if isinstance(entry, dict) else None
        if not isinstance(items, list):
            return []
        return [(position, item) for position, item in enumerate(items) if isinstance(item, str) and item]

    def _derive_ids(self) -> None:
        """Give every entry with a term its id: the one written, else one made from the term."""
        for index in range(len(self.data)):
            term = self._term(index)
            if term is None:
                continue
            written = self.data[index].get("id")
            if isinstance(written, str) and written:
                self.ids[index] = written
            elif slug := slug_from_term(term):
                self.ids[index] = slug
            else:
                self._add((index, "term"), "no id can be made from this term; add an 'id' such as 'my-term'")

    def _check_names(self) -> set[int]:
        """Report names that text cannot match or that clash; return entries whose term clashes."""
        seen: dict[tuple[str, ...], _Name] = {}
        clashing_terms: set[int] = set()
        for index in range(len(self.data)):
            term = self._term(index)
            if term is None:
                continue
            names = [((index, "term"), term, True)]
            names += [
                ((index, "aliases", position), alias, False) for position, alias in self._texts(index, "aliases")
            ]
            for path, name, is_term in names:
                if tuple(str(part) for part in path) in self.reported:
                    continue  # e.g. HTML in the name: one problem is enough
                keys = phrase_keys(name)
                what = "the term" if is_term else f"alias '{name}'"
                if keys is None:
                    self._add(
                        path, f"{what} cannot be matched in text; write words separated by spaces or single hyphens"
                    )
                    continue
                first = seen.get(keys)
                if first is None:
                    seen[keys] = _Name(index, name, is_term)
                elif first.index != index or same_text(first.text, name):
                    # a variant of the entry's own name ("self regulation") is harmless: skip it
                    if is_term:
                        clashing_terms.add(index)
                    self._add(path, self._clash_message(what, name, first, index))
        return clashing_terms

    def _clash_message(self, what: str, name: str, first: _Name, index: int) -> str:
        """Explain that a name is already taken, by what, and why they count as the same."""
        if first.index == index:
            if first.is_term:
                return f"{what} repeats the term (ignoring case); remove the alias"
            return f"{what} is listed twice (ignoring case); remove one"
        line = self.lines.line_of((first.index,))
        if first.is_term:
            taken = f"the term '{first.text}' (line {line})"
        else:
            taken = f"an alias of term '{self._term(first.index)}' (line {line})"
        if same_text(first.text, name):
            why = "ignoring case"
        else:
            why = "as matching ignores case and treats hyphens as spaces"
        return (
            f"{what} is already {taken}, {why}; "
            "a name may point to one entry only: merge the entries or remove the name"
        )

    def _check_ids(self, derived_clashes: set[int]) -> None:
        """Report ids used twice (ignoring case), unless a clashing term already explains it."""
        owners: dict[str, int] = {}
        for index, term_id in self.ids.items():
            first = owners.setdefault(term_id.casefold(), index)
            if first == index:
                continue
            written = "id" in self.data[index]
            if not written and index in derived_clashes:
                continue
            owner = f"term '{self._term(first)}' (line {self.lines.line_of((first,))})"
            if written:
                self._add((index, "id"), f"id '{term_id}' is already used by {owner}; choose another 'id'")
            else:
                self._add(
                    (index, "term"),
                    f"the id made from this term, '{term_id}', is already used by {owner}; add a different 'id'",
                )

    def _check_related(self) -> None:
        """Report related ids that name no entry (suggesting close ones) or the entry itself."""
        known = sorted(set(self.ids.values()))
        for index, own_id in self.ids.items():
            for position, related in self._texts(index, "related"):
                path = (index, "related", position)
                if related == own_id:
                    self._add(path, f"'related' lists this entry's own id '{related}'; remove it")
                elif related not in known:
                    slug = slug_from_term(related)
                    hint = f" (did you mean '{slug}'?)" if slug in known else did_you_mean(related, known)
                    message = f"'related' names unknown id '{related}'{hint}; use the id of another entry"
                    self._add(path, message)

    def problems(self) -> list[Problem]:
        """Return the problems once each, in file order."""
        unique = dict.fromkeys(self.found)
        return sorted(unique, key=lambda problem: problem.line or 0)

    def glossary(self) -> Glossary:
        """Build the Glossary from the entries without problems; drop related ids left dangling."""
        if not isinstance(self.data, list):
            return Glossary()
        good = [index for index in self.ids if index not in self.bad]
        kept_ids = {self.ids[index] for index in good}
        return Glossary(tuple(self._entry(index, kept_ids) for index in good))

    def _entry(self, index: int, kept_ids: set[str]) -> GlossaryEntry:
        """Make the record for one valid entry."""
        entry = self.data[index]
        return GlossaryEntry(
            id=self.ids[index],
            term=entry["term"],
            aliases=tuple(entry.get("aliases", ())),
            plain=entry["plain"],
            clinical=entry["clinical"],
            body=entry.get("body", ""),
            related=tuple(related for related in entry.get("related", ()) if related in kept_ids),
            sources=tuple(entry.get("sources", ())),
            line=self.lines.line_of((index,)),
        )
