"""APA 7 reference-list order (section 9.44–9.47), as a sort key."""

from __future__ import annotations

import re
import unicodedata
from typing import Sequence

from .records import Name

_LEADING_ARTICLE = re.compile(r"^(a|an|the)\s+", re.I)


def letters(text: str) -> str:
    """Letter-by-letter form: accents, case, spaces, hyphens and apostrophes ignored."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed.casefold() if ch.isalnum())


def year_key(year: str) -> tuple[int, int]:
    """"n.d." sorts before dated works; dated works sort earliest first."""
    return (1, int(year)) if year.isdigit() else (0, 0)


def reference_sort_key(creators: Sequence[Name], year: str, title: str) -> tuple:
    """Sort by each author's surname then initials ("nothing precedes something"), year, title.

    A one-author work precedes a multi-author work with the same first author,
    because a shorter tuple of names sorts first. A work with no author sorts
    by its title, which APA moves to the author position.
    """
    title_key = letters(_LEADING_ARTICLE.sub("", title))
    if creators:
        names = tuple((letters(name.surname), letters(name.initials)) for name in creators)
    else:
        names = ((title_key, ""),)
    return (names, year_key(year), title_key)
