"""The dialogue syntax alone: turns, speakers, tag groups, and where problems are in a page."""

from __future__ import annotations

import pytest

from rupture_repair.dialogue import DialogueProblem, DialogueTag, TagVocabulary, locate, parse_dialogue, parse_turn

VOCABULARY = TagVocabulary(
    (
        DialogueTag(id="minimal-response", kind="withdrawal", label="minimal response", glossary="w", explain="."),
        DialogueTag(id="deferring", kind="withdrawal", label="deferring", glossary="w", explain="."),
        DialogueTag(id="validating", kind="repair", label="validating", glossary="v", explain="."),
        DialogueTag(id="owning-part", kind="repair", label="owning their part", glossary="o", explain="."),
    )
)

GOOD_TURNS = [
    pytest.param("Client: It was fine.", ("Client", "It was fine.", ()), id="plain"),
    pytest.param("Partner A: Yes.", ("Partner A", "Yes.", ()), id="two-words"),
    pytest.param("Client 2: Yes.", ("Client 2", "Yes.", ()), id="word-and-digit"),
    pytest.param("Thérèse: Oui.", ("Thérèse", "Oui.", ()), id="accented"),
    pytest.param("Client:   spaces  ", ("Client", "spaces", ()), id="spaces-trimmed"),
    pytest.param("Client: Fine. {withdrawal: minimal-response}", ("Client", "Fine.", ("minimal-response",)),
                 id="one-tag"),
    pytest.param("Therapist: Sorry. {repair: owning-part, validating}", ("Therapist", "Sorry.",
                 ("owning-part", "validating")), id="two-tags"),
    pytest.param("Client: Um. {withdrawal: deferring} {repair: validating}", ("Client", "Um.",
                 ("deferring", "validating")), id="two-groups"),
    pytest.param("Client: Um. {Withdrawal:deferring,deferring}", ("Client", "Um.", ("deferring",)),
                 id="kind-any-case-repeat-dropped"),
    pytest.param("Client: It says: *fine*.", ("Client", "It says: *fine*.", ()), id="colon-in-words"),
    pytest.param("Client: A *word*{ .quiet }", ("Client", "A *word*{ .quiet }", ()), id="attr-list-is-not-tags"),
]


@pytest.mark.parametrize(("line", "expected"), GOOD_TURNS)
def test_a_turn_is_a_speaker_words_and_tags(line: str, expected: tuple) -> None:
    turn, messages = parse_turn(line, VOCABULARY)
    assert messages == []
    assert turn is not None
    assert (turn.speaker, turn.text, tuple(tag.id for tag in turn.tags)) == expected


BAD_TURNS = [
    pytest.param("It was fine.", "this line has no speaker: 'It was fine.'; start it with", id="no-speaker"),
    pytest.param("client: fine", "this line has no speaker: 'client: fine'", id="lowercase-speaker"),
    pytest.param("I said: fine", "this line has no speaker", id="second-word-lowercase"),
    pytest.param("The new client: fine", "this line has no speaker", id="three-words"),
    pytest.param("Client:", "the turn by 'Client' has no words", id="no-words"),
    pytest.param("Client: {withdrawal: deferring}", "the turn by 'Client' has no words", id="only-tags"),
    pytest.param("Client: Fine. {withdrawal: minimal-respons}",
                 "unknown withdrawal tag 'minimal-respons' (did you mean 'minimal-response'?); "
                 "use a tag from docs/dialogue-tags.yml or add it there", id="unknown-tag"),
    pytest.param("Client: Fine. {repair: owning}",
                 "unknown repair tag 'owning' (did you mean 'owning-part'?)", id="unknown-tag-suggests-same-kind"),
    pytest.param("Client: Fine. {withdrawl: deferring}",
                 "unknown kind 'withdrawl' in '{withdrawl: deferring}' (did you mean 'withdrawal'?); "
                 "the kinds are withdrawal, confrontation, repair", id="unknown-kind"),
    pytest.param("Client: Fine. {repair: deferring}",
                 "'deferring' is a withdrawal marker, not a repair one; write it as '{withdrawal: deferring}'",
                 id="wrong-kind"),
    pytest.param("Client: Fine. {deferring}",
                 "'{deferring}' has no kind; write the kind, a colon and the tags, e.g. '{withdrawal: deferring}'",
                 id="no-kind"),
    pytest.param("Client: Fine. {repair: }", "'{repair: }' names no tag; write at least one, e.g. '{repair: validating}'",
                 id="no-tag"),
    pytest.param("Client: Fine {repair: validating} really.",
                 "'{repair: validating}' is not at the end of the turn; move the tags to the end of the line",
                 id="tags-not-last"),
]


@pytest.mark.parametrize(("line", "message"), BAD_TURNS)
def test_a_bad_turn_says_what_is_wrong_and_how_to_fix_it(line: str, message: str) -> None:
    _, messages = parse_turn(line, VOCABULARY)
    assert len(messages) == 1 and messages[0].startswith(message), messages


def test_blank_lines_are_ignored_and_problems_keep_the_line_as_written() -> None:
    turns, problems = parse_dialogue("Client: Hi.\n\n   \n  nobody  \nTherapist: Hello.\n", VOCABULARY, "T")
    assert [turn.speaker for turn in turns] == ["Client", "Therapist"]
    assert [(p.title, p.needle) for p in problems] == [("T", "nobody")]


def test_an_empty_block_is_a_problem() -> None:
    turns, problems = parse_dialogue("\n  \n", VOCABULARY, None)
    assert turns == []
    assert problems == [
        DialogueProblem(None, "", "the dialogue block has no turns; write one 'Speaker: words' per line, or remove it")
    ]


PAGE = """\
---
title: A page
---

Client: Fine. {withdrawal: deferring}

/// dialogue | First
Client: Fine. {withdrawal: deferring}
///

/// dialogue
///

/// dialogue |   Second
  Client: Fine. {withdrawal: deferring}
///
"""

LINES = [
    pytest.param(DialogueProblem("First", "Client: Fine. {withdrawal: deferring}", "m"), 8,
                 id="the-line-after-its-block-header-not-the-same-text-earlier"),
    pytest.param(DialogueProblem("Second", "Client: Fine. {withdrawal: deferring}", "m"), 15, id="indented-line"),
    pytest.param(DialogueProblem(None, "", "m"), 11, id="untitled-block-header"),
    pytest.param(DialogueProblem("Second", "", "m"), 14, id="titled-block-header"),
    pytest.param(DialogueProblem("Second", "not in the page", "m"), 14, id="falls-back-to-the-header"),
    pytest.param(DialogueProblem("Nowhere", "not in the page", "m"), None, id="nothing-found"),
]


@pytest.mark.parametrize(("problem", "line"), LINES)
def test_locate_finds_a_problem_in_the_page_source(problem: DialogueProblem, line: int | None) -> None:
    assert locate(PAGE, problem) == line
