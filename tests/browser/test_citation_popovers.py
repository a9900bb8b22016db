"""Citations in the offline copy, from file://: hover and focus show the full reference."""

from __future__ import annotations

from pathlib import Path

from axe import describe, run_axe

# The glossary cites Bordin (1979) in its entry on alliance ruptures, among others.
PAGE = "glossary.html"
CITE = "article a.rr-cite[aria-describedby='rr-ref-bordin1979']"
REFERENCE = "Bordin, E. S. (1979). The generalizability of the psychoanalytic concept of the working alliance."


def _open(open_tab: object, site: Path, page: str = PAGE, fragment: str = "") -> object:
    tab = open_tab("file://")
    tab.page.goto((site / page).as_uri() + fragment)  # type: ignore[attr-defined]
    return tab


def test_hovering_a_citation_shows_the_full_reference(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site)
    popover = tab.page.locator("#rr-popover")
    tab.page.locator(CITE).first.hover()
    popover.wait_for(state="visible")
    text = " ".join(popover.inner_text().split())
    assert text.startswith(REFERENCE)
    assert "https://doi.org/10.1037/h0085885" in text
    tab.page.mouse.move(5, 880)
    popover.wait_for(state="hidden")


def test_focusing_a_citation_shows_it_and_escape_hides_it(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site)
    cite = tab.page.locator(CITE).first
    cite.focus()
    popover = tab.page.locator("#rr-popover")
    popover.wait_for(state="visible")
    assert " ".join(popover.inner_text().split()).startswith(REFERENCE)
    # Screen readers get the same text through aria-describedby, without the script.
    assert cite.get_attribute("aria-describedby") == "rr-ref-bordin1979"
    tab.page.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    assert tab.page.evaluate("document.activeElement.getAttribute('aria-describedby')") == "rr-ref-bordin1979"


def test_following_a_citation_lands_on_its_entry(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site)
    tab.page.locator(CITE).first.click()
    tab.page.wait_for_url("**/references.html#ref-bordin1979")
    entry = tab.page.locator("#ref-bordin1979")
    assert " ".join(entry.inner_text().split()).startswith(REFERENCE)
    assert entry.is_visible() and "Cited in" in entry.inner_text()


def test_axe_passes_with_a_citation_popover_open(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site)
    tab.page.locator(CITE).first.focus()
    tab.page.locator("#rr-popover").wait_for(state="visible")
    violations = run_axe(tab.page)
    assert violations == [], describe(violations)


def test_axe_passes_on_the_references_page(open_tab: object, offline_site: Path) -> None:
    tab = _open(open_tab, offline_site, "references.html", "#ref-bordin1979")
    violations = run_axe(tab.page)
    assert violations == [], describe(violations)
