"""The glossary: load and check ``glossary.yml``, find its terms in text, link them in pages.

Public API for the MkDocs hooks:

- ``load_glossary(path, text=None) -> (Glossary, list[Problem])`` at ``on_config``;
- ``TermMatcher.from_glossary(glossary)``, compiled once per build;
- ``TermLinkExtension(matcher)``, appended to ``config.markdown_extensions``; per page
  call ``begin_page(...)`` before rendering and ``end_page()`` after it.
"""

from __future__ import annotations

from .extension import NEVER_LINK, TermLinkExtension, TermMention
from .loader import load_glossary
from .matcher import Match, TermMatcher
from .model import Glossary, GlossaryEntry, slug_from_term

__all__ = [
    "NEVER_LINK",
    "Glossary",
    "GlossaryEntry",
    "Match",
    "TermLinkExtension",
    "TermMatcher",
    "TermMention",
    "load_glossary",
    "slug_from_term",
]
