"""Hook: the glossary. Routes MkDocs events to rupture_repair.glossary.

- on_config: load and check docs/glossary.yml; register the term-linking extension.
- on_files: add the generated glossary page.
- per page: tell the extension where the glossary is, collect the terms it linked,
  and give the page its "Key terms" (rendered by overrides/rr/page-end.html: the
  popovers' content, and the print list).
- on_env: every page exists, so fill in each entry's "Appears in".
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from string import ascii_uppercase
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from rupture_repair.glossary import NEVER_LINK, Glossary, TermLinkExtension, TermMatcher, TermMention, load_glossary
from rupture_repair.glossary.appearances import appearances_by_term, group_by_letter
from rupture_repair.reading_order import reading_order
from rupture_repair.schemacheck import PassedChecks
from rupture_repair.themeenv import site_env
from rupture_repair.toc import section_list, title_id as page_title_id

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

GLOSSARY_DATA = "glossary.yml"
GLOSSARY_PAGE = "glossary.md"

_glossary = Glossary()
_extension: TermLinkExtension | None = None
_mentions_by_page: dict[str, list[TermMention]] = {}
_reading_order: list[str] = []


def _placeholder(term_id: str) -> str:
    return f'<div class="rr-appears-in" data-term="{term_id}"></div>'


# Matches every _placeholder(); ids are slugs (glossary/schema.py), so they hold no quote.
_PLACEHOLDER_RE = re.compile(r'<div class="rr-appears-in" data-term="([^"<>]*)"></div>')


# ----- Hooks -------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _glossary, _extension
    _mentions_by_page.clear()  # hook modules outlive builds under `mkdocs serve`
    _reading_order.clear()
    docs = Path(config.docs_dir)
    shown = f"{docs.name}/{GLOSSARY_DATA}"
    path = docs / GLOSSARY_DATA
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    if not path.is_file():
        log.warning("%s: missing; create it (a YAML list of terms) or the glossary page will be empty", shown)
    # Entries that passed the schema in an earlier build are not checked again (rupture_repair.schemacheck).
    with PassedChecks.of_site(config.config_file_path, "glossary") as passed:
        _glossary, problems = load_glossary(shown, text, passed=passed)
    for problem in problems:
        log.warning("%s", problem)
    # The site's own name ("Rupture & Repair") is found, so that its "Rupture" is never linked as a term.
    _extension = TermLinkExtension(TermMatcher([*_glossary.names(), (config.site_name, NEVER_LINK)]))
    # For hooks/crosslinks.py's concept map: which terms are related to which.
    config.extra["glossary_related"] = {entry.id: entry.related for entry in _glossary}
    # For hooks/dialogue.py's marker list: each entry's heading on the glossary page.
    config.extra["glossary_headings"] = {entry.id: entry.heading for entry in _glossary}
    config.markdown_extensions.append(_extension)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    env = site_env(config)
    groups = group_by_letter(_glossary.sorted_entries())
    content = env.get_template("rr/glossary-page.md").render(
        groups=groups,
        letters={letter for letter, _ in groups},
        alphabet=[*ascii_uppercase, "#"] if any(letter == "#" for letter, _ in groups) else ascii_uppercase,
        glossary=_glossary,
        appears_in_placeholder=_placeholder,
    )
    files.append(File.generated(config, GLOSSARY_PAGE, content=content))
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # "Appears in" follows how the book is read.
    _reading_order[:] = reading_order([page.file.src_uri for page in nav.pages],
                                      (f.src_uri for f in files.documentation_pages()))
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _extension is not None
    enabled = page.meta.get("glossary", True) is not False and page.file.src_uri != GLOSSARY_PAGE
    # A link between source files: MkDocs turns it into the right URL for either flavour and checks its anchor.
    _extension.begin_page(glossary_url=get_relative_url(GLOSSARY_PAGE, page.file.src_uri), enabled=enabled)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _extension is not None
    mentions = _extension.end_page()
    if page.file.src_uri == GLOSSARY_PAGE:
        # Letters only in the navigation: the page's A-Z list leads on from there, and every
        # term listed again (twice: sidebar and phone menu) made the page a third bigger.
        for letter in section_list(page.toc.items):
            letter.children = []
    # A mention under the page's own title is "on the page", not in a section of it.
    title_id = page_title_id(page.toc.items)
    _mentions_by_page[page.file.src_uri] = [
        replace(m, section_id=None, section_title=None) if m.section_id == title_id else m for m in mentions
    ]
    if not mentions:
        return html
    entries = sorted((_glossary[m.term_id] for m in mentions), key=lambda entry: entry.term.casefold())
    # For the page-end template (overrides/rr/key-terms.html) and for hooks/crosslinks.py.
    page.rr_terms = {entry.id: entry.term for entry in entries}  # type: ignore[attr-defined]
    page.rr_key_terms = {  # type: ignore[attr-defined]
        "entries": entries,
        "glossary_url": get_relative_url(files.get_file_from_path(GLOSSARY_PAGE).url, page.file.url),
    }
    section_list(page.toc.items).append(AnchorLink("Key terms", "key-terms", 2))
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    glossary_file = files.get_file_from_path(GLOSSARY_PAGE)
    glossary_page = glossary_file.page if glossary_file else None
    if glossary_page is None or glossary_page.content is None:
        return env
    pages = [f for f in files.documentation_pages() if f.page is not None]
    titles = {f.src_uri: f.page.title or f.src_uri for f in pages}
    appearances = appearances_by_term(_mentions_by_page, titles, _reading_order)
    appears_in = env.get_template("rr/appears-in.html")  # compiled once, not once per term
    rendered: dict[str, str] = {}
    for entry in _glossary:
        items = [
            {
                "href": get_relative_url(files.get_file_from_path(a.page).url, glossary_file.url)
                + (f"#{a.section_id}" if a.section_id else ""),
                "page_title": a.page_title,
                "section_title": a.section_title,
            }
            for a in appearances.get(entry.id, [])
        ]
        rendered[entry.id] = appears_in.render(appearances=items)
    # One pass over the page, not one per term (which grew with terms x page size).
    glossary_page.content = _PLACEHOLDER_RE.sub(
        lambda match: rendered.get(match.group(1), match.group(0)), glossary_page.content
    )
    return env
