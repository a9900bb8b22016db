"""The site as a graph: who links to whom, which chapters are related, the reading paths.

Pure functions over what the page events collected; called once, when every
page has rendered, because links induce a graph, not a tree.
"""

from __future__ import annotations

import math
import posixpath
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from ..problems import Problem
from .extension import LinkRecord
from .frontmatter import PATHS
from .pages import PageIndex, PageRecord


@dataclass(frozen=True)
class Backlink:
    """A page linking here, and the section of it the link stands in."""

    source: str
    section_id: str | None
    section_title: str | None


@dataclass(frozen=True)
class RelatedPage:
    target: str
    shared_terms: tuple[str, ...]
    chosen_by_author: bool
    score: float


def link_target(src_uri: str, href: str) -> str | None:
    """The source file a link written on ``src_uri`` points at (None for other sites and same-page links)."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path:
        return None
    path = unquote(parts.path)
    target = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if path.endswith("/"):
        target = posixpath.join(target, "index.md")
    return target if target.endswith(".md") else None


def backlinks(links_by_page: Mapping[str, Sequence[LinkRecord]], known_pages: Collection[str],
              reading_order: Sequence[str]) -> dict[str, list[Backlink]]:
    """For each page, the pages linking to it (one entry per linking section), in reading order."""
    rank = {src: i for i, src in enumerate(reading_order)}
    found: dict[str, dict[tuple[str, str | None], Backlink]] = {}
    for source in sorted(links_by_page, key=lambda s: (rank.get(s, len(rank)), s)):
        for link in links_by_page[source]:
            target = link_target(source, link.href)
            if target is None or target == source or target not in known_pages:
                continue
            key = (source, link.section_id)
            found.setdefault(target, {}).setdefault(key, Backlink(source, link.section_id, link.section_title))
    return {target: list(entries.values()) for target, entries in found.items()}


def related_pages(terms_by_page: Mapping[str, Collection[str]], chosen: Mapping[str, Sequence[str]],
                  chapters: Collection[str], limit: int = 3) -> dict[str, list[RelatedPage]]:
    """Up to ``limit`` related chapters per chapter: the author's choices first, then shared terms.

    Shared terms are weighted by inverse document frequency, so a term that few
    chapters use says more about two chapters than one every chapter uses.
    """
    chapter_list = sorted(chapters)
    frequency: dict[str, int] = {}
    for page in chapter_list:
        for term in set(terms_by_page.get(page, ())):
            frequency[term] = frequency.get(term, 0) + 1
    count = max(len(chapter_list), 1)
    weight = {term: math.log((1 + count) / (1 + df)) + 1e-9 for term, df in frequency.items()}
    result: dict[str, list[RelatedPage]] = {}
    for page in chapter_list:
        mine = set(terms_by_page.get(page, ()))
        candidates = []
        for other in chapter_list:
            if other == page:
                continue
            shared = mine & set(terms_by_page.get(other, ()))
            by_weight = sorted(shared, key=lambda t: (-weight[t], t))
            score = sum(weight[t] for t in shared)
            is_chosen = other in chosen.get(page, ())
            if is_chosen or score > 0:
                candidates.append(RelatedPage(other, tuple(by_weight[:3]), is_chosen, round(score, 6)))
        candidates.sort(key=lambda r: (not r.chosen_by_author, -r.score, r.target))
        result[page] = candidates[:limit]
    return result


@dataclass(frozen=True)
class PathStep:
    """A page on a reading path, numbered from 1 as the path page lists it."""

    page: str
    number: int
    total: int


@dataclass(frozen=True)
class ReadingPath:
    name: str
    pages: tuple[str, ...]

    def next_step(self, src_uri: str) -> PathStep | None:
        """The step after ``src_uri``, with its own number: the label sits next to that page's link.

        None when ``src_uri`` is the path's last page or not on the path.
        """
        if src_uri not in self.pages or src_uri == self.pages[-1]:
            return None
        following = self.pages.index(src_uri) + 1
        return PathStep(self.pages[following], following + 1, len(self.pages))


def reading_paths(records: Iterable[PageRecord]) -> tuple[dict[str, ReadingPath], list[Problem]]:
    """Each path's pages in order; gaps and shared positions are problems naming files and lines."""
    problems: list[Problem] = []
    paths: dict[str, ReadingPath] = {}
    for name in PATHS:
        placed: dict[int, list[PageRecord]] = {}
        for record in records:
            position = record.meta.get("paths", {}).get(name) if isinstance(record.meta.get("paths"), dict) else None
            if isinstance(position, int):
                placed.setdefault(position, []).append(record)
        for position, clash in sorted(placed.items()):
            if len(clash) > 1:
                for record in clash:
                    others = ", ".join(r.shown_path for r in clash if r is not record)
                    problems.append(Problem(record.shown_path, record.front_matter.line_of("paths", name),
                                            f"'{name}' path position {position} is also taken by {others}; "
                                            "give each page its own position"))
        expected = list(range(1, len(placed) + 1))
        if sorted(placed) != expected and placed:
            missing = sorted(set(range(1, max(placed) + 1)) - set(placed))
            first = placed[min(p for p in placed if p > (missing[0] if missing else 0))][0]
            problems.append(Problem(first.shown_path, first.front_matter.line_of("paths", name),
                                    f"'{name}' path has a gap: no page at position"
                                    f"{'s' if len(missing) > 1 else ''} {', '.join(map(str, missing))}; "
                                    "number the pages of a path 1, 2, 3, ... without gaps"))
        paths[name] = ReadingPath(name, tuple(placed[p][0].src_uri for p in sorted(placed)))
    return paths, problems
