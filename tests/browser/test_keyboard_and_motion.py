"""Accessibility beyond axe: a keyboard-only walk, reduced motion, and text at 200% zoom on a phone."""

from __future__ import annotations

from pathlib import Path

import pytest

CHAPTER = "accounts/never-about-one-thing.html"

# What the focused element looks like: an outline or a ring must be visible.
FOCUS_STYLE = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const s = getComputedStyle(el);
  const outlined = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  const ringed = s.boxShadow && s.boxShadow !== 'none';
  const id = el.id || el.getAttribute('data-term') || el.getAttribute('aria-describedby') || '';
  return {tag: el.tagName.toLowerCase(), cls: el.className && el.className.baseVal === undefined ? el.className : '',
          id, text: (el.innerText || el.value || '').trim().slice(0, 40), visible: outlined || ringed};
}"""


def test_tab_reaches_help_search_every_popover_and_every_answer_with_focus_visible(
        open_tab: object, offline_site: Path) -> None:
    tab = open_tab("file://")
    page = tab.page
    page.goto((offline_site / CHAPTER).as_uri())
    # Triggers on view now; those inside a closed answer or an unopened annotation come later.
    visible = "els => els.filter(e => e.checkVisibility() && !e.closest('.md-tooltip'))"
    expected_terms = set(page.eval_on_selector_all(
        "article a.rr-term", f"els => ({visible})(els).map(e => e.dataset.term)"))
    expected_cites = set(page.eval_on_selector_all(
        "article a.rr-cite", f"els => ({visible})(els).map(e => e.getAttribute('aria-describedby'))"))
    expected_answers = page.locator("article details > summary").count()
    assert expected_terms and expected_cites and expected_answers
    seen: list[dict] = []
    invisible: list[dict] = []
    for _ in range(700):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUS_STYLE)
        if focused is None:
            continue
        if seen and focused == seen[0]:
            break  # wrapped around
        seen.append(focused)
        if not focused["visible"]:
            invisible.append(focused)
    classes = [f["cls"] for f in seen]
    assert any("rr-help-link" in c for c in classes), "Tab never reached 'Get help now'"
    assert any("md-search__input" in c for c in classes), "Tab never reached search"
    assert expected_terms <= {f["id"] for f in seen if "rr-term" in f["cls"]}
    assert expected_cites <= {f["id"] for f in seen if "rr-cite" in f["cls"]}
    assert sum(f["tag"] == "summary" for f in seen) >= expected_answers
    assert invisible == [], f"focus not visible on: {invisible[:5]}"


def _longest_motion(page: object) -> float:
    return page.evaluate("""() => {
      let longest = 0;
      for (const el of document.querySelectorAll('*')) {
        const s = getComputedStyle(el);
        for (const value of [s.transitionDuration, s.animationDuration].join(',').split(',')) {
          const v = value.trim();
          const seconds = v.endsWith('ms') ? parseFloat(v) / 1000 : parseFloat(v);
          if (seconds > longest) longest = seconds;
        }
      }
      return longest;
    }""")


def test_reduced_motion_is_honoured(browser: object, offline_site: Path) -> None:
    url = (offline_site / CHAPTER).as_uri()
    durations = {}
    for preference in ("no-preference", "reduce"):
        context = browser.new_context(reduced_motion=preference)  # type: ignore[attr-defined]
        page = context.new_page()
        page.goto(url)
        durations[preference] = _longest_motion(page)
        context.close()
    assert durations["no-preference"] > 0.05, "nothing moves even without the preference: the check proves nothing"
    assert durations["reduce"] <= 0.001


@pytest.mark.parametrize("name", ["index.html", "help.html", CHAPTER, "glossary.html", "concept-map.html"])
def test_text_fits_a_phone_at_200_percent_zoom(browser: object, offline_site: Path, name: str) -> None:
    # A 390 px phone at 200% zoom lays out like a 195 px wide screen.
    context = browser.new_context(viewport={"width": 195, "height": 422}, device_scale_factor=4,  # type: ignore[attr-defined]
                                  is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto((offline_site / name).as_uri())
    overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
    wide = page.evaluate("""() => [...document.querySelectorAll('article p, article li, article h1, article h2')]
        .filter(el => el.getBoundingClientRect().right > window.innerWidth + 1)
        .map(el => el.tagName + ': ' + el.innerText.slice(0, 40))""")
    context.close()
    assert overflow <= 1 and wide == [], f"{name}: body text scrolls sideways: {wide[:5]}"
