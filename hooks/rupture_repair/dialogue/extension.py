"""Python-Markdown extension: the ``/// dialogue`` block (pymdown-extensions' generic blocks).

Use (the MkDocs hook does this)::

    ext = DialogueExtension(vocabulary)                   # once, at on_config
    config.markdown_extensions.append(ext)
    ext.begin_page(glossary_url="../glossary.md")         # before a page renders
    ...                                                   # MkDocs renders the page
    report = ext.end_page()                               # after: DialogueReport

MkDocs builds a new ``markdown.Markdown`` per page but reuses this extension, so
page settings and findings live on the extension between ``begin_page`` and
``end_page``. The block takes its lines raw, reads them with ``syntax.py`` and
builds the transcript while the page is parsed, so inline Markdown in turns
(emphasis, links, citations, wiki-links) is rendered afterwards like any text::

    <figure class="rr-dialogue">
      <figcaption>{title}</figcaption>
      <ol class="rr-dialogue__turns" data-glossary="off">
        <li class="rr-turn" data-speaker="client"><span class="rr-turn__speaker">Client<span
            class="rr-visually-hidden">:</span></span> <span class="rr-turn__text">{words}</span>
          <span class="rr-turn__tags"><a class="rr-badge rr-badge--withdrawal"
            href="{glossary_url}#withdrawal-rupture" aria-describedby="rr-tag-minimal-response"><span
            class="rr-visually-hidden">withdrawal marker: </span>minimal response</a></span></li>

Badge links are source paths (``../glossary.md#...``): MkDocs rewrites them for
either flavour and checks their anchors. Glossary terms are not linked inside
turns (``data-glossary="off"``): the badges annotate the speech.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field
from typing import Any

import markdown
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pymdownx.blocks import BlocksExtension, BlocksProcessor
from pymdownx.blocks.block import Block

from ..glossary.model import slug_from_term
from .model import DialogueTag, TagVocabulary
from .syntax import DialogueProblem, Turn, parse_dialogue

UNCLOSED_PRIORITY = 21
"""Before inline processing (20): a block never closed is still turned into turns, and reported."""


@dataclass(frozen=True)
class DialogueReport:
    """What one page's dialogue blocks held: how many, the tags used (first use first), the problems."""

    blocks: int = 0
    tags: tuple[DialogueTag, ...] = ()
    problems: tuple[DialogueProblem, ...] = ()


@dataclass
class _PageState:
    """What the hook set for the page being rendered, and what has been found on it so far."""

    glossary_url: str = "glossary.md"
    blocks: int = 0
    tags: dict[str, DialogueTag] = field(default_factory=dict)
    problems: list[DialogueProblem] = field(default_factory=list)
    unclosed: list[DialogueBlock] = field(default_factory=list)


class DialogueExtension(BlocksExtension):
    """The ``dialogue`` block against one TagVocabulary; the hook brackets each page with begin/end_page."""

    def __init__(self, vocabulary: TagVocabulary | None = None, **kwargs: Any) -> None:
        self.vocabulary = vocabulary if vocabulary is not None else TagVocabulary()
        self.page = _PageState()
        super().__init__(**kwargs)

    def begin_page(self, glossary_url: str = "glossary.md") -> None:
        """Set up the next page: where the glossary is from it (a source path MkDocs will rewrite)."""
        self.page = _PageState(glossary_url=glossary_url)

    def end_page(self) -> DialogueReport:
        """Return what was found since ``begin_page``, and reset to defaults."""
        page, self.page = self.page, _PageState()
        return DialogueReport(page.blocks, tuple(page.tags.values()), tuple(page.problems))

    def extendMarkdownBlocks(self, md: markdown.Markdown, block_mgr: BlocksProcessor) -> None:  # noqa: N802
        """Register the block on this page's Markdown instance, and the catch for unclosed blocks."""
        block_mgr.register(DialogueBlock, {"extension": self})
        md.treeprocessors.register(_UnclosedBlocks(md, self), "rr_dialogue_unclosed", UNCLOSED_PRIORITY)

    def finish(self, block: DialogueBlock, figure: etree.Element, *, closed: bool = True) -> None:
        """Read a block's raw lines and build its transcript in place; note its tags and problems."""
        page = self.page
        title = block.title
        turns, problems = parse_dialogue(str(figure.text or ""), self.vocabulary, title)
        if not closed:
            # The block swallowed the rest of the page: one clear message instead of one per line.
            named = f" '{title}'" if title else ""
            problems = [DialogueProblem(title, "", f"the dialogue block{named} is never closed; end it with a line '///'")]
        page.problems += problems
        for turn in turns:
            page.tags.update((tag.id, tag) for tag in turn.tags)
        figure.text = None
        _build(figure, title, turns, page.glossary_url)


class DialogueBlock(Block):
    """``/// dialogue | optional title``, then one ``Speaker: words {kind: tag}`` per line, then ``///``."""

    NAME = "dialogue"
    ARGUMENT = None  # the title is optional

    def on_init(self) -> None:
        self.extension: DialogueExtension = self.config["extension"]
        self.element: etree.Element | None = None

    @property
    def title(self) -> str | None:
        """The caption as written after '|', or None."""
        return (self.argument or "").strip() or None

    def on_markdown(self) -> str:
        """Keep the lines as written: this block reads them itself."""
        return "raw"

    def on_create(self, parent: etree.Element) -> etree.Element:
        page = self.extension.page
        page.blocks += 1
        page.unclosed.append(self)
        self.element = etree.SubElement(parent, "figure", {"class": "rr-dialogue"})
        return self.element

    def on_end(self, block: etree.Element) -> None:
        self.extension.page.unclosed.remove(self)
        self.extension.finish(self, block)


class _UnclosedBlocks(Treeprocessor):
    """Finishes blocks that never met their closing ``///`` (pymdown leaves them raw), and reports them."""

    def __init__(self, md: markdown.Markdown, extension: DialogueExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        page = self.extension.page
        while page.unclosed:
            block = page.unclosed.pop(0)
            block.element.text = block.dedent(str(block.element.text or ""))
            self.extension.finish(block, block.element, closed=False)


# ----- Building the transcript ---------------------------------------------------


def _build(figure: etree.Element, title: str | None, turns: list[Turn], glossary_url: str) -> None:
    """Fill the figure: an optional caption, then an ordered list of turns."""
    if title:
        etree.SubElement(figure, "figcaption").text = title  # inline Markdown allowed
    if not turns:
        return
    turn_list = etree.SubElement(figure, "ol", {"class": "rr-dialogue__turns", "data-glossary": "off"})
    for turn in turns:
        item = etree.SubElement(turn_list, "li", {"class": "rr-turn", "data-speaker": slug_from_term(turn.speaker)})
        speaker = etree.SubElement(item, "span", {"class": "rr-turn__speaker"})
        speaker.text = AtomicString(turn.speaker)
        _hidden(speaker, ":")
        speaker.tail = " "
        words = etree.SubElement(item, "span", {"class": "rr-turn__text"})
        words.text = turn.text  # rendered as inline Markdown later
        if turn.tags:
            words.tail = " "
            badges = etree.SubElement(item, "span", {"class": "rr-turn__tags"})
            for position, tag in enumerate(turn.tags):
                badge = etree.SubElement(
                    badges,
                    "a",
                    {
                        "class": f"rr-badge rr-badge--{tag.kind}",
                        "href": f"{glossary_url}#{tag.glossary}",
                        "aria-describedby": f"rr-tag-{tag.id}",
                    },
                )
                _hidden(badge, f"{tag.kind} marker: ").tail = AtomicString(tag.label)
                if position < len(turn.tags) - 1:
                    badge.tail = " "


def _hidden(parent: etree.Element, text: str) -> etree.Element:
    """Add words for screen readers (and copied text) that the eye does not need."""
    span = etree.SubElement(parent, "span", {"class": "rr-visually-hidden"})
    span.text = AtomicString(text)
    return span


def makeExtension(**kwargs: Any) -> DialogueExtension:  # noqa: N802 (Python-Markdown's name)
    """Let Python-Markdown build the extension by name (with an empty vocabulary unless one is given)."""
    return DialogueExtension(**kwargs)
