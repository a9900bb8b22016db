"""A built page's ``<article>``, made into one chapter of the print book.

It works on the HTML MkDocs wrote, because the parts templates add (content note,
objectives, Key terms, References) exist only there, and it reads that HTML with
a real parser (BeautifulSoup over the standard library's ``html.parser``).
Every id is scoped by the chapter's anchor (``{anchor}--{id}``) so the book's ids
stay unique, and every reference to an id follows it: links, ``aria-*`` lists,
``for``, and SVG's ``url(#...)``. A link to another page in the book becomes a
link inside the book; a link to a page left out goes to the online site.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Set
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from rupture_repair.selfcheck.urls import is_external, relative_url, resolve_url

if TYPE_CHECKING:
    from bs4 import Tag

# Site navigation, not text: the permalink signs, page actions and the sections
# overrides/rr/page-end.html adds to lead elsewhere on the site.
DROP = (".headerlink", ".md-content__button", ".md-source-file", ".md-feedback",
        ".rr-next-in-path", ".rr-related", ".rr-backlinks")
ID_LIST_ATTRIBUTES = ("aria-describedby", "aria-labelledby", "aria-controls", "aria-owns",
                      "aria-details", "aria-flowto", "aria-activedescendant", "for", "headers")
URL_ATTRIBUTES = ("src", "poster", "data")
_URL_REFERENCE = re.compile(r"url\(#([^)\s]+)\)")


class ChapterError(ValueError):
    """A built page that cannot become a chapter (the message names what is missing)."""


@dataclass(frozen=True)
class BookPage:
    """A page of the site as a chapter of the book."""

    src_uri: str
    url: str
    """Site-relative URL of the built page, as MkDocs gives it ("foundations/working-alliance/")."""
    anchor: str
    """The chapter's id in the book; its own ids become ``{anchor}--{id}``."""


def scoped_id(anchor: str, element_id: str) -> str:
    """The id an element of the chapter ``anchor`` takes in the book."""
    return f"{anchor}--{element_id}"


def read_article(html: str) -> Tag:
    """The ``<article>`` of a built page; ChapterError when the page has none."""
    # Imported here: bs4 and soupsieve take ~0.1 s to import, and only the PDF build reads articles.
    from bs4 import BeautifulSoup, SoupStrainer, Tag

    # Only the article is built into a tree: every page also carries the whole nav, and
    # building that for every page made the book's cost grow with pages squared.
    article = BeautifulSoup(html, "html.parser", parse_only=SoupStrainer("article")).find("article")
    if not isinstance(article, Tag):
        raise ChapterError("no <article> element: is it a page MkDocs built with the theme?")
    return article


def book_link(href: str, page: BookPage, anchors: Mapping[str, str], ids_by_url: Mapping[str, Set[str]],
              site_url: str | None, print_url: str) -> str:
    """``href`` on ``page`` as a link in the book.

    In-book pages become ``#anchor`` or ``#anchor--id`` (when the id exists there);
    other site files become the online address (``site_url``) or, without one, a link
    relative to the print page at ``print_url``. External links stay as they are.
    """
    if is_external(href):
        return href
    path, fragment = resolve_url(href, page.url)
    path = _page_url(path)
    if path in anchors:
        anchor = anchors[path]
        return f"#{scoped_id(anchor, fragment)}" if fragment in ids_by_url.get(path, ()) else f"#{anchor}"
    suffix = f"#{fragment}" if fragment else ""
    if site_url:
        return urljoin(site_url if site_url.endswith("/") else site_url + "/", path) + suffix
    return relative_url(path, print_url) + suffix


def make_chapter(article: Tag, page: BookPage, anchors: Mapping[str, str], ids_by_url: Mapping[str, Set[str]],
                 site_url: str | None, print_url: str, title: str | None = None) -> str:
    """The article's content as the chapter ``page.anchor`` of the book (HTML).

    ``title`` replaces the text of the page's ``<h1>`` (e.g. "Introduction" for the
    home page, whose title is the book's). Answers (``<details>``) are printed open.
    """
    for element in article.select(", ".join(DROP)):
        element.decompose()
    own_ids = ids_by_url.get(page.url, set())
    if title is not None and (heading := article.find("h1")) is not None:
        heading.string = title
    for element in article.find_all(True):
        _rewrite(element, page, own_ids, anchors, ids_by_url, site_url, print_url)
    return article.decode_contents().strip()


def article_ids(article: Tag) -> set[str]:
    """The ids in an article, before they are scoped."""
    return {str(element["id"]) for element in article.find_all(id=True)}


def chapter_heading(article: Tag) -> str | None:
    """The text of the article's ``<h1>`` without its permalink sign, whitespace collapsed."""
    heading = article.find("h1")
    if heading is None:
        return None
    texts = [text for text in heading.find_all(string=True) if not text.find_parent(class_="headerlink")]
    return " ".join("".join(texts).split()) or None


# ----- Helpers -----------------------------------------------------------------


def _rewrite(element: Tag, page: BookPage, own_ids: Set[str], anchors: Mapping[str, str],
             ids_by_url: Mapping[str, Set[str]], site_url: str | None, print_url: str) -> None:
    def scoped(value: str) -> str:
        return scoped_id(page.anchor, value) if value in own_ids else value

    if element.has_attr("id"):
        element["id"] = scoped_id(page.anchor, str(element["id"]))
    for name in ID_LIST_ATTRIBUTES:
        if element.has_attr(name):
            element[name] = " ".join(scoped(value) for value in str(element[name]).split())
    for name in ("href", "xlink:href"):
        if element.has_attr(name):
            element[name] = book_link(str(element[name]), page, anchors, ids_by_url, site_url, print_url)
    for name in URL_ATTRIBUTES:
        if element.has_attr(name) and not is_external(str(element[name])):
            path, fragment = resolve_url(str(element[name]), page.url)
            element[name] = relative_url(path, print_url) + (f"#{fragment}" if fragment else "")
    for name, value in list(element.attrs.items()):
        if isinstance(value, str) and "url(#" in value:
            element[name] = _URL_REFERENCE.sub(lambda m: f"url(#{scoped(m.group(1))})", value)
    if element.name == "details":
        element["open"] = ""


def _page_url(path: str) -> str:
    """A built file's path as its page's URL ("a/index.html" -> "a/", "index.html" -> "")."""
    if path == "index.html":
        return ""
    return path.removesuffix("index.html") if path.endswith("/index.html") else path
