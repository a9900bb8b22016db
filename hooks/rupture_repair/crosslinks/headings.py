"""Headings of a Markdown page and the ids the toc extension will give them.

Read from the source before pages render, so ``[[page#heading]]`` can be checked
and labelled while its own page is parsed. Ids follow Python-Markdown's toc:
an explicit ``{ #id }`` wins, otherwise ``slugify`` made unique with ``_1``.
MkDocs then checks every anchor in the built site, which catches any drift.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markdown.extensions.toc import slugify, unique

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_RE = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ATTR_RE = re.compile(r"\{:?([^}]*)\}\s*$")
_ATTR_ID_RE = re.compile(r"(?:^|\s)#([\w-]+)")
_INLINE_MARKUP_RE = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


@dataclass(frozen=True)
class Heading:
    level: int
    id: str
    title: str


def headings_of(markdown: str) -> tuple[Heading, ...]:
    """ATX headings outside fenced code, with their toc ids and plain titles."""
    found: list[Heading] = []
    used: set[str] = set()
    fence: str | None = None
    for line in markdown.splitlines():
        opening = _FENCE_RE.match(line)
        if opening:
            marker = opening.group(1)
            if fence is None:
                fence = marker
            elif marker[0] == fence[0] and len(marker) >= len(fence):
                fence = None
            continue
        if fence is not None:
            continue
        match = _ATX_RE.match(line)
        if not match:
            continue
        text = match.group(2)
        explicit = None
        attrs = _ATTR_RE.search(text)
        if attrs:
            text = text[: attrs.start()].rstrip()
            id_match = _ATTR_ID_RE.search(attrs.group(1))
            explicit = id_match.group(1) if id_match else None
        title = _INLINE_MARKUP_RE.sub(lambda m: m.group(1) or "", text).strip()
        heading_id = explicit or unique(slugify(title, "-"), used)
        used.add(heading_id)
        found.append(Heading(len(match.group(1)), heading_id, title))
    return tuple(found)
