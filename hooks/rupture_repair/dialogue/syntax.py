"""The dialogue syntax: one turn per line, ``Speaker: words {kind: tag, tag}``, read into records.

Pure text work, no Markdown: the block (``extension.py``) hands over the lines
between ``/// dialogue`` and ``///``; this returns the turns and the problems,
each with the text to look for in the page's source (block processors do not
know lines; the hook finds them with ``locate``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..glossary.schema import did_you_mean
from ..source_lines import find_line
from .model import KINDS, DialogueTag, TagVocabulary

SPEAKER_RE = re.compile(r"(?P<speaker>\w[\w'\u2019.-]*(?: \w[\w'\u2019.-]*)?)[ \t]*:(?:[ \t]+(?P<text>.*)|[ \t]*)$")
"""``Speaker: text``: one or two words before the colon (their capitals are checked in code)."""

TRAILING_GROUP_RE = re.compile(r"[ \t]*\{([^{}\n]*)\}[ \t]*$")
"""The last brace group of a turn: a group of tags, unless it is an attribute list."""

INNER_GROUP_RE = re.compile(r"\{[ \t]*(" + "|".join(KINDS) + r")[ \t]*:[^{}\n]*\}", re.IGNORECASE)
"""A group of tags anywhere in the text: left over only when it is not at the end."""

_ATTR_LIST_RE = re.compile(r"^[ \t]*[.#]|=")
_HEADER_RE = re.compile(r"(?m)^[ \t>]*/{3,}[ \t]*dialogue[ \t]*(?:\|[ \t]*(?P<title>.*?))?[ \t]*$")
_SHOWN_MAX = 60


@dataclass(frozen=True)
class Turn:
    """One line of a dialogue: who speaks, what they say (inline Markdown), and its valid tags."""

    speaker: str
    text: str
    tags: tuple[DialogueTag, ...] = ()


@dataclass(frozen=True)
class DialogueProblem:
    """Something wrong in a dialogue block: the line as written (empty for the whole block) and why."""

    title: str | None
    needle: str
    message: str


def parse_dialogue(
    text: str, vocabulary: TagVocabulary, title: str | None = None
) -> tuple[list[Turn], list[DialogueProblem]]:
    """Read a block's lines (blank ones ignored) into turns; an empty block is a problem."""
    turns: list[Turn] = []
    problems: list[DialogueProblem] = []
    for line in text.splitlines():
        written = line.strip()
        if not written:
            continue
        turn, messages = parse_turn(written, vocabulary)
        problems += [DialogueProblem(title, written, message) for message in messages]
        if turn is not None:
            turns.append(turn)
    if not turns and not problems:
        problems.append(
            DialogueProblem(title, "", "the dialogue block has no turns; write one 'Speaker: words' per line, or remove it")
        )
    return turns, problems


def parse_turn(line: str, vocabulary: TagVocabulary) -> tuple[Turn | None, list[str]]:
    """Read one non-blank line into a Turn (None if it has no speaker) and messages about it."""
    match = SPEAKER_RE.match(line)
    if match is None or not _is_speaker(match.group("speaker")):
        return None, [
            f"this line has no speaker: '{_shown(line)}'; start it with one or two capitalised words "
            "and a colon, e.g. 'Client: ...' or 'Partner A: ...' (one turn per line)"
        ]
    speaker = match.group("speaker")
    words, groups = _split_tag_groups(match.group("text") or "")
    messages: list[str] = []
    if not words:
        messages.append(f"the turn by '{speaker}' has no words; write what they say after '{speaker}:'")
    for early in INNER_GROUP_RE.finditer(words):
        messages.append(f"'{early.group()}' is not at the end of the turn; move the tags to the end of the line")
    tags: list[DialogueTag] = []
    for group in groups:
        for tag, message in _read_group(group, vocabulary):
            if message:
                messages.append(message)
            elif tag is not None and tag not in tags:
                tags.append(tag)
    return (Turn(speaker, words, tuple(tags)) if words else None), messages


def _is_speaker(name: str) -> bool:
    """One or two words: the first starts with a capital, the second with a capital or a digit."""
    first, _, second = name.partition(" ")
    return first[:1].isupper() and (not second or second[:1].isupper() or second[:1].isdigit())


def _split_tag_groups(text: str) -> tuple[str, list[str]]:
    """Take the brace groups off the end of a turn: (its words, the groups' contents in written order)."""
    groups: list[str] = []
    while (match := TRAILING_GROUP_RE.search(text)) and not _ATTR_LIST_RE.search(match.group(1)):
        groups.insert(0, match.group(1))
        text = text[: match.start()]
    return text.strip(), groups


def _read_group(group: str, vocabulary: TagVocabulary) -> list[tuple[DialogueTag | None, str]]:
    """Check one ``kind: tag, tag`` group: each tag with '' or a message saying what is wrong."""
    kind, colon, names = group.partition(":")
    kind = kind.strip().casefold()
    written = f"{{{group}}}"
    ids = [name.strip() for name in names.split(",") if name.strip()]
    if not colon:
        ids = [name.strip() for name in kind.split(",") if name.strip()]
        kinds = sorted({tag.kind for i in ids if (tag := vocabulary.get(i)) is not None})
        example = f"{{{kinds[0]}: {', '.join(ids)}}}" if len(kinds) == 1 else "{repair: validating}"
        return [(None, f"'{written}' has no kind; write the kind, a colon and the tags, e.g. '{example}'")]
    if kind not in KINDS:
        hint = did_you_mean(kind, KINDS)
        return [(None, f"unknown kind '{kind}' in '{written}'{hint}; the kinds are {', '.join(KINDS)}")]
    if not ids:
        return [(None, f"'{written}' names no tag; write at least one, e.g. '{{{kind}: {_example(vocabulary, kind)}}}'")]
    return [_check_tag(tag_id, kind, vocabulary) for tag_id in ids]


def _check_tag(tag_id: str, kind: str, vocabulary: TagVocabulary) -> tuple[DialogueTag | None, str]:
    """A known tag of the kind it is written under, or a message (with a close tag when there is one)."""
    tag = vocabulary.get(tag_id)
    if tag is None:
        hint = did_you_mean(tag_id, vocabulary.ids(kind)) or did_you_mean(tag_id, vocabulary.ids())
        return None, (
            f"unknown {kind} tag '{tag_id}'{hint}; use a tag from {vocabulary.source} or add it there"
        )
    if tag.kind != kind:
        return None, (
            f"'{tag_id}' is a {tag.kind} marker, not a {kind} one; write it as '{{{tag.kind}: {tag_id}}}'"
        )
    return tag, ""


def _example(vocabulary: TagVocabulary, kind: str) -> str:
    ids = vocabulary.ids(kind)
    return ids[0] if ids else "a-tag"


def _shown(line: str) -> str:
    return line if len(line) <= _SHOWN_MAX else line[: _SHOWN_MAX - 1] + "\u2026"


def locate(source: str, problem: DialogueProblem) -> int | None:
    """The 1-based line of a problem in the page's source: its line after the block's header, else the header."""
    start = 0
    header_line: int | None = None
    for header in _HEADER_RE.finditer(source):
        if (header.group("title") or None) == problem.title:
            start = header.start()
            header_line = source.count("\n", 0, start) + 1
            break
    if problem.needle:
        index = source.find(problem.needle, start)
        if index >= 0:
            return source.count("\n", 0, index) + 1
        return header_line or find_line(source, problem.needle)
    return header_line
