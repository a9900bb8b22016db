"""Loading references.bib: every input mistake comes back as a Problem naming file, line and key."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rupture_repair.citations import load_bibliography
from rupture_repair.problems import Problem, ProblemsFound

ROOT = Path(__file__).resolve().parents[2]
BIB = ROOT / "docs" / "references.bib"
GOOD = """@book{bowlby1988,
  author = {Bowlby, John},
  year = {1988},
  title = {A Secure Base},
  publisher = {Basic Books},
}
"""


def load(text: str) -> tuple[object, list[str]]:
    bibliography, problems = load_bibliography(Path("docs/references.bib"), text)
    assert all(isinstance(p, Problem) for p in problems)
    return bibliography, [str(p) for p in problems]


def test_site_bib_loads_without_problems():
    bibliography, problems = load_bibliography(BIB)
    assert problems == []
    assert bibliography.path == str(BIB)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            GOOD + "\n@article{broken,\n  author = {A, B},\n  title = {T}\n  year = {2000},\n}\n",
            "docs/references.bib:11: BibTeX syntax error in entry 'broken' (starting on line 8): '}' expected",
            id="missing-comma",
        ),
        pytest.param(
            GOOD + "\n@article{open,\n  author = {A, B},\n  title = {T\n",
            "docs/references.bib:10: BibTeX syntax error in entry 'open' (starting on line 8): "
            "premature end of file",
            id="unclosed-brace",
        ),
        pytest.param(
            GOOD + "\n@article{bare,\n  author = {A, B},\n  year = 2000,\n  title = Tee,\n}\n",
            "docs/references.bib:11: BibTeX undefined string in entry 'bare' (starting on line 8): "
            "Tee is not a defined string: put field values in {braces}",
            id="unbraced-text-value",
        ),
        pytest.param(
            GOOD + "\n@book{Bowlby1988,\n  author = {B, J},\n  year = {1990},\n  title = {T},\n}\n",
            "docs/references.bib:8: duplicate key 'Bowlby1988': already used by the entry on line 1; "
            "give each entry its own key",
            id="duplicate-key-case-insensitive",
        ),
        pytest.param(
            "@article{noauthor,\n  year = {2000},\n  title = {T},\n}\n",
            "docs/references.bib:1: entry 'noauthor' has no author",
            id="missing-author",
        ),
        pytest.param(
            "@book{nobody,\n  year = {2000},\n  title = {T},\n}\n",
            "docs/references.bib:1: entry 'nobody' has no author or editor",
            id="book-missing-author-and-editor",
        ),
        pytest.param(
            GOOD + "@article{noyear,\n  author = {A, B},\n  title = {T},\n}\n",
            "docs/references.bib:7: entry 'noyear' has no year (write year = {n.d.} if the work is undated)",
            id="missing-year",
        ),
        pytest.param(
            "@article{badyear,\n  author = {A, B},\n  year = {c. 2000},\n  title = {T},\n}\n",
            "docs/references.bib:1: entry 'badyear' has year 'c. 2000': write four digits, "
            "or n.d. for an undated work",
            id="bad-year",
        ),
        pytest.param(
            "@article{notitle,\n  author = {A, B},\n  year = {2000},\n}\n",
            "docs/references.bib:1: entry 'notitle' has no title",
            id="missing-title",
        ),
        pytest.param(
            "@article{twice,\n  author = {A, B},\n  year = {2000},\n  title = {T},\n  title = {U},\n}\n",
            "docs/references.bib:1: entry 'twice' has the field 'title' twice",
            id="duplicate-field",
        ),
        pytest.param(
            "@article{commas,\n  author = {A, B, C, D},\n  year = {2000},\n  title = {T},\n}\n",
            "docs/references.bib:1: entry 'commas': bad name in author: Too many commas in 'A, B, C, D'",
            id="bad-name",
        ),
        pytest.param(
            "@patent{pat,\n  author = {A, B},\n  year = {2000},\n  title = {T},\n}\n",
            "docs/references.bib:1: entry 'pat' has type @patent, which is not supported",
            id="unsupported-type",
        ),
        pytest.param(
            "@article{smith-2000,\n  author = {A, B},\n  year = {2000},\n  title = {T},\n}\n",
            "docs/references.bib:1: entry 'smith-2000' has a key that cannot be cited",
            id="uncitable-key",
        ),
    ],
)
def test_bib_problem(text, expected):
    _, problems = load(text)
    assert any(p.startswith(expected) for p in problems), problems


def test_syntax_error_does_not_hide_later_entries_or_echo_missing_fields():
    text = "@article{broken,\n  author = {A, B},\n  title = {T}\n  year = {2000},\n}\n\n" + GOOD
    bibliography, problems = load(text)
    assert problems == [
        "docs/references.bib:4: BibTeX syntax error in entry 'broken' (starting on line 1): '}' expected"
    ]
    assert "bowlby1988" in bibliography


def test_problems_come_in_line_order_and_all_are_reported():
    text = "@article{a,\n year = {2000},\n title = {T},\n}\n@article{b,\n author = {X, Y},\n}\n"
    _, problems = load(text)
    assert problems == [
        "docs/references.bib:1: entry 'a' has no author",
        "docs/references.bib:5: entry 'b' has no year (write year = {n.d.} if the work is undated)",
        "docs/references.bib:5: entry 'b' has no title",
    ]


def test_path_is_reported_as_passed_in():
    _, problems = load_bibliography("some/where.bib", "@article{a, year={2000}, title={T}}")
    assert [str(p) for p in problems] == ["some/where.bib:1: entry 'a' has no author"]


def _design_references() -> list[dict]:
    for candidate in (ROOT.parent / "shared", Path("/work/shared")):
        path = candidate / "design" / "references.yml"
        if path.exists():
            return yaml.safe_load(path.read_text(encoding="utf-8"))["references"]
    pytest.skip("shared/design/references.yml is not beside the checkout")


def test_bib_has_every_verified_reference_and_no_unverified_field():
    bibliography, _ = load_bibliography(BIB)
    design = _design_references()
    assert sorted(bibliography.references) == sorted(ref["id"] for ref in design)
    for ref in design:
        html = bibliography[ref["id"]].html
        # Every verified year is printed; unverified years are "n.d.".
        assert (f"({ref['year']})" if "year" in ref else "(n.d.)") in html, ref["id"]
        # A DOI is printed exactly when a verified one is given.
        if ref.get("doi") and ref.get("verified") is True:
            assert html.endswith(f"https://doi.org/{ref['doi']}"), ref["id"]
        else:
            assert "doi.org" not in html, ref["id"]
        # Unverified page ranges are never printed.
        if ref.get("pages_unverified") or "volume_issue_pages_unverified" in ref or ref.get("pages_note"):
            assert "–" not in html.split("</i>")[-1], ref["id"]
        # Partly verified entries give author, year and title only.
        if ref.get("verified") == "partial":
            after_date = html.split(f"({ref['year']}). ", 1)[1]
            assert ". " not in after_date and after_date.endswith("."), ref["id"]


def test_unreadable_file_raises_problems_found(tmp_path):
    latin1 = tmp_path / "refs.bib"
    latin1.write_bytes("@book{a, author={Padr\xf3n, E.}, year={2002}, title={T}}".encode("latin-1"))
    for path in (tmp_path / "missing.bib", latin1):
        with pytest.raises(ProblemsFound) as raised:
            load_bibliography(path)
        (problem,) = raised.value.problems
        assert problem.path == str(path) and "cannot read the bibliography" in problem.message
