"""Schema checks with passes remembered: the same verdicts as checking every time, only faster.

A remembered pass may stand in for a check only when nothing it depends on
changed: the data (down to its types), the schema, jsonschema, Python and the
checking code. Failures are never remembered.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from rupture_repair import cachefolder, schemacheck
from rupture_repair.crisis_lines import load_help_data
from rupture_repair.crosslinks.frontmatter import read_front_matter
from rupture_repair.dialogue import load_tags
from rupture_repair.glossary import load_glossary
from rupture_repair.schemacheck import PassedChecks, Schema

ROOT = Path(__file__).resolve().parents[2]
SCHEMA: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {"name": {"type": "string", "minLength": 1}, "count": {"type": "integer"},
                   "tags": {"type": "array", "items": {"type": "string"}}},
}


class CountingSchema(Schema):
    """A Schema that counts the checks jsonschema really ran."""

    def __init__(self, schema: dict[str, Any]) -> None:
        super().__init__(schema)
        self.checks = 0

    @property
    def validator(self) -> Any:
        real = super().validator
        schema = self

        class Counted:
            def iter_errors(self, instance: Any) -> Any:
                schema.checks += 1
                return real.iter_errors(instance)

        return Counted()


def check_twice(tmp_path: Path, first: Any, second: Any, schema: dict[str, Any] = SCHEMA) -> tuple[list[str], int]:
    """Check ``first`` in one build and ``second`` in the next: the second's errors, and the checks it ran."""
    passed = PassedChecks(tmp_path, "test")
    Schema(schema).errors(first, passed)
    passed.save()
    again = CountingSchema(schema)
    errors = again.errors(second, PassedChecks(tmp_path, "test"))
    return [error.message for error in errors], again.checks


def test_data_that_passed_is_not_checked_again(tmp_path: Path) -> None:
    data = {"name": "repair", "count": 2, "tags": ["a"]}
    assert check_twice(tmp_path, data, json.loads(json.dumps(data))) == ([], 0)


def test_a_site_keeps_its_passes_in_its_cache_folder_when_the_with_block_ends(tmp_path: Path) -> None:
    config_file = str(tmp_path / "mkdocs.yml")
    with PassedChecks.of_site(config_file, "test") as passed:
        Schema(SCHEMA).errors({"name": "repair"}, passed)
    again = CountingSchema(SCHEMA)
    with PassedChecks.of_site(config_file, "test") as passed:
        assert again.errors({"name": "repair"}, passed) == []
    assert again.checks == 0
    assert (tmp_path / ".cache" / "rupture-repair" / "passed-test.json").is_file()


def test_without_a_store_or_folder_every_check_runs(tmp_path: Path) -> None:
    schema = CountingSchema(SCHEMA)
    schema.errors({"name": "x"})
    schema.errors({"name": "x"})
    no_folder = PassedChecks(None, "test")
    schema.errors({"name": "x"}, no_folder)
    no_folder.save()
    schema.errors({"name": "x"}, PassedChecks(None, "test"))
    assert schema.checks == 4


def test_a_failure_is_never_remembered(tmp_path: Path) -> None:
    bad = {"name": ""}
    for _ in range(2):
        passed = PassedChecks(tmp_path, "test")
        assert [e.message for e in Schema(SCHEMA).errors(bad, passed)] == ["'' should be non-empty"]
        passed.save()
    assert not (tmp_path / "passed-test.json").exists()


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ({"count": 1}, {"count": "1"}),       # same JSON text once quoted: a type change is a change
        ({"count": 1}, {"count": True}),
        ({"count": 1}, {"count": 1.5}),
        ({"name": "a"}, {"name": ""}),
        ({"name": "a"}, {"name": "a", "extra": 1}),
        ({"tags": ["a"]}, {"tags": ["a", 2]}),
    ],
)
def test_changed_data_is_checked_again(tmp_path: Path, first: Any, second: Any) -> None:
    errors, checks = check_twice(tmp_path, first, second)
    assert checks == 1 and errors


def test_a_changed_schema_checks_again(tmp_path: Path) -> None:
    stricter = {**SCHEMA, "required": ["name"]}
    assert check_twice(tmp_path, {"count": 1}, {"count": 1}, stricter) == (["'name' is a required property"], 1)


@pytest.mark.parametrize(
    "data",
    [
        {"tags": ("a",)},          # a tuple is not a JSON array to jsonschema, though JSON writes it as one
        {1: "a"},                  # a key that is not text, though JSON writes it as text
        {"name": Path("a")},       # a YAML date and the like: not JSON data
        {"name": type("Text", (str,), {})("a")},
    ],
)
def test_data_that_is_not_plain_json_is_always_checked(tmp_path: Path, data: Any) -> None:
    assert check_twice(tmp_path, data, data)[1] == 1


def test_a_loop_of_aliases_is_checked_not_hashed(tmp_path: Path) -> None:
    looped: dict[str, Any] = {"tags": []}
    looped["tags"].append(looped)
    errors, checks = check_twice(tmp_path, looped, looped)
    assert checks == 1 and errors


def test_another_jsonschema_or_checking_code_forgets_every_pass(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    passed = PassedChecks(tmp_path, "test")
    Schema(SCHEMA).errors({"name": "a"}, passed)
    passed.save()
    schemacheck.fingerprint.cache_clear()
    monkeypatch.setattr(cachefolder, "version", lambda package: "0.0-other")
    try:
        again = CountingSchema(SCHEMA)
        again.errors({"name": "a"}, PassedChecks(tmp_path, "test"))
        assert again.checks == 1
    finally:
        schemacheck.fingerprint.cache_clear()


@pytest.mark.parametrize("content", ["{not json", '{"fingerprint": "x", "passed": ["d"]}', '["a"]',
                                     '{"passed": 3}'])
def test_a_damaged_or_foreign_file_is_no_pass(tmp_path: Path, content: str) -> None:
    (tmp_path / "passed-test.json").write_text(content, encoding="utf-8")
    schema = CountingSchema(SCHEMA)
    schema.errors({"name": "a"}, PassedChecks(tmp_path, "test"))
    assert schema.checks == 1


def test_save_keeps_only_the_passes_this_build_used(tmp_path: Path) -> None:
    for name in ("old", "new"):
        passed = PassedChecks(tmp_path, "test")
        Schema(SCHEMA).errors({"name": name}, passed)
        passed.save()
    stored = json.loads((tmp_path / "passed-test.json").read_text(encoding="utf-8"))
    assert len(stored["passed"]) == 1
    assert check_twice(tmp_path, {"name": "new"}, {"name": "old"})[1] == 1


def test_every_schema_is_valid_and_checked_against_its_meta_schema() -> None:
    from rupture_repair.crisis_lines import _SCHEMA as crisis_lines
    from rupture_repair.crosslinks.frontmatter import _SCHEMA as front_matter
    from rupture_repair.dialogue.schema import _SCHEMA as dialogue_tags
    from rupture_repair.glossary.schema import _SCHEMA as glossary

    for schema in (crisis_lines, front_matter, dialogue_tags, glossary):
        assert schema.validator is not None and schema.text is not None

    from jsonschema.exceptions import SchemaError

    with pytest.raises(SchemaError):
        _ = Schema({"type": "no-such-type"}).validator


def test_the_loaders_report_the_same_problems_on_every_build(tmp_path: Path) -> None:
    """The site's data loads alike with and without passes; bad data fails alike on every build."""
    glossary_text = (ROOT / "docs" / "glossary.yml").read_text(encoding="utf-8")
    bad_glossary = "- term: Repair\n  plain: ''\n  clinical: A definition.\n"
    tags_text = (ROOT / "docs" / "dialogue-tags.yml").read_text(encoding="utf-8")
    lines_text = (ROOT / "docs" / "crisis-lines.yml").read_text(encoding="utf-8")
    page = "---\ntitle: A page\ndescription: A description long enough to pass.\nglossary: maybe\n---\n# A page\n"

    def load_all(passed: PassedChecks | None) -> list[Any]:
        return [
            load_glossary("docs/glossary.yml", glossary_text, passed=passed),
            load_glossary("docs/glossary.yml", bad_glossary, passed=passed),
            load_tags("docs/dialogue-tags.yml", tags_text, passed=passed),
            load_help_data(Path("docs/crisis-lines.yml"), lines_text, passed=passed),
            read_front_matter("docs/page.md", page, passed=passed),
        ]

    unremembered = load_all(None)
    for _ in range(2):  # cold, then warm
        passed = PassedChecks(tmp_path, "test")
        assert load_all(passed) == unremembered
        passed.save()
    assert unremembered[0][1] == [] and unremembered[1][1] and unremembered[4][1]


def test_a_build_without_changes_does_not_import_jsonschema(tmp_path: Path) -> None:
    """The point of it all: with every pass remembered, jsonschema (~60 ms to import) stays unloaded."""
    script = f"""
import sys
from pathlib import Path
from rupture_repair.glossary import load_glossary
from rupture_repair.schemacheck import PassedChecks
text = (Path({str(ROOT)!r}) / "docs" / "glossary.yml").read_text(encoding="utf-8")
passed = PassedChecks(Path({str(tmp_path)!r}), "glossary")
glossary, problems = load_glossary("docs/glossary.yml", text, passed=passed)
passed.save()
assert not problems
print("jsonschema" in sys.modules)
"""
    runs = [subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                           cwd=ROOT, env={"PYTHONPATH": str(ROOT / "hooks")}).stdout.strip() for _ in range(2)]
    assert runs == ["True", "False"]
