"""The concept map: a deterministic, readable layout, and the template that draws it."""

from __future__ import annotations

import random
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemLoader

from rupture_repair.conceptmap import ConceptMap, MapEdge, MapNode, PlacedNode, layout_concept_map
from rupture_repair.conceptmap.layout import TEXT_INSET
from rupture_repair.conceptmap.measure import text_width

OVERRIDES = Path(__file__).resolve().parents[2] / "overrides"
TEMPLATE = "rr/concept-map.html"
LONG_LABEL = "Supervision, consultation and the therapist's own part in what goes wrong between two people"


def chapter(slug: str, label: str, group: str | None) -> MapNode:
    return MapNode(slug, label, "chapter", f"../{slug}/", group)


def term(slug: str, label: str) -> MapNode:
    return MapNode(slug, label, "term", f"../glossary/#{slug}")


CHAPTERS = [
    chapter("alliance", "What the working alliance is", "Foundations"),
    chapter("attachment", "Attachment in the consulting room", "Foundations"),
    chapter("nobody", "A rupture nobody caused", "Accounts"),
    chapter("road", "The same road", "Accounts"),
    chapter("repair", "Withdrawal and confrontation ruptures", "Repair"),
    chapter("supervision", LONG_LABEL, "Practice"),
]
TERMS = [
    term("bond", "bond"),
    term("rupture", "rupture"),
    term("withdrawal", "withdrawal rupture"),
    term("metacommunication", "metacommunication"),
    term("earned-security", "earned security"),
    term("secure-base", "secure base"),
    term("epistemic-trust", "epistemic trust"),
]
DISCUSSES = [
    ("alliance", "bond"), ("alliance", "rupture"), ("attachment", "secure-base"), ("attachment", "earned-security"),
    ("nobody", "rupture"), ("nobody", "withdrawal"), ("road", "earned-security"), ("road", "epistemic-trust"),
    ("repair", "withdrawal"), ("repair", "metacommunication"), ("repair", "rupture"),
    ("supervision", "metacommunication"), ("supervision", "epistemic-trust"), ("attachment", "bond"),
]
RELATED = [("withdrawal", "rupture"), ("secure-base", "earned-security"), ("bond", "metacommunication")]
LINKS = [("nobody", "alliance"), ("repair", "nobody"), ("nobody", "repair"), ("supervision", "attachment")]
EDGES = (
    [MapEdge(a, b, "discusses") for a, b in DISCUSSES]
    + [MapEdge(a, b, "related") for a, b in RELATED]
    + [MapEdge(a, b, "links") for a, b in LINKS]
)
NODES = CHAPTERS + TERMS


@pytest.fixture(scope="module")
def concept_map() -> ConceptMap:
    return layout_concept_map(NODES, EDGES)


def render(concept_map: ConceptMap, **context: object) -> str:
    env = Environment(loader=FileSystemLoader(OVERRIDES), autoescape=True)
    return env.get_template(TEMPLATE).render(concept_map=concept_map, **context)


def svg_of(html: str) -> ET.Element:
    """The map's <svg>, parsed as XML: it must be well-formed."""
    return ET.fromstring(re.search(r"<svg class=\"rr-cm\".*?</svg>", html, re.S).group(0))  # type: ignore[union-attr]


def path_ends(d: str) -> tuple[tuple[float, float], tuple[float, float]]:
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
    return (numbers[0], numbers[1]), (numbers[-2], numbers[-1])


def by_id(concept_map: ConceptMap) -> dict[str, PlacedNode]:
    return {node.id: node for node in concept_map.nodes}


# ----- Determinism -------------------------------------------------------------


def test_the_same_input_gives_the_same_map_and_the_same_bytes(concept_map: ConceptMap) -> None:
    again = layout_concept_map(list(NODES), list(EDGES))
    assert again == concept_map
    assert render(again) == render(concept_map)


@pytest.mark.parametrize("seed", [1, 2, 3, 4, 5])
def test_order_of_edges_and_terms_direction_of_related_and_duplicates_do_not_matter(
    concept_map: ConceptMap, seed: int
) -> None:
    shuffle = random.Random(seed).shuffle
    terms, edges = list(TERMS), list(EDGES)
    shuffle(terms)
    edges += [MapEdge(e.target, e.source, "related") for e in EDGES if e.kind == "related"] + EDGES[:5]
    shuffle(edges)
    again = layout_concept_map(CHAPTERS + terms, edges)
    assert again == concept_map
    assert render(again) == render(concept_map)


def test_coordinates_are_rounded_to_one_decimal(concept_map: ConceptMap) -> None:
    numbers = [n for edge in concept_map.edges for n in re.findall(r"-?\d+(?:\.\d+)?", edge.d)]
    numbers += [repr(v) for node in concept_map.nodes for v in (node.x, node.y, node.width, node.height)]
    assert numbers and all(re.fullmatch(r"-?\d+(\.\d)?", n) for n in numbers)


# ----- Readability -------------------------------------------------------------


def test_no_two_boxes_overlap(concept_map: ConceptMap) -> None:
    nodes = concept_map.nodes
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            apart = a.right <= b.x or b.right <= a.x or a.bottom <= b.y or b.bottom <= a.y
            assert apart, f"{a.label!r} overlaps {b.label!r}"


def test_every_box_and_section_name_lies_inside_the_map(concept_map: ConceptMap) -> None:
    for node in concept_map.nodes:
        assert 0 <= node.x and node.right <= concept_map.width and 0 <= node.y and node.bottom <= concept_map.height
    for group in concept_map.groups:
        assert 0 < group.y < concept_map.height


def test_labels_fit_their_boxes_and_long_ones_are_shortened_with_an_ellipsis(concept_map: ConceptMap) -> None:
    for node in concept_map.nodes:
        for line in node.lines:
            width = text_width(line.text, concept_map.font_size, bold=node.kind == "chapter")
            assert width <= node.width - 2 * TEXT_INSET, line.text
            assert node.y < line.y < node.bottom
    long = by_id(concept_map)["supervision"]
    assert long.truncated and long.text.endswith("…") and long.label == LONG_LABEL
    assert len(long.lines) == 2
    assert not by_id(concept_map)["road"].truncated


def test_chapters_keep_reading_order_under_their_sections(concept_map: ConceptMap) -> None:
    assert [node.id for node in concept_map.chapters] == [c.id for c in CHAPTERS]
    assert [group.text for group in concept_map.groups] == ["Foundations", "Accounts", "Repair", "Practice"]
    tops = [node.y for node in concept_map.chapters]
    assert tops == sorted(tops)
    first_of_section = {"Foundations": "alliance", "Accounts": "nobody", "Repair": "repair", "Practice": "supervision"}
    for group in concept_map.groups:
        assert group.y < by_id(concept_map)[first_of_section[group.text]].y


def test_terms_are_ordered_by_the_barycentre_of_their_chapters(concept_map: ConceptMap) -> None:
    placed = by_id(concept_map)
    middle = {node.id: node.y + node.height / 2 for node in concept_map.nodes}
    chapters_of = {t.id: [c for c, discussed in DISCUSSES if discussed == t.id] for t in TERMS}
    barycentre = {t: sum(middle[c] for c in chapters) / len(chapters) for t, chapters in chapters_of.items()}
    expected = sorted(TERMS, key=lambda t: (barycentre[t.id], t.label))
    assert [node.id for node in concept_map.terms] == [t.id for t in expected]
    tops = [placed[t.id].y for t in expected]
    assert tops == sorted(tops)


@pytest.mark.parametrize(
    ("discusses", "expected"),
    [
        # chapter index (0 = top) per term -> terms top to bottom
        ({"zeta": [0], "alpha": [2], "mu": [1]}, ["zeta", "mu", "alpha"]),
        ({"zeta": [0, 2], "alpha": [1], "mu": [2]}, ["alpha", "zeta", "mu"]),  # tie at the middle: A-Z
        ({"zeta": [], "alpha": [2], "mu": [0]}, ["mu", "alpha", "zeta"]),  # discussed nowhere: last
        ({"beta": [1], "alpha": [1], "Alpha": [1]}, ["Alpha", "alpha", "beta"]),
    ],
)
def test_barycentre_ordering_and_its_tie_breaks(discusses: dict[str, list[int]], expected: list[str]) -> None:
    chapters = [chapter(f"c{i}", f"Chapter {i}", None) for i in range(3)]
    terms = [term(name, name) for name in discusses]
    edges = [MapEdge(f"c{i}", name, "discusses") for name, indices in discusses.items() for i in indices]
    concept_map = layout_concept_map(chapters + terms, edges)
    assert [node.label for node in concept_map.terms] == expected


def test_every_edge_starts_and_ends_on_the_sides_of_its_boxes(concept_map: ConceptMap) -> None:
    placed = by_id(concept_map)
    for edge in concept_map.edges:
        (x1, y1), (x2, y2) = path_ends(edge.d)
        source, target = placed[edge.source], placed[edge.target]
        side = {"discusses": ("right", "left"), "related": ("right", "right"), "links": ("left", "left")}[edge.kind]
        for (x, y), node, which in (((x1, y1), source, side[0]), ((x2, y2), target, side[1])):
            assert x == (node.right if which == "right" else node.x), (edge, node.label)
            assert node.y <= y <= node.bottom, (edge, node.label)


def test_edges_are_kept_once_in_a_canonical_order(concept_map: ConceptMap) -> None:
    kinds = [edge.kind for edge in concept_map.edges]
    assert kinds == sorted(kinds, key=["discusses", "related", "links"].index)
    assert len(concept_map.edges_of_kind("discusses")) == len(DISCUSSES)
    assert len(concept_map.edges_of_kind("related")) == len(RELATED)
    links = {(e.source, e.target, e.mutual) for e in concept_map.edges_of_kind("links")}
    assert links == {("nobody", "alliance", False), ("nobody", "repair", True), ("supervision", "attachment", False)}


# ----- Bad input ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("edge", "named"),
    [
        (MapEdge("alliance", "ghost-term", "discusses"), "'ghost-term'"),
        (MapEdge("phantom", "bond", "discusses"), "'phantom'"),
        (MapEdge("bond", "nowhere", "related"), "'nowhere'"),
        (MapEdge("missing-chapter", "road", "links"), "'missing-chapter'"),
    ],
)
def test_an_edge_naming_an_unknown_node_is_refused_by_name(edge: MapEdge, named: str) -> None:
    with pytest.raises(ValueError, match=f"unknown node {named}"):
        layout_concept_map(NODES, [*EDGES, edge])


@pytest.mark.parametrize(
    ("nodes", "edges", "message"),
    [
        (NODES, [MapEdge("bond", "alliance", "discusses")], "must go from a chapter to a term"),
        (NODES, [MapEdge("alliance", "bond", "links")], "must go from a chapter to a chapter"),
        (NODES, [MapEdge("bond", "bond", "related")], "to itself"),
        (NODES, [MapEdge("alliance", "bond", "mentions")], "has kind 'mentions'"),  # type: ignore[arg-type]
        ([*NODES, term("bond", "Bond again")], [], "two nodes share the id 'bond'"),
        ([*NODES, replace(TERMS[0], id="blank", label="  ")], [], "'blank' has an empty label"),
    ],
)
def test_misused_nodes_are_refused(nodes: list[MapNode], edges: list[MapEdge], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        layout_concept_map(nodes, edges)


# ----- The map as text -----------------------------------------------------------


def test_the_outline_lists_each_chapter_s_terms_and_links_and_each_term_s_relations(concept_map: ConceptMap) -> None:
    assert [section.title for section in concept_map.sections] == ["Foundations", "Accounts", "Repair", "Practice"]
    entries = {entry.chapter.id: entry for section in concept_map.sections for entry in section.chapters}
    assert [t.label for t in entries["repair"].terms] == ["metacommunication", "rupture", "withdrawal rupture"]
    assert [c.id for c in entries["nobody"].links_to] == ["alliance", "repair"]
    assert [c.id for c in entries["repair"].links_to] == ["nobody"]
    terms = {entry.term.id: entry for entry in concept_map.terms_outline}
    assert [entry.term.label for entry in concept_map.terms_outline] == sorted(t.label for t in TERMS)
    assert [t.id for t in terms["rupture"].related] == ["withdrawal"]
    assert [t.id for t in terms["withdrawal"].related] == ["rupture"]
    assert [c.id for c in terms["rupture"].discussed_in] == ["alliance", "nobody", "repair"]


# ----- The template ---------------------------------------------------------------


def test_the_template_draws_one_link_per_node_three_edge_kinds_and_a_legend(concept_map: ConceptMap) -> None:
    html = render(concept_map)
    svg = svg_of(html)
    ns = {"svg": "http://www.w3.org/2000/svg"}
    links = svg.findall(".//svg:a", ns)
    assert [a.get("href") for a in links] == [node.href for node in concept_map.nodes]
    assert all(a.find("svg:title", ns) is not None and a.find("svg:rect", ns) is not None for a in links)
    classes = " ".join(path.get("class", "") for path in svg.findall(".//svg:path", ns))
    for kind in ("discusses", "related", "links"):
        assert f"rr-cm-edge--{kind}" in classes
    assert svg.get("aria-labelledby") == "rr-cm-title"
    assert svg.find("svg:title", ns).get("id") == "rr-cm-title"  # type: ignore[union-attr]
    assert svg.find("svg:desc", ns).get("id") == svg.get("aria-describedby")  # type: ignore[union-attr]
    soup = BeautifulSoup(html, "html.parser")
    legend = soup.select(".rr-concept-map__legend li")
    assert [li.get_text(" ", strip=True).split(" (")[0] for li in legend] == [item.label for item in concept_map.legend]
    assert soup.select_one("figure.rr-concept-map figcaption")


def test_the_template_shows_the_full_label_of_a_shortened_box(concept_map: ConceptMap) -> None:
    soup = BeautifulSoup(render(concept_map), "html.parser")
    box = soup.select_one("a.rr-cm-n-" + by_id(concept_map)["supervision"].key)
    assert box is not None and box.title is not None
    assert box.title.get_text() == LONG_LABEL
    assert box.find("text").get_text().endswith("…")


def test_the_template_escapes_labels() -> None:
    nodes = [chapter("a", "Rupture <script> & repair", "Foundations & <More>"), term("t", 'Trust "& <b>')]
    html = render(layout_concept_map(nodes, [MapEdge("a", "t", "discusses")]))
    assert "<script>" not in html and "<b>" not in html and "<More>" not in html
    assert "Rupture &lt;script&gt; &amp; repair" in html
    svg_of(html)  # still well-formed XML


def test_the_text_version_lists_every_chapter_and_term_as_links(concept_map: ConceptMap) -> None:
    soup = BeautifulSoup(render(concept_map), "html.parser")
    section = soup.select_one("section.rr-concept-map-text")
    assert section is not None and section.h2 is not None and section.h2["id"] == "the-map-as-text"
    hrefs = [a["href"] for a in section.find_all("a") if a.get("class") != ["headerlink"]]
    assert {node.href for node in concept_map.nodes} <= set(hrefs)
    repair_item = next(li for li in section.find_all("li") if li.a and li.a["href"] == "../repair/")
    text = re.sub(r"\s+([,.])", r"\1", repair_item.get_text(" ", strip=True))
    assert "Discusses: metacommunication, rupture, withdrawal rupture." in text


def test_an_empty_map_still_renders() -> None:
    html = render(layout_concept_map([], []))
    assert svg_of(html) is not None and "rr-cm-edge--" not in html


def test_arcs_meeting_at_a_box_nest_the_longer_one_outside() -> None:
    chapters = [chapter(f"c{i}", f"Chapter {i}", None) for i in range(4)]
    terms = [term(f"t{i}", f"term {i}") for i in range(4)]
    edges = [MapEdge(f"c{i}", f"t{i}", "discusses") for i in range(4)]
    edges += [MapEdge("t3", "t0", "related"), MapEdge("t3", "t2", "related"), MapEdge("t3", "t1", "related")]
    concept_map = layout_concept_map(chapters + terms, edges)
    related = concept_map.edges_of_kind("related")
    leaving_t3 = {edge.source if edge.target == "t3" else edge.target: edge for edge in related}
    height_at_t3 = {other: path_ends(edge.d)[1][1] for other, edge in leaving_t3.items()}  # t3 is the lower end
    assert height_at_t3["t2"] < height_at_t3["t1"] < height_at_t3["t0"]  # the nearest leaves highest
    bulge = {other: float(re.findall(r"C(-?[\d.]+)", edge.d)[0]) for other, edge in leaving_t3.items()}
    assert bulge["t2"] < bulge["t1"] < bulge["t0"]  # the longest reaches furthest right
