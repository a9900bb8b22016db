"""Citations: load references.bib, format APA 7 references, and cite them from Markdown.

The hook calls, in order: ``load_stored`` (on_config: ``load_bibliography``, or its
result kept from an earlier build), adds a ``CitationExtension(bibliography)`` to
the Markdown extensions, then per page ``begin_page(references_url)`` before
rendering and ``end_page()`` after it.

``load_bibliography`` is imported at its first use: it brings pybtex and
citeproc, which a build whose .bib is unchanged never needs (stored.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .extension import CitationExtension, makeExtension
from .locate import locate_line
from .records import Bibliography, Reference, suggest_key
from .report import CitationProblem, CitationReport, CitedWork
from .stored import load_stored

if TYPE_CHECKING:
    from .bibliography import load_bibliography

__all__ = [
    "Bibliography",
    "CitationExtension",
    "CitationProblem",
    "CitationReport",
    "CitedWork",
    "Reference",
    "load_bibliography",
    "load_stored",
    "locate_line",
    "makeExtension",
    "suggest_key",
]


def __getattr__(name: str) -> Any:
    if name == "load_bibliography":
        from .bibliography import load_bibliography

        return load_bibliography
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
