"""The cross-link core without MkDocs: headings, wiki-links, link targets, related pages, paths."""

from __future__ import annotations

import markdown
import pytest

from rupture_repair.crosslinks.extension import WikiLinkExtension
from rupture_repair.crosslinks.frontmatter import read_front_matter
from rupture_repair.crosslinks.graph import (PathStep, ReadingPath, backlinks, link_target, reading_paths,
                                             related_pages)
from rupture_repair.crosslinks.extension import LinkRecord
from rupture_repair.crosslinks.headings import headings_of
from rupture_repair.crosslinks.pages import PageIndex, PageRecord, page_name, record_page
from rupture_repair.crosslinks.wikilinks import WikiLinkError, resolve_wikilink


def _page(src: str, title: str, body: str = "", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndescription: A page used by the unit tests of cross-links.\n{extra}---\n\n{body}"


INDEX, _ = PageIndex.build([
    record_page("repair/how-repair-happens.md",
                _page("", "How repair happens", "# How repair happens\n\n## Metacommunication\n\n## Metacommunication\n"),
                "docs/repair/how-repair-happens.md")[0],
    record_page("accounts/talking-about-us.md", _page("", "Talking about us", "# Talking about us\n"),
                "docs/accounts/talking-about-us.md")[0],
])


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("# Title\n## Goals, tasks and bond", [(1, "title", "Title"), (2, "goals-tasks-and-bond", "Goals, tasks and bond")]),
        ("## Same\n## Same", [(2, "same", "Same"), (2, "same_1", "Same")]),
        ("## Custom { #mine }", [(2, "mine", "Custom")]),
        ("## *Emphasis* and `code`", [(2, "emphasis-and-code", "Emphasis and code")]),
        ("```\n# not a heading\n```\n## After", [(2, "after", "After")]),
        ("#NoSpace\n####### seven", []),
    ],
)
def test_headings_get_the_ids_toc_gives_them(source: str, expected: list) -> None:
    assert [(h.level, h.id, h.title) for h in headings_of(source)] == expected


@pytest.mark.parametrize(
    ("inner", "current", "href", "label"),
    [
        ("how-repair-happens", "accounts/talking-about-us.md", "../repair/how-repair-happens.md", "How repair happens"),
        ("how-repair-happens|repair", "accounts/talking-about-us.md", "../repair/how-repair-happens.md", "repair"),
        ("how-repair-happens#metacommunication", "index.md", "repair/how-repair-happens.md#metacommunication",
         "Metacommunication"),
        ("how-repair-happens#metacommunication_1|again", "index.md",
         "repair/how-repair-happens.md#metacommunication_1", "again"),
        (" talking-about-us ", "repair/how-repair-happens.md", "../accounts/talking-about-us.md", "Talking about us"),
        ("#metacommunication", "repair/how-repair-happens.md", "#metacommunication", "Metacommunication"),
    ],
)
def test_wikilinks_resolve_to_links_between_source_files(inner: str, current: str, href: str, label: str) -> None:
    link = resolve_wikilink(inner, INDEX, current)
    assert (link.href, link.label) == (href, label)


@pytest.mark.parametrize(
    ("inner", "message"),
    [
        ("how-repair-happen", "unknown page 'how-repair-happen' (did you mean 'how-repair-happens'?)"),
        ("how-repair-happens#metacomm", "unknown heading 'metacomm' in page 'how-repair-happens'"),
        ("", "malformed wiki-link '[[]]'"),
        ("how-repair-happens|", "malformed wiki-link"),
        ("a|b|c", "malformed wiki-link"),
        ("a#b#c", "malformed wiki-link"),
        ("has space", "malformed wiki-link"),
    ],
)
def test_bad_wikilinks_say_what_is_wrong(inner: str, message: str) -> None:
    with pytest.raises(WikiLinkError, match=None) as caught:
        resolve_wikilink(inner, INDEX, "index.md")
    assert message in str(caught.value)


def test_ambiguous_page_names_are_problems_and_never_resolve() -> None:
    index, problems = PageIndex.build([
        record_page("a/notes.md", _page("", "A"), "docs/a/notes.md")[0],
        record_page("b/notes.md", _page("", "B"), "docs/b/notes.md")[0],
    ])
    assert [str(p) for p in problems] == [
        "docs/a/notes.md:1: page name 'notes' is also used by b/notes.md; wiki-links find pages by file name, "
        "so rename one of the files",
        "docs/b/notes.md:1: page name 'notes' is also used by a/notes.md; wiki-links find pages by file name, "
        "so rename one of the files",
    ]
    with pytest.raises(WikiLinkError, match="ambiguous page 'notes'"):
        resolve_wikilink("notes", index, "index.md")


def test_extension_links_reports_and_leaves_code_alone() -> None:
    extension = WikiLinkExtension(INDEX)
    extension.begin_page("index.md")
    html = markdown.markdown(
        "# Home\n\n## Part\n\nSee [[talking-about-us]], `[[talking-about-us]]` and [[nowhere]].\n\n"
        "```\n[[also-code]]\n```\n", extensions=[extension, "toc", "fenced_code"])
    report = extension.end_page()
    assert '<a class="rr-wikilink" href="accounts/talking-about-us.md">Talking about us</a>' in html
    assert "<code>[[talking-about-us]]</code>" in html and "[[also-code]]" in html
    assert "[[nowhere]]" in html
    assert [(p.text, p.message.split(";")[0]) for p in report.problems] == [("[[nowhere]]", "unknown page 'nowhere'")]
    assert report.links == [LinkRecord("accounts/talking-about-us.md", "part", "Part")]


@pytest.mark.parametrize(
    ("src", "href", "target"),
    [
        ("accounts/a.md", "../repair/b.md#x", "repair/b.md"),
        ("index.md", "repair/", "repair/index.md"),
        ("index.md", "#top", None),
        ("index.md", "https://example.org/a.md", None),
        ("index.md", "assets/file.zip", None),
    ],
)
def test_link_targets(src: str, href: str, target: str | None) -> None:
    assert link_target(src, href) == target


def test_backlinks_one_per_section_in_reading_order_without_self_links() -> None:
    links = {
        "b.md": [LinkRecord("a.md", "s1", "S1"), LinkRecord("a.md#x", "s1", "S1"), LinkRecord("b.md", None, None)],
        "c.md": [LinkRecord("a.md", "s2", "S2")],
    }
    found = backlinks(links, {"a.md", "b.md", "c.md"}, ["a.md", "c.md", "b.md"])
    assert [(b.source, b.section_id) for b in found["a.md"]] == [("c.md", "s2"), ("b.md", "s1")]
    assert "b.md" not in found


def test_related_pages_weigh_rare_terms_more_and_put_author_choices_first() -> None:
    terms = {"a": {"common", "rare"}, "b": {"common", "rare"}, "c": {"common"}, "d": {"common"}, "e": set()}
    related = related_pages(terms, {"e": ["d"]}, ["a", "b", "c", "d", "e"])
    assert [(r.target, r.shared_terms) for r in related["a"]] == [("b", ("rare", "common")), ("c", ("common",)),
                                                                  ("d", ("common",))]
    assert [(r.target, r.chosen_by_author) for r in related["e"]] == [("d", True)]


def _on_paths(src: str, paths: str) -> PageRecord:
    return record_page(src, _page("", src, extra=f"paths: {paths}\n"), f"docs/{src}")[0]


def test_reading_paths_order_pages_and_report_gaps_and_clashes() -> None:
    paths, problems = reading_paths([_on_paths("x.md", "{client: 2}"), _on_paths("y.md", "{client: 1, trainee: 1}")])
    assert paths["client"].pages == ("y.md", "x.md") and problems == []
    assert paths["client"].next_step("y.md").page == "x.md" and paths["client"].next_step("x.md") is None
    _, problems = reading_paths([_on_paths("x.md", "{client: 3}"), _on_paths("y.md", "{client: 1}"),
                                 _on_paths("z.md", "{client: 1}")])
    messages = [str(p) for p in problems]
    assert "docs/y.md:4: 'client' path position 1 is also taken by docs/z.md; give each page its own position" in messages
    assert any(m.startswith("docs/x.md:4: 'client' path has a gap: no page at position 2") for m in messages)


def test_next_step_carries_the_number_of_the_page_it_leads_to() -> None:
    """The number is shown beside the next page's title, so it is that page's step, as the path page numbers it."""
    path = ReadingPath("client", ("a.md", "b.md", "c.md"))
    assert path.next_step("a.md") == PathStep("b.md", 2, 3)
    assert path.next_step("b.md") == PathStep("c.md", 3, 3)
    assert path.next_step("c.md") is None  # the last page has no next step
    assert path.next_step("elsewhere.md") is None


def test_a_page_on_two_paths_gets_each_paths_own_next_step() -> None:
    paths, problems = reading_paths([_on_paths("a.md", "{client: 1, trainee: 1}"), _on_paths("b.md", "{client: 2}"),
                                     _on_paths("c.md", "{client: 3, trainee: 2}"), _on_paths("d.md", "{trainee: 3}")])
    assert problems == []
    assert paths["client"].next_step("a.md") == PathStep("b.md", 2, 3)
    assert paths["trainee"].next_step("a.md") == PathStep("c.md", 2, 3)
    assert paths["client"].next_step("c.md") is None and paths["trainee"].next_step("c.md") == PathStep("d.md", 3, 3)


@pytest.mark.parametrize(
    ("front_matter", "message"),
    [
        ("title: T\n", "docs/p.md:2: front matter: 'description' is a required property; add it"),
        ("title: T\ndescription: Long enough to count as a description.\nobjective: [a, b]\n",
         "docs/p.md:4: unknown front matter field 'objective' (did you mean 'objectives'?)"),
        ("title: T\ndescription: Long enough to count as a description.\nobjectives: [only one]\n",
         "docs/p.md:4: front matter field 'objectives'"),
        ("title: T\ndescription: Long enough to count as a description.\nsources: [S12]\n",
         "docs/p.md:4: front matter field 'sources.0'"),
        ("title: [T\n", "docs/p.md:2: YAML syntax error"),
    ],
)
def test_front_matter_problems_name_file_line_and_field(front_matter: str, message: str) -> None:
    _, problems = read_front_matter("docs/p.md", f"---\n{front_matter}---\n\n# T\n")
    assert any(str(p).startswith(message) for p in problems), [str(p) for p in problems]


def test_index_pages_are_named_after_their_folder() -> None:
    assert page_name("practice/index.md") == "practice" and page_name("index.md") == "index"


def test_reading_order_is_the_nav_then_the_rest_a_to_z() -> None:
    from rupture_repair.reading_order import reading_order

    assert reading_order(["b.md", "a.md"], ["a.md", "z.md", "b.md", "c/d.md"]) == ["b.md", "a.md", "c/d.md", "z.md"]


def test_title_id_is_the_leading_h1_only() -> None:
    from types import SimpleNamespace as Item

    from rupture_repair.toc import title_id

    assert title_id([Item(id="top", level=1, children=[])]) == "top"
    assert title_id([Item(id="part", level=2, children=[])]) is None and title_id([]) is None
