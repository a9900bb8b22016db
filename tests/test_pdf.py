"""The whole book: the print page and the PDF `./run pdf` prints from it.

`./run pdf` runs once, on the real site into a temporary folder: the print page is
read there as HTML, and the PDF is read back with pdftotext, as a reader would see it.
Other builds (the session's, `./run build`, `mkdocs serve`) have no print page.
These tests drive Debian's Chromium and poppler-utils: skipped without them, except
under ``CI=true``, where they must run (`./run test` installs both when root).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from builtsite import ROOT, BuildResult, resolve, soup
from nuvalidator import errors_of, vnu_messages

PRINT_PAGE = Path("print") / "index.html"
PDF = Path("downloads") / "rupture-and-repair.pdf"
LEFT_OUT = {"offline", "selfcheck"}
# Words only Material's header, search, footer and buttons print.
CHROME = ("Skip to content", "Type to start searching", "Initializing search", "Back to top",
          "Copy to clipboard", "Made with Material")


def _words(text: str) -> str:
    return " ".join(text.split())


def _anchor(url: str) -> str:
    """The chapter id hooks/print_book.py gives the page at a site-relative URL."""
    return url.strip("/").replace("/", "-") or "index"


def _nav_urls(site: Path) -> list[str]:
    home = site / "index.html"
    urls = []
    for link in soup(home).select("nav.md-nav--primary a.md-nav__link[href]"):
        target = resolve(home, link["href"], site)
        if target and target[0].suffix == ".html":
            urls.append(target[0].parent.relative_to(site).as_posix().removeprefix("."))
    return list(dict.fromkeys(urls))




# ----- The print page and the PDF -----------------------------------------------


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """`./run pdf` on the real site, and the text of each page of the PDF."""
    missing = [tool for tool in ("chromium", "pdftotext") if shutil.which(tool) is None]
    if missing:
        message = f"missing {', '.join(missing)}: install Debian's chromium and poppler-utils (./run test does, as root)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    site = tmp_path_factory.mktemp("pdf") / "site"
    result = subprocess.run([str(ROOT / "run"), "pdf", "--site-dir", str(site)], capture_output=True, text=True,
                            check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stderr
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(site / PDF), "-"], capture_output=True, text=True,
                          check=True).stdout
    return site, text.split("\f")[:-1]


@pytest.fixture(scope="module")
def book(printed: tuple[Path, list[str]]) -> BeautifulSoup:
    site, _ = printed
    return soup(site / PRINT_PAGE)


def test_only_the_pdf_build_makes_the_print_page(online_site: BuildResult, offline_site: Path) -> None:
    assert not (online_site.site / "print").exists()
    assert not (offline_site / "print").exists()


@pytest.mark.browser
def test_print_page_holds_every_page_in_reading_order_with_glossary_and_references_last(
    printed: tuple[Path, list[str]], book: BeautifulSoup
) -> None:
    order = [_anchor(url) for url in _nav_urls(printed[0]) if _anchor(url) not in LEFT_OUT]
    expected = [a for a in order if a not in ("glossary", "references")] + ["glossary", "references"]
    assert [article["id"] for article in book.select("main > article.rr-print-chapter")] == expected
    contents = [a["href"] for a in book.select("nav.rr-print-toc li a")]
    assert contents == [f"#{anchor}" for anchor in expected]


@pytest.mark.browser
def test_print_page_has_no_site_chrome_and_only_the_print_stylesheets(book: BeautifulSoup) -> None:
    assert book.select(".md-header, .md-sidebar, .md-search, .md-footer, .md-tabs, .headerlink, "
                       ".rr-next-in-path, .rr-related, .rr-backlinks, script") == []
    # On screen only (hidden in print): what the page is, and the help link every page has.
    assert "rr-print-screen-only" in book.select_one("header a.rr-help-link").find_parent("header")["class"]


@pytest.mark.browser
def test_print_page_opens_every_answer_and_keeps_the_endnotes(book: BeautifulSoup) -> None:
    details = book.select("details")
    assert details and all(d.has_attr("open") for d in details)
    chapter = book.select_one("article#foundations-working-alliance")
    assert chapter.select_one("section.rr-key-terms dl") is not None
    assert chapter.select_one("section.rr-page-references ol li") is not None
    for link in chapter.select("a.rr-term, a.rr-cite"):
        assert chapter.find(id=link["aria-describedby"]) is not None


@pytest.mark.browser
def test_print_page_ids_are_unique_and_its_links_stay_in_the_book(book: BeautifulSoup) -> None:
    ids = [element["id"] for element in book.find_all(id=True)]
    assert len(ids) == len(set(ids))
    for link in book.select("main a[href]"):
        href = link["href"]
        assert not href.startswith("../"), f"a link out of the book: {href}"
        if href.startswith("#"):
            assert href[1:] in ids, f"no {href} in the book"


@pytest.mark.browser
def test_print_page_is_valid_html(printed: tuple[Path, list[str]]) -> None:
    site, _ = printed
    errors = errors_of(vnu_messages(site / PRINT_PAGE))
    assert errors == [], "\n".join(errors[:30])


@pytest.mark.browser
def test_pdf_opens_with_a_cover(printed: tuple[Path, list[str]]) -> None:
    site, pages = printed
    assert (site / PDF).read_bytes().startswith(b"%PDF-")
    cover = _words(pages[0])
    assert cover.startswith("Rupture & Repair An open reader on the therapeutic relationship")
    assert "It is not therapy, medical advice or a crisis service" in cover
    assert re.search(r"This edition: \d{1,2} [A-Z][a-z]+ \d{4}", cover)
    assert not re.search(r"\n\s*1\s*$", pages[0]), "the cover has no page number"


@pytest.mark.browser
def test_pdf_contents_give_the_page_each_chapter_starts_on(printed: tuple[Path, list[str]]) -> None:
    site, pages = printed
    book = soup(site / PRINT_PAGE)
    contents = _words(pages[1])
    assert contents.startswith("Contents")
    for entry in book.select("nav.rr-print-toc li"):
        title = _words(entry.select_one(".rr-print-toc__title").get_text())
        number = int(entry.select_one(".rr-print-toc__page").get_text())
        assert _words(pages[number - 1]).startswith(title), f"{title} does not start on page {number}"
    assert "Glossary" in contents and "References" in contents


@pytest.mark.browser
def test_pdf_pages_are_numbered_in_the_footer(printed: tuple[Path, list[str]]) -> None:
    _, pages = printed
    for number, text in enumerate(pages[1:], start=2):
        assert text.split()[-1] == str(number), f"page {number} ends with {text.split()[-1:]}"


@pytest.mark.browser
def test_pdf_prints_folded_answers_glossary_and_endnotes(printed: tuple[Path, list[str]]) -> None:
    site, pages = printed
    everything = _words(" ".join(pages))
    answer = soup(site / "foundations" / "working-alliance" / "index.html").select_one("details.question > p")
    assert _words(answer.get_text()) in everything
    assert any(_words(page).startswith("Glossary") for page in pages)
    assert any(_words(page).startswith("References These are the books") for page in pages)
    assert "Key terms" in everything


@pytest.mark.browser
def test_pdf_has_no_navigation_chrome(printed: tuple[Path, list[str]]) -> None:
    site, pages = printed
    everything = _words(" ".join(pages))
    for text in CHROME:
        assert text not in everything
    # "Get help now" only where the book's own text says it: no header button on any page.
    book = soup(site / PRINT_PAGE).select_one("main")
    assert everything.count("Get help now") == _words(book.get_text(" ")).count("Get help now")


@pytest.mark.browser
def test_read_offline_page_links_to_the_pdf(printed: tuple[Path, list[str]]) -> None:
    site, _ = printed
    page = site / "offline" / "index.html"
    link = soup(page).find("a", href=re.compile(r"\.pdf$"))
    assert link is not None and "Download the book as a PDF" in link.get_text()
    assert resolve(page, link["href"], site) == (site / PDF, "")
