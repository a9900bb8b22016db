"""YAML loading with source lines: data, line lookup, syntax errors and duplicate keys."""

from __future__ import annotations

from pathlib import Path

import pytest

from rupture_repair.problems import ProblemsFound
from rupture_repair.yamlsource import load_yaml_with_lines

SAMPLE = """\
- term: withdrawal rupture
  plain: >
    When a client quietly pulls back.
  aliases: [withdrawal, pulling back]
- term: repair
  related:
    - withdrawal-rupture
"""


def test_returns_plain_python_data() -> None:
    data, _ = load_yaml_with_lines(Path("g.yml"), SAMPLE)
    assert data == [
        {
            "term": "withdrawal rupture",
            "plain": "When a client quietly pulls back.\n",
            "aliases": ["withdrawal", "pulling back"],
        },
        {"term": "repair", "related": ["withdrawal-rupture"]},
    ]


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ((), 1),
        ((0,), 1),
        ((0, "plain"), 2),
        (("0", "plain"), 2),  # text and number indexes are the same path
        ((0, "aliases"), 4),
        ((0, "aliases", 1), 4),
        ((1,), 5),
        ((1, "related"), 6),
        ((1, "related", 0), 7),
        ((1, "no-such-key"), 5),  # falls back to the nearest parent
        ((1, "related", 9, "deeper"), 6),
        ((7, "plain"), 1),
    ],
)
def test_line_of_finds_the_line_of_a_node_or_its_parent(path: tuple[str | int, ...], line: int) -> None:
    _, lines = load_yaml_with_lines(Path("g.yml"), SAMPLE)
    assert lines.line_of(path) == line


def test_first_line_shifts_lines_for_front_matter() -> None:
    _, lines = load_yaml_with_lines(Path("docs/page.md"), "title: Hi\ntags: [a]\n", first_line=2)
    assert lines.line_of(("tags",)) == 3


@pytest.mark.parametrize(
    ("text", "line", "fragment"),
    [
        ("- term: a\n   plain: b\n", 2, "mapping values are not allowed here"),
        ("- term: 'unclosed\n- term: b\n", 1, "quoted scalar"),
        ("a: 1\nb: [1, 2\n", 2, "flow sequence"),
        ("a: 1\nb: \x07\n", 2, "U+0007"),
        ("a: 1\n---\nb: 2\n", 2, "single document"),
    ],
)
def test_syntax_errors_name_file_and_line(text: str, line: int, fragment: str) -> None:
    with pytest.raises(ProblemsFound) as raised:
        load_yaml_with_lines(Path("docs/glossary.yml"), text)
    [problem] = raised.value.problems
    assert (problem.path, problem.line) == ("docs/glossary.yml", line)
    assert problem.message.startswith("YAML syntax error: ")
    assert fragment in problem.message


def test_duplicate_keys_are_reported_with_both_lines() -> None:
    text = "- term: a\n  plain: one\n  plain: two\n- {term: b, term: c}\n"
    with pytest.raises(ProblemsFound) as raised:
        load_yaml_with_lines("docs/glossary.yml", text)
    messages = [str(problem) for problem in raised.value.problems]
    assert messages[0].startswith("docs/glossary.yml:3: duplicate key 'plain'")
    assert "first on line 2" in messages[0]
    assert messages[1].startswith("docs/glossary.yml:4: duplicate key 'term'")


def test_merge_keys_overridden_explicitly_are_not_duplicates() -> None:
    data, _ = load_yaml_with_lines("x.yml", "base: &b {a: 1, c: 2}\nchild:\n  <<: *b\n  a: 3\n")
    assert data["child"] == {"a": 3, "c": 2}


def test_empty_document_is_none() -> None:
    data, lines = load_yaml_with_lines("x.yml", "")
    assert data is None
    assert lines.line_of(("anything",)) is None


def test_reads_the_file_when_no_text_is_given(tmp_path: Path) -> None:
    source = tmp_path / "data.yml"
    source.write_text("a: [1, 2]\n", encoding="utf-8")
    data, _ = load_yaml_with_lines(source)
    assert data == {"a": [1, 2]}


def test_missing_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    with pytest.raises(ProblemsFound) as raised:
        load_yaml_with_lines(tmp_path / "absent.yml")
    assert "cannot read the file" in raised.value.problems[0].message


def test_recursive_aliases_do_not_hang() -> None:
    data, lines = load_yaml_with_lines("x.yml", "a: &x [1, *x]\n")
    assert data["a"][1] is data["a"]
    assert lines.line_of(("a", 1, 1, 1)) == 1
