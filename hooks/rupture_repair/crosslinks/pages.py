"""Every page of the site by its wiki-link name: the file name without ``.md``."""

from __future__ import annotations

import difflib
import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..problems import Problem
from ..schemacheck import PassedChecks
from .frontmatter import FrontMatter, read_front_matter, split_front_matter
from .headings import Heading, headings_of


@dataclass(frozen=True)
class PageRecord:
    """What other pages need to know about a page before it renders."""

    src_uri: str
    title: str
    front_matter: FrontMatter = field(default_factory=FrontMatter)
    headings: tuple[Heading, ...] = ()
    shown_path: str = ""

    @property
    def name(self) -> str:
        return page_name(self.src_uri)

    @property
    def meta(self) -> Mapping[str, Any]:
        return self.front_matter.data

    def heading(self, heading_id: str) -> Heading | None:
        return next((h for h in self.headings if h.id == heading_id), None)


def page_name(src_uri: str) -> str:
    """``accounts/talking-about-us.md`` -> ``talking-about-us``; an index page takes its folder's name."""
    stem = posixpath.splitext(posixpath.basename(src_uri))[0]
    if stem in ("index", "README"):
        folder = posixpath.basename(posixpath.dirname(src_uri))
        return folder or "index"
    return stem


def record_page(
    src_uri: str, source: str, shown_path: str, *, check: bool = True, passed: PassedChecks | None = None
) -> tuple[PageRecord, list[Problem]]:
    """Read one page's front matter and headings; ``check=False`` for generated pages.

    ``passed``: front matter that passed in an earlier build (rupture_repair.schemacheck).
    """
    front_matter, problems = read_front_matter(shown_path, source, passed=passed)
    _, body = split_front_matter(source)
    headings = headings_of(body)
    title = front_matter.data.get("title") or next((h.title for h in headings if h.level == 1), None) or page_name(src_uri)
    return PageRecord(src_uri, str(title), front_matter, headings, shown_path), problems if check else []


@dataclass(frozen=True)
class PageIndex:
    """Pages by name; a name two files share is ambiguous and resolves to neither."""

    pages: Mapping[str, PageRecord] = field(default_factory=dict)
    ambiguous: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    records: Mapping[str, PageRecord] = field(default_factory=dict)

    @classmethod
    def build(cls, records: Iterable[PageRecord]) -> tuple[PageIndex, list[Problem]]:
        by_name: dict[str, list[PageRecord]] = {}
        for record in sorted(records, key=lambda r: r.src_uri):
            by_name.setdefault(record.name, []).append(record)
        pages = {name: found[0] for name, found in by_name.items() if len(found) == 1}
        ambiguous = {name: tuple(r.src_uri for r in found) for name, found in by_name.items() if len(found) > 1}
        problems = [
            Problem(record.shown_path, 1, f"page name '{name}' is also used by "
                    f"{', '.join(r.src_uri for r in by_name[name] if r is not record)}; wiki-links find pages "
                    "by file name, so rename one of the files")
            for name in ambiguous
            for record in by_name[name]
        ]
        return cls(pages, ambiguous, {r.src_uri: r for found in by_name.values() for r in found}), problems

    def get(self, name: str) -> PageRecord | None:
        return self.pages.get(name)

    def by_src(self, src_uri: str) -> PageRecord | None:
        return self.records.get(src_uri)

    def suggest(self, name: str) -> str | None:
        close = difflib.get_close_matches(name, sorted(self.pages), n=1, cutoff=0.6)
        return close[0] if close else None
