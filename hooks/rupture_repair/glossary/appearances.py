"""Where each term appears across the site, for the glossary page's "Appears in" lists.

Collected early (each page reports its mentions as it renders) and resolved
late (once every page exists), in reading order.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby

from .extension import TermMention
from .model import GlossaryEntry


@dataclass(frozen=True)
class Appearance:
    """A page that mentions a term, and the section where it first does."""

    page: str
    page_title: str
    section_id: str | None
    section_title: str | None


def appearances_by_term(
    mentions_by_page: Mapping[str, Sequence[TermMention]],
    titles: Mapping[str, str],
    reading_order: Iterable[str],
) -> dict[str, list[Appearance]]:
    """For every mentioned term id, the pages mentioning it, in reading order."""
    result: dict[str, list[Appearance]] = {}
    for page in reading_order:
        for mention in mentions_by_page.get(page, ()):
            result.setdefault(mention.term_id, []).append(
                Appearance(page, titles[page], mention.section_id, mention.section_title)
            )
    return result


def group_by_letter(entries: Sequence[GlossaryEntry]) -> list[tuple[str, list[GlossaryEntry]]]:
    """Entries (already sorted A-Z) grouped under their first letter; digits and symbols under '#'."""

    def letter(entry: GlossaryEntry) -> str:
        first = entry.term[:1].upper()
        return first if "A" <= first <= "Z" else "#"

    return [(key, list(group)) for key, group in groupby(entries, key=letter)]
