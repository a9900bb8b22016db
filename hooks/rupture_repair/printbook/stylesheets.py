"""The stylesheets a built page links, as the print page must link them to look the same."""

from __future__ import annotations

from rupture_repair.selfcheck.urls import relative_url, resolve_url


def print_stylesheets(html: str, url: str, print_url: str) -> list[str]:
    """The ``<link rel="stylesheet">`` hrefs in the head of the page built at ``url``, relative to ``print_url``."""
    # Imported here: bs4 and soupsieve take ~0.1 s to import, and only the PDF build prints the book.
    from bs4 import BeautifulSoup

    head = BeautifulSoup(html, "html.parser").head
    links = head.find_all("link", rel="stylesheet", href=True) if head else []
    return [relative_url(resolve_url(str(link["href"]), url)[0], print_url) for link in links]
