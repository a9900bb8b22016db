"""axe-core, injected from the pinned npm package, run in the page as it is now."""

from __future__ import annotations

from builtsite import ROOT

AXE_SCRIPT = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def run_axe(page: object) -> list[dict]:
    """axe-core's violations for the page as it is now (WCAG 2.x A/AA and best practices)."""
    page.add_script_tag(path=str(AXE_SCRIPT))  # type: ignore[attr-defined]
    result = page.evaluate(  # type: ignore[attr-defined]
        "async () => await axe.run(document, {resultTypes: ['violations']})"
    )
    return result["violations"]


def describe(violations: list[dict]) -> str:
    return "\n".join(
        f"  {v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}" for v in violations
    )
