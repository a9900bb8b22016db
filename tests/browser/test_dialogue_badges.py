"""Dialogue badges in an offline fixture site, from file://: hover, focus and tap explain a marker."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from axe import describe, run_axe
from builtsite import ROOT, run_mkdocs_build
from fixture_sites import FIXTURE_CONFIG, FIXTURE_DIALOGUE_TAGS, FIXTURE_GLOSSARY, FIXTURE_PAGES

# Six turns, every kind of marker, inline Markdown: what a practice page looks like.
PRACTICE = """\
---
title: Practice
description: A fixture page with an annotated dialogue.
---

# Practice

A short exchange after a break, with the moments of rupture and repair marked.

/// dialogue | The session after the holiday
Client: It was fine. Nothing much happened. {withdrawal: minimal-response}
Therapist: You said "fine" quite quickly. I wonder whether something about our last session is still with you. {repair: metacommunication}
Client: Maybe. I don't know... whatever you think is best. {withdrawal: deferring}
Therapist: I may have pushed too hard last time; that's *on me*. {repair: owning-part, metacommunication}
Client: Honestly, I'm not sure this is helping. {confrontation: complaint-about-progress}
Therapist: Thank you for telling me. Can we look at that together, at your pace?
///
"""
BADGE = "a.rr-badge[aria-describedby='rr-tag-deferring']"
EXPLANATION = "Handing every choice to the other person instead of saying what you want."


@pytest.fixture(scope="module")
def dialogue_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small site with one dialogue page, built as the offline copy (OFFLINE=true)."""
    project = tmp_path_factory.mktemp("dialogue") / "project"
    project.mkdir()
    for part in ("hooks", "overrides"):
        shutil.copytree(ROOT / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    (project / "mkdocs.yml").write_text(FIXTURE_CONFIG.format(root=ROOT) + "  - practice.md\n", encoding="utf-8")
    docs = project / "docs"
    shutil.copytree(ROOT / "docs" / "assets", docs / "assets")
    for name in ("crisis-lines.yml", "references.bib"):
        shutil.copy2(ROOT / "docs" / name, docs / name)
    (docs / "glossary.yml").write_text(FIXTURE_GLOSSARY, encoding="utf-8")
    (docs / "dialogue-tags.yml").write_text(FIXTURE_DIALOGUE_TAGS, encoding="utf-8")
    for name, title, body in FIXTURE_PAGES:
        front_matter = f"---\ntitle: {title}\ndescription: The {title.lower()} page of a small fixture site.\n---\n\n"
        (docs / name).write_text(f"{front_matter}# {title}\n\n{body}\n", encoding="utf-8")
    (docs / "practice.md").write_text(PRACTICE, encoding="utf-8")
    result = run_mkdocs_build(project, project / "offline", offline=True)
    assert result.returncode == 0, result.log
    return result.site


def _open(open_tab: object, site: Path, **options: object) -> object:
    tab = open_tab("file://", **options)
    tab.page.goto((site / "practice.html").as_uri())  # type: ignore[attr-defined]
    return tab


def test_hovering_a_badge_shows_its_explanation(open_tab: object, dialogue_site: Path) -> None:
    tab = _open(open_tab, dialogue_site)
    popover = tab.page.locator("#rr-popover")
    tab.page.locator(BADGE).hover()
    popover.wait_for(state="visible")
    text = " ".join(popover.inner_text().split())
    assert text.startswith(EXPLANATION) and "Withdrawal marker." in text
    tab.page.mouse.move(5, 880)
    popover.wait_for(state="hidden")
    assert tab.foreign_requests() == []


def test_focusing_a_badge_shows_it_and_escape_hides_it(open_tab: object, dialogue_site: Path) -> None:
    tab = _open(open_tab, dialogue_site)
    badge = tab.page.locator(BADGE)
    badge.focus()
    popover = tab.page.locator("#rr-popover")
    popover.wait_for(state="visible")
    assert EXPLANATION in popover.inner_text()
    tab.page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert tab.page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "rr-tag-deferring"


def test_tapping_a_badge_on_a_phone_explains_it_before_following_it(open_tab: object, dialogue_site: Path) -> None:
    tab = _open(open_tab, dialogue_site, phone=True)
    badge = tab.page.locator(BADGE)
    badge.scroll_into_view_if_needed()
    badge.tap()
    popover = tab.page.locator("#rr-popover")
    popover.wait_for(state="visible")
    assert tab.page.url.endswith("practice.html"), "the first tap should explain the marker, not leave the page"
    assert EXPLANATION in popover.inner_text()
    badge_box, sheet_box = badge.bounding_box(), popover.bounding_box()
    assert badge_box["y"] + badge_box["height"] <= sheet_box["y"], "the sheet covers the badge"
    badge.tap()
    tab.page.wait_for_url("**/glossary.html#alliance-rupture")


def test_speaker_names_line_up_on_a_desktop(open_tab: object, dialogue_site: Path) -> None:
    tab = _open(open_tab, dialogue_site)
    speakers = tab.page.locator(".rr-turn__speaker").all()
    words = tab.page.locator(".rr-turn__text").all()
    assert len(speakers) == 6
    assert len({round(s.bounding_box()["x"]) for s in speakers}) == 1
    assert len({round(w.bounding_box()["x"]) for w in words}) == 1
    assert speakers[0].bounding_box()["x"] < words[0].bounding_box()["x"]


@pytest.mark.parametrize(
    "options", [{}, {"dark": True}, {"phone": True}], ids=["desktop-light", "desktop-dark", "phone-light"]
)
def test_axe_passes_with_a_badge_popover_open(open_tab: object, dialogue_site: Path, options: dict) -> None:
    tab = _open(open_tab, dialogue_site, **options)
    if options.get("dark"):
        # The palette follows the system: the tab prefers dark, so the page is in the slate scheme.
        assert tab.page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
    tab.page.locator(BADGE).focus()
    tab.page.locator("#rr-popover").wait_for(state="visible")
    violations = run_axe(tab.page)
    assert violations == [], describe(violations)
