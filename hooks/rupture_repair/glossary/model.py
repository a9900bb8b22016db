"""The glossary as checked, immutable records: what the hooks and templates read."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

_NON_ALPHANUMERIC = re.compile(r"[^a-z0-9]+")


def slug_from_term(term: str) -> str:
    """Make an id from a term: ASCII-folded, lowercase, other characters to "-" (may be empty)."""
    decomposed = unicodedata.normalize("NFKD", term.casefold())
    folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _NON_ALPHANUMERIC.sub("-", folded).strip("-")


@dataclass(frozen=True, kw_only=True)
class GlossaryEntry:
    """One valid glossary entry, with the file line it starts on for later messages."""

    id: str
    term: str
    aliases: tuple[str, ...] = ()
    plain: str
    clinical: str
    body: str = ""
    related: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()
    line: int | None = None

    @property
    def names(self) -> tuple[str, ...]:
        """Every name that text may use for this entry: the term, then its aliases."""
        return (self.term, *self.aliases)

    @property
    def heading(self) -> str:
        """The term as its glossary entry's heading shows it: first letter capitalised, the rest as written."""
        return self.term[:1].upper() + self.term[1:]


@dataclass(frozen=True)
class Glossary:
    """Valid entries in file order, looked up by id; ids are unique and every related id resolves."""

    entries: tuple[GlossaryEntry, ...] = ()
    _by_id: Mapping[str, GlossaryEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_id: dict[str, GlossaryEntry] = {}
        for entry in self.entries:
            if entry.id in by_id:
                raise ValueError(f"two glossary entries share the id {entry.id!r}")
            by_id[entry.id] = entry
        object.__setattr__(self, "_by_id", by_id)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[GlossaryEntry]:
        return iter(self.entries)

    def __contains__(self, term_id: object) -> bool:
        return term_id in self._by_id

    def __getitem__(self, term_id: str) -> GlossaryEntry:
        return self._by_id[term_id]

    def get(self, term_id: str) -> GlossaryEntry | None:
        """Return the entry with this id, or None."""
        return self._by_id.get(term_id)

    def sorted_entries(self) -> list[GlossaryEntry]:
        """Return the entries A-Z by term, ignoring case and accents (for the glossary page)."""
        return sorted(self.entries, key=lambda entry: (slug_from_term(entry.term), entry.term.casefold()))

    def names(self) -> Iterator[tuple[str, str]]:
        """Yield (name, id) for every term and alias, in file order (what the matcher compiles)."""
        for entry in self.entries:
            for name in entry.names:
                yield name, entry.id
