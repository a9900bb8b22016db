"""Python-Markdown extension that copies a page's folded questions while it renders.

Use (hooks/selfcheck.py does this)::

    ext = SelfCheckExtension()                       # once, at on_config
    config.markdown_extensions.append(ext)
    ext.begin_page(rebase=lambda href: ...)          # before a page renders
    ...                                              # MkDocs renders the page
    questions = ext.end_page()                       # after: list[Question]

``??? question "..."`` (pymdownx.details) becomes ``<details class="question">``.
The tree processor sees that element, so nothing is found by pattern-matching
HTML. It runs last (priority -10): after MkDocs' ``relpath`` (0) has made every
link relative to the page's URL and after ``unescape`` (0), so a copy's links
only need rebasing for the page they move to. Each copy is serialised the way
the page itself will be, through the Markdown instance's own postprocessors,
which put back stashed raw HTML (icons, smart symbols) and entities.

Copies lose their ids (the page they move to must keep its ids unique) but keep
``aria-describedby``: the hook gives the self-check page the Key terms and
References entries those ids name, so the popovers work there too.
As with the other extensions here, there is no ``reset()``: ``Markdown.__init__``
calls it, which would wipe what ``begin_page`` set.
"""

from __future__ import annotations

import copy
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

PRIORITY = -10
"""After MkDocs' relpath and Python-Markdown's unescape (both 0): links and text are final."""

QUESTION_CLASS = "question"
SECTION_TAGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
URL_ATTRIBUTES = ("href", "src")

Rebase = Callable[[str], str]


@dataclass(frozen=True)
class Question:
    """One folded question: its summary and answer as HTML, and where on its page it stands."""

    summary_html: str
    answer_html: str
    section_id: str | None
    """The id of the heading the question is under (None: under the page title)."""
    described_by: tuple[str, ...] = ()
    """Ids its links' popovers read (``rr-def-...`` Key terms, ``rr-ref-...`` References)."""


class SelfCheckExtension(Extension):
    """Collects ``details.question`` elements; the hook brackets each page with begin/end_page."""

    def __init__(self, **kwargs: object) -> None:
        self.rebase: Rebase = _unchanged
        self.questions: list[Question] = []
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.registerExtension(self)
        md.treeprocessors.register(_QuestionCollector(md, self), "rr_selfcheck", PRIORITY)

    def begin_page(self, rebase: Rebase | None = None) -> None:
        """Start a page; ``rebase`` rewrites a link on it (href or src) for the page the copies go to."""
        self.rebase = rebase or _unchanged
        self.questions = []

    def end_page(self) -> list[Question]:
        """The page's questions, in order; resets for the next page."""
        questions, self.questions = self.questions, []
        self.rebase = _unchanged
        return questions


def _unchanged(href: str) -> str:
    return href


class _QuestionCollector(Treeprocessor):
    def __init__(self, md: Markdown, extension: SelfCheckExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: etree.Element) -> None:
        section: str | None = None
        taken: set[int] = set()  # elements inside a question already copied
        for element in root.iter():
            if element.tag in SECTION_TAGS and element.get("id"):
                section = element.get("id")
            elif _is_question(element) and id(element) not in taken:
                taken.update(id(node) for node in element.iter())
                question = self._copy(element, section)
                if question is not None:
                    self.extension.questions.append(question)

    def _copy(self, details: etree.Element, section: str | None) -> Question | None:
        summary = details.find("summary")
        if summary is None:
            return None
        answer = copy.deepcopy(details)
        answer.remove(answer.find("summary"))  # type: ignore[arg-type]
        summary = copy.deepcopy(summary)
        described_by: dict[str, None] = {}
        for node in (*summary.iter(), *answer.iter()):
            node.attrib.pop("id", None)
            for name in URL_ATTRIBUTES:
                if name in node.attrib:
                    node.set(name, self.extension.rebase(node.get(name, "")))
            described_by.update(dict.fromkeys(node.get("aria-describedby", "").split()))
        return Question(self._inner_html(summary), self._inner_html(answer), section, tuple(described_by))

    def _inner_html(self, element: etree.Element) -> str:
        """The element's content as the page will show it (stashed HTML restored)."""
        holder = etree.Element("div")
        holder.text = element.text
        holder.extend(list(element))
        html = self.md.serializer(holder)
        html = html[len("<div>"):-len("</div>")]
        for postprocessor in self.md.postprocessors:
            html = postprocessor.run(html)
        return html.strip()


def _is_question(element: etree.Element) -> bool:
    return element.tag == "details" and QUESTION_CLASS in (element.get("class") or "").split()
