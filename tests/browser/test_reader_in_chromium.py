"""The reader in a real browser: search, the help link, privacy and accessibility."""

from __future__ import annotations

from pathlib import Path

import pytest

from axe import describe, run_axe
from builtsite import BuildResult, html_pages


def _pages(site: Path) -> list[str]:
    return [p.relative_to(site).as_posix() for p in html_pages(site)]


def _search(tab: object, word: str) -> list[str]:
    """Type into Material's search as a person would and return the result titles."""
    page = tab.page  # type: ignore[attr-defined]
    field = page.locator("input.md-search__input")
    field.click()
    field.press_sequentially(word, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    # Results follow the typing from a worker: read them once they stop changing.
    titles: list[str] = []
    for _ in range(30):
        page.wait_for_timeout(200)
        now = [" ".join(t.split()) for t in page.locator(".md-search-result__item h1").all_inner_texts()]
        if now == titles:
            break
        titles = now
    return titles


def test_offline_copy_search_works_from_file(open_tab: object, offline_site: Path) -> None:
    tab = open_tab("file://")
    tab.page.goto((offline_site / "index.html").as_uri())
    titles = _search(tab, "Samaritans")
    assert "Get help now" in titles
    assert tab.foreign_requests() == []


def test_online_site_search_works_over_http(open_tab: object, online_url: str) -> None:
    tab = open_tab(online_url)
    tab.page.goto(online_url)
    assert "Read offline" in _search(tab, "unpack")
    assert tab.foreign_requests() == []


def _search_files(tab: object) -> list[str]:
    """Requests for Material's search index and search worker (docs/assets/javascripts/search-on-demand.js)."""
    return [url for url in tab.requests if "search_index" in url or "/workers/search." in url]  # type: ignore[attr-defined]


def test_online_search_loads_only_when_the_reader_opens_it(open_tab: object, online_url: str) -> None:
    tab = open_tab(online_url)
    tab.page.goto(online_url + "accounts/never-about-one-thing/", wait_until="networkidle")
    tab.page.mouse.wheel(0, 600)
    tab.page.wait_for_timeout(300)
    assert _search_files(tab) == [], "a visit that never searches should not download the search index"
    tab.page.keyboard.press("/")  # Material's shortcut focuses the search box
    tab.page.keyboard.type("rupture", delay=30)
    tab.page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert any("search_index.json" in url for url in _search_files(tab))
    assert any("/workers/search." in url for url in _search_files(tab))


def test_online_search_opens_from_the_phone_header_button(open_tab: object, online_url: str) -> None:
    tab = open_tab(online_url, phone=True)
    tab.page.goto(online_url, wait_until="networkidle")
    assert _search_files(tab) == []
    tab.page.locator("header label.md-header__button[for=__search]").tap()
    tab.page.locator("input.md-search__input").press_sequentially("Samaritans", delay=30)
    tab.page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert "Get help now" in " ".join(tab.page.locator(".md-search-result__item h1").all_inner_texts())


def test_online_search_link_with_a_query_shows_results(open_tab: object, online_url: str) -> None:
    tab = open_tab(online_url)
    tab.page.goto(online_url + "?q=Samaritans")
    tab.page.locator(".md-search-result__item").first.wait_for(timeout=15_000)
    assert "Get help now" in " ".join(tab.page.locator(".md-search-result__item h1").all_inner_texts())


@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_help_link_opens_the_help_page_from_file(open_tab: object, offline_site: Path, phone: bool) -> None:
    tab = open_tab("file://", phone=phone)
    tab.page.goto((offline_site / "offline.html").as_uri())
    tab.page.locator("header a.rr-help-link").click()
    tab.page.wait_for_url("**/help.html")
    assert tab.page.title().startswith("Get help now")
    assert tab.page.get_by_role("link", name="116 123").is_visible()


def test_help_link_opens_the_help_page_online(open_tab: object, online_url: str) -> None:
    tab = open_tab(online_url)
    tab.page.goto(online_url + "offline/")
    tab.page.locator("header a.rr-help-link").click()
    tab.page.wait_for_url("**/help/")
    assert tab.page.title().startswith("Get help now")
    assert tab.foreign_requests() == []


def test_every_offline_page_is_private_and_passes_axe(open_tab: object, offline_site: Path) -> None:
    tab = open_tab("file://")
    problems = []
    for name in _pages(offline_site):
        tab.page.goto((offline_site / name).as_uri(), wait_until="load")
        if violations := run_axe(tab.page):
            problems.append(f"{name}:\n{describe(violations)}")
    assert problems == [], "axe-core violations in the offline copy:\n" + "\n".join(problems)
    assert tab.foreign_requests() == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_online_page_is_private_and_passes_axe(open_tab: object, online_site: BuildResult,
                                                      online_url: str, dark: bool) -> None:
    tab = open_tab(online_url, dark=dark)
    problems = []
    for name in _pages(online_site.site):
        url = online_url + name.removesuffix("index.html")
        tab.page.goto(url, wait_until="load")
        if violations := run_axe(tab.page):
            problems.append(f"{name}:\n{describe(violations)}")
    assert problems == [], "axe-core violations online:\n" + "\n".join(problems)
    assert tab.foreign_requests() == []


def test_online_a_tapped_term_is_explained_on_the_page(open_tab: object, online_url: str) -> None:
    """Online as offline, a phone's first tap on a glossary term opens its explanation, not the glossary."""
    tab = open_tab(online_url, phone=True)
    page = online_url + "accounts/a-rupture-nobody-caused/"
    tab.page.goto(page)
    term = tab.page.locator("article a.rr-term").first
    term.scroll_into_view_if_needed()
    term.tap()
    tab.page.locator("#rr-popover").wait_for(state="visible")
    assert tab.page.url == page, "the first tap left the page"


def test_online_the_concept_map_opens_from_the_navigation(open_tab: object, online_url: str) -> None:
    tab = open_tab(online_url)
    errors: list[str] = []
    tab.page.on("pageerror", lambda error: errors.append(str(error)))
    tab.page.goto(online_url)
    tab.page.locator(".md-sidebar--primary a[href$='concept-map/']").first.click()
    tab.page.wait_for_url("**/concept-map/")
    assert tab.page.locator("article svg.rr-cm a.rr-cm-node").count() > 10
    assert tab.page.locator("article h1").inner_text().startswith("Concept map")
    assert errors == []


@pytest.mark.parametrize("words", ["kill myself", "want to die", "self harm", "hurt myself", "suicide", "crisis"])
def test_searching_for_crisis_words_puts_the_help_page_first(open_tab: object, offline_site: Path,
                                                             words: str) -> None:
    """The search box is where someone in crisis may type: the help page must be the first answer."""
    tab = open_tab("file://")
    tab.page.goto((offline_site / "index.html").as_uri())
    titles = _search(tab, words)
    assert titles[0] == "Get help now", f"searching {words!r} gave {titles[:3]}"


def test_online_a_missing_page_offers_the_way_home_and_help(open_tab: object, online_url: str) -> None:
    tab = open_tab(online_url)
    response = tab.page.goto(online_url + "accounts/no-such-page/")
    assert response is not None and response.status == 404
    article = tab.page.locator("article")
    assert article.locator("h1").inner_text() == "Page not found"
    article.get_by_role("link", name="Get help now").click()
    tab.page.wait_for_url("**/help/")
    tab.page.go_back()
    tab.page.locator("article").get_by_role("link", name="Go to the home page").click()
    tab.page.wait_for_url(online_url)
    assert tab.foreign_requests() == []
