"""Wiki-links: ``[[page]]``, ``[[page#heading]]``, ``[[page|label]]``, ``[[page#heading|label]]``.

A wiki-link becomes an ordinary link between source files (``../repair/how.md#x``),
so MkDocs turns it into the right URL for either flavour of the site and checks it
like any other link; the label defaults to the page's title or the heading's text.
"""

from __future__ import annotations

import difflib
import posixpath
import re
from dataclasses import dataclass

from .pages import PageIndex

INNER_RE = re.compile(r"^(?P<page>[^#|]*)(?:#(?P<heading>[^|]*))?(?:\|(?P<label>.*))?$")
_NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


@dataclass(frozen=True)
class ResolvedLink:
    href: str
    label: str
    target_src: str
    heading_id: str | None


class WikiLinkError(ValueError):
    """A wiki-link that cannot be resolved; the message says why and how to fix it."""


def resolve_wikilink(inner: str, index: PageIndex, current_src: str) -> ResolvedLink:
    """Resolve the text between ``[[`` and ``]]`` on the page ``current_src``."""
    match = INNER_RE.match(inner.strip())
    if not match or inner.count("|") > 1 or inner.count("#") > 1:
        raise WikiLinkError(f"malformed wiki-link '[[{inner}]]'; write [[page]], [[page#heading]] or [[page|label]]")
    name = match["page"].strip()
    heading = match["heading"].strip() if match["heading"] is not None else None
    label = match["label"].strip() if match["label"] is not None else None
    if label == "" or heading == "" or (not name and not heading) or (name and not _NAME_RE.match(name)):
        raise WikiLinkError(f"malformed wiki-link '[[{inner}]]'; write [[page]], [[page#heading]] or [[page|label]]")
    if name and name in index.ambiguous:
        raise WikiLinkError(f"ambiguous page '{name}': {', '.join(index.ambiguous[name])}; rename one of the files")
    target = index.get(name) if name else index.by_src(current_src)
    if target is None:
        hint = index.suggest(name)
        raise WikiLinkError(f"unknown page '{name}'" + (f" (did you mean '{hint}'?)" if hint else "")
                            + "; a wiki-link names a page by its file name without '.md'")
    if heading is None:
        return ResolvedLink(_relative(target.src_uri, current_src), label or target.title, target.src_uri, None)
    found = target.heading(heading)
    if found is None:
        ids = [h.id for h in target.headings]
        close = difflib.get_close_matches(heading, ids, n=1)
        raise WikiLinkError(f"unknown heading '{heading}' in page '{target.name}'"
                            + (f" (did you mean '{close[0]}'?)" if close else "")
                            + "; use the heading's id, its words in lowercase joined by '-'")
    href = _relative(target.src_uri, current_src) if target.src_uri != current_src else ""
    return ResolvedLink(f"{href}#{found.id}", label or found.title, target.src_uri, found.id)


def _relative(target_src: str, current_src: str) -> str:
    return posixpath.relpath(target_src, posixpath.dirname(current_src) or ".")
