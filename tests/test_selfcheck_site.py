"""The Self-check page: every chapter's folded questions, by chapter in reading order."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag

from builtsite import BuildResult, resolve, run_mkdocs_build, soup

PAGE_END_SECTIONS = {"key-terms", "references", "dialogue-markers", "related-chapters", "linked-from"}


def _nav_pages(site: Path) -> list[Path]:
    """The built pages in the navigation's order, as the sidebar lists them."""
    home = site / "index.html"
    links = soup(home).select("nav.md-nav--primary a.md-nav__link[href]")
    pages = [resolve(home, a["href"], site) for a in links]
    return list(dict.fromkeys(p[0] for p in pages if p is not None and p[0].suffix == ".html"))


def _summaries(details: list[Tag]) -> list[str]:
    return [" ".join(d.find("summary").get_text().split()) for d in details]


def _chapters_on(page: BeautifulSoup) -> list[tuple[Tag, list[Tag]]]:
    """Each chapter heading on the Self-check page and the questions under it."""
    chapters: list[tuple[Tag, list[Tag]]] = []
    for element in page.select_one("article").find_all(["h2", "details"], recursive=False):
        if element.name == "h2" and element.get("id") not in PAGE_END_SECTIONS:
            chapters.append((element, []))
        elif element.name == "details" and chapters:
            chapters[-1][1].append(element)
    return chapters


def test_real_site_lists_every_question_by_chapter_in_reading_order(online_site: BuildResult) -> None:
    site = online_site.site
    selfcheck = site / "selfcheck" / "index.html"
    expected = [(path, _summaries(soup(path).select("article details.question")))
                for path in _nav_pages(site) if path != selfcheck]
    expected = [(path, questions) for path, questions in expected if questions]
    assert len(expected) >= 8  # every chapter has "Check your understanding"
    found = []
    for heading, details in _chapters_on(soup(selfcheck)):
        target, fragment = resolve(selfcheck, heading.find("a")["href"], site)
        assert fragment == ""
        assert heading.find("a").get_text() == soup(target).find("h1").get_text().replace("¶", "").strip()
        found.append((target, _summaries(details)))
    assert found == expected


def test_answers_are_folded_and_each_links_back_to_its_section(online_site: BuildResult) -> None:
    site = online_site.site
    page_path = site / "selfcheck" / "index.html"
    page = soup(page_path)
    questions = page.select("article details.question")
    assert questions and not any(d.has_attr("open") for d in questions)
    for details in questions:
        link = details.select_one(".rr-selfcheck__source a")
        target, fragment = resolve(page_path, link["href"], site)
        heading = soup(target).find(id=fragment)
        assert heading is not None and heading.name in {"h2", "h3", "h4", "h5", "h6"}, link["href"]
        assert heading.get_text().replace("¶", "").strip() in link.get_text()
        summary = " ".join(details.find("summary").get_text().split())
        later = [_summaries([d])[0] for d in heading.find_all_next("details", class_="question")]
        assert summary in later, f"{summary!r} is not under {link['href']}"


def test_ids_are_unique_and_every_popover_has_its_source(online_site: BuildResult) -> None:
    page = soup(online_site.site / "selfcheck" / "index.html")
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids))
    described = [link for link in page.select("article [aria-describedby]")]
    assert any("rr-cite" in link.get("class", []) for link in described)
    for link in described:
        assert page.find(id=link["aria-describedby"]) is not None, link
    assert page.select_one("section.rr-page-references") is not None


CHAPTER = """\
---
title: Chapter Q
description: A fixture chapter with questions to check your understanding.
---

# Chapter Q

??? question "A question under the title"
    An answer citing [@bordin1979].

## Goals & tasks

Text about a rupture.

## Check your understanding

???+ question "Open on its own page?"
    Folded on the Self-check page; see [the goals](#goals-tasks) and [Home](index.md).

??? note "Not a question"
    Left out.
"""


@pytest.fixture
def question_site(fixture_site: Path) -> BuildResult:
    (fixture_site / "docs" / "chapter-q.md").write_text(CHAPTER, encoding="utf-8")
    with (fixture_site / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("  - chapter-q.md\n")
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode == 0, result.log
    return result


def test_fixture_questions_come_out_as_written(question_site: BuildResult) -> None:
    site = question_site.site
    path = site / "selfcheck" / "index.html"
    [(heading, details)] = _chapters_on(soup(path))
    assert heading["id"] == "chapter-q"
    assert heading.find("a")["href"] == "../chapter-q/"
    assert _summaries(details) == ["A question under the title", "Open on its own page?"]
    assert [d.select_one(".rr-selfcheck__source a")["href"] for d in details] == [
        "../chapter-q/", "../chapter-q/#check-your-understanding"]
    assert [" ".join(d.select_one(".rr-selfcheck__source").get_text().split()) for d in details] == [
        "In the chapter: Chapter Q", "In the chapter: Chapter Q › Check your understanding"]
    answer = details[1]
    assert not answer.has_attr("open")
    assert [a["href"] for a in answer.select("p a")][:2] == ["../chapter-q/#goals-tasks", "../"]
    cite = details[0].select_one("a.rr-cite")
    assert cite["href"] == "../references/#ref-bordin1979"
    assert soup(path).find(id=cite["aria-describedby"]).name == "li"
    toc = [a.get_text().strip() for a in soup(path).select_one("nav.md-nav--secondary").select("a")]
    assert toc == ["Chapter Q", "References"]
