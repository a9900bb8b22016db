"""The dialogue tag vocabulary as checked, immutable records: what the extension and templates read."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

KINDS: tuple[str, ...] = ("withdrawal", "confrontation", "repair")
"""The kinds of marker, in the order the page's list of markers shows them."""


@dataclass(frozen=True, kw_only=True)
class DialogueTag:
    """One valid tag: what a badge says, which glossary entry it leads to, and its explanation."""

    id: str
    kind: str
    label: str
    glossary: str
    explain: str
    line: int | None = None


@dataclass(frozen=True)
class TagVocabulary:
    """Valid tags in file order, looked up by id; ``source`` names the file for messages."""

    tags: tuple[DialogueTag, ...] = ()
    source: str = "docs/dialogue-tags.yml"
    _by_id: Mapping[str, DialogueTag] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, DialogueTag] = {}
        for tag in self.tags:
            if tag.id in by_id:
                raise ValueError(f"two dialogue tags share the id {tag.id!r}")
            by_id[tag.id] = tag
        object.__setattr__(self, "_by_id", by_id)

    def __len__(self) -> int:
        return len(self.tags)

    def __iter__(self) -> Iterator[DialogueTag]:
        return iter(self.tags)

    def __contains__(self, tag_id: object) -> bool:
        return tag_id in self._by_id

    def get(self, tag_id: str) -> DialogueTag | None:
        """Return the tag with this id, or None."""
        return self._by_id.get(tag_id)

    def ids(self, kind: str | None = None) -> list[str]:
        """Return the tag ids (of one kind, if given), in file order."""
        return [tag.id for tag in self.tags if kind is None or tag.kind == kind]

    def in_reading_order(self, tag_ids: set[str] | frozenset[str]) -> list[DialogueTag]:
        """Return these tags grouped by kind (withdrawal, confrontation, repair), each in file order."""
        position = {tag.id: index for index, tag in enumerate(self.tags)}
        chosen = [self._by_id[tag_id] for tag_id in tag_ids if tag_id in self._by_id]
        return sorted(chosen, key=lambda tag: (KINDS.index(tag.kind), position[tag.id]))
