"""Hook: cross-links. Routes MkDocs events to rupture_repair.crosslinks.

- on_files: read every page's front matter (checked) and headings into a PageIndex,
  generate the reading-path pages; register the index with the wiki-link extension.
- per page: resolve wiki-links while the page renders; note every link it makes.
- on_env: every page exists, so compute "Linked from", related chapters and
  "Next in this path", and hand them to the page-end template (overrides/rr/page-end.html);
  draw the concept map (rupture_repair.conceptmap) into its generated page.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils import get_relative_url

from rupture_repair.conceptmap import MapEdge, MapNode, layout_concept_map
from rupture_repair.crosslinks.extension import LinkRecord, WikiLinkExtension
from rupture_repair.crosslinks.graph import ReadingPath, backlinks, reading_paths, related_pages
from rupture_repair.crosslinks.pages import PageIndex, PageRecord, page_name, record_page
from rupture_repair.source_lines import find_line
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

PATH_PAGES = {
    "client": ("paths/client-path.md", "Reading path: if you are in therapy",
               "An order for reading the reader if you are in therapy, with what each page offers."),
    "trainee": ("paths/trainee-path.md", "Reading path: for trainees",
                "An order for reading the reader if you are training as a counsellor, with what each page offers."),
}

CONCEPT_MAP_PAGE = "concept-map.md"
CONCEPT_MAP_PLACEHOLDER = '<div class="rr-concept-map-placeholder"></div>'
MAP_TERMS_MAX = 22  # terms at least two chapters discuss, the most discussed first

_extension = WikiLinkExtension()
_index = PageIndex()
_paths: dict[str, ReadingPath] = {}
_links_by_page: dict[str, list[LinkRecord]] = {}
_reading_order: list[str] = []
_sections: dict[str, str] = {}  # page -> the nav section it stands in


# ----- Hooks -------------------------------------------------------------------


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _extension, _index
    _index = PageIndex()
    _paths.clear()
    _links_by_page.clear()
    _reading_order.clear()
    _sections.clear()
    _extension = WikiLinkExtension()
    config.markdown_extensions.append(_extension)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    global _index
    docs = Path(config.docs_dir).name
    records: list[PageRecord] = []
    # Front matter that passed the schema in an earlier build is not checked again (rupture_repair.schemacheck).
    with PassedChecks.of_site(config.config_file_path, "front-matter") as passed:
        for file in files.documentation_pages():
            shown = f"{docs}/{file.src_uri}"
            record, problems = record_page(file.src_uri, file.content_string, shown, check=not file.generated_by,
                                           passed=passed)
            records.append(record)
            for problem in problems:
                log.warning("%s", problem)
        paths, problems = reading_paths(records)
        _paths.update(paths)
        for problem in problems:
            log.warning("%s", problem)
        env = site_env(config)
        for name, (src_uri, title, description) in PATH_PAGES.items():
            steps = [_path_step(src_uri, _record(records, src)) for src in paths[name].pages]
            content = env.get_template("rr/path-page.md").render(title=title, description=description, steps=steps)
            generated = File.generated(config, src_uri, content=content)
            files.append(generated)
            records.append(record_page(src_uri, content, src_uri, check=False, passed=passed)[0])
        map_page = env.get_template("rr/concept-map-page.md").render(placeholder=CONCEPT_MAP_PLACEHOLDER)
        files.append(File.generated(config, CONCEPT_MAP_PAGE, content=map_page))
        records.append(record_page(CONCEPT_MAP_PAGE, map_page, CONCEPT_MAP_PAGE, check=False, passed=passed)[0])
    _index, problems = PageIndex.build(records)
    for problem in problems:
        log.warning("%s", problem)
    _extension.index = _index
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    in_nav = [page.file.src_uri for page in nav.pages]
    _sections.update({page.file.src_uri: page.parent.title for page in nav.pages if page.parent})
    _reading_order[:] = reading_order(in_nav, (f.src_uri for f in files.documentation_pages()))
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    _extension.begin_page(page.file.src_uri)
    return markdown


def on_page_content(html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    report = _extension.end_page()
    # Generated pages (paths, glossary, references, map) link to everything: not backlinks worth listing.
    if not page.file.generated_by:
        title_id = page_title_id(page.toc.items)
        _links_by_page[page.file.src_uri] = [
            replace(link, section_id=None, section_title=None) if link.section_id == title_id else link
            for link in report.links
        ]
    source = page.file.content_string
    shown = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
    for problem in report.problems:
        log.warning("%s:%s: %s", shown, find_line(source, problem.text) or "?", problem.message)
    return html


def on_env(env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
    pages = {f.src_uri: f.page for f in files.documentation_pages() if f.page is not None}
    linked_from = backlinks(_links_by_page, set(pages), _reading_order)
    chapters = {src for src, record in _index.records.items() if "objectives" in record.meta}
    # Set by hooks/glossary.py: the glossary terms each page uses, id -> term.
    terms = {src: tuple(getattr(page, "rr_terms", {})) for src, page in pages.items()}
    chosen = {src: [_index.get(name).src_uri for name in record.meta.get("related", []) if _index.get(name)]
              for src, record in _index.records.items()}
    _warn_unknown_related(chosen)
    related = related_pages(terms, chosen, chapters)
    # The help page ends with the help: a list of the chapters that link to it would lead a reader
    # in crisis back into painful material.
    help_page = config.extra.get("help_page")
    for src, page in pages.items():
        here = page.file.url
        page.rr_backlinks = [  # type: ignore[attr-defined]
            {"href": _href(pages[b.source], here, b.section_id), "title": pages[b.source].title,
             "section": b.section_title if b.section_title != pages[b.source].title else None}
            for b in linked_from.get(src, []) if src != help_page
        ]
        page.rr_related = [  # type: ignore[attr-defined]
            {"href": _href(pages[r.target], here), "title": pages[r.target].title,
             "description": _index.records[r.target].meta.get("description", ""),
             "shared": [_term_label(page, t) for t in r.shared_terms], "chosen": r.chosen_by_author}
            for r in related.get(src, [])
        ]
        page.rr_path_next = [  # type: ignore[attr-defined]
            {"path": PATH_PAGES[name][1], "path_href": _href(pages[PATH_PAGES[name][0]], here),
             "href": _href(pages[nxt.page], here), "title": pages[nxt.page].title,
             "number": nxt.number, "total": nxt.total}
            for name, path in _paths.items() if (nxt := path.next_step(src)) and nxt.page in pages
        ]
        toc = section_list(page.toc.items)
        if page.rr_related:
            toc.append(AnchorLink("Related chapters", "related-chapters", 2))
        if page.rr_backlinks:
            toc.append(AnchorLink("Linked from", "linked-from", 2))
    _draw_concept_map(env, config, pages, chapters, linked_from)
    return env


def _draw_concept_map(env: Environment, config: MkDocsConfig, pages: dict[str, Page], chapters: set[str],
                      linked_from: dict) -> None:
    """Chapters, the terms they share, and how they link, drawn into the concept map page."""
    map_page = pages.get(CONCEPT_MAP_PAGE)
    if map_page is None or map_page.content is None:
        return
    here = map_page.file.url
    ordered = [src for src in _reading_order if src in chapters]
    terms_of = {src: getattr(pages[src], "rr_terms", {}) for src in ordered}
    discussed: dict[str, int] = {}
    for term_ids in terms_of.values():
        for term_id in term_ids:
            discussed[term_id] = discussed.get(term_id, 0) + 1
    shown = sorted((t for t, n in discussed.items() if n >= 2), key=lambda t: (-discussed[t], t))[:MAP_TERMS_MAX]
    labels = {t: label for term_ids in terms_of.values() for t, label in term_ids.items()}
    glossary_url = get_relative_url(pages["glossary.md"].file.url, here) if "glossary.md" in pages else ""
    nodes = [MapNode(src, pages[src].title, "chapter", _href(pages[src], here), _sections.get(src)) for src in ordered]
    nodes += [MapNode(f"term:{t}", labels[t], "term", f"{glossary_url}#{t}") for t in sorted(shown)]
    edges = [MapEdge(src, f"term:{t}", "discusses") for src in ordered for t in sorted(terms_of[src]) if t in shown]
    related = config.extra.get("glossary_related", {})
    edges += [MapEdge(f"term:{a}", f"term:{b}", "related") for a in sorted(shown)
              for b in related.get(a, ()) if b in shown and a < b]
    edges += [MapEdge(b.source, target, "links") for target in ordered for b in linked_from.get(target, [])
              if b.source in chapters]
    rendered = env.get_template("rr/concept-map.html").render(
        concept_map=layout_concept_map(nodes, edges))
    map_page.content = map_page.content.replace(CONCEPT_MAP_PLACEHOLDER, rendered)


# ----- Helpers -----------------------------------------------------------------


def _record(records: list[PageRecord], src_uri: str) -> PageRecord:
    return next(r for r in records if r.src_uri == src_uri)


def _path_step(path_page: str, record: PageRecord) -> dict[str, str]:
    return {"href": get_relative_url(record.src_uri, path_page), "title": record.title,
            "description": str(record.meta.get("description", ""))}


def _href(target: Page, here: str, anchor: str | None = None) -> str:
    return get_relative_url(target.file.url, here) + (f"#{anchor}" if anchor else "")


def _term_label(page: Page, term_id: str) -> str:
    return getattr(page, "rr_terms", {}).get(term_id, term_id)


def _warn_unknown_related(chosen: dict[str, list[str]]) -> None:
    for src, record in _index.records.items():
        for name in record.meta.get("related", []):
            if _index.get(name) is None:
                hint = _index.suggest(name)
                log.warning("%s:%s: front matter 'related' names unknown page '%s'%s", record.shown_path,
                            record.front_matter.line_of("related") or "?", name,
                            f" (did you mean '{hint}'?)" if hint else "")
