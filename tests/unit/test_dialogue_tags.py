"""dialogue-tags.yml: loading, checks with file and line, and the real vocabulary against the real glossary."""

from __future__ import annotations

import pytest

from builtsite import ROOT
from rupture_repair.dialogue import KINDS, DialogueTag, load_tags
from rupture_repair.glossary import load_glossary

PATH = "docs/dialogue-tags.yml"
GLOSSARY_IDS = {"withdrawal-rupture", "validation"}
TAGS = """\
- id: minimal-response
  kind: withdrawal
  label: minimal response
  glossary: withdrawal-rupture
  explain: Short replies that leave little to follow up.
- id: validating
  kind: repair
  label: validating
  glossary: validation
  explain: Showing that a reaction makes sense.
"""


def test_loads_tags_in_file_order_with_their_lines() -> None:
    vocabulary, problems = load_tags(PATH, TAGS, glossary_ids=GLOSSARY_IDS)
    assert problems == []
    assert list(vocabulary) == [
        DialogueTag(id="minimal-response", kind="withdrawal", label="minimal response",
                    glossary="withdrawal-rupture", explain="Short replies that leave little to follow up.", line=1),
        DialogueTag(id="validating", kind="repair", label="validating", glossary="validation",
                    explain="Showing that a reaction makes sense.", line=6),
    ]
    assert vocabulary.source == PATH and vocabulary.ids("repair") == ["validating"]


def test_an_empty_file_is_an_empty_vocabulary() -> None:
    vocabulary, problems = load_tags(PATH, "# nothing yet\n", glossary_ids=GLOSSARY_IDS)
    assert len(vocabulary) == 0 and problems == []


BAD = [
    pytest.param(("glossary: validation", "glossary: validaton"),
                 "docs/dialogue-tags.yml:9: tag 'validating': 'glossary' names unknown glossary entry 'validaton' "
                 "(did you mean 'validation'?); use the id of an entry in docs/glossary.yml", id="unknown-glossary-id"),
    pytest.param(("  explain: Short", "  explian: Short"),
                 "docs/dialogue-tags.yml:5: tag 'minimal-response': unknown field 'explian' (did you mean 'explain'?); "
                 "allowed fields: id, kind, label, glossary, explain", id="unknown-field"),
    pytest.param(("  explain: Showing that a reaction makes sense.\n", ""),
                 "docs/dialogue-tags.yml:6: tag 'validating': 'explain' is missing; add one plain sentence",
                 id="missing-explain"),
    pytest.param(("kind: repair", "kind: repairs"),
                 "docs/dialogue-tags.yml:7: tag 'validating': 'kind' is 'repairs' (did you mean 'repair'?), which is "
                 "not a kind; write one of withdrawal, confrontation, repair", id="unknown-kind"),
    pytest.param(("id: validating", "id: minimal-response"),
                 "docs/dialogue-tags.yml:6: tag 'minimal-response': id 'minimal-response' is already used by "
                 "tag 'minimal-response' (line 1); choose another id", id="repeated-id"),
    pytest.param(("label: validating", "label: Minimal response"),
                 "docs/dialogue-tags.yml:8: tag 'validating': label 'Minimal response' is already used by "
                 "tag 'minimal-response' (line 1)", id="repeated-label"),
    pytest.param(("id: validating", "id: Validating"),
                 "docs/dialogue-tags.yml:6: tag 'Validating': 'id' is 'Validating', which is not an id", id="bad-id"),
    pytest.param(("a reaction makes sense.", "a reaction makes sense" + ", truly" * 30 + "."),
                 "docs/dialogue-tags.yml:10: tag 'validating': 'explain' is 246 characters long, over the limit "
                 "of 160; shorten it", id="explain-too-long"),
    pytest.param(("Showing that", "Showing <em>that</em>"),
                 "docs/dialogue-tags.yml:10: tag 'validating': 'explain' contains HTML", id="html"),
    pytest.param(("label: validating", "label: 12"),
                 "docs/dialogue-tags.yml:8: tag 'validating': 'label' must be text, not a number; put it in quotes",
                 id="wrong-type"),
    pytest.param(("  kind: repair\n", "  kind: repair\n kind: oops\n"),
                 "docs/dialogue-tags.yml:8: YAML syntax error", id="yaml-syntax"),
]


@pytest.mark.parametrize(("change", "expected"), BAD)
def test_bad_tags_name_file_line_and_tag(change: tuple[str, str], expected: str) -> None:
    old, new = change
    assert old in TAGS
    vocabulary, problems = load_tags(PATH, TAGS.replace(old, new, 1), glossary_ids=GLOSSARY_IDS)
    shown = [str(problem) for problem in problems]
    assert any(line.startswith(expected) for line in shown), shown
    if "YAML" not in expected:
        assert len(vocabulary) == 1, "the good tag still loads"


def test_not_a_list_is_explained() -> None:
    _, problems = load_tags(PATH, "id: minimal-response\n")
    assert [str(p) for p in problems] == [
        "docs/dialogue-tags.yml:1: the tags must be a list, each starting with '- id:', not a mapping"
    ]


def test_markers_are_listed_by_kind_then_in_file_order() -> None:
    first, second = TAGS.split("- id: validating")
    vocabulary, problems = load_tags(PATH, "- id: validating" + second + first)  # repair first in the file
    assert problems == [] and vocabulary.ids() == ["validating", "minimal-response"]
    in_order = vocabulary.in_reading_order({"validating", "minimal-response", "unknown"})
    assert [tag.id for tag in in_order] == ["minimal-response", "validating"]


# ----- The real vocabulary ------------------------------------------------------------------

SPEC_IDS = {
    "withdrawal": ["minimal-response", "shifting-topic", "deferring", "abstract-talk", "denying-feelings",
                   "storytelling-to-avoid", "self-blame"],
    "confrontation": ["complaint-about-therapist", "complaint-about-therapy", "complaint-about-progress",
                      "rejecting-intervention", "pressing-therapist", "defending-self"],
    "repair": ["metacommunication", "owning-part", "validating", "exploring-rupture", "clarifying", "changing-task",
               "immediacy", "self-disclosure", "acknowledging-need"],
}


def test_the_real_vocabulary_loads_against_the_real_glossary() -> None:
    glossary, _ = load_glossary("docs/glossary.yml", (ROOT / "docs" / "glossary.yml").read_text("utf-8"))
    text = (ROOT / "docs" / "dialogue-tags.yml").read_text("utf-8")
    vocabulary, problems = load_tags(PATH, text, glossary_ids={entry.id for entry in glossary})
    assert [str(problem) for problem in problems] == []
    assert {kind: vocabulary.ids(kind) for kind in KINDS} == SPEC_IDS
