"""The header, the navigation drawer and the footer: where their links lead, how focus shows on
them, and the closed drawer kept out of the way of the keyboard and of screen readers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from axe import describe, run_axe
from builtsite import html_pages, soup

CHAPTER = "accounts/never-about-one-thing.html"

# Colours and WCAG contrast, in the page. backdrop(el, self): the colour behind el (its
# ancestors' backgrounds composited, el's own too when self); ring(el): the colour of the
# focus ring the reader sees for el (Material rings the colour-scheme button, a label, for
# its hidden radio).
COLOUR_JS = """
const parse = c => { const m = c.match(/rgba?\\(([^)]+)\\)/); if (!m) throw new Error('colour ' + c);
  const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
const luminance = ([r, g, b]) => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b); };
const contrast = (a, b) => { const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
const backdrop = (el, self) => { const layers = [];
  for (let e = self ? el : el.parentElement; e; e = e.parentElement) { const c = parse(getComputedStyle(e).backgroundColor);
    if (c[3] > 0) layers.push(c); if (c[3] >= 1) break; }
  let out = [255, 255, 255];
  for (const [r, g, b, a] of layers.reverse()) out = [r * a + out[0] * (1 - a), g * a + out[1] * (1 - a), b * a + out[2] * (1 - a)];
  return out; };
const ringed = el => el.matches('.md-option') ? el.nextElementSibling : el;
"""

# The focused element: where it is, and its focus ring's contrast with the colour next to it.
FOCUSED = "() => {" + COLOUR_JS + """
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const shown = ringed(el); const s = getComputedStyle(shown); const r = shown.getBoundingClientRect();
  const inset = parseFloat(s.outlineOffset) < 0;
  const ring = s.outlineStyle === 'none' || parseFloat(s.outlineWidth) === 0 ? null : parse(s.outlineColor);
  return {name: (el.getAttribute('aria-label') || el.innerText || el.value || el.className || el.tagName).trim().slice(0, 40),
          header: !!el.closest('.md-header'), drawer: !!el.closest('.md-sidebar--primary'), content: !!el.closest('.md-content'),
          x: r.x, y: r.y, width: r.width, height: r.height, innerWidth, innerHeight,
          ratio: ring ? Math.round(contrast(ring, backdrop(shown, inset)) * 100) / 100 : 0};
}"""


def _offscreen(focused: dict) -> bool:
    """A focused box wholly outside the window (zero-sized boxes have no place to be seen)."""
    if focused["width"] == 0 and focused["height"] == 0:
        return False
    return (focused["x"] + focused["width"] <= 0 or focused["x"] >= focused["innerWidth"]
            or focused["y"] + focused["height"] <= 0 or focused["y"] >= focused["innerHeight"])


def _tab(page: object, times: int = 1) -> dict | None:
    for _ in range(times):
        page.keyboard.press("Tab")  # type: ignore[attr-defined]
    return page.evaluate(FOCUSED)  # type: ignore[attr-defined]


def _tab_until(page: object, reached: Callable[[dict], bool], presses: int) -> list[dict | None]:
    """Press Tab until the focused element is ``reached`` (or ``presses`` run out): what was focused, in order."""
    walk: list[dict | None] = []
    for _ in range(presses):
        walk.append(_tab(page))
        if walk[-1] and reached(walk[-1]):
            break
    return walk


def _drawer_links(page: object) -> int:
    """Links in the drawer that the page shows and screen readers read (role queries skip hidden ones)."""
    return page.locator(".md-sidebar--primary").get_by_role("link").count()  # type: ignore[attr-defined]


# ----- 1. Links from the header, drawer and footer lead to pages, also from disk -------------

def test_offline_copy_links_to_pages_never_to_folders(offline_site: Path) -> None:
    """Opened from disk, a link to a folder shows the folder's listing, not its index.html."""
    folder_links = []
    for page in html_pages(offline_site):
        for a in soup(page).find_all("a", href=True):
            parts = urlsplit(a["href"])
            if parts.scheme or parts.netloc or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if parts.path.endswith("/") or target.is_dir() or not target.is_file():
                folder_links.append(f"{page.relative_to(offline_site)}: {a['href']} ({' '.join(a.get('class', []))})")
    assert folder_links == [], f"{len(folder_links)} links to folders, e.g. {folder_links[:4]}"
    logos = soup(offline_site / CHAPTER).select("a.md-logo")
    assert [a["href"] for a in logos] == ["../index.html", "../index.html"]  # the header's and the drawer's


def test_offline_logo_opens_the_home_page(open_tab: object, offline_site: Path) -> None:
    tab = open_tab("file://")
    tab.page.goto((offline_site / CHAPTER).as_uri())
    with tab.page.expect_navigation():
        tab.page.locator(".md-header a.md-logo").click()
    assert tab.page.url == (offline_site / "index.html").as_uri()
    assert tab.page.locator("article h1").inner_text().startswith("Rupture & Repair")


def test_offline_drawer_logo_opens_the_home_page_on_a_phone(open_tab: object, offline_site: Path) -> None:
    tab = open_tab("file://", phone=True)
    tab.page.goto((offline_site / "about.html").as_uri())
    tab.page.locator(".md-header__button[for='__drawer'], .rr-menu-button").first.click()
    with tab.page.expect_navigation():
        tab.page.locator(".md-sidebar--primary a.md-logo").click()
    assert tab.page.url == (offline_site / "index.html").as_uri()


def test_online_logo_still_leads_to_the_site_root(open_tab: object, online_url: str) -> None:
    tab = open_tab(online_url)
    tab.page.goto(online_url + "accounts/never-about-one-thing/")
    tab.page.locator(".md-header a.md-logo").click()
    tab.page.wait_for_url(online_url)
    assert tab.page.locator("article h1").inner_text().startswith("Rupture & Repair")


# ----- 2. Focus rings and the logo stand out from the header, drawer title and footer ----------

@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
@pytest.mark.parametrize("phone", [False, True], ids=["desktop", "phone"])
def test_focus_rings_in_the_header_have_3_to_1_contrast(open_tab: object, offline_site: Path,
                                                       phone: bool, dark: bool) -> None:
    tab = open_tab("file://", phone=phone, dark=dark)
    tab.page.goto((offline_site / CHAPTER).as_uri())
    rings = []
    for _ in range(10):
        focused = _tab(tab.page)
        if focused and focused["header"]:
            rings.append(focused)
        elif rings:
            break
    names = " | ".join(f["name"] for f in rings)
    expected = ["Navigation", "Use light colours", "Get help now"] if phone else ["Rupture & Repair", "Use light colours", "Get help now"]
    assert all(any(e in f["name"] for f in rings) for e in expected), f"Tab went through: {names}"
    low = [(f["name"], f["ratio"]) for f in rings if f["ratio"] < 3]
    assert low == [], f"focus ring under 3:1 against the header: {low}"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_focus_rings_in_the_drawer_title_and_footer_have_3_to_1_contrast(open_tab: object, offline_site: Path,
                                                                         dark: bool) -> None:
    tab = open_tab("file://", phone=True, dark=dark)
    tab.page.goto((offline_site / "about.html").as_uri())
    tab.page.locator(".md-header__button[for='__drawer'], .rr-menu-button").first.click()
    tab.page.keyboard.press("Tab")  # keyboard use, so that focus shows
    rings = {}
    for selector in (".md-sidebar--primary .md-nav__title a.md-logo", ".md-footer__link--prev",
                     ".md-copyright a"):
        tab.page.locator(selector).first.focus()
        rings[selector] = tab.page.evaluate(FOCUSED)["ratio"]
    low = {selector: ratio for selector, ratio in rings.items() if ratio < 3}
    assert low == {}, f"focus ring under 3:1: {low} (all: {rings})"


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_logo_has_3_to_1_contrast_with_the_header(open_tab: object, online_url: str, dark: bool) -> None:
    """What the logo draws, read back from a canvas (over http, so the canvas may be read)."""
    tab = open_tab(online_url, dark=dark)
    tab.page.goto(online_url)
    ratios = tab.page.evaluate("async () => {" + COLOUR_JS + """
      const img = document.querySelector('.md-header a.md-logo img');
      await img.decode();
      const canvas = document.createElement('canvas'); canvas.width = canvas.height = 96;
      const context = canvas.getContext('2d'); context.drawImage(img, 0, 0, 96, 96);
      const data = context.getImageData(0, 0, 96, 96).data;
      const header = backdrop(img, true); const ratios = [];
      for (let i = 0; i < data.length; i += 4) if (data[i + 3] > 250) ratios.push(contrast([data[i], data[i + 1], data[i + 2]], header));
      return ratios.sort((a, b) => a - b);
    }""")
    assert len(ratios) > 100, "the logo drew almost nothing"
    assert ratios[0] >= 3, f"logo pixels at {ratios[0]:.2f}:1 against the header"


# ----- 3. The closed drawer is out of the way; open, it works -------------------------------

NARROW = {
    "phone": {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True},
    # A 1280 x 900 desktop window zoomed to 400% lays out like a 320 x 225 one.
    "desktop-at-400%": {"viewport": {"width": 320, "height": 225}, "device_scale_factor": 4},
}


@pytest.fixture(params=list(NARROW))
def narrow_page(request: pytest.FixtureRequest, browser: object, offline_site: Path) -> object:
    context = browser.new_context(reduced_motion="reduce", **NARROW[request.param])  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto((offline_site / CHAPTER).as_uri())
    yield page
    context.close()


def test_tab_from_the_top_reaches_the_chapter_past_the_closed_drawer(narrow_page: object) -> None:
    page = narrow_page
    assert _drawer_links(page) == 0, "the closed drawer's links are still there for screen readers"
    walk = _tab_until(page, lambda focused: focused["content"], 12)
    names = [f["name"] if f else None for f in walk]
    assert walk[-1] and walk[-1]["content"], f"no content link within 12 presses of Tab: {names}"
    assert len(walk) <= 8, f"{len(walk)} presses of Tab to reach the chapter: {names}"
    offscreen = [f["name"] for f in walk if f and _offscreen(f)]
    assert offscreen == [], f"focus went off-screen: {offscreen}"
    assert not any(f and f["drawer"] for f in walk)


def test_the_menu_button_opens_the_drawer_from_the_keyboard(narrow_page: object) -> None:
    page = narrow_page
    walk = _tab_until(page, lambda focused: focused["name"] == "Navigation", 3)
    assert walk[-1] and walk[-1]["name"] == "Navigation", "Tab never reached the menu button"
    button = page.locator(".md-header .rr-menu-button")
    assert button.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert button.get_attribute("aria-expanded") == "true"
    assert _drawer_links(page) > 5
    focused = page.evaluate(FOCUSED)
    assert focused["drawer"] and not _offscreen(focused), f"focus did not move into the open drawer: {focused}"
    uncovered = page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
        const top = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
        return !!top && document.activeElement.contains(top); }""")
    assert uncovered, f"the link focused in the drawer is hidden behind another: {focused['name']}"
    focused = _tab(page)
    assert focused["drawer"] and not _offscreen(focused), f"Tab left the open drawer: {focused}"
    page.keyboard.press("Escape")
    assert button.get_attribute("aria-expanded") == "false"
    assert page.evaluate("document.activeElement.classList.contains('rr-menu-button')")
    page.wait_for_timeout(50)
    assert _drawer_links(page) == 0


def test_the_menu_button_opens_the_drawer_with_a_tap_and_tab_reaches_it(open_tab: object, offline_site: Path) -> None:
    tab = open_tab("file://", phone=True)
    page = tab.page
    page.goto((offline_site / CHAPTER).as_uri())
    page.locator(".md-header__button[for='__drawer'], .md-header .rr-menu-button").first.tap()
    assert _drawer_links(page) > 5
    walk = _tab_until(page, lambda focused: focused["drawer"], 8)
    assert walk[-1] and walk[-1]["drawer"], f"Tab never reached the open drawer: {[f and f['name'] for f in walk]}"
    assert not _offscreen(walk[-1])


def test_the_sidebar_is_always_there_on_a_wide_screen(open_tab: object, offline_site: Path) -> None:
    tab = open_tab("file://")
    page = tab.page
    page.goto((offline_site / CHAPTER).as_uri())
    assert _drawer_links(page) > 20
    assert page.locator(".md-header .rr-menu-button").is_hidden()
    walk = []
    for _ in range(10):
        focused = _tab(page)
        walk.append(focused)
        if focused and focused["drawer"]:
            break
    assert walk[-1] and walk[-1]["drawer"] and not _offscreen(walk[-1]), [f and f["name"] for f in walk]


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_drawer_hides_only_after_sliding_out(browser: object, offline_site: Path, motion: str) -> None:
    """Closed, the drawer hides once its slide is over; with reduced motion there is no slide to wait for."""
    context = browser.new_context(reduced_motion=motion, **NARROW["phone"])  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto((offline_site / CHAPTER).as_uri())
    timing = page.evaluate("""() => { const s = getComputedStyle(document.querySelector('.md-sidebar--primary'));
      const seconds = v => v.endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v);
      const list = p => s[p].split(',').map(v => v.trim());
      const properties = list('transitionProperty'), durations = list('transitionDuration'), delays = list('transitionDelay');
      const of = (name, values) => { const i = properties.indexOf(name); return i < 0 ? 0 : seconds(values[i % values.length]); };
      return {visibility: s.visibility, slide: of('transform', durations), hideAfter: of('visibility', delays) + of('visibility', durations)}; }""")
    context.close()
    assert timing["visibility"] == "hidden"
    if motion == "reduce":
        assert timing["slide"] <= 0.001 and timing["hideAfter"] <= 0.001, timing
    else:
        assert timing["slide"] >= 0.2 and abs(timing["hideAfter"] - timing["slide"]) < 0.01, timing


def test_a_phone_page_passes_axe_with_the_drawer_closed_and_open(open_tab: object, offline_site: Path) -> None:
    tab = open_tab("file://", phone=True)
    tab.page.goto((offline_site / CHAPTER).as_uri())
    closed = run_axe(tab.page)
    tab.page.locator(".md-header .rr-menu-button").focus()
    tab.page.keyboard.press("Enter")
    opened = run_axe(tab.page)
    assert closed == [] and opened == [], f"closed:\n{describe(closed)}\nopen:\n{describe(opened)}"
