"""Build citation markup as ElementTree nodes, so every piece of text is escaped on output."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import Sequence, Union

from markdown.util import AtomicString

from .records import Reference
from .syntax import CiteItem

Piece = Union[str, etree.Element]


def cite_link(reference: Reference, text: str, references_url: str) -> etree.Element:
    """<a class="rr-cite" href="…#ref-KEY" aria-describedby="rr-ref-KEY">text</a>."""
    link = etree.Element("a", {
        "class": "rr-cite",
        "href": f"{references_url}#ref-{reference.key}",
        "aria-describedby": f"rr-ref-{reference.key}",
    })
    link.text = AtomicString(text)
    return link


def narrative(reference: Reference, references_url: str) -> list[Piece]:
    """"Bordin (1979)", all of it one link."""
    return [cite_link(reference, reference.narrative, references_url)]


def parenthetical(
    cited: Sequence[tuple[CiteItem, Reference]], references_url: str
) -> list[Piece]:
    """"(Bordin, 1979; Safran & Muran, 1996, 2000, p. 108)": works in reference-list order.

    Consecutive works by the same authors share one author part (APA 8.12),
    unless the earlier one has a locator ("1996, p. 3, 2000" would mislead).
    Each work's link holds "Authors, year" or, when sharing, just its year.
    """
    ordered = sorted(cited, key=lambda pair: pair[1].sort_key)
    pieces: list[Piece] = ["("]
    previous: tuple[CiteItem, Reference] | None = None
    for item, reference in ordered:
        shares_authors = (
            previous is not None
            and not previous[0].locator
            and previous[1].author_parenthetical == reference.author_parenthetical
        )
        if shares_authors:
            pieces += [", ", cite_link(reference, reference.year, references_url)]
        else:
            if previous is not None:
                pieces.append("; ")
            pieces.append(cite_link(reference, reference.parenthetical, references_url))
        if item.locator:
            pieces.append(f", {item.locator}")
        previous = (item, reference)
    pieces.append(")")
    return pieces
