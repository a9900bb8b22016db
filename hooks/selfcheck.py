"""Hook: the Self-check page. Routes MkDocs events to rupture_repair.selfcheck.

- on_config: register the extension that copies each page's ``??? question`` blocks.
- on_files: add the generated page (overrides/rr/selfcheck-page.md) with a placeholder.
- per page: tell the extension how to rebase links for the Self-check page; keep the copies.
- on_env: every page exists, so fill the placeholder, chapter by chapter in reading order
  (the template's ``questions`` macro), and give the page the Key terms and References
  entries its answers' popovers read (rendered by overrides/rr/page-end.html).
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from rupture_repair.selfcheck import Question, SelfCheckExtension, rebase_url, unique_ids
from rupture_repair.themeenv import site_env
from rupture_repair.toc import section_list
from rupture_repair.reading_order import reading_order

if TYPE_CHECKING:
    from jinja2 import Environment, Template
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import TableOfContents

log = get_plugin_logger(__name__)

SELFCHECK_PAGE = "selfcheck.md"
TEMPLATE = "rr/selfcheck-page.md"
PLACEHOLDER = '<div class="rr-selfcheck-placeholder"></div>'
GLOSSARY_PAGE = "glossary.md"
# The ids overrides/rr/key-terms.html and page-references.html give their entries.
TERM_ID_PREFIX = "rr-def-"
REFERENCE_ID_PREFIX = "rr-ref-"
# Sections overrides/rr/page-end.html may add: chapter headings must not take their ids.
PAGE_END_IDS = ("key-terms", "related-chapters", "linked-from", "references")

_extension = SelfCheckExtension()
_questions_by_page: dict[str, list[Question]] = {}
_reading_order: list[str] = []


# ----- Hooks -------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _extension
    _questions_by_page.clear()  # hook modules outlive builds under `mkdocs serve`
    _reading_order.clear()
    _extension = SelfCheckExtension()
    config.markdown_extensions.append(_extension)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    content = _template(config).render(placeholder=PLACEHOLDER)
    files.append(File.generated(config, SELFCHECK_PAGE, content=content))
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    _reading_order[:] = reading_order([page.file.src_uri for page in nav.pages],
                                      (f.src_uri for f in files.documentation_pages()))
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    selfcheck = files.get_file_from_path(SELFCHECK_PAGE)
    if selfcheck is not None and page.file is not selfcheck:
        _extension.begin_page(partial(rebase_url, from_url=page.file.url, to_url=selfcheck.url))
    else:
        _extension.begin_page()
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    questions = _extension.end_page()
    if questions and page.file.src_uri != SELFCHECK_PAGE:
        _questions_by_page[page.file.src_uri] = questions
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    selfcheck_file = files.get_file_from_path(SELFCHECK_PAGE)
    page = selfcheck_file.page if selfcheck_file else None
    if page is None or page.content is None:
        return env
    if PLACEHOLDER not in page.content:
        raise PluginError(f"overrides/{TEMPLATE}: the placeholder for the questions is missing; keep "
                          "`{{ placeholder | safe }}` in the page's Markdown")
    pages = {f.src_uri: f.page for f in files.documentation_pages() if f.page is not None}
    ordered = [src for src in _reading_order if src in _questions_by_page and src in pages]
    here = page.file.url
    ids = unique_ids((pages[src].title or src for src in ordered), _toc_ids(page.toc) | set(PAGE_END_IDS))
    chapters = [_chapter(pages[src], chapter_id, here) for src, chapter_id in zip(ordered, ids)]
    # The environment that rendered the page at on_files: the template is compiled once a build, not twice.
    html = _template(config).module.questions(chapters)  # type: ignore[attr-defined]
    page.content = page.content.replace(PLACEHOLDER, html)
    toc = section_list(page.toc.items)
    toc.extend(AnchorLink(chapter["title"], chapter["id"], 2) for chapter in chapters)
    _add_popover_sources(page, [pages[src] for src in ordered], files)
    return env


# ----- Helpers -----------------------------------------------------------------


def _chapter(chapter: Page, chapter_id: str, here: str) -> dict[str, object]:
    href = get_relative_url(chapter.file.url, here)
    titles = _toc_titles(chapter.toc)
    return {
        "id": chapter_id, "title": chapter.title or chapter.file.src_uri, "href": href,
        "questions": [
            {"summary_html": q.summary_html, "answer_html": q.answer_html,
             "section_title": titles.get(q.section_id) if q.section_id else None,
             "section_href": href + (f"#{q.section_id}" if q.section_id else "")}
            for q in _questions_by_page[chapter.file.src_uri]
        ],
    }


def _add_popover_sources(page: Page, chapters: list[Page], files: Files) -> None:
    """The Key terms and References entries the copied answers' links describe themselves by."""
    described = {name for chapter in chapters for q in _questions_by_page[chapter.file.src_uri]
                 for name in q.described_by}
    entries = {entry.id: entry for chapter in chapters
               for entry in (getattr(chapter, "rr_key_terms", None) or {}).get("entries", [])
               if TERM_ID_PREFIX + entry.id in described}
    glossary = files.get_file_from_path(GLOSSARY_PAGE)
    if entries and glossary is not None:
        page.rr_key_terms = {  # type: ignore[attr-defined]
            "entries": sorted(entries.values(), key=lambda entry: entry.term.casefold()),
            "glossary_url": get_relative_url(glossary.url, page.file.url),
        }
        section_list(page.toc.items).append(AnchorLink("Key terms", "key-terms", 2))
    references = {ref.key: ref for chapter in chapters for ref in getattr(chapter, "rr_references", None) or []
                  if REFERENCE_ID_PREFIX + ref.key in described}
    if references:
        # hooks/citations.py lists them in the table of contents (on_page_context).
        page.rr_references = sorted(references.values(), key=lambda ref: ref.sort_key)  # type: ignore[attr-defined]
    missing = described - {TERM_ID_PREFIX + t for t in entries} - {REFERENCE_ID_PREFIX + r for r in references}
    if missing:
        log.warning("%s: no Key terms or References entry for %s, which answers copied from the chapters "
                    "describe their links by", SELFCHECK_PAGE, ", ".join(sorted(missing)))


def _toc_ids(toc: TableOfContents) -> set[str]:
    return set(_toc_titles(toc))


def _toc_titles(toc: TableOfContents) -> dict[str, str]:
    """Heading id -> title (HTML-escaped text, as Python-Markdown's toc gives it)."""
    titles: dict[str, str] = {}
    stack = list(toc.items)
    while stack:
        item = stack.pop()
        titles[item.id] = item.title
        stack.extend(item.children)
    return titles


def _template(config: MkDocsConfig) -> Template:
    return site_env(config).get_template(TEMPLATE)
