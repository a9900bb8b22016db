"""Find glossary terms in running text, in time proportional to the text, not to the number of terms.

The text is tokenised once (one ``finditer``) and each token walks a trie keyed
by normalised tokens, so a position costs at most as many steps as the longest
name has tokens, whether the glossary holds 5 terms or 5,000. There is
deliberately no giant regex alternation, which Python's ``re`` would try term by
term at every position.

Rules: case-insensitive; whole words only; the leftmost match wins, then the
longest ("withdrawal rupture" beats "rupture"); the last word may take a regular
plural (+s, +es, y->ies) or a possessive 's (which is left outside the match);
typographic and plain apostrophes are the same; words may be split by any
whitespace (including line breaks) or a hyphen; punctuation inside a name
("goals, tasks and bond") must be there in the text too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .words import GAP_RE, TOKEN_RE, phrase_keys, plural_keys, possessive_stem_length, word_key

if TYPE_CHECKING:
    from .model import Glossary


# Page text repeats its words: normalise each distinct word once (bounded, so memory stays flat).
_cached_word_key = lru_cache(maxsize=1 << 16)(word_key)


@dataclass(frozen=True)
class Match:
    """One mention of a term in a text: where it is, which entry, and the text as written."""

    start: int
    end: int
    term_id: str
    surface: str


@dataclass
class _Node:
    """A trie node: the next tokens, and the entry a name ending here belongs to."""

    children: dict[str, _Node] = field(default_factory=dict)
    term_id: str | None = None
    exact: bool = False  # True when a name ends here as written, not as a generated plural


class TermMatcher:
    """All glossary names compiled once per build into a token trie."""

    def __init__(self, names: Iterable[tuple[str, str]]) -> None:
        """Compile ``(name, term_id)`` pairs; on a clash the exact name, then the first, wins."""
        self._root = _Node()
        self.max_tokens = 0
        plurals: list[tuple[tuple[str, ...], str]] = []
        for name, term_id in names:
            keys = phrase_keys(name)
            if keys is None:
                raise ValueError(f"glossary name {name!r} cannot be matched in text as written")
            self.max_tokens = max(self.max_tokens, len(keys))
            node = self._node_for(keys)
            if not node.exact:
                node.term_id, node.exact = term_id, True
            plurals.extend(((*keys[:-1], plural), term_id) for plural in plural_keys(keys[-1]))
        for keys, term_id in plurals:  # after all exact names, so those always win
            node = self._node_for(keys)
            if node.term_id is None:
                node.term_id = term_id

    @classmethod
    def from_glossary(cls, glossary: Glossary) -> TermMatcher:
        """Compile every term and alias of a glossary."""
        return cls(glossary.names())

    def _node_for(self, keys: tuple[str, ...]) -> _Node:
        """Return the trie node for a token sequence, creating the path as needed."""
        node = self._root
        for key in keys:
            node = node.children.setdefault(key, _Node())
        return node

    def find(self, text: str) -> list[Match]:
        """Return the non-overlapping mentions in ``text``, left to right, leftmost-longest."""
        tokens = list(TOKEN_RE.finditer(text))
        keys = [_cached_word_key(token.group()) for token in tokens]
        starts = self._root.children
        found: list[Match] = []
        index = 0
        while index < len(tokens):
            key = keys[index]
            # Most words start no name and are no possessive (whose key always ends in "s"):
            # skip the trie walk, which would find nothing there.
            if key not in starts and (key[-1:] != "s" or possessive_stem_length(tokens[index].group()) is None):
                index += 1
                continue
            best = self._longest_at(text, tokens, keys, index)
            if best is None:
                index += 1
                continue
            last_index, end, term_id = best
            start = tokens[index].start()
            found.append(Match(start, end, term_id, text[start:end]))
            index = last_index + 1
        return found

    def _longest_at(
        self, text: str, tokens: list[re.Match[str]], keys: list[str], first: int
    ) -> tuple[int, int, str] | None:
        """Walk the trie from token ``first``; return (last token, end offset, id) of the longest name."""
        best: tuple[int, int, str] | None = None
        node = self._root
        for index in range(first, min(len(tokens), first + self.max_tokens)):
            if index > first and not GAP_RE.fullmatch(text, tokens[index - 1].end(), tokens[index].start()):
                break
            token = tokens[index]
            child = node.children.get(keys[index])
            if child is not None and child.term_id is not None:
                best = (index, token.end(), child.term_id)
            else:
                stem_length = possessive_stem_length(token.group())
                if stem_length is not None:
                    stem = node.children.get(word_key(token.group()[:stem_length]))
                    if stem is not None and stem.term_id is not None:
                        best = (index, token.start() + stem_length, stem.term_id)
            if child is None:
                break
            node = child
        return best
