"""The concept map's records: what the hook passes in, and the laid-out map the template draws."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

NodeKind = Literal["chapter", "term"]
EdgeKind = Literal["discusses", "related", "links"]
TextAnchor = Literal["start", "middle", "end"]

NODE_KINDS: tuple[NodeKind, ...] = ("chapter", "term")
EDGE_KINDS: tuple[EdgeKind, ...] = ("discusses", "related", "links")


# ----- Input -------------------------------------------------------------------


@dataclass(frozen=True)
class MapNode:
    """A chapter or a key term; ``href`` is already relative to the map's page; ``group`` is a chapter's section."""

    id: str
    label: str
    kind: NodeKind
    href: str
    group: str | None = None


@dataclass(frozen=True)
class MapEdge:
    """Chapter DISCUSSES term, term RELATED TO term (undirected), chapter LINKS TO chapter."""

    source: str
    target: str
    kind: EdgeKind


# ----- Output: the drawing -----------------------------------------------------


@dataclass(frozen=True)
class LabelLine:
    """One line of a box's label: its text and where its baseline starts (``x`` per the box's text anchor)."""

    text: str
    x: float
    y: float


@dataclass(frozen=True)
class PlacedNode:
    """A node's box and its label, in SVG user units rounded to 0.1.

    ``key`` is a short CSS-safe name ("c1", "t7") that edges use in their classes,
    so the stylesheet can light up a node's edges while it is hovered or focused.
    ``lines`` is the label as drawn: a chapter's may take two lines; a label that
    still does not fit ends in "…" (``truncated``), and the template keeps the full
    ``label`` in the box's <title>.
    """

    node: MapNode
    key: str
    x: float
    y: float
    width: float
    height: float
    lines: tuple[LabelLine, ...]
    text_anchor: TextAnchor
    truncated: bool

    @property
    def id(self) -> str:
        return self.node.id

    @property
    def label(self) -> str:
        return self.node.label

    @property
    def kind(self) -> NodeKind:
        return self.node.kind

    @property
    def href(self) -> str:
        return self.node.href

    @property
    def text(self) -> str:
        """The label as drawn, its lines joined by spaces."""
        return " ".join(line.text for line in self.lines)

    @property
    def right(self) -> float:
        return round(self.x + self.width, 1)

    @property
    def bottom(self) -> float:
        return round(self.y + self.height, 1)

    @property
    def middle(self) -> float:
        return round(self.y + self.height / 2, 1)


@dataclass(frozen=True)
class PlacedEdge:
    """One drawn link: an SVG path ``d``; ``mutual`` marks two chapters that link to each other."""

    source: str
    target: str
    kind: EdgeKind
    source_key: str
    target_key: str
    d: str
    mutual: bool = False


@dataclass(frozen=True)
class GroupLabel:
    """A section's name above its chapters (text baseline at ``y``)."""

    text: str
    x: float
    y: float


@dataclass(frozen=True)
class LegendItem:
    """One legend entry: ``kind`` names the CSS class of its sample, ``style`` says it in words."""

    kind: str
    label: str
    style: str
    count: int


# ----- Output: the same map as text --------------------------------------------


@dataclass(frozen=True)
class ChapterOutline:
    """A chapter, the terms it discusses (A-Z) and the chapters it links to (reading order)."""

    chapter: MapNode
    terms: tuple[MapNode, ...]
    links_to: tuple[MapNode, ...]


@dataclass(frozen=True)
class SectionOutline:
    """A section (``title`` None for chapters without one) and its chapters in reading order."""

    title: str | None
    chapters: tuple[ChapterOutline, ...]


@dataclass(frozen=True)
class TermOutline:
    """A term, its related terms (A-Z) and the chapters that discuss it (reading order)."""

    term: MapNode
    related: tuple[MapNode, ...]
    discussed_in: tuple[MapNode, ...]


@dataclass(frozen=True)
class ConceptMap:
    """The laid-out map: everything the template needs, in drawing order, nothing left to compute.

    ``nodes`` holds chapters in reading order then terms top to bottom; ``edges``
    holds discusses, then related, then links edges (so the busiest kind is drawn
    underneath). ``sections`` and ``terms_outline`` are the map as text.
    """

    width: float
    height: float
    font_size: float
    group_font_size: float
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]
    groups: tuple[GroupLabel, ...]
    legend: tuple[LegendItem, ...]
    sections: tuple[SectionOutline, ...]
    terms_outline: tuple[TermOutline, ...]

    @property
    def chapters(self) -> tuple[PlacedNode, ...]:
        return tuple(placed for placed in self.nodes if placed.kind == "chapter")

    @property
    def terms(self) -> tuple[PlacedNode, ...]:
        return tuple(placed for placed in self.nodes if placed.kind == "term")

    def edges_of_kind(self, kind: EdgeKind) -> tuple[PlacedEdge, ...]:
        return tuple(edge for edge in self.edges if edge.kind == kind)
