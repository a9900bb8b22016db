"""URLs and ids for a page made of pieces of other pages (pure functions, no MkDocs)."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from markdown.extensions.toc import slugify, unique

_BASE = "http://rr.invalid/"  # resolves site-relative URLs with urljoin; never appears in output


def is_external(href: str) -> bool:
    """True for links that leave the site (or call, text, mail): nothing to rebase."""
    parts = urlsplit(href)
    return bool(parts.scheme or parts.netloc or href.startswith("//"))


def resolve_url(href: str, page_url: str) -> tuple[str, str]:
    """The site-relative path and the fragment that ``href``, written on the page at ``page_url``, leads to."""
    target = urlsplit(urljoin(_BASE + page_url, href))
    return target.path.removeprefix(urlsplit(_BASE).path), target.fragment


def relative_url(target: str, here: str) -> str:
    """A link from the page at ``here`` to ``target`` (both site-relative URLs), like MkDocs' get_relative_url."""
    folder = posixpath.dirname(here)
    relative = posixpath.relpath(target or ".", folder or ".")
    if target.endswith("/") or not target:
        relative = "./" if relative == "." else relative + "/"
    return relative


def rebase_url(href: str, from_url: str, to_url: str) -> str:
    """``href`` as written on the page at ``from_url``, rewritten to work on the page at ``to_url``."""
    if is_external(href):
        return href
    path, fragment = resolve_url(href, from_url)
    return relative_url(path, to_url) + (f"#{fragment}" if fragment else "")


def unique_ids(titles: Iterable[str], taken: Iterable[str]) -> list[str]:
    """Heading ids for ``titles``, made as Python-Markdown's toc makes them, clashing with none of ``taken``."""
    used = set(taken)
    return [unique(slugify(title, "-") or "section", used) for title in titles]
