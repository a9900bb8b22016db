"""Data blocks: a line ``<!-- rr:NAME -->`` in a page becomes Markdown made from data.

Authors keep the words of a page and the build fills in what comes from a data
file (crisis lines, later lists collected from other pages). A marker with an
unknown name is reported, never dropped, so a typo cannot hide a help number.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

MARKER = re.compile(r"^\s*<!--\s*rr:(?P<name>[\w-]+)\s*-->\s*$")

BlockRenderer = Callable[[], str]


@dataclass(frozen=True)
class UnknownBlock:
    """A marker naming no known block, with its line in the Markdown given to the parser."""

    name: str
    line: int


class _DataBlockPreprocessor(Preprocessor):
    def __init__(self, md: Markdown, extension: DataBlockExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        in_fence = None
        for number, line in enumerate(lines, start=1):
            fence = re.match(r"^\s*(`{3,}|~{3,})", line)
            if fence:
                marker = fence.group(1)[0]
                in_fence = None if in_fence == marker else (in_fence or marker)
            match = None if in_fence else MARKER.match(line)
            if not match:
                out.append(line)
                continue
            render = self.extension.renderers.get(match["name"])
            if render is None:
                self.extension.unknown.append(UnknownBlock(match["name"], number))
                out.append(line)
                continue
            out += ["", *render().splitlines(), ""]
        return out


class DataBlockExtension(Extension):
    """Replace ``<!-- rr:NAME -->`` lines with the Markdown that ``renderers[NAME]()`` returns."""

    def __init__(self, renderers: Mapping[str, BlockRenderer], **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.renderers = dict(renderers)
        self.unknown: list[UnknownBlock] = []

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        # Before raw HTML blocks are stashed (priority 20), so the marker is still text.
        md.preprocessors.register(_DataBlockPreprocessor(md, self), "rr_data_blocks", 25)

    def take_unknown(self) -> list[UnknownBlock]:
        """Unknown markers seen since the last call (one page's worth, when called per page)."""
        unknown, self.unknown = self.unknown, []
        return unknown
