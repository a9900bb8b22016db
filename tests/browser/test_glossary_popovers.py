"""Glossary terms in the offline copy, from file://: hover, keyboard and touch show the definition."""

from __future__ import annotations

from pathlib import Path

import pytest

from axe import describe, run_axe

# The home page mentions "working alliance" early on; its entry is therapeutic-alliance.
PAGE = "index.html"
TERM = "a.rr-term[data-term='therapeutic-alliance']"


def _plain_definition(page: object) -> str:
    return page.locator("#rr-def-therapeutic-alliance p").first.inner_text()  # type: ignore[attr-defined]


def _open(open_tab: object, site: Path, **options: object) -> object:
    tab = open_tab("file://", **options)
    tab.page.goto((site / PAGE).as_uri())  # type: ignore[attr-defined]
    return tab


def test_hovering_a_term_shows_its_definition(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site)
    popover = tab.page.locator("#rr-popover")
    tab.page.locator(TERM).hover()
    popover.wait_for(state="visible")
    assert _plain_definition(tab.page) in popover.inner_text()
    assert "For trainees" in popover.inner_text()
    tab.page.mouse.move(5, 880)
    popover.wait_for(state="hidden")


def test_focusing_a_term_shows_it_and_escape_hides_it(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site)
    term = tab.page.locator(TERM)
    term.focus()
    popover = tab.page.locator("#rr-popover")
    popover.wait_for(state="visible")
    assert _plain_definition(tab.page) in popover.inner_text()
    # Screen readers get the same text through aria-describedby, without the script.
    assert term.get_attribute("aria-describedby") == "rr-def-therapeutic-alliance"
    tab.page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert tab.page.evaluate("document.activeElement.dataset.term") == "therapeutic-alliance"


def test_keyboard_tab_reaches_a_term(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site)
    for _ in range(60):
        tab.page.keyboard.press("Tab")
        if tab.page.evaluate("document.activeElement.classList.contains('rr-term')"):
            break
    else:
        pytest.fail("Tab never reached a glossary term on the home page")
    tab.page.locator("#rr-popover").wait_for(state="visible")


def test_tapping_a_term_on_a_phone_shows_it_without_covering_it(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site, phone=True)
    term = tab.page.locator(TERM)
    term.scroll_into_view_if_needed()
    term.tap()
    popover = tab.page.locator("#rr-popover")
    popover.wait_for(state="visible")
    assert tab.page.url.endswith(PAGE), "the first tap should explain the term, not leave the page"
    assert _plain_definition(tab.page) in popover.inner_text()
    term_box, sheet_box = term.bounding_box(), popover.bounding_box()
    assert term_box["y"] + term_box["height"] <= sheet_box["y"], "the sheet covers the term being read"
    # A second tap follows the link to the glossary entry.
    term.tap()
    tab.page.wait_for_url("**/glossary.html#therapeutic-alliance")


def test_axe_passes_with_a_popover_open(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site)
    tab.page.locator(TERM).focus()
    tab.page.locator("#rr-popover").wait_for(state="visible")
    violations = run_axe(tab.page)
    assert violations == [], describe(violations)


def test_glossary_page_lists_where_terms_appear(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site)
    tab.page.goto((offline_site / "glossary.html").as_uri() + "#therapeutic-alliance")
    entry = tab.page.locator(".rr-entry", has=tab.page.locator("h3#therapeutic-alliance"))
    assert "Appears in" in entry.inner_text()
    entry.get_by_role("link", name="Home").click()
    tab.page.wait_for_url("**/index.html")
