"""Map lines in the Markdown a parser sees back to lines in the author's file."""

from __future__ import annotations


def body_line_offset(source: str, body: str) -> int:
    """Lines taken by front matter, so body line N is file line N + offset.

    MkDocs strips the front matter (and the blank lines after it) before the
    Markdown parser sees the page; error messages must still name file lines.
    """
    if body and source.endswith(body):
        return source[: len(source) - len(body)].count("\n")
    return 0


def find_line(source: str, needle: str) -> int | None:
    """1-based line of the first occurrence of ``needle`` in ``source``, if any."""
    index = source.find(needle)
    return None if index < 0 else source.count("\n", 0, index) + 1
