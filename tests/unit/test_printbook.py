"""The print book's core: built articles made into chapters, and the contents' page numbers."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from rupture_repair.printbook import (
    BookPage, ChapterError, ContentsEntry, ContentsPart, book_link, chapter_start_pages, group_contents,
    make_chapter, print_stylesheets, read_article,
)
from rupture_repair.printbook.chapters import article_ids, chapter_heading

SITE_URL = "https://example.org/reader/"
CHAPTER = BookPage("part/chapter.md", "part/chapter/", "part-chapter")
ANCHORS = {"part/chapter/": "part-chapter", "glossary/": "glossary", "": "index"}
IDS = {"part/chapter/": {"opening", "rr-ref-a"}, "glossary/": {"repair"}, "": set()}


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("#opening", "#part-chapter--opening"),
        ("#nowhere", "#part-chapter"),
        ("../../glossary/#repair", "#glossary--repair"),
        ("../../glossary/#not-an-entry", "#glossary"),
        ("../../glossary/", "#glossary"),
        ("../../glossary/index.html#repair", "#glossary--repair"),
        ("../../", "#index"),
        ("../../offline/", "https://example.org/reader/offline/"),
        ("../../downloads/book.zip", "https://example.org/reader/downloads/book.zip"),
        ("../../selfcheck/#a", "https://example.org/reader/selfcheck/#a"),
        ("https://doi.org/10.1037/x", "https://doi.org/10.1037/x"),
        ("tel:116123", "tel:116123"),
    ],
)
def test_book_link(href: str, expected: str) -> None:
    assert book_link(href, CHAPTER, ANCHORS, IDS, SITE_URL, "print/") == expected


def test_book_link_without_a_site_url_stays_relative_to_the_print_page() -> None:
    assert book_link("../../offline/", CHAPTER, ANCHORS, IDS, None, "print/") == "../offline/"


ARTICLE = """\
<html><head><title>x</title></head><body><header>site header</header>
<article class="md-content__inner md-typeset">
<a class="md-content__button md-icon" href="edit">Edit</a>
<h1 id="opening">A chapter<a class="headerlink" href="#opening" title="Link to this section">¶</a></h1>
<p>See <a class="rr-cite" href="../../references/#ref-a" aria-describedby="rr-ref-a">A, 2000</a>
and <a href="#opening">the top</a>. <img src="../../assets/images/logo.svg" alt="logo"></p>
<details class="question"><summary>Why?</summary><p>Because.</p></details>
<svg role="group" aria-labelledby="t"><title id="t">Map</title><defs><marker id="arrow"></marker></defs>
<path marker-end="url(#arrow)" d="M0 0"/><a href="../../glossary/#repair"><text>repair</text></a></svg>
<nav class="rr-next-in-path rr-generated"><a href="../../">Next</a></nav>
<section class="rr-related rr-generated"><h2 id="related-chapters">Related chapters</h2></section>
<section class="rr-backlinks rr-generated"><h2 id="linked-from">Linked from</h2></section>
<section class="rr-page-references rr-generated"><h2 id="references">References</h2>
<ol><li id="rr-ref-a">A. (2000). A book.</li></ol></section>
</article></body></html>
"""


def chapter(title: str | None = None) -> BeautifulSoup:
    article = read_article(ARTICLE)
    ids = {**IDS, "part/chapter/": article_ids(article)}
    html = make_chapter(article, CHAPTER, ANCHORS, ids, SITE_URL, "print/", title=title)
    return BeautifulSoup(html, "html.parser")


def test_a_chapter_keeps_its_text_and_endnotes_but_not_the_site_navigation() -> None:
    book = chapter()
    assert book.find(string="site header") is None
    assert book.select(".headerlink, .md-content__button, .rr-next-in-path, .rr-related, .rr-backlinks") == []
    assert book.find("h1").get_text() == "A chapter"
    assert book.select_one("section.rr-page-references li").get_text() == "A. (2000). A book."


def test_every_id_is_scoped_to_the_chapter_and_every_reference_follows_it() -> None:
    book = chapter()
    assert sorted(e["id"] for e in book.find_all(id=True)) == [
        "part-chapter--arrow", "part-chapter--opening", "part-chapter--references", "part-chapter--rr-ref-a",
        "part-chapter--t"]
    cite = book.select_one("a.rr-cite")
    assert cite["aria-describedby"] == "part-chapter--rr-ref-a"
    assert cite["href"] == "https://example.org/reader/references/#ref-a"  # not in this book
    assert book.find("a", string="the top")["href"] == "#part-chapter--opening"
    assert book.find("svg")["aria-labelledby"] == "part-chapter--t"
    assert book.find("path")["marker-end"] == "url(#part-chapter--arrow)"
    assert book.select_one("svg a")["href"] == "#glossary--repair"
    assert book.find("img")["src"] == "../assets/images/logo.svg"


def test_answers_are_printed_open() -> None:
    assert chapter().find("details").has_attr("open")


def test_a_chapter_can_take_another_title() -> None:
    assert chapter(title="Introduction").find("h1").get_text() == "Introduction"


def test_chapter_heading_leaves_out_the_permalink_sign() -> None:
    assert chapter_heading(read_article(ARTICLE)) == "A chapter"


def test_a_page_without_an_article_cannot_be_a_chapter() -> None:
    with pytest.raises(ChapterError, match="no <article>"):
        read_article("<html><body><p>No article</p></body></html>")


def test_group_contents_keeps_consecutive_chapters_of_a_part_together() -> None:
    entries = [ContentsEntry("Intro", "i", "Start"), ContentsEntry("Help", "h", "Start"),
               ContentsEntry("Alliance", "a", "Foundations"), ContentsEntry("About", "about"),
               ContentsEntry("Glossary", "g")]
    assert group_contents(entries) == [
        ContentsPart("Start", tuple(entries[:2])), ContentsPart("Foundations", (entries[2],)),
        ContentsPart(None, tuple(entries[3:])),
    ]


PAGES = [
    "Rupture & Repair\nAn open reader",                               # 1: cover
    "Contents\nIntroduction 3\nThe working alliance 4\nGlossary 6",  # 2: contents
    "Introduction\n\nSooner or later ...",                            # 3
    "The working\nalliance\nThe idea of an alliance ...",             # 4: the title wraps
    "... the working alliance, continued\n\n4",                       # 5
    "Glossary\nEach term ...",                                        # 6
]


@pytest.mark.parametrize(
    ("pages", "headings", "expected"),
    [
        (PAGES, ["Introduction", "The working alliance", "Glossary"], [3, 4, 6]),
        (PAGES, ["Introduction", "Glossary", "The working alliance"], [3, 6, None]),  # forward only
        (PAGES, ["Missing", "Glossary"], [None, 6]),
        (["cover", "Contents", "\ufb01rst steps\n"], ["first steps"], [3]),   # a ligature in the PDF text
        ([], ["Introduction"], [None]),
    ],
)
def test_chapter_start_pages(pages: list[str], headings: list[str], expected: list[int | None]) -> None:
    assert chapter_start_pages(pages, headings, skip_pages=2) == expected


def test_print_stylesheets_are_the_heads_stylesheet_links_relative_to_the_print_page() -> None:
    html = ("<html><head><link rel='stylesheet' href='../../assets/main.css'>"
            "<link rel='preload stylesheet' href='../../assets/reader.css'><link rel='icon' href='../../i.png'>"
            "<link rel='stylesheet'></head><body><link rel='stylesheet' href='body.css'></body></html>")
    assert print_stylesheets(html, "part/chapter/", "print/") == ["../assets/main.css", "../assets/reader.css"]
    assert print_stylesheets("<p>no head</p>", "", "print/") == []
