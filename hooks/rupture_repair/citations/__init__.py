"""Citations: load references.bib, format APA 7 references, and cite them from Markdown.

The hook calls, in order: ``load_bibliography`` (on_config), adds a
``CitationExtension(bibliography)`` to the Markdown extensions, then per page
``begin_page(references_url)`` before rendering and ``end_page()`` after it.
"""

from .bibliography import load_bibliography, suggest_key
from .extension import CitationExtension, makeExtension
from .locate import locate_line
from .records import Bibliography, Reference
from .report import CitationProblem, CitationReport, CitedWork

__all__ = [
    "Bibliography",
    "CitationExtension",
    "CitationProblem",
    "CitationReport",
    "CitedWork",
    "Reference",
    "load_bibliography",
    "locate_line",
    "makeExtension",
    "suggest_key",
]
