"""Find the source line of a problem's text, since inline processing has no line numbers."""

from __future__ import annotations

import re


def locate_line(source: str, needle: str) -> int | None:
    """1-based line of the first occurrence of ``needle`` in ``source``, or None.

    Whitespace in ``needle`` matches any run of whitespace, so a citation that
    Markdown re-wrapped or de-indented (list items, block quotes) is still found.
    A needle starting with "@" does not match inside a longer word or address.
    """
    words = needle.split()
    if not words:
        return None
    pattern = r"\s+(?:>\s*)*".join(re.escape(word) for word in words)
    if needle.lstrip().startswith("@"):
        pattern = r"(?<![\w@])" + pattern
    if re.match(r"\w", needle.rstrip()[-1:]):
        pattern += r"(?!\w)"
    match = re.search(pattern, source)
    return source.count("\n", 0, match.start()) + 1 if match else None
