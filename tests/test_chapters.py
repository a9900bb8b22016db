"""The chapters as a reader meets them: content notes first, objectives, questions, length, sources."""

from __future__ import annotations

import copy
import re
from pathlib import Path

import pytest

from builtsite import ROOT, BuildResult, soup
from rupture_repair.crosslinks.frontmatter import read_front_matter

DOCS = ROOT / "docs"
CHAPTERS = sorted(p for folder in ("foundations", "accounts", "repair") for p in (DOCS / folder).glob("*.md"))
ACCOUNTS = sorted((DOCS / "accounts").glob("*.md"))
WORD_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")


def _meta(path: Path) -> dict:
    front_matter, problems = read_front_matter(str(path), path.read_text(encoding="utf-8"))
    assert problems == [], problems
    return dict(front_matter.data)


def _built(site: Path, source: Path):
    return soup(site / source.relative_to(DOCS).with_suffix("") / "index.html")


def _body_text(site: Path, source: Path) -> str:
    """The chapter's own words as rendered: no generated sections, notes, objectives or permalinks."""
    article = copy.copy(_built(site, source).select_one("article"))  # the parsed page is shared: don't cut it
    for element in article.select(".rr-generated, .rr-content-note, .rr-objectives, .headerlink, .md-source-file"):
        element.decompose()
    return article.get_text(" ")


def test_there_are_chapters_to_check() -> None:
    assert len(CHAPTERS) >= 8 and len(ACCOUNTS) == 4


@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_front_matter_objectives_reflection_and_self_check(online_site: BuildResult, source: Path) -> None:
    meta = _meta(source)
    for field in ("title", "description", "paths", "sources", "objectives"):
        assert field in meta, f"{source.name}: no '{field}' in front matter"
    assert 2 <= len(meta["objectives"]) <= 4
    page = _built(online_site.site, source)
    assert page.select_one(".rr-objectives li") is not None, "objectives are not shown"
    headings = [" ".join(h.get_text().replace("¶", "").split()) for h in page.select("article h2")]
    assert "Reflect" in headings and "Check your understanding" in headings
    reflect = page.find("h2", id="reflect").find_next_sibling(["ol", "ul"])
    assert reflect is not None and 3 <= len(reflect.find_all("li", recursive=False)) <= 5
    questions = page.select("details.question")
    assert 3 <= len(questions) <= 5, f"{source.name}: {len(questions)} folded self-check questions"
    assert all(not q.has_attr("open") for q in questions), "answers must start folded"
    assert page.select(".admonition.info, details.info"), "no 'For trainees' box"
    assert page.select(".admonition.tip"), "no 'If you are in therapy' box"


@pytest.mark.parametrize("source", ACCOUNTS, ids=lambda p: p.stem)
def test_account_chapters_run_1200_to_2500_words(online_site: BuildResult, source: Path) -> None:
    words = len(WORD_RE.findall(_body_text(online_site.site, source)))
    assert 1200 <= words <= 2500, f"{source.name}: {words} words"


@pytest.mark.parametrize("source", ACCOUNTS, ids=lambda p: p.stem)
def test_account_chapters_retell_one_source_with_annotations(online_site: BuildResult, source: Path) -> None:
    assert len(_meta(source)["sources"]) == 1
    assert _built(online_site.site, source).select(".annotate"), f"{source.name}: no content annotations"


SOURCE_TEXTS = sorted((ROOT.parent / "shared" / "sources").glob("*.txt"))


def _words(text: str) -> str:
    return " ".join(w.lower() for w in WORD_RE.findall(text.replace("’", "'")))


@pytest.mark.skipif(not SOURCE_TEXTS, reason="../shared/sources is not beside the project")
@pytest.mark.parametrize("source", CHAPTERS, ids=lambda p: p.stem)
def test_quotes_from_the_sources_are_short_few_and_credited(online_site: BuildResult, source: Path) -> None:
    originals = [_words(p.read_text(encoding="utf-8")) for p in SOURCE_TEXTS]
    article = _built(online_site.site, source).select_one("article")
    quoted = []
    for block in article.find_all(["p", "li"]):
        text = block.get_text(" ")
        for quote in re.findall(r"[“\"]([^”\"]+)[”\"]", text):
            words = _words(quote)
            if len(words.split()) >= 2 and any(f" {words} " in f" {o} " for o in originals):
                quoted.append(quote)
                assert len(words.split()) <= 8, f"{source.name}: a quotation over eight words: {quote!r}"
                assert re.search(r"\bS[1-4]\b", text), f"{source.name}: {quote!r} is not credited to a card"
    assert len(set(quoted)) <= 3, f"{source.name}: more than three quotations from the sources: {quoted}"


def test_every_page_with_a_content_note_shows_it_above_the_first_paragraph(online_site: BuildResult) -> None:
    noted = [p for p in DOCS.rglob("*.md") if "content_note" in _meta(p)]
    assert any(p.parent.name == "accounts" and "rupture-nobody-caused" in p.stem for p in noted)
    for source in noted:
        article = _built(online_site.site, source).select_one("article")
        note = article.select_one(".rr-content-note")
        assert note is not None, f"{source.name}: content note not shown"
        first_paragraph = next(p for p in article.find_all("p") if not p.find_parent(class_="rr-content-note")
                               and "admonition-title" not in p.get("class", []))
        assert note.sourceline < first_paragraph.sourceline or (
            note.sourceline == first_paragraph.sourceline and note.sourcepos < first_paragraph.sourcepos)
        help_link = note.find("a")
        assert help_link is not None and "help" in help_link["href"]


def test_chapters_drawing_on_s2_carry_a_content_note() -> None:
    for source in DOCS.rglob("*.md"):
        meta = _meta(source)
        if "S2" in meta.get("sources", []) and source.parent.name == "accounts":
            assert "suicid" in meta.get("content_note", ""), f"{source.name}: S2 account without its content note"
