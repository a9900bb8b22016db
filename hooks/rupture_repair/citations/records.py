"""Records shared by the citation modules, kept free of any parser or formatter types."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from types import MappingProxyType
from typing import Iterable, Mapping

KEY_PATTERN = r"[A-Za-z][A-Za-z0-9_]*"
"""A citable key: letters, digits and underscores, starting with a letter."""


@dataclass(frozen=True)
class Name:
    """One person's name as plain text, so no module downstream needs pybtex."""

    family: str
    given: str = ""
    particle: str = ""
    suffix: str = ""

    @property
    def surname(self) -> str:
        """The surname as APA prints it in text: particle kept ("van IJzendoorn")."""
        return f"{self.particle} {self.family}".strip()

    @property
    def initials(self) -> str:
        """Initials of the given names ("Edward S." -> "ES"), for sorting."""
        return "".join(part[0] for part in self.given.replace("-", " ").split() if part)


@dataclass(frozen=True)
class BibEntry:
    """One parsed .bib entry: raw LaTeX field values plus decoded names, and where it is."""

    key: str
    line: int
    entry_type: str
    fields: Mapping[str, str]
    persons: Mapping[str, tuple[Name, ...]]
    damaged: bool = False
    """True when a syntax error hit this entry, so some fields may be missing."""

    def creators(self) -> tuple[Name, ...]:
        """Authors, or editors for an edited book without authors (APA's author position)."""
        return self.persons.get("author") or self.persons.get("editor") or ()


@dataclass(frozen=True)
class Reference:
    """A work ready to cite: its full APA 7 reference and its in-text author–date parts."""

    key: str
    line: int
    html: str
    """Full APA 7 reference as escaped HTML; the only tags are <i>…</i>."""
    linked_html: str
    """Same as ``html`` with the DOI URL, if any, made a link."""
    author_parenthetical: str
    """Author part in parentheses: "Bordin", "Safran & Muran", "Eubanks et al."."""
    author_narrative: str
    """Author part in running text: "Safran and Muran" (APA spells out "and")."""
    year: str
    """Year with any disambiguating letter: "1979", "2018a", "n.d."."""
    doi_url: str | None
    sort_key: tuple
    """Orders an APA reference list (and the works inside one parenthetical citation)."""

    @property
    def parenthetical(self) -> str:
        """"Bordin, 1979": the text inside parentheses."""
        return f"{self.author_parenthetical}, {self.year}"

    @property
    def narrative(self) -> str:
        """"Bordin (1979)": the form used in running text."""
        return f"{self.author_narrative} ({self.year})"


@dataclass(frozen=True)
class Bibliography:
    """All citable works of the site, by key, as loaded from one .bib file."""

    path: str
    references: Mapping[str, Reference]

    def __post_init__(self) -> None:
        object.__setattr__(self, "references", MappingProxyType(dict(self.references)))

    def __contains__(self, key: object) -> bool:
        return key in self.references

    def __getitem__(self, key: str) -> Reference:
        return self.references[key]

    def __len__(self) -> int:
        return len(self.references)

    def get(self, key: str) -> Reference | None:
        """The reference for ``key``, or None when there is none."""
        return self.references.get(key)

    def ordered(self, keys: Iterable[str] | None = None) -> list[Reference]:
        """References (all, or each known one of ``keys`` once) in APA reference-list order."""
        if keys is None:
            chosen = list(self.references.values())
        else:
            chosen = [self.references[k] for k in dict.fromkeys(keys) if k in self.references]
        return sorted(chosen, key=lambda ref: ref.sort_key)


def suggest_key(bibliography: Bibliography, key: str) -> str | None:
    """The known key closest to a mistyped one, for "did you mean …?"."""
    matches = difflib.get_close_matches(key, list(bibliography.references), n=1, cutoff=0.6)
    return matches[0] if matches else None
