"""The concept map: chapters and key terms drawn as an SVG at build time, and the same map as text.

Public API for the MkDocs hook (pure: no MkDocs import):

- ``layout_concept_map(nodes, edges) -> ConceptMap``, from ``MapNode`` and ``MapEdge``
  records; raises ValueError naming an unknown or misused node;
- ``overrides/rr/concept-map.html`` draws a ``ConceptMap`` (its context is documented there).
"""

from __future__ import annotations

from .layout import layout_concept_map
from .model import (
    ChapterOutline,
    ConceptMap,
    GroupLabel,
    LegendItem,
    MapEdge,
    MapNode,
    PlacedEdge,
    PlacedNode,
    SectionOutline,
    TermOutline,
)

__all__ = [
    "ChapterOutline",
    "ConceptMap",
    "GroupLabel",
    "LegendItem",
    "MapEdge",
    "MapNode",
    "PlacedEdge",
    "PlacedNode",
    "SectionOutline",
    "TermOutline",
    "layout_concept_map",
]
