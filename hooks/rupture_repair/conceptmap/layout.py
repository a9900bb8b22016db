"""Lay out the concept map at build time: chapters left, terms right, byte-for-byte deterministic.

Chapters keep the reading order, under their sections' names. Each term sits as
near as it can to the barycentre (mean height) of the chapters that discuss it,
never closer than one row to the next (a least-squares fit with a minimum gap),
so "discusses" curves run mostly level and cross little. Term-term arcs bulge
right of the term column, chapter-chapter arcs left of the chapter column, wider
for longer spans so nested arcs stay apart. Nothing depends on set or dict
iteration order; every coordinate is rounded to 0.1.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .measure import ELLIPSIS, fit_text, text_width, wrap_in_two
from .model import (
    EDGE_KINDS,
    NODE_KINDS,
    ChapterOutline,
    ConceptMap,
    EdgeKind,
    GroupLabel,
    LabelLine,
    LegendItem,
    MapEdge,
    MapNode,
    PlacedEdge,
    PlacedNode,
    SectionOutline,
    TermOutline,
)

# ----- Geometry (SVG user units: CSS pixels when the map is drawn 800 wide) -----

TARGET_WIDTH = 800.0  # the reader's content column at desktop width
MARGIN = 8.0
FONT_SIZE = 15.0
LINE_HEIGHT = 18.0
GROUP_FONT_SIZE = 12.0
TEXT_INSET = 10.0  # a label's distance from its box's left edge
CHAPTER_HEIGHT = (34.0, 52.0)  # a box with one line of label, with two
CHAPTER_PITCH = (44.0, 72.0)  # least and most room per chapter row
CHAPTER_WIDTH = (150.0, 220.0)
TERM_HEIGHT = 27.0
TERM_PITCH = 33.0
TERM_WIDTH = (110.0, 250.0)
GROUP_HEAD = 24.0  # room above a section's first chapter for its name
GROUP_GAP = 12.0
BRIDGE = (170.0, 260.0)  # between the columns, where "discusses" curves run
CURVE_PULL = 0.45  # their control points, as a share of the bridge
ARC_BULGE = (16.0, 80.0)  # an arc's control-point offset: for the shortest span, for the longest
ARC_SPAN_FULL = 360.0  # spans this long or longer get the most bulge
ARC_REACH = 0.75  # a cubic arc reaches 3/4 of its control-point offset
PORT_INSET = 5.0  # lines leave a box's side spread out, this far from its corners
PORT_GAP = 4.0


def layout_concept_map(nodes: Sequence[MapNode], edges: Sequence[MapEdge]) -> ConceptMap:
    """Place chapters, terms and their links; raise ValueError naming any unknown or misused node."""
    by_id = _check_input(nodes, edges)
    sections = _sections(node for node in nodes if node.kind == "chapter")
    chapters = [chapter for _, members in sections for chapter in members]
    chapter_index = {chapter.id: index for index, chapter in enumerate(chapters)}
    discusses, related_pairs, links = _canonical_edges(edges, chapter_index)

    # Widths of the boxes, then heights (they fix the arcs' spans, which fix the side lanes).
    chapter_width = _column_width((c.label for c in chapters), CHAPTER_WIDTH, bold=True)
    chapter_lines = {c.id: wrap_in_two(c.label, chapter_width - 2 * TEXT_INSET, FONT_SIZE, bold=True) for c in chapters}
    chapter_height = {chapter_id: CHAPTER_HEIGHT[len(lines) - 1] for chapter_id, (lines, _) in chapter_lines.items()}
    term_list = [node for node in nodes if node.kind == "term"]
    tallest = max(chapter_height.values(), default=0.0)
    pitch, chapter_top, term_span = _vertical_frame(sections, tallest, len(term_list))
    chapter_y, group_baselines = _chapter_rows(sections, chapter_top, pitch)
    terms, term_y = _place_terms(term_list, discusses, chapter_y, term_span)
    term_index = {term.id: index for index, term in enumerate(terms)}
    related = sorted(
        (tuple(sorted(pair, key=term_index.__getitem__)) for pair in related_pairs),
        key=lambda pair: (term_index[pair[0]], term_index[pair[1]]),
    )

    # Across: lane for chapter arcs | chapters | bridge | terms | lane for term arcs.
    link_spans = [abs(chapter_y[a] - chapter_y[b]) for a, b, _ in links]
    related_spans = [abs(term_y[a] - term_y[b]) for a, b in related]
    left_lane, right_lane = _lane_width(link_spans), _lane_width(related_spans)
    term_width = _column_width((t.label for t in terms), TERM_WIDTH, bold=False)
    rest = 2 * MARGIN + left_lane + chapter_width + term_width + right_lane
    bridge = min(max(TARGET_WIDTH - rest, BRIDGE[0]), BRIDGE[1])
    chapter_x = MARGIN + left_lane
    term_x = chapter_x + chapter_width + bridge

    placed: dict[str, PlacedNode] = {}
    for index, chapter in enumerate(chapters, start=1):
        lines, truncated = chapter_lines[chapter.id]
        box = (chapter_x, chapter_y[chapter.id], chapter_width, chapter_height[chapter.id])
        placed[chapter.id] = _place_node(chapter, f"c{index}", box, lines, truncated)
    for index, term in enumerate(terms, start=1):
        text, truncated = fit_text(term.label, term_width - 2 * TEXT_INSET, FONT_SIZE)
        box = (term_x, term_y[term.id], term_width, TERM_HEIGHT)
        placed[term.id] = _place_node(term, f"t{index}", box, (text,), truncated)

    drawn = (
        _discusses_curves(discusses, placed, chapter_index, term_index)
        + _arcs([(a, b, False) for a, b in related], "related", placed, _bulges(related_spans), side=1)
        + _arcs(links, "links", placed, _bulges(link_spans), side=-1)
    )
    return ConceptMap(
        width=_round(term_x + term_width + right_lane + MARGIN),
        height=_round(max((node.bottom for node in placed.values()), default=0.0) + MARGIN),
        font_size=FONT_SIZE,
        group_font_size=GROUP_FONT_SIZE,
        nodes=tuple(placed[node.id] for node in (*chapters, *terms)),
        edges=tuple(drawn),
        groups=tuple(_group_label(title, chapter_x, y, chapter_width) for title, y in group_baselines),
        legend=_legend(len(chapters), len(terms), len(discusses), len(related), len(links)),
        sections=_outline_sections(sections, discusses, links, by_id, chapter_index),
        terms_outline=_outline_terms(terms, discusses, related, by_id, chapter_index),
    )


# ----- Input -------------------------------------------------------------------

_ENDS: dict[str, tuple[str, str]] = {
    "discusses": ("chapter", "term"),
    "related": ("term", "term"),
    "links": ("chapter", "chapter"),
}


def _check_input(nodes: Sequence[MapNode], edges: Sequence[MapEdge]) -> dict[str, MapNode]:
    by_id: dict[str, MapNode] = {}
    for node in nodes:
        if node.kind not in NODE_KINDS:
            raise ValueError(f"concept map: node {node.id!r} has kind {node.kind!r}; expected 'chapter' or 'term'")
        if node.id in by_id:
            raise ValueError(f"concept map: two nodes share the id {node.id!r}")
        if not node.label.strip():
            raise ValueError(f"concept map: node {node.id!r} has an empty label")
        by_id[node.id] = node
    for edge in edges:
        if edge.kind not in EDGE_KINDS:
            raise ValueError(
                f"concept map: edge {edge.source!r} -> {edge.target!r} has kind {edge.kind!r};"
                f" expected one of {', '.join(EDGE_KINDS)}"
            )
        for end in (edge.source, edge.target):
            if end not in by_id:
                raise ValueError(
                    f"concept map: {edge.kind} edge {edge.source!r} -> {edge.target!r} names unknown node {end!r}"
                )
        if edge.source == edge.target:
            raise ValueError(f"concept map: {edge.kind} edge from {edge.source!r} to itself")
        expected = _ENDS[edge.kind]
        if (by_id[edge.source].kind, by_id[edge.target].kind) != expected:
            raise ValueError(
                f"concept map: {edge.kind} edge {edge.source!r} -> {edge.target!r}"
                f" must go from a {expected[0]} to a {expected[1]}"
            )
    return by_id


def _sections(chapters: Iterable[MapNode]) -> list[tuple[str | None, list[MapNode]]]:
    """Chapters under their sections, sections in order of first appearance, chapters in given order."""
    sections: dict[str | None, list[MapNode]] = {}
    for chapter in chapters:
        sections.setdefault(chapter.group, []).append(chapter)
    return list(sections.items())


def _canonical_edges(
    edges: Sequence[MapEdge], chapter_index: dict[str, int]
) -> tuple[list[tuple[str, str]], set[frozenset[str]], list[tuple[str, str, bool]]]:
    """Duplicates dropped; related pairs undirected; two chapters linking each other become one mutual link."""
    discusses = {(e.source, e.target) for e in edges if e.kind == "discusses"}
    related = {frozenset((e.source, e.target)) for e in edges if e.kind == "related"}
    directed = {(e.source, e.target) for e in edges if e.kind == "links"}
    links: set[tuple[str, str, bool]] = set()
    for source, target in directed:
        if (target, source) in directed:
            first, second = sorted((source, target), key=chapter_index.__getitem__)
            links.add((first, second, True))
        else:
            links.add((source, target, False))
    ordered_links = sorted(links, key=lambda link: (chapter_index[link[0]], chapter_index[link[1]]))
    return sorted(discusses), related, ordered_links


# ----- Vertical placement ------------------------------------------------------


def _vertical_frame(
    sections: list[tuple[str | None, list[MapNode]]], tallest_chapter: float, n_terms: int
) -> tuple[float, float, tuple[float, float]]:
    """Chapter row pitch, top of the chapter column, and the range term centres may use.

    Chapter rows stretch (up to a limit) to match a taller term column; the shorter
    column is centred on the other.
    """
    n_chapters = sum(len(members) for _, members in sections)
    fixed = sum(GROUP_HEAD for title, _ in sections if title is not None) + GROUP_GAP * max(len(sections) - 1, 0)
    term_height = n_terms * TERM_PITCH
    pitch = max(CHAPTER_PITCH[0], tallest_chapter + 10.0)
    if n_chapters and term_height > fixed + n_chapters * pitch:
        pitch = max(pitch, min(CHAPTER_PITCH[1], (term_height - fixed) / n_chapters))
    chapter_height = fixed + n_chapters * pitch
    height = max(chapter_height, term_height)
    chapter_top = MARGIN + (height - chapter_height) / 2
    if term_height >= chapter_height:
        span = (MARGIN + TERM_PITCH / 2, MARGIN + height - TERM_PITCH / 2)
    else:  # terms stay between the first and last chapter rows
        first_row = chapter_top + (GROUP_HEAD if sections and sections[0][0] is not None else 0.0)
        span = (first_row + pitch / 2, chapter_top + chapter_height - pitch / 2)
    return pitch, chapter_top, span


def _chapter_rows(
    sections: list[tuple[str | None, list[MapNode]]], top: float, pitch: float
) -> tuple[dict[str, float], list[tuple[str, float]]]:
    """Each chapter's middle, and each section name's baseline, down the chapter column."""
    chapter_y: dict[str, float] = {}
    group_baselines: list[tuple[str, float]] = []
    cursor = top
    for title, members in sections:
        if title is not None:
            group_baselines.append((title, cursor + GROUP_HEAD - 7.0))
            cursor += GROUP_HEAD
        for chapter in members:
            chapter_y[chapter.id] = cursor + pitch / 2
            cursor += pitch
        cursor += GROUP_GAP
    return chapter_y, group_baselines


def _place_terms(
    terms: list[MapNode], discusses: list[tuple[str, str]], chapter_y: dict[str, float], span: tuple[float, float]
) -> tuple[list[MapNode], dict[str, float]]:
    """Order terms by the barycentre of their chapters (ties A-Z; undiscussed terms last), then fit them to it."""
    heights: dict[str, list[float]] = {term.id: [] for term in terms}
    for chapter, term in discusses:
        heights[term].append(chapter_y[chapter])
    barycentre = {term_id: round(sum(ys) / len(ys), 6) if ys else None for term_id, ys in heights.items()}
    ordered = sorted(
        terms,
        key=lambda t: (barycentre[t.id] is None, barycentre[t.id] or 0.0, t.label.casefold(), t.label, t.id),
    )
    wanted = [span[1] if barycentre[t.id] is None else barycentre[t.id] for t in ordered]
    centres = _fit_with_gap(wanted, TERM_PITCH, span)
    return ordered, {term.id: centre for term, centre in zip(ordered, centres)}


def _fit_with_gap(wanted: list[float], gap: float, span: tuple[float, float]) -> list[float]:
    """Least-squares positions for sorted ``wanted``, at least ``gap`` apart, inside ``span``.

    Subtracting ``index * gap`` turns the gap into plain monotonicity, which pool
    adjacent violators solves exactly; clamping that solution keeps it optimal.
    """
    shifted = [value - index * gap for index, value in enumerate(wanted)]
    blocks: list[list[float]] = []  # [sum, count]
    for value in shifted:
        blocks.append([value, 1.0])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += count
    low, high = span[0], max(span[0], span[1] - (len(wanted) - 1) * gap)
    fitted = [min(max(total / count, low), high) for total, count in blocks for _ in range(int(count))]
    return [value + index * gap for index, value in enumerate(fitted)]


# ----- Boxes and curves --------------------------------------------------------


def _column_width(labels: Iterable[str], bounds: tuple[float, float], *, bold: bool) -> float:
    widest = max((text_width(label, FONT_SIZE, bold=bold) for label in labels), default=0.0)
    return _round(min(max(widest + 2 * TEXT_INSET, bounds[0]), bounds[1]))


def _bulges(spans: list[float]) -> list[float]:
    """Control-point offsets of arcs, growing with their spans so that nested arcs stay apart."""
    least, most = ARC_BULGE
    longest = max([ARC_SPAN_FULL, *spans])
    return [least + (most - least) * span / longest for span in spans]


def _lane_width(spans: list[float]) -> float:
    """Room beside a column for its arcs: the widest arc's reach, plus a little air."""
    return _round(max(_bulges(spans)) * ARC_REACH + 6.0) if spans else 0.0


def _place_node(
    node: MapNode, key: str, box: tuple[float, float, float, float], lines: tuple[str, ...], truncated: bool
) -> PlacedNode:
    """A box given as (left, middle, width, height), its label's lines centred on its middle."""
    x, centre, width, height = box
    first_baseline = centre + FONT_SIZE * 0.35 - (len(lines) - 1) * LINE_HEIGHT / 2  # 0.35 em: centres x-height text
    return PlacedNode(
        node=node,
        key=key,
        x=_round(x),
        y=_round(centre - height / 2),
        width=_round(width),
        height=height,
        lines=tuple(
            LabelLine(text, _round(x + TEXT_INSET), _round(first_baseline + index * LINE_HEIGHT))
            for index, text in enumerate(lines)
        ),
        text_anchor="start",
        truncated=truncated,
    )


def _group_label(title: str, x: float, baseline: float, width: float) -> GroupLabel:
    """A section's name, measured in capitals (the stylesheet shows it so) and kept within the column."""
    shown, truncated = fit_text(title.upper(), width, GROUP_FONT_SIZE * 1.1, bold=True)  # 1.1: letter-spacing
    text = title[: len(shown) - 1].rstrip() + ELLIPSIS if truncated else title
    return GroupLabel(text, _round(x), _round(baseline))


def _ports(node: PlacedNode, count: int) -> list[float]:
    """Heights on a box's side where ``count`` lines meet it, spread evenly about its middle."""
    centre = node.y + node.height / 2
    if count == 1:
        return [centre]
    gap = min(PORT_GAP, (node.height - 2 * PORT_INSET) / (count - 1))
    return [centre + (index - (count - 1) / 2) * gap for index in range(count)]


def _discusses_curves(
    discusses: list[tuple[str, str]],
    placed: dict[str, PlacedNode],
    chapter_index: dict[str, int],
    term_index: dict[str, int],
) -> list[PlacedEdge]:
    """S-curves from a chapter's right side to a term's left; each side's ports in the order of the other ends."""
    edges = sorted(discusses, key=lambda e: (chapter_index[e[0]], term_index[e[1]]))
    start: dict[tuple[str, str], float] = {}
    end: dict[tuple[str, str], float] = {}
    for chapter_id in sorted({chapter for chapter, _ in edges}, key=chapter_index.__getitem__):
        mine = [e for e in edges if e[0] == chapter_id]  # already in term order
        start.update(zip(mine, _ports(placed[chapter_id], len(mine))))
    for term_id in sorted({term for _, term in edges}, key=term_index.__getitem__):
        mine = sorted((e for e in edges if e[1] == term_id), key=lambda e: chapter_index[e[0]])
        end.update(zip(mine, _ports(placed[term_id], len(mine))))
    curves = []
    for edge in edges:
        chapter, term = placed[edge[0]], placed[edge[1]]
        x1, y1, x2, y2 = chapter.right, start[edge], term.x, end[edge]
        pull = (x2 - x1) * CURVE_PULL
        d = f"M{_fmt(x1)} {_fmt(y1)}C{_fmt(x1 + pull)} {_fmt(y1)} {_fmt(x2 - pull)} {_fmt(y2)} {_fmt(x2)} {_fmt(y2)}"
        curves.append(PlacedEdge(chapter.id, term.id, "discusses", chapter.key, term.key, d))
    return curves


def _arcs(
    pairs: list[tuple[str, str, bool]], kind: EdgeKind, placed: dict[str, PlacedNode], bulges: list[float], *, side: int
) -> list[PlacedEdge]:
    """Arcs within one column, leaving boxes on the right (side 1) or left (side -1), nested without crossing at a box.

    At each box the arcs' ends are spread out: upward arcs above downward ones, and
    the longer an arc, the nearer the box's middle it leaves, so it passes outside
    the shorter ones.
    """
    ends: dict[str, list[tuple[bool, float, int, int]]] = {}
    for index, (a, b, _) in enumerate(pairs):
        for end, mine, other in ((0, a, b), (1, b, a)):
            below = placed[other].middle > placed[mine].middle
            ends.setdefault(mine, []).append((below, -placed[other].middle, index, end))
    port: dict[tuple[int, int], float] = {}
    for node_id, node_ends in sorted(ends.items()):
        for (_, _, index, end), y in zip(sorted(node_ends), _ports(placed[node_id], len(node_ends))):
            port[index, end] = y
    arcs = []
    for index, ((a, b, mutual), bulge) in enumerate(zip(pairs, bulges)):
        source, target = placed[a], placed[b]
        x = source.right if side > 0 else source.x
        reach = x + side * bulge
        y1, y2 = port[index, 0], port[index, 1]
        d = f"M{_fmt(x)} {_fmt(y1)}C{_fmt(reach)} {_fmt(y1)} {_fmt(reach)} {_fmt(y2)} {_fmt(x)} {_fmt(y2)}"
        arcs.append(PlacedEdge(a, b, kind, source.key, target.key, d, mutual))
    return arcs


# ----- Legend and the map as text ----------------------------------------------


def _legend(chapters: int, terms: int, discusses: int, related: int, links: int) -> tuple[LegendItem, ...]:
    items = (
        LegendItem("chapter", "Chapter", "filled box", chapters),
        LegendItem("term", "Key term", "outlined box", terms),
        LegendItem("discusses", "Chapter discusses a term", "solid line", discusses),
        LegendItem("related", "Terms related to each other", "dashed line", related),
        LegendItem("links", "Chapter links to another chapter", "dotted line, arrow at the chapter linked to", links),
    )
    return tuple(item for item in items if item.count)


def _outline_sections(
    sections: list[tuple[str | None, list[MapNode]]],
    discusses: list[tuple[str, str]],
    links: list[tuple[str, str, bool]],
    by_id: dict[str, MapNode],
    chapter_index: dict[str, int],
) -> tuple[SectionOutline, ...]:
    directed = sorted({(a, b) for a, b, _ in links} | {(b, a) for a, b, mutual in links if mutual})
    outline = []
    for title, members in sections:
        chapters = []
        for chapter in members:
            terms = _a_to_z(by_id[term] for source, term in discusses if source == chapter.id)
            targets = sorted((b for a, b in directed if a == chapter.id), key=chapter_index.__getitem__)
            chapters.append(ChapterOutline(chapter, terms, tuple(by_id[target] for target in targets)))
        outline.append(SectionOutline(title, tuple(chapters)))
    return tuple(outline)


def _outline_terms(
    terms: list[MapNode],
    discusses: list[tuple[str, str]],
    related: list[tuple[str, str]],
    by_id: dict[str, MapNode],
    chapter_index: dict[str, int],
) -> tuple[TermOutline, ...]:
    outline = []
    for term in _a_to_z(terms):
        neighbours = _a_to_z(by_id[b if a == term.id else a] for a, b in related if term.id in (a, b))
        chapters = sorted((chapter for chapter, t in discusses if t == term.id), key=chapter_index.__getitem__)
        outline.append(TermOutline(term, neighbours, tuple(by_id[chapter] for chapter in chapters)))
    return tuple(outline)


def _a_to_z(nodes: Iterable[MapNode]) -> tuple[MapNode, ...]:
    return tuple(sorted(nodes, key=lambda node: (node.label.casefold(), node.label, node.id)))


# ----- Numbers -----------------------------------------------------------------


def _round(value: float) -> float:
    return round(value, 1) + 0.0  # + 0.0 turns -0.0 into 0.0


def _fmt(value: float) -> str:
    """A coordinate for a path: one decimal at most, no trailing ".0"."""
    text = f"{_round(value):.1f}"
    return text[:-2] if text.endswith(".0") else text
