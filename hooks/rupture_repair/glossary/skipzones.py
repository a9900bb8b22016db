"""Where glossary links must never go: code, headings, links, titles, opted-out text, raw HTML.

Two views of the same rules: ``is_skip_zone`` for elements of Python-Markdown's
tree, and ``RawHtmlTags`` for raw inline HTML, which Python-Markdown keeps as
stash placeholders around ordinary text (``<span class="no-glossary">`` becomes
a placeholder, then the text "rupture", then another placeholder for ``</span>``).
"""

from __future__ import annotations

from collections.abc import Mapping
from html.parser import HTMLParser

SKIP_TAGS = frozenset(
    {
        "a", "abbr", "button", "code", "kbd", "label", "math", "pre", "samp", "script",
        "select", "style", "summary", "svg", "template", "textarea",
        "h1", "h2", "h3", "h4", "h5", "h6",
    }
)  # fmt: skip
"""Elements whose text is code, a link, a control, a title or a heading."""

SKIP_CLASSES = frozenset({"no-glossary", "rr-term", "admonition-title", "headerlink"})
"""Classes that mark an opt-out, an existing term link, or a title."""

HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

_VOID_TAGS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


def is_skip_zone(tag: str, attrib: Mapping[str, str | None]) -> bool:
    """Say whether nothing inside an element with this tag and these attributes may be linked."""
    if tag.lower() in SKIP_TAGS:
        return True
    if (attrib.get("data-glossary") or "").strip().lower() == "off":
        return True
    classes = (attrib.get("class") or "").split()
    return not SKIP_CLASSES.isdisjoint(classes)


class RawHtmlTags:
    """Follows raw inline HTML tags in document order, to know whether text is inside a skip zone."""

    def __init__(self) -> None:
        self._open: list[tuple[str, bool]] = []  # (tag, opens a skip zone)
        self._parser = _TagParser(self._open)

    @property
    def skipping(self) -> bool:
        """True while some open raw tag is a skip zone."""
        return any(skip for _, skip in self._open)

    def feed(self, html: str) -> None:
        """Take one stashed raw HTML snippet (e.g. ``<span class="no-glossary">`` or ``</span>``)."""
        self._parser.feed(html)
        self._parser.close()
        self._parser.reset()

    def depth(self) -> int:
        """Return how many raw tags are open, to restore later."""
        return len(self._open)

    def restore(self, depth: int) -> None:
        """Forget raw tags opened inside an element once it ends, so an unclosed tag cannot leak."""
        del self._open[depth:]


class _TagParser(HTMLParser):
    """Turns start and end tags into pushes and pops on a shared stack."""

    def __init__(self, stack: list[tuple[str, bool]]) -> None:
        super().__init__(convert_charrefs=False)
        self._stack = stack

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _VOID_TAGS:
            self._stack.append((tag, is_skip_zone(tag, dict(attrs))))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """A self-closed tag opens nothing."""

    def handle_endtag(self, tag: str) -> None:
        for position in range(len(self._stack) - 1, -1, -1):
            if self._stack[position][0] == tag:
                del self._stack[position:]
                return
