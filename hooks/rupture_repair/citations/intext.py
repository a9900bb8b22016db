"""APA 7 in-text author–date forms, with the section 8.18–8.19 disambiguation rules."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from string import ascii_lowercase
from typing import Sequence


@dataclass(frozen=True)
class Work:
    """What the in-text form of one work depends on."""

    key: str
    surnames: tuple[str, ...]
    year: str
    title: str
    sort_key: tuple


@dataclass(frozen=True)
class AuthorDate:
    """In-text parts of one work: author part in both modes, and year with any letter."""

    parenthetical: str
    narrative: str
    year: str


def _shown(total: int, wanted: int) -> int:
    """How many names to write: "et al." is plural, so it never stands for one name."""
    return total if total - wanted < 2 else wanted


def _common_prefix(a: tuple[str, ...], b: tuple[str, ...]) -> int:
    """Number of leading surnames two author lists share."""
    count = 0
    for left, right in zip(a, b):
        if left != right:
            break
        count += 1
    return count


def _visible(work: Work, shown: int) -> tuple[tuple[str, ...], bool, str]:
    """What a reader sees: the names written, whether "et al." follows, and the year."""
    return work.surnames[:shown], shown < len(work.surnames), work.year


def _names_needed(works: Sequence[Work]) -> dict[str, int]:
    """Names to write per work: 1 + "et al." for 3+ authors, more where that is ambiguous."""
    shown = {w.key: _shown(len(w.surnames), 1) for w in works}
    for _ in range(max((len(w.surnames) for w in works), default=0)):
        groups: dict[tuple, list[Work]] = defaultdict(list)
        for work in works:
            groups[_visible(work, shown[work.key])].append(work)
        changed = False
        for group in groups.values():
            for work in group:
                others = [o.surnames for o in group if o is not work and o.surnames != work.surnames]
                if not others:
                    continue  # same authors, same year: told apart by 2018a/2018b instead
                need = 1 + max(_common_prefix(work.surnames, o) for o in others)
                need = _shown(len(work.surnames), min(need, len(work.surnames)))
                if need > shown[work.key]:
                    shown[work.key] = need
                    changed = True
        if not changed:
            break
    return shown


def _join(names: Sequence[str], conjunction: str, et_al: bool) -> str:
    """"A", "A & B", "A, B, & C", "A et al.", "A, B, et al." (APA's serial comma)."""
    if et_al:
        return f"{names[0]} et al." if len(names) == 1 else ", ".join(names) + ", et al."
    if len(names) == 1:
        return names[0]
    if len(names) == 2:
        return f"{names[0]} {conjunction} {names[1]}"
    return ", ".join(names[:-1]) + f", {conjunction} {names[-1]}"


def _suffixed(year: str, index: int) -> str:
    """"2018" -> "2018a"; "n.d." -> "n.d.-a" (APA 8.19)."""
    letter = ascii_lowercase[index] if index < 26 else str(index + 1)
    return f"{year}-{letter}" if not year[:1].isdigit() else f"{year}{letter}"


def author_dates(works: Sequence[Work]) -> dict[str, AuthorDate]:
    """In-text forms of all works, each unambiguous among the others.

    Works whose short forms collide get as many author names as needed to
    tell them apart (APA 8.18); works with the very same authors and year get
    a letter after the year, in reference-list (title) order (APA 8.19).
    """
    shown = _names_needed(works)
    labels: dict[str, tuple[str, str]] = {}
    for work in works:
        if not work.surnames:
            labels[work.key] = (work.title, work.title)  # no author: the title takes its place
            continue
        names, et_al, _ = _visible(work, shown[work.key])
        labels[work.key] = (_join(names, "&", et_al), _join(names, "and", et_al))
    same: dict[tuple[str, str], list[Work]] = defaultdict(list)
    for work in works:
        same[(labels[work.key][0], work.year)].append(work)
    result: dict[str, AuthorDate] = {}
    for (_, year), group in same.items():
        group = sorted(group, key=lambda w: w.sort_key)
        for index, work in enumerate(group):
            shown_year = _suffixed(year, index) if len(group) > 1 else year
            parenthetical, narrative = labels[work.key]
            result[work.key] = AuthorDate(parenthetical, narrative, shown_year)
    return result
