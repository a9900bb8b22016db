"""Where generated sections (Key terms, References, ...) go in a page's table of contents."""

from __future__ import annotations

from typing import Protocol


class TocItem(Protocol):
    level: int
    children: list


def section_list(items: list) -> list:
    """The list new h2 sections belong in: under the page's h1 when it has one, as Material shows it."""
    if len(items) == 1 and items[0].level == 1:
        return items[0].children
    return items


def title_id(items: list) -> str | None:
    """The id of the page's own h1, if the page starts with one: a mention under it is "on the page"."""
    return items[0].id if items and items[0].level == 1 else None
