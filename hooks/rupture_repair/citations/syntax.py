"""Citation syntax in Markdown text: [@key], [@key, p. 12], [@a; @b] and narrative @key."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .records import KEY_PATTERN

# A bracket whose content starts with "@": a parenthetical citation, well formed or not.
BRACKET = re.compile(r"\[@[^\[\]]*\]")
# "@key" after start of text, whitespace, "(" or an opening quote; "jo@example.org" is not one.
NARRATIVE = re.compile(r"(?<![^\s(\"'“‘«])@(" + KEY_PATTERN + r")(?!\w)")
_ITEM = re.compile(r"@(" + KEY_PATTERN + r")(?:\s*,(.*))?\Z", re.S)

USAGE = "write [@key], [@key, p. 12] or [@key1; @key2]"


@dataclass(frozen=True)
class CiteItem:
    """One work inside a parenthetical citation, with its optional locator ("p. 12")."""

    key: str
    locator: str = ""


def parse_bracket(text: str) -> tuple[tuple[CiteItem, ...], str | None]:
    """Items of a "[@…]" citation, or an error saying what is malformed about it."""
    items: list[CiteItem] = []
    for number, part in enumerate(text[1:-1].split(";"), start=1):
        part = part.strip()
        if not part:
            return (), f"item {number} is empty; {USAGE}"
        match = _ITEM.match(part)
        if match is None:
            if part == "@" or part.startswith("@ ") or re.match(r"@\s", part):
                return (), f"'@' must be followed directly by a citation key; {USAGE}"
            if not part.startswith("@"):
                return (), f"item {number} ('{part}') does not start with '@'; {USAGE}"
            return (), (f"item {number} ('{part}') is not a key (letters, digits and underscores, "
                        f"starting with a letter) with an optional ', locator'; {USAGE}")
        locator = (match.group(2) or "").strip()
        if match.group(2) is not None and not locator:
            return (), f"nothing follows the comma after '@{match.group(1)}'; {USAGE}"
        items.append(CiteItem(match.group(1), " ".join(locator.split())))
    return tuple(items), None
