"""Finding glossary terms in text: boundaries, plurals, aliases, overlaps, case, apostrophes, spacing.

Cost is linear by construction (one tokenising pass, then at most ``max_tokens``
dictionary steps per word, see matcher.py), so there is no timed test; the last
test checks the construction instead: a 600-term matcher walks no further than
its longest name (in tokens).
"""

from __future__ import annotations

import pytest

from rupture_repair.glossary import Match, TermMatcher

NAMES = [
    ("rupture", "rupture"),
    ("withdrawal rupture", "withdrawal-rupture"),
    ("withdrawal", "withdrawal-rupture"),
    ("rupture repair cycle", "cycle"),
    ("therapy", "therapy"),
    ("boundary", "boundary"),
    ("process", "process"),
    ("client", "client"),
    ("client's view", "clients-view"),
    ("self-disclosure", "self-disclosure"),
    ("behaviour", "behaviour"),
    ("behavior", "behaviour"),
    ("countertransference", "countertransference"),
    ("crisis", "crisis"),
    ("crises", "crisis"),
    ("alliance", "alliance"),
    ("alliance rupture marker", "marker"),
    ("goals, tasks and bond", "gtb"),
    ("C++", "cpp"),
]

MATCHER = TermMatcher(NAMES)


def found(text: str) -> list[tuple[str, str]]:
    return [(match.surface, match.term_id) for match in MATCHER.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # whole words only
        ("interruptured and ruptured, rupturex, prerupture", []),
        ("a rupture.", [("rupture", "rupture")]),
        ("(rupture)", [("rupture", "rupture")]),
        ("rupture_log", []),
        ("rupture2", []),
        ("re-rupture", [("rupture", "rupture")]),
        # regular plurals of the last word: +s, +es, y -> ies
        ("ruptures", [("ruptures", "rupture")]),
        ("therapies", [("therapies", "therapy")]),
        ("boundaries", [("boundaries", "boundary")]),
        ("processes", [("processes", "process")]),
        ("withdrawal ruptures", [("withdrawal ruptures", "withdrawal-rupture")]),
        ("therapys boundarys rupturees", []),
        # irregular plurals and variant spellings come from aliases
        ("crises", [("crises", "crisis")]),
        ("behavior and behaviours", [("behavior", "behaviour"), ("behaviours", "behaviour")]),
        # case is ignored, the surface is kept exactly
        ("RUPTURE Rupture", [("RUPTURE", "rupture"), ("Rupture", "rupture")]),
        # longest wins at a position; leftmost wins between overlaps
        ("a withdrawal rupture here", [("withdrawal rupture", "withdrawal-rupture")]),
        ("withdrawal then rupture", [("withdrawal", "withdrawal-rupture"), ("rupture", "rupture")]),
        ("rupture repair cycle", [("rupture repair cycle", "cycle")]),
        ("rupture repair", [("rupture", "rupture")]),
        ("withdrawal rupture repair cycle", [("withdrawal rupture", "withdrawal-rupture")]),
        ("alliance rupture", [("alliance", "alliance"), ("rupture", "rupture")]),
        # possessives: the term matches, the 's stays outside
        ("the client's notes", [("client", "client")]),
        ("the client’s notes", [("client", "client")]),
        ("the clients' notes", [("clients", "client")]),
        # typographic apostrophes in both directions
        ("the client’s view", [("client’s view", "clients-view")]),
        ("the CLIENT'S VIEW", [("CLIENT'S VIEW", "clients-view")]),
        # spacing: runs of spaces and line breaks; hyphen and space are interchangeable
        ("withdrawal   \n  rupture", [("withdrawal   \n  rupture", "withdrawal-rupture")]),
        ("self disclosure", [("self disclosure", "self-disclosure")]),
        ("self-disclosure", [("self-disclosure", "self-disclosure")]),
        ("self\ndisclosure", [("self\ndisclosure", "self-disclosure")]),
        ("selfdisclosure", []),
        # punctuation between words breaks a multi-word term
        ("withdrawal, rupture", [("withdrawal", "withdrawal-rupture"), ("rupture", "rupture")]),
        ("withdrawal. Rupture", [("withdrawal", "withdrawal-rupture"), ("Rupture", "rupture")]),
        # a prefix of a longer name that is not itself complete falls back to the shorter one
        ("alliance rupture markers", [("alliance rupture markers", "marker")]),
        # punctuation inside a name must be in the text too; whitespace around it may vary
        ("Goals, tasks and bond.", [("Goals, tasks and bond", "gtb")]),
        ("goals ,tasks and\nbond", [("goals ,tasks and\nbond", "gtb")]),
        ("goals tasks and bond", []),
        ("in C++ and C+ or C", [("C++", "cpp")]),
        ("", []),
    ],
)
def test_find(text: str, expected: list[tuple[str, str]]) -> None:
    assert found(text) == expected


def test_matches_carry_offsets_into_the_text() -> None:
    text = "A client's withdrawal ruptures."
    assert MATCHER.find(text) == [
        Match(2, 8, "client", "client"),
        Match(11, 30, "withdrawal-rupture", "withdrawal ruptures"),
    ]
    assert all(text[match.start : match.end] == match.surface for match in MATCHER.find(text))


def test_exact_names_beat_generated_plurals_whatever_the_order() -> None:
    matcher = TermMatcher([("need", "need"), ("needs", "needs-assessment")])
    assert [match.term_id for match in matcher.find("needs need")] == ["needs-assessment", "need"]


def test_unmatchable_names_are_refused() -> None:
    with pytest.raises(ValueError, match="self--help"):
        TermMatcher([("self--help", "self-help")])


def test_from_glossary_compiles_terms_and_aliases() -> None:
    from rupture_repair.glossary import load_glossary

    glossary, problems = load_glossary(
        "g.yml", "- term: Alliance\n  aliases: [working alliance]\n  plain: a\n  clinical: b\n"
    )
    assert problems == []
    matcher = TermMatcher.from_glossary(glossary)
    assert [match.surface for match in matcher.find("the working alliances")] == ["working alliances"]


def test_work_per_position_is_bounded_by_the_longest_name_not_the_number_of_terms() -> None:
    names = [(f"term{number} word", f"t{number}") for number in range(600)]
    matcher = TermMatcher(names + [("alliance", "alliance")])
    assert matcher.max_tokens == 2
    text = "alliance term599 word " * 1000
    matches = matcher.find(text)
    assert len(matches) == 2000
    assert matches[1] == Match(9, 21, "t599", "term599 word")
