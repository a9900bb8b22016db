"""Where each work is cited across the site, for the references page's "Cited in" lists.

Collected early (each page reports its citations as it renders) and resolved
late (once every page exists), in reading order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from .report import CitedWork


@dataclass(frozen=True)
class Citing:
    """A place that cites a work: a page, and the section of it (None: the page as a whole)."""

    page: str
    page_title: str
    section_id: str | None
    section_title: str | None


def cited_in_by_key(
    cited_by_page: Mapping[str, Sequence[CitedWork]],
    titles: Mapping[str, str],
    reading_order: Iterable[str],
) -> dict[str, list[Citing]]:
    """For every cited key, each page and section citing it once, in reading order.

    Within a page, sections come in the order the work is first cited there;
    a work cited ten times in one section is listed once for it.
    """
    result: dict[str, list[Citing]] = {}
    for page in reading_order:
        for work in cited_by_page.get(page, ()):
            citing = Citing(page, titles[page], work.section_id, work.section_title)
            places = result.setdefault(work.key, [])
            if citing not in places:
                places.append(citing)
    return result
