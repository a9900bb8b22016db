"""Where each work is cited across the site, for the references page's "Cited in" lists.

Collected early (each page reports its citations as it renders) and resolved
late (once every page exists), in reading order. Grouped by page, so a work
cited in eight glossary entries reads "Glossary › A, B, …", not eight times
"Glossary › …".
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .report import CitedWork


@dataclass(frozen=True)
class Section:
    """A section of a page, by its heading's id and plain-text title."""

    id: str
    title: str


@dataclass(frozen=True)
class CitingPage:
    """A page citing a work, and the sections it does so in (none: only outside any section)."""

    page: str
    page_title: str
    sections: tuple[Section, ...]


def cited_in_by_key(
    cited_by_page: Mapping[str, Sequence[CitedWork]],
    titles: Mapping[str, str],
    reading_order: Iterable[str],
) -> dict[str, list[CitingPage]]:
    """For every cited key, the pages citing it in reading order, each with its sections once.

    Sections come in the order the work is first cited in them.
    """
    sections_by_key: dict[str, dict[str, dict[Section, None]]] = {}
    for page in reading_order:
        for work in cited_by_page.get(page, ()):
            sections = sections_by_key.setdefault(work.key, {}).setdefault(page, {})
            if work.section_id is not None:
                sections[Section(work.section_id, work.section_title or work.section_id)] = None
    return {
        key: [CitingPage(page, titles[page], tuple(sections)) for page, sections in pages.items()]
        for key, pages in sections_by_key.items()
    }
