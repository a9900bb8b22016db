"""In-text author–date forms (APA 7, 8.17–8.19): 1, 2 and 3+ authors, and disambiguation."""

from __future__ import annotations

from pathlib import Path

import pytest

from rupture_repair.citations import load_bibliography

BIB = Path(__file__).resolve().parents[2] / "docs" / "references.bib"


@pytest.fixture(scope="module")
def site_bibliography():
    return load_bibliography(BIB)[0]


@pytest.mark.parametrize(
    ("key", "parenthetical", "narrative"),
    [
        pytest.param("bordin1979", "Bordin, 1979", "Bordin (1979)", id="one-author"),
        pytest.param("safran_muran2000", "Safran & Muran, 2000", "Safran and Muran (2000)", id="two-authors"),
        pytest.param("fluckiger2018", "Flückiger et al., 2018", "Flückiger et al. (2018)", id="four-authors"),
        pytest.param("muran_etal2009", "Muran et al., 2009", "Muran et al. (2009)", id="six-authors"),
        pytest.param("johnson_practice_eft", "Johnson, n.d.", "Johnson (n.d.)", id="undated"),
        pytest.param("mesman2009", "Mesman et al., 2009", "Mesman et al. (2009)", id="three-authors"),
        # Eubanks et al. (2018) would name two works: add names until they differ; "et al."
        # is plural, so with one name left all are written (APA 8.18).
        pytest.param("eubanks_muran_safran2018", "Eubanks, Muran, & Safran, 2018",
                     "Eubanks, Muran, and Safran (2018)", id="ambiguous-2018-a"),
        pytest.param("eubanks_burckell_goldfried2018", "Eubanks, Burckell, & Goldfried, 2018",
                     "Eubanks, Burckell, and Goldfried (2018)", id="ambiguous-2018-b"),
        pytest.param("eubanks_lubitz_muran_safran2019", "Eubanks, Lubitz, et al., 2019",
                     "Eubanks, Lubitz, et al. (2019)", id="ambiguous-2019-et-al-for-two"),
        pytest.param("eubanks_muran_safran2019_chapter", "Eubanks, Muran, & Safran, 2019",
                     "Eubanks, Muran, and Safran (2019)", id="ambiguous-2019-all-three"),
        # Not ambiguous: the only Eubanks et al. work of 2015.
        pytest.param("eubanks_muran_safran2015_3rs_manual", "Eubanks et al., 2015",
                     "Eubanks et al. (2015)", id="unambiguous-et-al"),
        # Different author lists, same first author and year, already distinct.
        pytest.param("tronick_cohn1989", "Tronick & Cohn, 1989", "Tronick and Cohn (1989)", id="distinct-pair"),
    ],
)
def test_author_date(site_bibliography, key, parenthetical, narrative):
    reference = site_bibliography[key]
    assert reference.parenthetical == parenthetical
    assert reference.narrative == narrative


def test_every_in_text_form_is_unique(site_bibliography):
    forms = [r.parenthetical for r in site_bibliography.ordered()]
    assert len(forms) == len(set(forms))


SAME_AUTHORS_SAME_YEAR = """
@article{later, author = {Safran, Jeremy D. and Muran, J. Christopher}, year = {2018},
  title = {Zebra findings}, journal = {J}}
@article{earlier, author = {Safran, Jeremy D. and Muran, J. Christopher}, year = {2018},
  title = {The alliance}, journal = {J}}
@book{undated1, author = {Roe, Ann}, year = {n.d.}, title = {Beta}}
@book{undated2, author = {Roe, Ann}, year = {n.d.}, title = {Alpha}}
@article{big1, author = {Kapoor, A. and Bloom, B. and Montez, C. and Warner, D. and Wu, E.},
  year = {2017}, title = {One}, journal = {J}}
@article{big2, author = {Kapoor, A. and Bloom, B. and Zucker, C. and Hsu, D. and Li, E.},
  year = {2017}, title = {Two}, journal = {J}}
"""


@pytest.mark.parametrize(
    ("key", "parenthetical", "reference_start"),
    [
        # Same authors, same year: letters in reference-list (title) order, in text and list.
        ("earlier", "Safran & Muran, 2018a", "Safran, J. D., &amp; Muran, J. C. (2018a). The alliance."),
        ("later", "Safran & Muran, 2018b", "Safran, J. D., &amp; Muran, J. C. (2018b). Zebra findings."),
        ("undated2", "Roe, n.d.-a", "Roe, A. (n.d.-a). <i>Alpha</i>."),
        ("undated1", "Roe, n.d.-b", "Roe, A. (n.d.-b). <i>Beta</i>."),
        # APA 8.18's own example: as many names as needed, then "et al.".
        ("big1", "Kapoor, Bloom, Montez, et al., 2017", "Kapoor, A., Bloom, B., Montez, C."),
        ("big2", "Kapoor, Bloom, Zucker, et al., 2017", "Kapoor, A., Bloom, B., Zucker, C."),
    ],
)
def test_disambiguation(key, parenthetical, reference_start):
    bibliography, problems = load_bibliography("refs.bib", SAME_AUTHORS_SAME_YEAR)
    assert problems == []
    assert bibliography[key].parenthetical == parenthetical
    assert bibliography[key].html.startswith(reference_start)
