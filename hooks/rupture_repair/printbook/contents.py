"""The book's table of contents: chapters grouped by the site's sections, with page numbers.

Chromium does not support CSS ``target-counter()``, so page numbers come from a
first printing: ``chapter_start_pages`` reads each PDF page's text (pdftotext)
and finds where each chapter starts; each chapter starts on a new page with its
title, and the chapters are in order, so the search moves forward only.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class ContentsEntry:
    """A chapter in the table of contents."""

    title: str
    anchor: str
    part: str | None = None
    """The section of the site's navigation the chapter stands in (None: at the top level)."""
    page_number: int | None = None


@dataclass(frozen=True)
class ContentsPart:
    """Consecutive chapters of one section (``title`` None: chapters outside any section)."""

    title: str | None
    entries: tuple[ContentsEntry, ...]


def group_contents(entries: Iterable[ContentsEntry]) -> list[ContentsPart]:
    """Consecutive entries of the same part, together, in order."""
    parts: list[ContentsPart] = []
    for entry in entries:
        if parts and parts[-1].title == entry.part:
            parts[-1] = ContentsPart(entry.part, (*parts[-1].entries, entry))
        else:
            parts.append(ContentsPart(entry.part, (entry,)))
    return parts


def chapter_start_pages(page_texts: Sequence[str], headings: Sequence[str], skip_pages: int = 0) -> list[int | None]:
    """The page number (1-based) each chapter starts on, from the text of each PDF page.

    A chapter starts on the first page, after the previous chapter's, whose text begins
    with the chapter's heading. ``skip_pages`` leaves out the cover and the contents' first
    page (which begins with the first chapter's title too). None: not found.
    """
    pages = [_words(text) for text in page_texts]
    found: list[int | None] = []
    index = skip_pages
    for heading in headings:
        wanted = _words(heading)
        match = next((i for i in range(index, len(pages)) if wanted and pages[i].startswith(wanted)), None)
        found.append(None if match is None else match + 1)
        if match is not None:
            index = match + 1
    return found


def _words(text: str) -> str:
    """Text compared as words: ligatures and wide forms unfolded (NFKC), whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFKC", text).split())
