"""Label widths estimated at build time, without a font: per-character advances of a sans serif.

The reader uses the system's sans serif (``font: false``), whose metrics vary from
Helvetica to DejaVu Sans; the table holds Helvetica/Arial advances and ``_SLACK``
covers the wider fonts, so a label that is measured to fit does fit.
"""

from __future__ import annotations

ELLIPSIS = "…"

# Advance widths in thousandths of an em (Helvetica/Arial); unknown characters count as "n".
_DEFAULT_ADVANCE = 556
_ADVANCES: dict[str, int] = {
    **dict.fromkeys("ijl'|", 222),
    **dict.fromkeys(" ft.,:;!/[]\\I", 278),
    **dict.fromkeys("r-()`\u2018\u2019", 333),
    **dict.fromkeys('"\u201c\u201d', 355),
    **dict.fromkeys("ckvxyzsJ", 500),
    **dict.fromkeys("FTZ", 611),
    **dict.fromkeys("ABEKPSVXY&", 667),
    **dict.fromkeys("CDHNRUw", 722),
    **dict.fromkeys("GOQ", 778),
    **dict.fromkeys("mM", 833),
    "W": 944,
    "\u2014": 1000,
    ELLIPSIS: 1000,
}
_SLACK = 1.06  # San Francisco (macOS, iOS) runs wider than Helvetica/Arial/Liberation Sans
_BOLD = 1.05  # semibold labels are a little wider again


def text_width(text: str, font_size: float, *, bold: bool = False) -> float:
    """Estimate how wide ``text`` is drawn at ``font_size`` (errs on the wide side)."""
    ems = sum(_ADVANCES.get(char, _DEFAULT_ADVANCE) for char in text) / 1000
    return ems * font_size * _SLACK * (_BOLD if bold else 1.0)


def fit_text(text: str, max_width: float, font_size: float, *, bold: bool = False) -> tuple[str, bool]:
    """Return ``(text, False)`` if it fits in ``max_width``, else the longest prefix + "…" that does, and True.

    Cuts at a word boundary when that loses little, so "secure base behaviour" reads
    "secure base…" rather than "secure base beh…".
    """
    if text_width(text, font_size, bold=bold) <= max_width:
        return text, False
    cut = len(text)
    while cut > 1 and text_width(text[:cut].rstrip() + ELLIPSIS, font_size, bold=bold) > max_width:
        cut -= 1
    space = text.rfind(" ", 0, cut + 1)
    if space > 0 and cut - space <= 4:
        cut = space
    return text[:cut].rstrip(" ,;:-") + ELLIPSIS, True


def wrap_in_two(text: str, max_width: float, font_size: float, *, bold: bool = False) -> tuple[tuple[str, ...], bool]:
    """Return ``text`` as one line if it fits, else two balanced lines, else a first line and a shortened second.

    Balanced: of the breaks at spaces where both lines fit, the one whose longer line
    is shortest, so "What the working alliance is" never leaves "is" on its own.
    """
    if text_width(text, font_size, bold=bold) <= max_width:
        return (text,), False
    words = text.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    fitting = [
        (max(text_width(first, font_size, bold=bold), text_width(second, font_size, bold=bold)), first, second)
        for first, second in splits
    ]
    fitting = [split for split in fitting if split[0] <= max_width]
    if fitting:
        _, first, second = min(fitting)
        return (first, second), False
    taken = 1
    while taken < len(words) and text_width(" ".join(words[: taken + 1]), font_size, bold=bold) <= max_width:
        taken += 1
    first, truncated = fit_text(" ".join(words[:taken]), max_width, font_size, bold=bold)
    if truncated:  # a first word wider than the box
        return (first,), True
    rest, _ = fit_text(" ".join(words[taken:]), max_width, font_size, bold=bold)
    return (first, rest), True
