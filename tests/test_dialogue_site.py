"""Annotated dialogues in built sites: the transcript, badge links, the page's markers, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from builtsite import BuildResult, resolve, run_mkdocs_build, soup
from fixture_sites import FIXTURE_DIALOGUE_TAGS

PRACTICE = """\
---
title: Practice
description: A fixture page with an annotated dialogue.
---

# Practice

## After the holiday

/// dialogue | The session after the holiday
Client: It was fine. Nothing much happened. {withdrawal: minimal-response}
Therapist: You said "fine" quite quickly. I wonder whether our last session is still with you. {repair: metacommunication}
Client: Maybe. I don't know... whatever you think is best. {withdrawal: deferring}
Therapist: I may have pushed too hard last time; that's *on me*. {repair: owning-part, metacommunication}
Client: Honestly, I'm not sure this is helping. It feels like a rupture. {confrontation: complaint-about-progress}
Therapist: Thank you for telling me. Can we look at that together?
///
"""


def _add_page(site: Path, name: str, text: str) -> None:
    (site / "docs" / name).write_text(text, encoding="utf-8")
    with (site / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(f"  - {name}\n")


@pytest.fixture
def dialogue_fixture(fixture_site: Path) -> BuildResult:
    (fixture_site / "docs" / "dialogue-tags.yml").write_text(FIXTURE_DIALOGUE_TAGS, encoding="utf-8")
    _add_page(fixture_site, "practice.md", PRACTICE)
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode == 0, result.log
    return result


def test_the_dialogue_is_a_captioned_list_of_turns(dialogue_fixture: BuildResult) -> None:
    page = soup(dialogue_fixture.site / "practice" / "index.html")
    figure = page.select_one("article figure.rr-dialogue")
    assert figure.figcaption.get_text() == "The session after the holiday"
    turns = figure.select("ol.rr-dialogue__turns > li.rr-turn")
    assert [turn["data-speaker"] for turn in turns] == ["client", "therapist"] * 3
    assert " ".join(turns[3].get_text().split()) == (
        "Therapist: I may have pushed too hard last time; that's on me. "
        "repair marker: owning their part repair marker: talking about the relationship"
    )
    assert turns[3].find("em").get_text() == "on me"
    assert figure.select("a.rr-term") == [], "glossary terms are not linked inside speech"
    assert figure.find("table") is None and figure.find("img") is None


def test_badges_link_to_glossary_entries_and_describe_themselves(dialogue_fixture: BuildResult) -> None:
    site = dialogue_fixture.site
    path = site / "practice" / "index.html"
    page = soup(path)
    badges = [(a.get_text(), a["href"], a["aria-describedby"]) for a in page.select("article a.rr-badge")]
    assert badges == [
        ("withdrawal marker: minimal response", "../glossary/#alliance-rupture", "rr-tag-minimal-response"),
        ("repair marker: talking about the relationship", "../glossary/#repair", "rr-tag-metacommunication"),
        ("withdrawal marker: deferring", "../glossary/#alliance-rupture", "rr-tag-deferring"),
        ("repair marker: owning their part", "../glossary/#repair", "rr-tag-owning-part"),
        ("repair marker: talking about the relationship", "../glossary/#repair", "rr-tag-metacommunication"),
        ("confrontation marker: complaint about progress", "../glossary/#alliance-rupture",
         "rr-tag-complaint-about-progress"),
    ]
    for _, href, described_by in badges:
        target, fragment = resolve(path, href, site)
        assert soup(target).find(id=fragment) is not None, f"{href} leads nowhere"
        assert page.find(id=described_by).name == "dd"


def test_the_page_ends_with_its_markers_by_kind(dialogue_fixture: BuildResult) -> None:
    site = dialogue_fixture.site
    path = site / "practice" / "index.html"
    page = soup(path)
    section = page.select_one("section.rr-dialogue-markers")
    assert section.h2["id"] == "dialogue-markers"
    assert section.h2.get_text(strip=True).startswith("Markers in these dialogues")
    assert [dt.get_text() for dt in section.find_all("dt")] == [
        "minimal response", "deferring", "complaint about progress", "talking about the relationship",
        "owning their part",
    ]
    entry = section.find("dd", id="rr-tag-deferring")
    assert " ".join(entry.get_text(" ").split()) == (
        "Handing every choice to the other person instead of saying what you want. "
        "Withdrawal marker. In the glossary: Alliance rupture"
    )
    link = entry.find("a")
    target, fragment = resolve(path, link["href"], site)
    assert target == site / "glossary" / "index.html" and soup(target).find(id=fragment) is not None
    # In the table of contents after "Key terms" (the page mentions "rupture" and "repair" outside the dialogue).
    toc = [a["href"] for a in page.select(".md-nav--secondary a")]
    assert "#dialogue-markers" in toc


def test_pages_without_dialogues_have_no_markers(dialogue_fixture: BuildResult) -> None:
    page = soup(dialogue_fixture.site / "index.html")
    assert page.select(".rr-dialogue, .rr-dialogue-markers") == []


# ----- Bad input: each stops the strict build, naming file, line and item ----------------------

BAD_PAGE = """\
---
title: Bad
description: A fixture page with every kind of broken dialogue.
---

# Bad

/// dialogue | Tags
Client: Fine. {withdrawal: minimal-respons}
Client: Fine. {withdrawl: deferring}
Therapist: Yes. {withdrawal: owning-part}
and then the client left
///

/// dialogue | Nothing
///
"""

PAGE_PROBLEMS = [
    "docs/bad.md:9: unknown withdrawal tag 'minimal-respons' (did you mean 'minimal-response'?)",
    "docs/bad.md:10: unknown kind 'withdrawl' in '{withdrawl: deferring}' (did you mean 'withdrawal'?)",
    "docs/bad.md:11: 'owning-part' is a repair marker, not a withdrawal one; write it as '{repair: owning-part}'",
    "docs/bad.md:12: this line has no speaker: 'and then the client left'",
    "docs/bad.md:15: the dialogue block has no turns",
]


def test_bad_dialogues_fail_the_build_naming_page_line_and_item(fixture_site: Path) -> None:
    (fixture_site / "docs" / "dialogue-tags.yml").write_text(FIXTURE_DIALOGUE_TAGS, encoding="utf-8")
    _add_page(fixture_site, "bad.md", BAD_PAGE)
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode != 0
    assert [problem for problem in PAGE_PROBLEMS if problem not in result.log] == [], result.log


TAGS_PROBLEMS = {
    "unknown-glossary-id": (
        ("glossary: repair\n  explain: Talking", "glossary: repairs\n  explain: Talking"),
        "docs/dialogue-tags.yml:19: tag 'metacommunication': 'glossary' names unknown glossary entry 'repairs' "
        "(did you mean 'repair'?)",
    ),
    "unknown-field": (
        ("  label: deferring\n", "  label: deferring\n  lable: typo\n"),
        "docs/dialogue-tags.yml:9: tag 'deferring': unknown field 'lable' (did you mean 'label'?)",
    ),
    "missing-explain": (
        ("  explain: Short replies that leave little to follow up.\n", ""),
        "docs/dialogue-tags.yml:1: tag 'minimal-response': 'explain' is missing",
    ),
}


@pytest.mark.parametrize("case", TAGS_PROBLEMS.values(), ids=TAGS_PROBLEMS.keys())
def test_bad_tags_file_fails_the_build_naming_line_and_tag(fixture_site: Path, case: tuple) -> None:
    (old, new), expected = case
    assert old in FIXTURE_DIALOGUE_TAGS
    tags = FIXTURE_DIALOGUE_TAGS.replace(old, new, 1)
    (fixture_site / "docs" / "dialogue-tags.yml").write_text(tags, encoding="utf-8")
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode != 0
    assert expected in result.log


def test_a_dialogue_without_a_tags_file_fails_the_build(fixture_site: Path) -> None:
    _add_page(fixture_site, "practice.md", PRACTICE)
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode != 0
    assert "docs/dialogue-tags.yml: missing, but docs/practice.md has a dialogue block; create it" in result.log
