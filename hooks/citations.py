"""Hook: citations. Routes MkDocs events to rupture_repair.citations.

- on_config: load and check docs/references.bib; register the citation extension.
- on_files: add the generated references page (every work, so every anchor exists).
- per page: tell the extension where the references page is, collect what the page
  cited, and give the page its "References" (rendered by overrides/rr/page-end.html:
  the popovers' content, and the print list).
- on_env: every page exists, so fill in each work's "Cited in" and drop uncited works.
- on_page_context: list the page's References last in its table of contents.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from rupture_repair.cachefolder import cache_folder
from rupture_repair.citations import Bibliography, CitationExtension, CitedWork, load_stored
from rupture_repair.citations.cited_in import CitingPage, cited_in_by_key
from rupture_repair.reading_order import reading_order
from rupture_repair.themeenv import site_env
from rupture_repair.toc import section_list, title_id as page_title_id

if TYPE_CHECKING:
    from jinja2 import Environment
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page
    from mkdocs.utils.templates import TemplateContext

log = get_plugin_logger(__name__)

BIBLIOGRAPHY_DATA = "references.bib"
REFERENCES_PAGE = "references.md"
# Generated pages whose citations are written in a data file: problems name that file.
CITATION_SOURCES = {"glossary.md": "glossary.yml"}

_bibliography = Bibliography(path=BIBLIOGRAPHY_DATA, references={})
_extension: CitationExtension | None = None
_cited_by_page: dict[str, list[CitedWork]] = {}
_reading_order: list[str] = []


def _reference_start(key: str) -> str:
    return f'<div class="rr-reference" id="ref-{key}">'


def _placeholder(key: str) -> str:
    return f"<!-- cited-in {key} -->"


# ----- Hooks -------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _bibliography, _extension
    _cited_by_page.clear()  # hook modules outlive builds under `mkdocs serve`
    _reading_order.clear()
    docs = Path(config.docs_dir)
    shown = f"{docs.name}/{BIBLIOGRAPHY_DATA}"
    text = _read_text(docs / BIBLIOGRAPHY_DATA, shown)
    # The loaded bibliography (and the formatted references) kept between builds, and shared with the
    # offline copy's build: same output. A .bib with problems is loaded, and reported, every build.
    _bibliography, problems = load_stored(shown, text, cache_folder(config.config_file_path))
    for problem in problems:
        log.warning("%s", problem)
    _extension = CitationExtension(_bibliography)
    config.markdown_extensions.append(_extension)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    content = _render(
        config,
        "rr/references-page.md",
        references=_bibliography.ordered(),
        reference_start=_reference_start,
        cited_in_placeholder=_placeholder,
    )
    files.append(File.generated(config, REFERENCES_PAGE, content=content))
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    # "Cited in" follows how the book is read.
    _reading_order[:] = reading_order([page.file.src_uri for page in nav.pages],
                                      (f.src_uri for f in files.documentation_pages()))
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _extension is not None
    # A link between source files: MkDocs turns it into the right URL for either flavour and checks its anchor.
    _extension.begin_page(references_url=get_relative_url(REFERENCES_PAGE, page.file.src_uri))
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    assert _extension is not None
    report = _extension.end_page()
    for problem in report.located_problems(*_citation_source(page, config)):
        log.warning("%s", problem)
    # A citation under the page's own title is "on the page", not in a section of it.
    title_id = page_title_id(page.toc.items)
    _cited_by_page[page.file.src_uri] = [
        replace(w, section_id=None, section_title=None) if w.section_id == title_id else w for w in report.cited
    ]
    if report.keys and page.file.src_uri != REFERENCES_PAGE:
        # For the page-end template (overrides/rr/page-references.html): the popovers' content, and the print list.
        page.rr_references = _bibliography.ordered(report.keys)  # type: ignore[attr-defined]
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    references_file = files.get_file_from_path(REFERENCES_PAGE)
    references_page = references_file.page if references_file else None
    if references_page is None or references_page.content is None:
        return env
    pages = [f for f in files.documentation_pages() if f.page is not None]
    titles = {f.src_uri: f.page.title or f.src_uri for f in pages}
    cited_in = cited_in_by_key(_cited_by_page, titles, _reading_order)
    content = references_page.content
    cited_in_template = env.get_template("rr/cited-in.html")  # compiled once, not once per work
    uncited = []
    for reference in _bibliography.ordered():
        places = [_place(citing, files, references_file) for citing in cited_in.get(reference.key, [])]
        if places:
            content = content.replace(_placeholder(reference.key), cited_in_template.render(places=places))
        else:
            uncited.append(reference.key)
            content = _without_entry(content, reference.key)
    if uncited:
        log.info("%s: not cited anywhere, left off the references page: %s",
                 _bibliography.path, ", ".join(sorted(uncited)))
    references_page.content = content
    return env


def on_page_context(
    context: TemplateContext, *, page: Page, config: MkDocsConfig, nav: Navigation
) -> TemplateContext:
    # After every hook's on_env (crosslinks adds its sections there), so that References
    # comes last in the table of contents, as it does on the page (overrides/rr/page-end.html).
    if getattr(page, "rr_references", None):
        section_list(page.toc.items).append(AnchorLink("References", "references", 2))
    return context


# ----- Helpers -----------------------------------------------------------------


def _render(config: MkDocsConfig, template: str, **context: object) -> str:
    return site_env(config).get_template(template).render(**context)


def _place(citing: CitingPage, files: Files, references_file: File) -> dict[str, object]:
    """A citing page, and its sections, as links from the references page."""
    page_url = get_relative_url(files.get_file_from_path(citing.page).url, references_file.url)
    return {
        "href": page_url,
        "page_title": citing.page_title,
        "sections": [{"href": f"{page_url}#{s.id}", "title": s.title} for s in citing.sections],
    }


def _read_text(path: Path, shown: str) -> str:
    """The .bib's text; a missing or unreadable file is a warning, and no work can be cited."""
    if not path.is_file():
        log.warning("%s: missing; create it (BibTeX entries) or no citation can resolve", shown)
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        log.warning("%s: not UTF-8 (%s); save it as UTF-8", shown, error)
        return ""


def _citation_source(page: Page, config: MkDocsConfig) -> tuple[str, str]:
    """The file a page's citations are written in, and its text, so problems name the right line."""
    data = CITATION_SOURCES.get(page.file.src_uri)
    path = Path(config.docs_dir) / data if data and page.file.generated_by else None
    if path is not None and path.is_file():
        return f"{Path(config.docs_dir).name}/{data}", path.read_text(encoding="utf-8")
    return page.file.src_path, page.file.content_string


def _without_entry(content: str, key: str) -> str:
    """The references page without the whole entry of ``key`` (it ends at the </div> after its placeholder)."""
    start = content.find(_reference_start(key))
    placeholder = content.find(_placeholder(key), start) if start >= 0 else -1
    end = content.find("</div>", placeholder) if placeholder >= 0 else -1
    if end < 0:
        return content
    return content[:start] + content[end + len("</div>"):].removeprefix("\n")
