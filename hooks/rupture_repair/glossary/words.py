"""How glossary names and page text are cut into words and compared, shared by validation and matching.

Validation and the matcher must agree on when two names are "the same", so both
use these functions. A token is a word (letters/digits with inner apostrophes,
"client's") or one punctuation mark other than a hyphen, so names such as
"goals, tasks and bond" can be found too. Tokens compare casefolded with
typographic apostrophes folded to "'". Between tokens text may have any
whitespace (line breaks too) or one hyphen: "self-disclosure" matches
"self disclosure".
"""

from __future__ import annotations

import re
import unicodedata

TOKEN_RE = re.compile(r"\w+(?:['\u2019]\w+)*|[^\w\s\-\u2010\u2011]")
"""A word or one punctuation mark: the matcher tokenises each text once with this."""

GAP_RE = re.compile(r"\s*(?:[-\u2010\u2011]\s*)?")
"""What may stand between two tokens of a name in text: nothing, whitespace, or one hyphen."""

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u02bc": "'"})
_POSSESSIVE_ENDINGS = ("'s", "\u2019s", "\u02bcs")
_SIBILANT_ENDINGS = ("s", "x", "z", "ch", "sh")
_VOWELS = frozenset("aeiou")


def word_key(word: str) -> str:
    """Return the form tokens are compared in: NFKC, casefolded, apostrophes made plain."""
    return unicodedata.normalize("NFKC", word.translate(_APOSTROPHES)).casefold()


def phrase_keys(phrase: str) -> tuple[str, ...] | None:
    """Return a name's token keys, or None if text could never match it (e.g. "-ish", "self--help")."""
    stripped = phrase.strip()
    words = list(TOKEN_RE.finditer(stripped))
    if not words or words[0].start() != 0 or words[-1].end() != len(stripped):
        return None
    for before, after in zip(words, words[1:]):
        if not GAP_RE.fullmatch(stripped, before.end(), after.start()):
            return None
    return tuple(word_key(word.group()) for word in words)


def possessive_stem_length(word: str) -> int | None:
    """Return the length of ``word`` without a possessive 's ("client's" -> 6), else None."""
    if len(word) > 2 and word.casefold().endswith(_POSSESSIVE_ENDINGS):
        return len(word) - 2
    return None


def same_text(first: str, second: str) -> bool:
    """Say whether two names are written the same, ignoring case and runs of whitespace."""
    return " ".join(first.split()).casefold() == " ".join(second.split()).casefold()


def plural_keys(key: str) -> tuple[str, ...]:
    """Return the regular plural of a word key: +s, +es after sibilants, consonant+y -> ies."""
    if not key.isalpha():
        return ()  # digits, apostrophes or punctuation: no sensible plural
    if key.endswith("y") and len(key) > 1 and key[-2] not in _VOWELS:
        return (key[:-1] + "ies",)
    if key.endswith(_SIBILANT_ENDINGS):
        return (key + "es",)
    return (key + "s",)
