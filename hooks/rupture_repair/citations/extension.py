"""Python-Markdown extension turning [@key] and @key into APA author–date citation links."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from typing import Any, Iterator

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

from . import render
from .records import Bibliography, suggest_key
from .report import CitationProblem, CitationReport, CitedWork
from .syntax import BRACKET, NARRATIVE, parse_bracket

# Text inside these is never a citation: code, existing links, scripts.
SKIP_TAGS = frozenset({"code", "pre", "kbd", "samp", "a", "script", "style", "math", "svg"})
HEADING = re.compile(r"h[1-6]\Z")
# After toc and MkDocs' anchor extraction (5), so headings have their final ids;
# before the glossary's term links (4), so no term link splits a citation; and
# before MkDocs rewrites and validates relative links (relpath, 0).
PRIORITY = 4.5
_ANY_CITATION = re.compile(BRACKET.pattern + "|" + NARRATIVE.pattern)


class _Page:
    """Per-page state: where links point, what was cited, what was wrong."""

    def __init__(self, references_url: str) -> None:
        self.references_url = references_url
        self.cited: list[CitedWork] = []
        self.problems: list[CitationProblem] = []


class CitationExtension(Extension):
    """Citations against one Bibliography; the hook calls begin_page/end_page around each page."""

    def __init__(self, bibliography: Bibliography, **kwargs: Any) -> None:
        self.bibliography = bibliography
        super().__init__(**kwargs)
        self._page = _Page("references/")

    def begin_page(self, references_url: str = "references/") -> None:
        """Start a page: its links will point at ``references_url`` + "#ref-KEY"."""
        self._page = _Page(references_url)

    def end_page(self) -> CitationReport:
        """Finish a page: what it cited, in order, and its citation problems."""
        page, self._page = self._page, _Page(self._page.references_url)
        return CitationReport(tuple(page.cited), tuple(page.problems))

    def extendMarkdown(self, md: Markdown) -> None:
        """Register the citation treeprocessor, and make "\\@" an escape for a literal "@"."""
        if "@" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("@")
        md.treeprocessors.register(CitationTreeprocessor(md, self), "rr_citations", PRIORITY)

    # Used by the treeprocessor ------------------------------------------------

    def _unknown(self, text: str, key: str) -> None:
        suggestion = suggest_key(self.bibliography, key)
        hint = f"; did you mean '{suggestion}'?" if suggestion else f"; add it to {self.bibliography.path}"
        self._page.problems.append(CitationProblem(
            text, f"unknown citation key '{key}' in '{text}'{hint}"))

    def _record(self, key: str, section: tuple[str | None, str | None]) -> None:
        self._page.cited.append(CitedWork(key, *section))

    def expand(
        self, text: str, section: tuple[str | None, str | None], follows_element: bool = False
    ) -> list[render.Piece] | None:
        """Text split into plain strings and citation links, or None when it has no citation.

        ``follows_element``: the text is a tail, so its start is not the start of
        a text run ("`x`@key" is not a narrative citation).
        """
        pieces: list[render.Piece] = []
        position = 0
        for match in _ANY_CITATION.finditer(text):
            if follows_element and match.start() == 0 and match.group(0).startswith("@"):
                continue
            replacement = self._replace(match, section)
            if replacement is None:
                continue
            pieces.append(text[position:match.start()])
            pieces.extend(replacement)
            position = match.end()
        if not pieces:
            return None
        pieces.append(text[position:])
        return pieces

    def _replace(
        self, match: re.Match[str], section: tuple[str | None, str | None]
    ) -> list[render.Piece] | None:
        """Links for one citation, or None (and maybe a problem) to leave it as written."""
        written = match.group(0)
        url = self._page.references_url
        if written.startswith("["):
            items, error = parse_bracket(written)
            if error:
                self._page.problems.append(CitationProblem(
                    written, f"malformed citation '{written}': {error}"))
                return None
            unknown = [item.key for item in items if item.key not in self.bibliography]
            for key in unknown:
                self._unknown(written, key)
            if unknown:
                return None
            for item in items:
                self._record(item.key, section)
            cited = [(item, self.bibliography[item.key]) for item in items]
            return render.parenthetical(cited, url)
        key = written[1:]
        reference = self.bibliography.get(key)
        if reference is None:
            self._unknown(written, key)
            return None
        self._record(key, section)
        return render.narrative(reference, url)


def _heading_titles(md: Markdown) -> dict[str, str]:
    """Heading id -> plain-text title, from toc's tokens when toc ran."""
    titles: dict[str, str] = {}

    def walk(tokens: list[dict[str, Any]]) -> None:
        for token in tokens:
            titles[token["id"]] = html.unescape(token["name"])
            walk(token.get("children", []))

    walk(getattr(md, "toc_tokens", []) or [])
    return titles


def _plain_text(element: etree.Element) -> str:
    """Text of a heading without toc's permalink anchor."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if not (child.tag == "a" and "headerlink" in (child.get("class") or "")):
            parts.append(_plain_text(child))
        parts.append(child.tail or "")
    return "".join(parts).strip()


class CitationTreeprocessor(Treeprocessor):
    """Walk the page in document order, replacing citations outside code and links."""

    def __init__(self, md: Markdown, extension: CitationExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.section: tuple[str | None, str | None] = (None, None)
        self.titles: dict[str, str] = {}

    def run(self, root: etree.Element) -> None:
        self.section = (None, None)
        self.titles = _heading_titles(self.md)
        self._visit(root)

    def _visit(self, element: etree.Element) -> None:
        if isinstance(element.tag, str) and HEADING.match(element.tag):
            heading_id = element.get("id")
            self.section = (heading_id, self.titles.get(heading_id or "") or _plain_text(element))
        if element.tag in SKIP_TAGS:
            return
        children = list(element)
        new = self._expand(element.text, follows_element=False)
        if new is not None:
            element.text = new[0]
            for offset, node in enumerate(new[1:]):
                element.insert(offset, node)
        for child in children:
            self._visit(child)
            tail = self._expand(child.tail, follows_element=True)
            if tail is not None:
                child.tail = tail[0]
                at = list(element).index(child) + 1
                for offset, node in enumerate(tail[1:]):
                    element.insert(at + offset, node)

    def _expand(self, text: str | None, follows_element: bool) -> list[Any] | None:
        """[text before first link, link1 (tail set), link2, …] or None when unchanged."""
        if not text or isinstance(text, AtomicString) or ("@" not in text):
            return None
        pieces = self.extension.expand(text, self.section, follows_element)
        if pieces is None:
            return None
        return list(_attach_tails(pieces))


def _attach_tails(pieces: list[render.Piece]) -> Iterator[Any]:
    """Fold strings into the preceding element's tail: [lead, el(tail=…), el(tail=…)]."""
    lead = ""
    last: etree.Element | None = None
    out: list[Any] = []
    for piece in pieces:
        if isinstance(piece, str):
            if last is None:
                lead += piece
            else:
                last.tail = (last.tail or "") + piece
        else:
            last = piece
            out.append(piece)
    yield lead
    yield from out


def makeExtension(**kwargs: Any) -> CitationExtension:  # noqa: N802 (Markdown's API name)
    """Entry point Markdown uses for a string extension name; needs ``bibliography=``."""
    return CitationExtension(**kwargs)
