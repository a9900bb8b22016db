"""The order the book is read in, which every generated list (Appears in, Cited in, Linked from) follows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence


def reading_order(in_nav: Sequence[str], all_pages: Iterable[str]) -> list[str]:
    """Pages in nav order, then any page not in the nav, A-Z by path."""
    listed = set(in_nav)
    return [*in_nav, *sorted(page for page in all_pages if page not in listed)]
