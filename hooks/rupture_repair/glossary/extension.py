"""Python-Markdown extension that links the first mention of each glossary term on a page.

Use (the MkDocs hooks do this)::

    ext = TermLinkExtension(TermMatcher.from_glossary(glossary))   # once, at on_config
    config.markdown_extensions.append(ext)
    ext.begin_page(glossary_url="../glossary.md", enabled=True)      # before a page renders
    ...                                                              # MkDocs renders the page
    mentions = ext.end_page()                                        # after: list[TermMention]

MkDocs builds a new ``markdown.Markdown`` per page but reuses this extension, so
page settings live on the extension between ``begin_page`` and ``end_page``
(which returns the mentions and resets them), and everything else about a page
(which terms are linked, the current section) lives in one tree walk. There is
deliberately no ``reset()``: ``Markdown.__init__`` calls it, which would wipe the
settings ``begin_page`` has just made.

Each linked mention becomes::

    <a class="rr-term" href="{glossary_url}#{id}" data-term="{id}"
       aria-describedby="rr-def-{id}">{text as written}</a>

The tree processor runs at priority 4: after ``attr_list`` (8) and ``toc`` (5),
so heading ids exist, and before MkDocs' ``relpath`` (0), which therefore
rewrites and checks ``href`` like any author link. It also works without toc.
"""

from __future__ import annotations

import copy
import html
import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.extensions.toc import render_inner_html, strip_tags
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .matcher import TermMatcher
from .skipzones import HEADING_TAGS, RawHtmlTags, is_skip_zone

NEVER_LINK = ""
"""The id of names the matcher should find but never link, e.g. "Rupture & Repair" (not the term "rupture")."""

PRIORITY = 4
"""After attr_list (8) and toc (5), before MkDocs' relpath (0) and unescape (0)."""

_PLACEHOLDER_RE = re.compile("\x02([^\x02\x03]*)\x03")  # stashed HTML or a backslash escape
_STASH_KEY_RE = re.compile(r"wzxhzdk:(\d+)")


@dataclass(frozen=True)
class TermMention:
    """A term linked on a page, and the section it is in (for the page's definition list)."""

    term_id: str
    surface: str
    section_id: str | None
    section_title: str | None


@dataclass
class _PageSettings:
    """What the hook set for the page being rendered, and what has been found on it so far."""

    glossary_url: str = "glossary/"
    enabled: bool = True
    mentions: list[TermMention] = field(default_factory=list)


class TermLinkExtension(Extension):
    """Links first mentions of glossary terms; the hook brackets each page with begin/end_page."""

    def __init__(self, matcher: TermMatcher, **kwargs: object) -> None:
        self.matcher = matcher
        self.page = _PageSettings()
        super().__init__(**kwargs)

    def begin_page(self, glossary_url: str = "glossary/", enabled: bool = True) -> None:
        """Set up the next page: where the glossary is from it, and whether to link at all."""
        self.page = _PageSettings(glossary_url=glossary_url, enabled=enabled)

    def end_page(self) -> list[TermMention]:
        """Return the terms linked since ``begin_page``, in page order, and reset to defaults."""
        mentions = self.page.mentions
        self.page = _PageSettings()
        return mentions

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        """Register the tree processor on this page's Markdown instance."""
        md.treeprocessors.register(TermLinkTreeprocessor(md, self), "rr_glossary_terms", PRIORITY)


class TermLinkTreeprocessor(Treeprocessor):
    """Walks one page's tree and links first mentions outside skip zones."""

    def __init__(self, md: markdown.Markdown, extension: TermLinkExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        if page.enabled:
            _PageWalk(self.md, self.extension.matcher, page).element(root)


class _PageWalk:
    """One pass over a page in document order: tracks the section, raw HTML and terms already linked."""

    def __init__(self, md: markdown.Markdown, matcher: TermMatcher, page: _PageSettings) -> None:
        self.md = md
        self.matcher = matcher
        self.page = page
        self.linked: set[str] = set()
        self.raw = RawHtmlTags()
        self.heading: etree.Element | None = None
        self.section: tuple[str | None, str | None] | None = (None, None)  # None: not worked out yet

    def element(self, parent: etree.Element) -> None:
        """Link inside ``parent`` (not a skip zone): its text, its children, and their tails."""
        depth = self.raw.depth()
        position = 0
        linked = self._link(parent.text)
        if linked is not None:
            parent.text, anchors = linked
            for anchor in anchors:
                parent.insert(position, anchor)
                position += 1
        for child in list(parent):
            self._child(child)
            position += 1
            linked = self._link(child.tail)
            if linked is not None:
                child.tail, anchors = linked
                for anchor in anchors:
                    parent.insert(position, anchor)
                    position += 1
        self.raw.restore(depth)

    def _child(self, child: etree.Element) -> None:
        """Descend into a child, or only note the headings in it if nothing there may be linked."""
        if not isinstance(child.tag, str):  # comments, processing instructions
            return
        if child.tag in HEADING_TAGS:
            self._enter_section(child)
        elif is_skip_zone(child.tag, child.attrib):
            for inner in child.iter():
                if inner.tag in HEADING_TAGS:
                    self._enter_section(inner)
        else:
            self.element(child)

    def _enter_section(self, heading: etree.Element) -> None:
        """Remember the heading; its title is worked out only if a term is linked under it."""
        self.heading = heading
        self.section = None

    def _current_section(self) -> tuple[str | None, str | None]:
        """Return (id, title) of the nearest heading above, or (None, None); titles are computed once."""
        if self.section is None:
            heading = self.heading
            if heading is None:
                self.section = (None, None)
            else:
                self.section = (heading.get("id"), _heading_title(heading, self.md))
        return self.section

    def _link(self, text: str | None) -> tuple[str, list[etree.Element]] | None:
        """Split ``text`` around new links: (text before the first, links with tails), or None if none."""
        if not text:
            return None
        if isinstance(text, AtomicString):
            return None  # Python-Markdown marked it raw (e.g. markdown="0" blocks, math)
        before: list[str] = []
        anchors: list[etree.Element] = []
        last = 0
        for placeholder in _PLACEHOLDER_RE.finditer(text):
            self._link_plain(text[last : placeholder.start()], before, anchors)
            self._append(placeholder.group(), before, anchors)
            self._follow_raw_html(placeholder.group(1))
            last = placeholder.end()
        self._link_plain(text[last:], before, anchors)
        if not anchors:
            return None
        return "".join(before), anchors

    def _link_plain(self, text: str, before: list[str], anchors: list[etree.Element]) -> None:
        """Link first mentions in text that holds no placeholders, appending pieces in order."""
        if not text:
            return
        if self.raw.skipping:
            self._append(text, before, anchors)
            return
        last = 0
        for match in self.matcher.find(text):
            if match.term_id in self.linked or match.term_id == NEVER_LINK:
                continue  # a later mention, or a phrase that must stay text (the site's own name)
            self.linked.add(match.term_id)
            self._append(text[last : match.start], before, anchors)
            anchors.append(self._anchor(match.term_id, match.surface))
            last = match.end
        self._append(text[last:], before, anchors)

    @staticmethod
    def _append(text: str, before: list[str], anchors: list[etree.Element]) -> None:
        """Add text after the last new link (as its tail), or before any link."""
        if not text:
            return
        if anchors:
            anchors[-1].tail = (anchors[-1].tail or "") + text
        else:
            before.append(text)

    def _anchor(self, term_id: str, surface: str) -> etree.Element:
        """Make the link for one mention and record the mention."""
        section_id, section_title = self._current_section()
        self.page.mentions.append(TermMention(term_id, surface, section_id, section_title))
        anchor = etree.Element("a")
        anchor.set("class", "rr-term")
        anchor.set("href", f"{self.page.glossary_url}#{term_id}")
        anchor.set("data-term", term_id)
        anchor.set("aria-describedby", f"rr-def-{term_id}")
        anchor.text = AtomicString(surface)
        return anchor

    def _follow_raw_html(self, placeholder: str) -> None:
        """Feed a stashed raw HTML snippet to the raw tag tracker (escapes are not HTML)."""
        key = _STASH_KEY_RE.fullmatch(placeholder)
        if key is None:
            return
        blocks = self.md.htmlStash.rawHtmlBlocks
        index = int(key.group(1))
        if index < len(blocks) and isinstance(blocks[index], str):
            self.raw.feed(blocks[index])


def _heading_title(heading: etree.Element, md: markdown.Markdown) -> str | None:
    """Return a heading's plain text as readers see it (unescaped), without a permalink."""
    heading = copy.deepcopy(heading)
    for parent in list(heading.iter()):
        for child in list(parent):
            if "headerlink" in (child.get("class") or "").split():
                parent.remove(child)
    heading.tail = None
    return html.unescape(strip_tags(render_inner_html(heading, md))) or None


def makeExtension(**kwargs: object) -> TermLinkExtension:  # noqa: N802 (Python-Markdown's name)
    """Let Python-Markdown build the extension by name; ``matcher=`` is still required."""
    return TermLinkExtension(**kwargs)  # type: ignore[arg-type]
