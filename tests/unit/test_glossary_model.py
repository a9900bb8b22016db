"""Loading and checking glossary.yml: the records it yields and every problem it reports."""

from __future__ import annotations

from pathlib import Path

import pytest

from rupture_repair.glossary import Glossary, GlossaryEntry, load_glossary, slug_from_term
from rupture_repair.problems import Problem

GLOSSARY = "docs/glossary.yml"

VALID = """\
- term: Withdrawal rupture
  aliases: [withdrawal]
  plain: When a client quietly pulls back from the therapist or the work.
  clinical: A rupture marked by avoidance, deference or disengagement from the task or bond.
  body: |
    Named by Safran and Muran [@safran2000]. See [[repair]].
  related: [confrontation-rupture]
  sources: [S1, S2]
- term: confrontation rupture
  id: confrontation-rupture
  plain: When a client openly pushes back or shows anger in therapy.
  clinical: A rupture marked by complaints or hostility toward the therapist or treatment.
  related: [withdrawal-rupture]
- term: Alliance
  plain: The working bond between a client and a therapist.
  clinical: Agreement on goals and tasks plus the affective bond (Bordin).
"""


def load(text: str) -> tuple[Glossary, list[Problem]]:
    return load_glossary(GLOSSARY, text)


def entry(term: str = "Repair", **fields: str) -> str:
    """One entry as YAML, with valid defaults that ``fields`` replace (values are raw YAML)."""
    values = {
        "term": term,
        "plain": "Mending a strain in the working bond.",
        "clinical": "Resolution of a rupture through metacommunication.",
        **fields,
    }
    lines = [f"  {key}: {value}" for key, value in values.items() if value is not None]
    return "-" + "\n".join(lines)[1:] + "\n"


def test_valid_file_gives_entries_in_file_order_with_lines() -> None:
    glossary, problems = load(VALID)
    assert problems == []
    assert [item.id for item in glossary] == ["withdrawal-rupture", "confrontation-rupture", "alliance"]
    first = glossary["withdrawal-rupture"]
    assert first == GlossaryEntry(
        id="withdrawal-rupture",
        term="Withdrawal rupture",
        aliases=("withdrawal",),
        plain="When a client quietly pulls back from the therapist or the work.",
        clinical="A rupture marked by avoidance, deference or disengagement from the task or bond.",
        body="Named by Safran and Muran [@safran2000]. See [[repair]].",
        related=("confrontation-rupture",),
        sources=("S1", "S2"),
        line=1,
    )
    assert glossary["alliance"].line == 14
    assert "alliance" in glossary and glossary.get("nope") is None


def test_sorted_entries_ignore_case() -> None:
    glossary, _ = load(VALID)
    assert [item.term for item in glossary.sorted_entries()] == [
        "Alliance",
        "confrontation rupture",
        "Withdrawal rupture",
    ]


def test_names_lists_terms_and_aliases_for_the_matcher() -> None:
    glossary, _ = load(VALID)
    assert list(glossary.names())[:3] == [
        ("Withdrawal rupture", "withdrawal-rupture"),
        ("withdrawal", "withdrawal-rupture"),
        ("confrontation rupture", "confrontation-rupture"),
    ]


@pytest.mark.parametrize(
    ("term", "slug"),
    [
        ("Therapist self-disclosure", "therapist-self-disclosure"),
        ("Rupture–repair cycle", "rupture-repair-cycle"),
        ("Ego-syntonic  (trait)", "ego-syntonic-trait"),
        ("Déjà vu", "deja-vu"),
        ("Client's view", "client-s-view"),
    ],
)
def test_ids_are_derived_from_terms(term: str, slug: str) -> None:
    assert slug_from_term(term) == slug


def test_multiline_and_padded_text_is_trimmed() -> None:
    glossary, problems = load(entry("  Therapeutic   alliance ", plain=">\n    Mending a strain\n    in the bond."))
    assert problems == []
    [item] = glossary
    assert (item.term, item.id, item.plain) == ("Therapeutic alliance", "therapeutic-alliance", "Mending a strain in the bond.")


def test_empty_file_is_an_empty_glossary() -> None:
    assert load("") == (Glossary(), [])


LONG_PLAIN = "x" * 161
LONG_CLINICAL = "y" * 221

# (yaml, line, who, fragment): who is how the message names the entry.
FAILURES = [
    pytest.param(entry(plain=None), 1, "term 'Repair'", "'plain' is missing", id="missing-plain"),
    pytest.param(entry(clinical=None), 1, "term 'Repair'", "'clinical' is missing", id="missing-clinical"),
    pytest.param(entry(plain='""'), 2, "term 'Repair'", "'plain' is empty", id="empty-plain"),
    pytest.param(entry(plain="'   '"), 2, "term 'Repair'", "'plain' is empty", id="blank-plain"),
    pytest.param(entry(term='""'), 1, "entry 4", "'term' is empty", id="empty-term"),
    pytest.param("- plain: a\n  clinical: b\n", 1, "entry 4", "'term' is missing", id="missing-term"),
    pytest.param(entry(plain=LONG_PLAIN), 2, "term 'Repair'", "'plain' is 161 characters long, over the limit of 160", id="long-plain"),
    pytest.param(entry(clinical=LONG_CLINICAL), 3, "term 'Repair'", "'clinical' is 221 characters long, over the limit of 220", id="long-clinical"),
    pytest.param(entry(colour="red"), 4, "term 'Repair'", "unknown field 'colour'; allowed fields: term, id, aliases", id="unknown-field"),
    pytest.param(entry(relatd="[]"), 4, "term 'Repair'", "unknown field 'relatd' (did you mean 'related'?)", id="typo-field"),
    pytest.param(entry(aliases="mend"), 4, "term 'Repair'", "'aliases' must be a list, not text", id="wrong-type-aliases"),
    pytest.param(entry(clinical="42"), 3, "term 'Repair'", "'clinical' must be text, not a number; put it in quotes", id="wrong-type-clinical"),
    pytest.param(entry(term="yes"), 1, "entry 4", "'term' must be text, not true/false", id="wrong-type-term"),
    pytest.param(entry(aliases="[mend, 3]"), 4, "term 'Repair'", "'aliases' item 2 must be text", id="wrong-type-alias"),
    pytest.param(entry(body="[a]"), 4, "term 'Repair'", "'body' must be text", id="wrong-type-body"),
    pytest.param(entry(sources="[S1, S10]"), 4, "term 'Repair'", "'sources' item 2 is 'S10', which is not valid; write a source card from S1 to S9", id="bad-source"),
    pytest.param(entry(id="Repair Cycle"), 4, "term 'Repair'", "'id' is 'Repair Cycle', which is not valid", id="bad-id"),
    pytest.param("- just text\n", 1, "entry 4", "each entry must be a mapping", id="entry-not-mapping"),
    pytest.param(entry(plain="'Mending <b>a</b> strain.'"), 2, "term 'Repair'", "'plain' contains HTML or an HTML entity ('<b>')", id="html-tag-plain"),
    pytest.param(entry(clinical="'Fix &amp; mend.'"), 3, "term 'Repair'", "'clinical' contains HTML or an HTML entity", id="html-entity-clinical"),
    pytest.param(entry(body="'Text <!-- hidden --> here.'"), 4, "term 'Repair'", "'body' contains HTML", id="html-comment-body"),
    pytest.param(entry(body="'<script>alert(1)</script>'"), 4, "term 'Repair'", "'body' contains HTML", id="html-script-body"),
    pytest.param(entry("'Repair <i>x</i>'"), 1, "term 'Repair <i>x</i>'", "'term' contains HTML", id="html-term"),
    pytest.param(entry(aliases="['<em>mend</em>']"), 4, "term 'Repair'", "'aliases' item 1 contains HTML", id="html-alias"),
    pytest.param(entry("治疗联盟"), 1, "term '治疗联盟'", "no id can be made from this term; add an 'id'", id="no-derivable-id"),
    pytest.param(entry("self--help"), 1, "term 'self--help'", "the term cannot be matched in text", id="unmatchable-term"),
    pytest.param(entry(aliases="['-ish']"), 4, "term 'Repair'", "alias '-ish' cannot be matched in text", id="unmatchable-alias"),
    pytest.param(entry(aliases="[repair]"), 4, "term 'Repair'", "alias 'repair' repeats the term", id="alias-is-own-term"),
    pytest.param(entry(aliases="[mend, Mend]"), 4, "term 'Repair'", "alias 'Mend' is listed twice", id="alias-twice"),
    pytest.param(entry(aliases="[mend, mend]"), 4, "term 'Repair'", "alias 'mend' is listed twice", id="alias-twice-exactly"),
    pytest.param(entry(sources="[S1, S1]"), 4, "term 'Repair'", "'sources' lists the same item twice", id="source-twice"),
    pytest.param(entry(related="[repair]"), 4, "term 'Repair'", "'related' lists this entry's own id 'repair'", id="related-self"),
    pytest.param(entry(related="[aliance]"), 4, "term 'Repair'", "'related' names unknown id 'aliance' (did you mean 'alliance'?)", id="related-typo"),
    pytest.param(entry(related="[Withdrawal rupture]"), 4, "term 'Repair'", "did you mean 'withdrawal-rupture'?", id="related-term-not-id"),
    pytest.param(entry(related="[no-such-thing]"), 4, "term 'Repair'", "'related' names unknown id 'no-such-thing'; use the id", id="related-unknown"),
]


@pytest.mark.parametrize(("text", "line", "who", "fragment"), FAILURES)
def test_each_problem_names_file_line_and_term(text: str, line: int, who: str, fragment: str) -> None:
    glossary, problems = load(VALID + text)
    offset = VALID.count("\n")
    [problem] = problems
    assert problem.path == GLOSSARY
    assert problem.line == line + offset
    assert problem.message.startswith(f"{who}: ")
    assert fragment in problem.message
    assert [item.id for item in glossary] == ["withdrawal-rupture", "confrontation-rupture", "alliance"]


def test_top_level_must_be_a_list() -> None:
    glossary, problems = load("term: Repair\nplain: a\n")
    assert len(glossary) == 0
    assert [str(problem) for problem in problems] == [
        "docs/glossary.yml:1: the glossary must be a list of entries, each starting with '- term:', not a mapping"
    ]


DUPLICATES = [
    pytest.param(entry("withdrawal RUPTURE"), 1, "withdrawal RUPTURE", "the term is already the term 'Withdrawal rupture' (line 1), ignoring case", id="term-vs-term"),
    pytest.param(entry("Mend", aliases="[Alliance]"), 4, "Mend", "alias 'Alliance' is already the term 'Alliance' (line 14)", id="alias-vs-term"),
    pytest.param(entry("Mend", aliases="[WITHDRAWAL]"), 4, "Mend", "alias 'WITHDRAWAL' is already an alias of term 'Withdrawal rupture' (line 1)", id="alias-vs-alias"),
    pytest.param(entry("withdrawal"), 1, "withdrawal", "the term is already an alias of term 'Withdrawal rupture'", id="term-vs-alias"),
    pytest.param(entry("Mend", id="Alliance".lower()), 4, "Mend", "id 'alliance' is already used by term 'Alliance' (line 14); choose another 'id'", id="id-vs-id"),
    pytest.param(entry("Cónfrontation rupture"), 1, "Cónfrontation rupture", "the id made from this term, 'confrontation-rupture', is already used by term 'confrontation rupture'", id="derived-id-vs-id"),
    pytest.param(entry("Mend", aliases="[withdrawal-rupture]"), 4, "Mend", "alias 'withdrawal-rupture' is already the term 'Withdrawal rupture' (line 1), as matching ignores case and treats hyphens as spaces", id="hyphen-variant-across-entries"),
    pytest.param(entry("Bond", aliases="[client's bond]") + entry("Mend", aliases="[Client’s Bond]"), 8, "Mend", "alias 'Client’s Bond' is already an alias of term 'Bond' (line 17), as matching ignores case", id="typographic-apostrophe-is-same"),
]


@pytest.mark.parametrize(("text", "line", "term", "fragment"), DUPLICATES)
def test_duplicates_across_entries_are_reported_case_insensitively(text: str, line: int, term: str, fragment: str) -> None:
    glossary, problems = load(VALID + text)
    [problem] = problems
    assert problem.path == GLOSSARY
    assert problem.line == line + VALID.count("\n")
    assert problem.message.startswith(f"term '{term}': ")
    assert fragment in problem.message
    assert len(glossary) == 3 + text.count("- term:") - 1, "the later duplicate is left out, the first stays"


def test_all_problems_are_collected_in_file_order() -> None:
    text = entry("One", plain='""') + entry("Two", clinical=None, colour="red") + entry("One")
    _, problems = load(text)
    assert [(problem.line, problem.message.split(":")[0]) for problem in problems] == [
        (2, "term 'One'"),
        (4, "term 'Two'"),  # clinical missing: the entry's line
        (6, "term 'Two'"),  # colour
        (7, "term 'One'"),  # the repeated term
    ]


def test_yaml_syntax_error_is_returned_with_its_line() -> None:
    glossary, problems = load(VALID + "- term: Repair\n   plain: oops\n")
    assert len(glossary) == 0
    [problem] = problems
    assert str(problem).startswith(f"{GLOSSARY}:{VALID.count(chr(10)) + 2}: YAML syntax error: ")
    assert problem.message.endswith("check indentation and quoting")


def test_duplicate_key_in_an_entry_is_a_problem() -> None:
    _, problems = load(VALID + entry(plain="a", clinical="b") + "  plain: again\n")
    assert [problem.line for problem in problems] == [VALID.count("\n") + 4]
    assert "duplicate key 'plain'" in problems[0].message


def test_related_to_a_left_out_entry_is_dropped_so_every_related_id_resolves() -> None:
    text = VALID.replace("  plain: When a client openly", "  plain: <b>x</b> When a client openly")
    glossary, problems = load(text)
    assert len(problems) == 1
    assert "confrontation-rupture" not in glossary
    assert glossary["withdrawal-rupture"].related == ()


def test_reads_the_file_and_shows_the_path_as_given(tmp_path: Path) -> None:
    source = tmp_path / "glossary.yml"
    source.write_text(entry(plain='""'), encoding="utf-8")
    _, problems = load_glossary(source)
    assert problems[0].path == source.as_posix()


@pytest.mark.parametrize(
    "plain",
    ["'Scores < 3 or > 5 mean a strain.'", "'Research & development, Q&A, AT&T.'", "'A heart <3 is fine.'"],
)
def test_angle_brackets_and_ampersands_that_are_not_html_are_fine(plain: str) -> None:
    glossary, problems = load(entry(plain=plain))
    assert problems == []
    assert len(glossary) == 1


def test_spelling_variants_of_an_entrys_own_name_are_accepted() -> None:
    glossary, problems = load(entry("self-regulation", aliases="[self regulation, Self Regulation’s, self regulation's]"))
    assert problems == []
    assert glossary["self-regulation"].aliases == ("self regulation", "Self Regulation’s", "self regulation's")


def test_names_with_punctuation_are_accepted() -> None:
    glossary, problems = load(entry("goals, tasks and bond", aliases="['goals, tasks, and bond', C++]"))
    assert problems == []
    assert glossary["goals-tasks-and-bond"].aliases == ("goals, tasks, and bond", "C++")


@pytest.mark.parametrize(("term", "heading"), [
    ("alliance rupture", "Alliance rupture"),
    ("3RS", "3RS"),
    ("DBT skills group", "DBT skills group"),
])
def test_an_entry_heading_capitalises_only_the_first_letter(term: str, heading: str) -> None:
    entry = GlossaryEntry(id="x", term=term, plain="p", clinical="c")
    assert entry.heading == heading
