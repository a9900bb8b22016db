"""Citations in built sites: links to the references page, each page's References, the
generated references page with "Cited in", and bad input that stops the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from builtsite import ROOT, BuildResult, html_pages, resolve, run_mkdocs_build, soup
from rupture_repair.citations import Bibliography, load_bibliography

# ----- A fixture site whose expected output is spelled out --------------------------

CHAPTER = """\
---
title: A chapter
description: A fixture chapter that cites works from the fixture bibliography.
---

# A chapter

@bordin1979 described a working alliance, and how a rupture strains it.

## Goals and tasks

Client and therapist agree on goals and tasks [@bordin1979, p. 254].
They also share a bond [@bordin1979].

## Notation

Write a citation as `[@safran_muran2000]`; in code it is left as written.
"""


@pytest.fixture
def citations_fixture(fixture_site: Path) -> BuildResult:
    (fixture_site / "docs" / "chapter.md").write_text(CHAPTER, encoding="utf-8")
    with (fixture_site / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("  - chapter.md\n")
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode == 0, result.log
    return result


def test_citations_link_to_their_reference_entries(citations_fixture: BuildResult) -> None:
    page = soup(citations_fixture.site / "chapter" / "index.html")
    links = [(a.get_text(), a["href"], a["aria-describedby"]) for a in page.select("article a.rr-cite")]
    assert links == [
        ("Bordin (1979)", "../references/#ref-bordin1979", "rr-ref-bordin1979"),
        ("Bordin, 1979", "../references/#ref-bordin1979", "rr-ref-bordin1979"),
        ("Bordin, 1979", "../references/#ref-bordin1979", "rr-ref-bordin1979"),
    ]
    assert "(Bordin, 1979, p. 254)" in " ".join(page.article.get_text().split())


def test_citation_in_code_is_left_as_written(citations_fixture: BuildResult) -> None:
    page = soup(citations_fixture.site / "chapter" / "index.html")
    assert page.find("code", string="[@safran_muran2000]") is not None
    assert page.find(id="rr-ref-safran_muran2000") is None


def test_page_ends_with_key_terms_then_its_references(citations_fixture: BuildResult) -> None:
    page = soup(citations_fixture.site / "chapter" / "index.html")
    generated = [section["class"][0] for section in page.article.select("section.rr-generated")]
    assert generated[-1] == "rr-page-references" and "rr-key-terms" in generated
    box = page.select_one("section.rr-page-references")
    assert box.h2["id"] == "references" and box.h2.get_text(strip=True).startswith("References")
    assert [li["id"] for li in box.select("ol > li")] == ["rr-ref-bordin1979"]
    assert box.li.get_text().startswith("Bordin, E. S. (1979). The generalizability")
    toc = [a["href"] for a in page.select(".md-nav--secondary a")]
    # The table of contents lists References last, as the page does.
    assert toc[-1] == "#references" and "#key-terms" in toc


def test_references_page_lists_cited_works_with_cited_in(citations_fixture: BuildResult) -> None:
    site = citations_fixture.site
    page_path = site / "references" / "index.html"
    page = soup(page_path)
    assert [div["id"] for div in page.select("div.rr-reference")] == ["ref-bordin1979"]
    assert page.find(id="ref-safran_muran2000") is None
    cited_in = page.select_one("#ref-bordin1979 p.rr-meta")
    assert [(a.get_text(), a["href"]) for a in cited_in.find_all("a")] == [
        ("A chapter", "../chapter/"),
        ("Goals and tasks", "../chapter/#goals-and-tasks"),
    ]
    assert " ".join(cited_in.get_text().split()) == "Cited in: A chapter › Goals and tasks"
    for link in cited_in.find_all("a"):
        target, fragment = resolve(page_path, link["href"], site)
        assert target.is_file() and (not fragment or soup(target).find(id=fragment))
    assert page.select_one(".rr-page-references") is None, "the references page needs no References of its own"
    assert "left off the references page: safran_muran2000" in citations_fixture.log


# ----- Bad input: each stops the strict build, naming file and line ---------------------


def _line_of(text: str, needle: str) -> int:
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


BAD_INPUT = {
    "unknown-key": (
        "chapter.md", "[@bordin1979, p. 254]", "[@bordin1797, p. 254]", "[@bordin1797",
        "unknown citation key 'bordin1797' in '[@bordin1797, p. 254]'; did you mean 'bordin1979'?",
    ),
    "malformed-citation": (
        "chapter.md", "[@bordin1979]", "[@bordin1979 p. 3]", "[@bordin1979 p. 3]",
        "malformed citation '[@bordin1979 p. 3]': item 1 ('@bordin1979 p. 3') is not a key",
    ),
    "unknown-key-in-glossary-body": (
        "glossary.yml", "  related: [repair]\n",
        "  related: [repair]\n  body: |\n    Bordin described it [@bordn1979].\n", "[@bordn1979]",
        "unknown citation key 'bordn1979' in '[@bordn1979]'; did you mean 'bordin1979'?",
    ),
    "bibtex-syntax-error": (
        # A missing comma: pybtex notices it on the next field's line.
        "references.bib", "  number  = {3},", "  number  = {3}", "  pages   =",
        "BibTeX syntax error in entry 'bordin1979' (starting on line 1): '}' expected",
    ),
    "duplicate-key": (
        "references.bib", "@book{safran_muran2000,", "@book{bordin1979,", "@book{bordin1979",
        "duplicate key 'bordin1979': already used by the entry on line 1; give each entry its own key",
    ),
    "missing-year": (
        "references.bib", "  year      = {2000},\n", "", "@book{safran_muran2000",
        "entry 'safran_muran2000' has no year",
    ),
    "missing-author": (
        "references.bib", "  author  = {Bordin, Edward S.},\n", "", "@article{bordin1979",
        "entry 'bordin1979' has no author",
    ),
    "missing-title": (
        "references.bib", "  title     = {Negotiating the Therapeutic Alliance: A Relational Treatment Guide},\n", "",
        "@book{safran_muran2000", "entry 'safran_muran2000' has no title",
    ),
}


@pytest.mark.parametrize("case", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_citation_input_fails_the_build_naming_file_and_line(fixture_site: Path, case: tuple) -> None:
    name, old, new, line_marker, message = case
    docs = fixture_site / "docs"
    (docs / "chapter.md").write_text(CHAPTER, encoding="utf-8")
    with (fixture_site / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("  - chapter.md\n")
    source = (docs / name).read_text(encoding="utf-8")
    assert old in source
    broken = source.replace(old, new, 1)
    (docs / name).write_text(broken, encoding="utf-8")
    shown = name if name.endswith(".md") else f"docs/{name}"
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode != 0, result.log
    assert f"{shown}:{_line_of(broken, line_marker)}: {message}" in result.log


# ----- The real site ------------------------------------------------------------------

@pytest.fixture(scope="module")
def bibliography() -> Bibliography:
    loaded, problems = load_bibliography("docs/references.bib", (ROOT / "docs" / "references.bib").read_text("utf-8"))
    assert problems == []
    return loaded


def _references_page(site: Path) -> Path:
    return next(p for p in (site / "references" / "index.html", site / "references.html") if p.is_file())


@pytest.mark.parametrize(
    ("flavour", "glossary", "href"),
    [
        ("online", "glossary/index.html", "../references/#ref-bordin1979"),
        ("offline", "glossary.html", "references.html#ref-bordin1979"),
    ],
)
def test_glossary_citation_leads_to_its_reference(
    flavour: str, glossary: str, href: str, online_site: BuildResult, offline_site: Path
) -> None:
    site = online_site.site if flavour == "online" else offline_site
    page = soup(site / glossary)
    link = page.select_one("article a.rr-cite[aria-describedby='rr-ref-bordin1979']")
    assert link is not None and link["href"] == href
    target, fragment = resolve(site / glossary, link["href"], site)
    assert target == _references_page(site)
    assert soup(target).find("div", class_="rr-reference", id=fragment) is not None
    reference = page.find("li", id="rr-ref-bordin1979")
    assert reference.find_parent("section", class_="rr-page-references") is not None
    assert reference.get_text().startswith("Bordin, E. S. (1979).")


def test_every_citation_has_its_reference_on_the_same_page(online_site: BuildResult) -> None:
    for path in html_pages(online_site.site):
        page = soup(path)
        for link in page.select("a.rr-cite"):
            reference = page.find(id=link["aria-describedby"])
            assert reference is not None, f"{path}: no reference {link['aria-describedby']} for '{link.get_text()}'"
            assert reference.name == "li" and reference.get_text(strip=True)


def test_references_page_lists_exactly_the_cited_works_in_apa_order(
    online_site: BuildResult, bibliography: Bibliography
) -> None:
    site = online_site.site
    cited = {
        link["aria-describedby"].removeprefix("rr-ref-")
        for path in html_pages(site)
        for link in soup(path).select("a.rr-cite")
    }
    assert "bordin1979" in cited
    page_path = _references_page(site)
    page = soup(page_path)
    listed = [div["id"].removeprefix("ref-") for div in page.select("div.rr-reference")]
    assert listed == [reference.key for reference in bibliography.ordered(cited)]
    for div in page.select("div.rr-reference"):
        cited_in = div.select_one("p.rr-meta")
        assert cited_in is not None and cited_in.get_text().startswith("Cited in:"), div["id"]
        for link in cited_in.find_all("a"):
            target, fragment = resolve(page_path, link["href"], site)
            assert target.is_file(), f"{div['id']}: Cited in leads to missing {link['href']}"
            assert not fragment or soup(target).find(id=fragment), f"{div['id']}: no anchor {link['href']}"


def test_reference_with_a_doi_links_it(online_site: BuildResult) -> None:
    entry = soup(_references_page(online_site.site)).find(id="ref-bordin1979")
    doi = entry.find("a", href="https://doi.org/10.1037/h0085885")
    assert doi is not None and doi.get_text() == "https://doi.org/10.1037/h0085885"
