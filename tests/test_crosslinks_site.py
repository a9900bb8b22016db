"""Cross-links in a fixture site whose expected output is spelled out, in the real site, and bad input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builtsite import BuildResult, html_pages, resolve, run_mkdocs_build, soup

CHAPTER_A = """\
---
title: Chapter A
description: The first fixture chapter, which links to the others.
paths: {client: 1, trainee: 1}
objectives: [Name the parts of a rupture., Describe a repair.]
---

# Chapter A

## Opening

A rupture, and its repair. See [[chapter-b]] and [[chapter-b#second-part|the second part]].

## Closing

Also [[chapter-b#second-part]], and an ordinary [link](chapter-b.md). In code: `[[not-a-page]]`.
"""

CHAPTER_B = """\
---
title: Chapter B
description: The second fixture chapter, on the client path only.
paths: {client: 2}
objectives: [Notice a rupture., Name it.]
---

# Chapter B

A rupture can be quiet. Back to [[chapter-a]].

## Second part

More text.
"""

CHAPTER_C = """\
---
title: Chapter C
description: The third fixture chapter, on the trainee path only.
paths: {trainee: 2}
objectives: [Describe a repair., Practise it.]
related: [chapter-a]
---

# Chapter C

Repair takes time.
"""


def _write_site(project: Path, pages: dict[str, str]) -> None:
    docs = project / "docs"
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("".join(f"  - {name}\n" for name in pages))


@pytest.fixture
def linked_site(fixture_site: Path) -> BuildResult:
    _write_site(fixture_site, {"chapter-a.md": CHAPTER_A, "chapter-b.md": CHAPTER_B, "chapter-c.md": CHAPTER_C})
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode == 0, result.log
    return result


def _page(result: BuildResult, name: str):
    return soup(result.site / name / "index.html")


def test_wikilinks_become_links_labelled_with_titles(linked_site: BuildResult) -> None:
    article = _page(linked_site, "chapter-a").select_one("article")
    links = [(a.get_text(), a["href"]) for a in article.select("a.rr-wikilink")]
    assert links == [
        ("Chapter B", "../chapter-b/"),
        ("the second part", "../chapter-b/#second-part"),
        ("Second part", "../chapter-b/#second-part"),
    ]
    assert article.find("code", string="[[not-a-page]]") is not None


def test_pages_list_what_links_to_them_by_section(linked_site: BuildResult) -> None:
    section = _page(linked_site, "chapter-b").select_one("section.rr-backlinks")
    assert [(a.get_text(), a["href"]) for a in section.select("li a")] == [
        ("Chapter A › Opening", "../chapter-a/#opening"),
        ("Chapter A › Closing", "../chapter-a/#closing"),
    ]
    assert _page(linked_site, "chapter-c").select_one("section.rr-backlinks") is None


def test_related_chapters_come_from_shared_terms_and_front_matter(linked_site: BuildResult) -> None:
    def related(name: str) -> list[str]:
        section = _page(linked_site, name).select_one("section.rr-related")
        return [" ".join(li.get_text(" ").split()) for li in section.find_all("li")]

    assert related("chapter-a") == [
        "Chapter B (shares: alliance rupture) The second fixture chapter, on the client path only.",
        "Chapter C (shares: repair) The third fixture chapter, on the trainee path only.",
    ]
    assert related("chapter-c")[0].startswith("Chapter A (chosen by the author; shares: repair)")


def test_reading_paths_are_generated_and_each_page_points_to_the_next(linked_site: BuildResult) -> None:
    client = soup(linked_site.site / "paths" / "client-path" / "index.html").select_one("article ol")
    assert [a.get_text() for a in client.find_all("a")] == ["Chapter A", "Chapter B"]
    assert "The first fixture chapter" in client.get_text()
    trainee = soup(linked_site.site / "paths" / "trainee-path" / "index.html").select_one("article ol")
    assert [a.get_text() for a in trainee.find_all("a")] == ["Chapter A", "Chapter C"]
    steps = _page(linked_site, "chapter-a").select(".rr-next-in-path a.rr-next-in-path__link")
    assert [(a.get_text(), a["href"]) for a in steps] == [("Chapter B →", "../chapter-b/"), ("Chapter C →", "../chapter-c/")]
    labels = _page(linked_site, "chapter-a").select(".rr-next-in-path__label")
    assert [" ".join(label.get_text().split()) for label in labels] == [
        "Next in Reading path: if you are in therapy (step 2 of 2):",
        "Next in Reading path: for trainees (step 2 of 2):",
    ]
    assert _page(linked_site, "chapter-b").select(".rr-next-in-path") == []


def test_generated_pages_are_the_same_bytes_when_built_again(linked_site: BuildResult, fixture_site: Path) -> None:
    again = run_mkdocs_build(fixture_site, fixture_site / "site-again")
    assert again.returncode == 0, again.log
    for name in ("chapter-a", "chapter-b", "glossary", "paths/client-path"):
        first = (linked_site.site / name / "index.html").read_bytes()
        assert first == (again.site / name / "index.html").read_bytes(), name


# ----- The real site ------------------------------------------------------------------------------

STEP_NUMBER = re.compile(r"\(step (\d+) of (\d+)\):$")


def _path_steps(path_page: Path, site: Path) -> list[Path]:
    """The pages a path page lists, in its order (each item's first link; its description may link terms)."""
    items = soup(path_page).select_one("article ol").find_all("li", recursive=False)
    return [resolve(path_page, item.find("a")["href"], site)[0] for item in items]


def test_next_in_path_numbers_the_page_it_leads_to_as_the_path_page_does(online_site: BuildResult) -> None:
    """Each label's "step n of m" is the linked page's place in the path page's list, and it follows this page."""
    site = online_site.site
    seen: dict[Path, set[Path]] = {}  # path page -> the pages that point on along it
    for page in html_pages(site):
        for entry in soup(page).select(".rr-next-in-path p"):
            label = entry.select_one(".rr-next-in-path__label")
            path_page = resolve(page, label.a["href"], site)[0]
            steps = _path_steps(path_page, site)
            target = resolve(page, entry.select_one("a.rr-next-in-path__link")["href"], site)[0]
            number, total = map(int, STEP_NUMBER.search(" ".join(label.get_text().split())).groups())
            where = f"{page.relative_to(site)} on {path_page.relative_to(site)}"
            assert target in steps, f"{where}: links to a page the path does not list"
            at = steps.index(target)
            assert (number, total) == (at + 1, len(steps)), \
                f"{where}: says step {number} of {total}; the path page lists it as {at + 1} of {len(steps)}"
            assert at > 0 and steps[at - 1] == page, f"{where}: the link skips or goes back"
            seen.setdefault(path_page, set()).add(page)
    assert len(seen) == 2 and set.intersection(*seen.values()), "expected two paths sharing some pages"
    for path_page, pointing in seen.items():
        steps = _path_steps(path_page, site)
        assert pointing == set(steps[:-1]), f"{path_page.relative_to(site)}: every step but the last points on"


# ----- Bad input ----------------------------------------------------------------------------------

BAD_INPUT = {
    "unknown-page": ({"chapter-a.md": CHAPTER_A.replace("[[chapter-b]]", "[[chapter-bee]]")},
                     "docs/chapter-a.md:12: unknown page 'chapter-bee' (did you mean 'chapter-b'?)"),
    "unknown-heading": ({"chapter-a.md": CHAPTER_A.replace("[[chapter-b#second-part|", "[[chapter-b#second|")},
                        "docs/chapter-a.md:12: unknown heading 'second' in page 'chapter-b'"),
    "ambiguous-page": ({"chapter-a.md": CHAPTER_A, "more/chapter-b.md": CHAPTER_B.replace("client: 2", "client: 3")},
                       "page name 'chapter-b' is also used by"),
    "malformed": ({"chapter-a.md": CHAPTER_A.replace("[[chapter-b]]", "[[chapter-b|]]")},
                  "docs/chapter-a.md:12: malformed wiki-link '[[chapter-b|]]'"),
    "unclosed": ({"chapter-a.md": CHAPTER_A.replace("[[chapter-b]]", "[[chapter-b")},
                 "docs/chapter-a.md:12: malformed wiki-link '[[chapter-b"),
    "unknown-field": ({"chapter-a.md": CHAPTER_A.replace("paths:", "path:")},
                      "docs/chapter-a.md:4: unknown front matter field 'path' (did you mean 'paths'?)"),
    "wrong-type": ({"chapter-a.md": CHAPTER_A.replace("{client: 1, trainee: 1}", "{client: first, trainee: 1}")},
                   "docs/chapter-a.md:4: front matter field 'paths.client' must be a whole number"),
    "position-clash": ({"chapter-a.md": CHAPTER_A, "chapter-b.md": CHAPTER_B.replace("client: 2", "client: 1")},
                       "docs/chapter-a.md:4: 'client' path position 1 is also taken by docs/chapter-b.md"),
    "path-gap": ({"chapter-a.md": CHAPTER_A, "chapter-b.md": CHAPTER_B.replace("client: 2", "client: 3")},
                 "docs/chapter-b.md:4: 'client' path has a gap: no page at position 2"),
    "unknown-related": ({"chapter-c.md": CHAPTER_C.replace("related: [chapter-a]", "related: [chapter-aa]")},
                        "docs/chapter-c.md:6: front matter 'related' names unknown page 'chapter-aa' (did you mean 'chapter-a'?)"),
    "yaml-syntax": ({"chapter-a.md": CHAPTER_A.replace("paths: {client: 1, trainee: 1}", "paths: {client: 1, trainee: 1")},
                    "docs/chapter-a.md:5: YAML syntax error"),
}


@pytest.mark.parametrize("case", BAD_INPUT.values(), ids=BAD_INPUT.keys())
def test_bad_links_and_front_matter_fail_naming_file_and_line(fixture_site: Path, case: tuple) -> None:
    pages, expected = case
    base = {"chapter-a.md": CHAPTER_A, "chapter-b.md": CHAPTER_B, "chapter-c.md": CHAPTER_C}
    _write_site(fixture_site, {**base, **pages})
    result = run_mkdocs_build(fixture_site, fixture_site / "site")
    assert result.returncode != 0
    assert expected in result.log, result.log[-3000:]
