"""Python-Markdown extension: resolve wiki-links, and note every link a page makes.

Per page, the hook calls ``begin_page(src_uri)`` before rendering and reads
``end_page()`` after it: the wiki-link problems (with the text as written, for
the hook to find its line) and every link to another page with the section it
stands in (for "Linked from"). Wiki-links inside code are never seen: code is
stashed before inline patterns run.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

import markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from .pages import PageIndex
from .wikilinks import WikiLinkError, resolve_wikilink

WIKILINK_PATTERN = r"\[\[([^\[\]\n]*)\]\]"
UNCLOSED_PATTERN = r"\[\[(?![^\[\]\n]*\]\])"
# Before reference links (170) so "[[x]]" is never read as "[x]"; after code spans (190) and escapes (180).
WIKILINK_PRIORITY = 175
# After toc (5) has given headings their ids, before MkDocs rewrites links (0).
COLLECTOR_PRIORITY = 3

_HEADING_RE = re.compile(r"^h[1-6]$")
_PLACEHOLDER_RE = re.compile("\x02[^\x03]*\x03[a-z]*;?|¶")
_NOT_PAGE_LINKS = {"rr-term", "rr-cite", "rr-badge", "headerlink"}


@dataclass(frozen=True)
class LinkRecord:
    """A link on a page as written in the source (relative to the page's file), and its section."""

    href: str
    section_id: str | None
    section_title: str | None


@dataclass(frozen=True)
class WikiLinkProblem:
    text: str
    message: str


@dataclass
class PageReport:
    links: list[LinkRecord] = field(default_factory=list)
    problems: list[WikiLinkProblem] = field(default_factory=list)


class WikiLinkExtension(Extension):
    """Wiki-links resolved against a PageIndex the hook fills in before pages render."""

    def __init__(self, index: PageIndex | None = None, **kwargs: object) -> None:
        self.index = index or PageIndex()
        self.current_src = ""
        self.report = PageReport()
        super().__init__(**kwargs)

    def begin_page(self, src_uri: str) -> None:
        self.current_src = src_uri
        self.report = PageReport()

    def end_page(self) -> PageReport:
        report, self.report = self.report, PageReport()
        return report

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.inlinePatterns.register(_WikiLinkProcessor(WIKILINK_PATTERN, self), "rr_wikilink", WIKILINK_PRIORITY)
        md.inlinePatterns.register(_UnclosedProcessor(UNCLOSED_PATTERN, self), "rr_wikilink_unclosed",
                                   WIKILINK_PRIORITY - 0.5)
        md.treeprocessors.register(_LinkCollector(md, self), "rr_link_collector", COLLECTOR_PRIORITY)


class _WikiLinkProcessor(InlineProcessor):
    def __init__(self, pattern: str, extension: WikiLinkExtension) -> None:
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element | str, int, int]:  # noqa: N802
        try:
            link = resolve_wikilink(m.group(1), self.extension.index, self.extension.current_src)
        except WikiLinkError as error:
            self.extension.report.problems.append(WikiLinkProblem(m.group(0), str(error)))
            return m.group(0), m.start(0), m.end(0)
        element = etree.Element("a", {"href": link.href, "class": "rr-wikilink"})
        element.text = AtomicString(link.label)
        return element, m.start(0), m.end(0)


class _UnclosedProcessor(InlineProcessor):
    def __init__(self, pattern: str, extension: WikiLinkExtension) -> None:
        super().__init__(pattern)
        self.extension = extension

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # noqa: N802
        rest = re.match(r"[^\s\x02]*", data[m.end(0):]).group(0)  # up to a space or a stashed element
        snippet = (m.group(0) + rest)[:40]
        self.extension.report.problems.append(
            WikiLinkProblem(snippet, f"malformed wiki-link '{snippet}': '[[' is never closed with ']]' on its line")
        )
        return m.group(0), m.start(0), m.end(0)


class _LinkCollector(Treeprocessor):
    """Every link to another page, with the heading it stands under, in document order."""

    def __init__(self, md: markdown.Markdown, extension: WikiLinkExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        titles = _toc_titles(getattr(self.md, "toc_tokens", []))
        section: list[tuple[str | None, str | None]] = [(None, None)]
        for element in root.iter():
            if _HEADING_RE.match(element.tag):
                heading_id = element.get("id")
                text = titles.get(heading_id) if heading_id else None
                section[0] = (heading_id, text or _PLACEHOLDER_RE.sub("", "".join(element.itertext())).strip())
            elif element.tag == "a" and element.get("href"):
                classes = set((element.get("class") or "").split())
                href = element.get("href", "")
                if classes & _NOT_PAGE_LINKS or href.startswith("#") or ":" in href.split("/")[0]:
                    continue
                self.extension.report.links.append(LinkRecord(href, *section[0]))


def _toc_titles(tokens: list[dict]) -> dict[str, str]:
    """Heading id -> plain title, as the toc extension computed them (permalinks and markup removed)."""
    titles: dict[str, str] = {}
    for token in tokens:
        titles[token["id"]] = token["name"]
        titles.update(_toc_titles(token.get("children", [])))
    return titles
