"""Annotated dialogues: the ``/// dialogue`` block, its tag vocabulary and their checks.

Public API for the MkDocs hook:

- ``load_tags(path, text, glossary_ids=...) -> (TagVocabulary, list[Problem])`` at ``on_config``;
- ``DialogueExtension(vocabulary)``, appended to ``config.markdown_extensions``; per page
  call ``begin_page(glossary_url=...)`` before rendering and ``end_page()`` after it;
- ``locate(source, problem)``: the page line a ``DialogueProblem`` points at.
"""

from __future__ import annotations

from .extension import DialogueExtension, DialogueReport
from .loader import load_tags
from .model import KINDS, DialogueTag, TagVocabulary
from .syntax import DialogueProblem, Turn, locate, parse_dialogue, parse_turn

__all__ = [
    "KINDS",
    "DialogueExtension",
    "DialogueProblem",
    "DialogueReport",
    "DialogueTag",
    "TagVocabulary",
    "Turn",
    "load_tags",
    "locate",
    "parse_dialogue",
    "parse_turn",
]
