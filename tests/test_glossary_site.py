"""The glossary in built sites: linked terms, Key terms, the generated page, and bad input."""

from __future__ import annotations

from pathlib import Path

import pytest

from builtsite import ROOT, BuildResult, html_pages, resolve, run_mkdocs_build, soup
from fixture_sites import FIXTURE_GLOSSARY
from rupture_repair.glossary import load_glossary

# ----- A fixture site whose expected output is spelled out --------------------------

CHAPTER = """\
---
title: A chapter
description: A fixture chapter that mentions glossary terms.
---

# A chapter

## When it starts

A rupture can be quiet. Later, another rupture is not linked again.

## Afterwards

Repair takes time, and `repair` in code is left alone.

*repair*{ .no-glossary } is opted out here; so is <span class="no-glossary">rupture</span>.
"""

OPTED_OUT = """\
---
title: No terms here
description: A fixture page that opts out of glossary links.
glossary: false
---

# No terms here

A rupture and its repair, not linked.
"""


@pytest.fixture
def glossary_fixture(fixture_site: Path) -> BuildResult:
    docs = fixture_site / "docs"
    (docs / "chapter.md").write_text(CHAPTER, encoding="utf-8")
    (docs / "quiet.md").write_text(OPTED_OUT, encoding="utf-8")
    with (fixture_site / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("  - chapter.md\n  - quiet.md\n")
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode == 0, result.log
    return result


def test_first_mention_of_each_term_links_to_its_entry(glossary_fixture: BuildResult) -> None:
    page = soup(glossary_fixture.site / "chapter" / "index.html")
    links = [(a.get_text(), a["href"], a["aria-describedby"]) for a in page.select("article a.rr-term")]
    assert links == [
        ("rupture", "../glossary/#alliance-rupture", "rr-def-alliance-rupture"),
        ("Repair", "../glossary/#repair", "rr-def-repair"),
    ]
    assert page.find("code", string="repair") is not None
    assert not page.select(".no-glossary a, .no-glossary.rr-term")


def test_page_ends_with_its_key_terms(glossary_fixture: BuildResult) -> None:
    page = soup(glossary_fixture.site / "chapter" / "index.html")
    box = page.select_one("section.rr-key-terms")
    assert box is not None and box.h2.get_text(strip=True).startswith("Key terms")
    terms = [dt.get_text() for dt in box.find_all("dt")]
    assert terms == ["alliance rupture", "repair"]
    definition = box.find("dd", id="rr-def-repair")
    assert "Working a strain through together" in definition.get_text()
    assert "For trainees" in definition.get_text()
    assert page.select_one(".md-nav--secondary a[href='#key-terms']") is not None


def test_page_can_opt_out(glossary_fixture: BuildResult) -> None:
    page = soup(glossary_fixture.site / "quiet" / "index.html")
    assert page.select("a.rr-term") == [] and page.select(".rr-key-terms") == []


def test_glossary_page_is_generated_with_appears_in(glossary_fixture: BuildResult) -> None:
    site = glossary_fixture.site
    page_path = site / "glossary" / "index.html"
    page = soup(page_path)
    jump = [a.get_text() for a in page.select("nav.rr-az-nav a")]
    assert jump == ["A", "R"]
    entry = page.find(id="alliance-rupture").find_parent(class_="rr-entry")
    text = " ".join(entry.get_text().split())
    assert "Also: rupture" in text
    assert "In plain words: A strain in the working relationship" in text
    assert "Related: repair" in text
    appears = entry.select("p.rr-meta")[-1]
    assert [(a.get_text(), a["href"]) for a in appears.find_all("a")] == [
        ("Home", "../"),
        ("A chapter › When it starts", "../chapter/#when-it-starts"),
    ]
    for link in appears.find_all("a"):
        target, fragment = resolve(page_path, link["href"], site)
        assert target.is_file() and (not fragment or soup(target).find(id=fragment))


# ----- Bad input: each stops the strict build, naming file, line and term ------------

GLOSSARY_CASES = {
    "yaml-syntax": (("  related: [repair]\n", "  related: [repair\n"), "docs/glossary.yml:6: YAML syntax error"),
    "missing-plain": (
        ("  plain: Working a strain through together, so that the relationship recovers.\n", ""),
        "docs/glossary.yml:6: term 'repair': 'plain' is missing",
    ),
    "empty-plain": (
        ("Working a strain through together, so that the relationship recovers.", "''"),
        "docs/glossary.yml:7: term 'repair': 'plain'",
    ),
    "plain-too-long": (
        ("so that the relationship recovers.", "so that the relationship recovers" + ", slowly" * 20 + "."),
        "docs/glossary.yml:7: term 'repair': 'plain' is 229 characters long, over the limit of 160",
    ),
    "duplicate-term": (("- term: repair", "- term: Alliance Rupture"), "docs/glossary.yml:6: term 'Alliance Rupture'"),
    "alias-is-another-term": (
        ("  aliases: [rupture]", "  aliases: [rupture, Repair]"),
        "docs/glossary.yml:6: term 'repair': the term is already an alias of term 'alliance rupture'",
    ),
    "unknown-related": (
        ("related: [repair]", "related: [repairs]"),
        "docs/glossary.yml:5: term 'alliance rupture': 'related' names unknown id 'repairs' (did you mean 'repair'?)",
    ),
    "unknown-field": (
        ("  related: [repair]", "  related: [repair]\n  plian: typo"),
        "docs/glossary.yml:6: term 'alliance rupture': unknown field 'plian' (did you mean 'plain'?)",
    ),
    "wrong-type": (
        ("aliases: [rupture]", "aliases: rupture"),
        "docs/glossary.yml:2: term 'alliance rupture': 'aliases' must be a list",
    ),
    "html-in-definition": (
        ("Working a strain", "Working a <b>strain</b>"),
        "docs/glossary.yml:7: term 'repair': 'plain' contains HTML",
    ),
}


@pytest.mark.parametrize("case", GLOSSARY_CASES.values(), ids=GLOSSARY_CASES.keys())
def test_bad_glossary_fails_the_build_naming_file_line_and_term(fixture_site: Path, case: tuple) -> None:
    (old, new), expected = case
    assert old in FIXTURE_GLOSSARY
    (fixture_site / "docs" / "glossary.yml").write_text(FIXTURE_GLOSSARY.replace(old, new, 1), encoding="utf-8")
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode != 0
    assert expected in result.log


# ----- The real site ------------------------------------------------------------------


def test_real_glossary_has_at_least_40_terms_a_to_z(online_site: BuildResult) -> None:
    glossary, problems = load_glossary("docs/glossary.yml", (ROOT / "docs" / "glossary.yml").read_text("utf-8"))
    assert problems == [] and len(glossary) >= 40
    page = soup(online_site.site / "glossary" / "index.html")
    headings = [h.get_text().replace("¶", "").strip() for h in page.select(".rr-entry h3")]
    assert headings == [e.term[:1].upper() + e.term[1:] for e in glossary.sorted_entries()]


def test_every_linked_term_has_its_definition_on_the_page(online_site: BuildResult) -> None:
    for path in html_pages(online_site.site):
        page = soup(path)
        for link in page.select("a.rr-term"):
            definition = page.find(id=link["aria-describedby"])
            assert definition is not None, f"{path}: no definition {link['aria-describedby']} for '{link.get_text()}'"
            assert definition.get_text(strip=True), f"{path}: empty definition for '{link.get_text()}'"
