"""Hook: the whole book as one printable page, and (``BOOK_PDF=true``) as a PDF.

- on_nav: the book's order: the navigation's, without the pages that make no sense
  on paper (the download page, the self-check page that repeats the answers), with
  the glossary and the references moved to the end.
- Only with ``BOOK_PDF=true`` (``./run pdf``), online site only: the PDF is declared at
  on_files, so that the "Read offline" page can link to it and MkDocs checks the link.
  At on_post_build every page is written, with the parts templates add (Key terms,
  References); read each one's article, make it a chapter (rupture_repair.printbook),
  write print/index.html from overrides/rr/print-book.html, and have headless Chromium
  print it into downloads/. Nothing links to the print page, so other builds (``mkdocs
  serve``, ``./run build``, the tests' builds) skip the whole book: it was most of the
  reader's build time. Chromium cannot number pages in the contents
  (no ``target-counter``), so a first printing is read back with pdftotext to find where
  each chapter starts, and the book is printed again with the numbers.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

from rupture_repair.printbook import (
    BookPage, ChapterError, ContentsEntry, PdfError, article_ids, chapter_heading, chapter_start_pages,
    group_contents, make_chapter, pdf_page_texts, print_pdf, print_stylesheets, read_article,
)
from rupture_repair.selfcheck.urls import relative_url
from rupture_repair.themeenv import site_env

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = get_plugin_logger(__name__)

PRINT_PAGE = "print/index.html"
PDF_PATH = "downloads/rupture-and-repair.pdf"
PDF_SWITCH = "BOOK_PDF"
LEFT_OUT = ("offline.md", "selfcheck.md")
AT_THE_END = ("glossary.md", "references.md")
# The home page's title is the book's: in the book it is the introduction.
CHAPTER_TITLES = {"index.md": "Introduction"}
OFFLINE_PAGE = "offline.md"
OFFLINE_MARKER = "<!-- rr:offline-download -->"
PDF_LINK = ("Or keep the whole reader as one file, to print or to read on an e-reader:\n\n"
            "[:material-file-pdf-box: Download the book as a PDF]({href}){{ .md-button download }}\n")
TEMPLATE = "rr/print-book.html"
PAGES_BEFORE_CHAPTERS = 2  # at least: the cover, and the contents' first page
PRINTINGS_MAX = 3


@dataclass(frozen=True)
class _Place:
    """Where a page goes in the book, and where MkDocs wrote it."""

    page: BookPage
    built_file: str
    part: str | None


@dataclass(frozen=True)
class _Book:
    """The assembled book: what overrides/rr/print-book.html needs besides page numbers."""

    print_url: str
    contents: list[ContentsEntry]
    chapters: list[dict[str, str]]
    help_anchor: str | None
    stylesheets: list[str]


_serving = False
_pdf_wanted = False
_places: list[_Place] = []


# ----- Hooks -------------------------------------------------------------------


def on_startup(*, command: str, dirty: bool) -> None:
    global _serving
    _serving = command == "serve"


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    global _pdf_wanted
    _places.clear()  # hook modules outlive builds under `mkdocs serve`
    asked = os.environ.get(PDF_SWITCH, "").lower() in ("1", "true", "yes")
    _pdf_wanted = asked and not _serving and not config.extra.get("offline_copy")
    if asked and _serving:
        log.info("%s is ignored by `mkdocs serve`; run `./run pdf` to print the book", PDF_SWITCH)
    return config


def on_files(files: Files, *, config: MkDocsConfig) -> Files:
    if _pdf_wanted:
        # Declared now so that links to it are checked; printed at on_post_build, over this empty copy.
        files.append(File.generated(config, PDF_PATH, content=b""))
    return files


def on_nav(nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
    if not _pdf_wanted:
        return nav
    pages = [page for page in nav.pages if page.file.src_uri not in LEFT_OUT]
    last = [page for src in AT_THE_END for page in pages if page.file.src_uri == src]
    for page in [page for page in pages if page not in last] + last:
        anchor = page.file.src_uri.removesuffix(".md").replace("/", "-")
        part = page.parent.title if page.parent and page not in last else None
        _places.append(_Place(BookPage(page.file.src_uri, page.file.url, anchor), page.file.dest_uri, part))
    return nav


def on_page_markdown(markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    if not _pdf_wanted or page.file.src_uri != OFFLINE_PAGE:
        return markdown
    link = PDF_LINK.format(href=get_relative_url(PDF_PATH, page.file.src_uri))
    if OFFLINE_MARKER in markdown:
        return markdown.replace(OFFLINE_MARKER, f"{OFFLINE_MARKER}\n\n{link}", 1)
    return f"{markdown}\n\n{link}"


def on_post_build(*, config: MkDocsConfig) -> None:
    if not _pdf_wanted or not _places:
        return
    site = Path(config.site_dir)
    book = _assemble(config, site)
    html_path = site / PRINT_PAGE
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(_render(config, book, {}), encoding="utf-8")
    _print(config, book, html_path, site / PDF_PATH)


# ----- Helpers -----------------------------------------------------------------


def _assemble(config: MkDocsConfig, site: Path) -> _Book:
    """Every page's article as a chapter, and what the cover and contents need."""
    print_url = "print/" if config.use_directory_urls else PRINT_PAGE
    articles = {}
    for place in _places:
        path = site / place.built_file
        try:
            articles[place.page.url] = read_article(path.read_text(encoding="utf-8"))
        except (OSError, ChapterError) as error:
            raise PluginError(f"{path}: cannot go into the print book: {error}") from error
    anchors = {place.page.url: place.page.anchor for place in _places}
    ids_by_url = {url: article_ids(article) for url, article in articles.items()}
    contents, chapters = [], []
    for place in _places:
        article = articles[place.page.url]
        title = CHAPTER_TITLES.get(place.page.src_uri)
        contents.append(ContentsEntry(title or chapter_heading(article) or place.page.src_uri,
                                      place.page.anchor, place.part))
        html = make_chapter(article, place.page, anchors, ids_by_url, config.site_url, print_url, title=title)
        chapters.append({"anchor": place.page.anchor, "html": html})
    help_anchor = next((p.page.anchor for p in _places if p.page.src_uri == config.extra.get("help_page")), None)
    first = _places[0]
    stylesheets = print_stylesheets((site / first.built_file).read_text(encoding="utf-8"), first.page.url, print_url)
    return _Book(print_url, contents, chapters, help_anchor, stylesheets)


def _render(config: MkDocsConfig, book: _Book, page_numbers: dict[str, int]) -> str:
    description = config.site_description or ""
    return site_env(config).get_template(TEMPLATE).render(
        book={"title": config.site_name, "subtitle": description.split(":")[0].strip(),
              "description": description, "author": config.site_author or "", "date": _edition_date(),
              "site_url": config.site_url},
        lang=config.theme.get("language", "en"),
        stylesheets=book.stylesheets,
        home_href=relative_url("", book.print_url),
        help_href=relative_url(config.extra.get("help_url", ""), book.print_url),
        help_anchor=book.help_anchor,
        help_page=page_numbers.get(book.help_anchor or ""),
        parts=group_contents(replace(e, page_number=page_numbers.get(e.anchor)) for e in book.contents),
        chapters=book.chapters,
    )


def _print(config: MkDocsConfig, book: _Book, html_path: Path, pdf_path: Path) -> None:
    """Print the book; read where each chapter starts, and print it again with the page numbers."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        raise PluginError(f"{PDF_SWITCH}=true, but Chromium is not installed; install Debian's chromium "
                          "(`./run pdf` does, when run as root)")
    pdftotext = shutil.which("pdftotext")
    titles = [entry.title for entry in book.contents]
    numbers: dict[str, int] = {}
    try:
        for _ in range(PRINTINGS_MAX):
            print_pdf(chromium, html_path, pdf_path)
            if pdftotext is None:
                log.info("pdftotext is missing (Debian's poppler-utils): the contents have no page numbers")
                break
            found = chapter_start_pages(pdf_page_texts(pdftotext, pdf_path), titles, PAGES_BEFORE_CHAPTERS)
            if None in found:
                missing = [title for title, page in zip(titles, found) if page is None]
                log.warning("%s: cannot find where %s start(s) in the PDF; the contents have no page numbers",
                            PDF_PATH, ", ".join(missing))
                if numbers:
                    html_path.write_text(_render(config, book, {}), encoding="utf-8")
                    print_pdf(chromium, html_path, pdf_path)
                break
            printed = {entry.anchor: page for entry, page in zip(book.contents, found) if page is not None}
            if printed == numbers:
                break
            numbers = printed
            html_path.write_text(_render(config, book, numbers), encoding="utf-8")
        else:
            log.warning("%s: the contents' page numbers did not settle after %d printings", PDF_PATH, PRINTINGS_MAX)
    except PdfError as error:
        raise PluginError(f"{PDF_PATH}: {error}") from error
    log.info("printed the book: %s (%d KB)", PDF_PATH, pdf_path.stat().st_size // 1024)


def _edition_date() -> str:
    """The build's date (hooks/build_date.py sets SOURCE_DATE_EPOCH from the last commit), e.g. 3 March 2026."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = datetime.fromtimestamp(int(epoch), timezone.utc) if epoch.isdigit() else datetime.now(timezone.utc)
    return f"{moment.day} {moment:%B %Y}"
