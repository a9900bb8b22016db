"""Full APA 7 references: expected strings written by hand from the APA 7 manual's rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rupture_repair.citations import load_bibliography

BIB = Path(__file__).resolve().parents[2] / "docs" / "references.bib"


@pytest.fixture(scope="module")
def site_bibliography():
    bibliography, problems = load_bibliography(BIB)
    assert problems == []
    return bibliography


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        pytest.param(
            "bordin1979",
            "Bordin, E. S. (1979). The generalizability of the psychoanalytic concept of the "
            "working alliance. <i>Psychotherapy: Theory, Research &amp; Practice</i>, <i>16</i>(3), "
            "252–260. https://doi.org/10.1037/h0085885",
            id="journal-article",
        ),
        pytest.param(
            "safran_muran2000",
            "Safran, J. D., &amp; Muran, J. C. (2000). <i>Negotiating the therapeutic alliance: "
            "A relational treatment guide</i>. Guilford Press.",
            id="book-sentence-case-from-title-case",
        ),
        pytest.param(
            "bowlby1988",
            "Bowlby, J. (1988). <i>A secure base: Parent-child attachment and healthy human "
            "development</i>. Basic Books.",
            id="book-one-author",
        ),
        pytest.param(
            "mikulincer_shaver2016",
            "Mikulincer, M., &amp; Shaver, P. R. (2016). <i>Attachment in adulthood: Structure, "
            "dynamics, and change</i> (2nd ed.). Guilford Press.",
            id="book-edition",
        ),
        pytest.param(
            "eubanks_muran_safran2019_chapter",
            "Eubanks, C. F., Muran, J. C., &amp; Safran, J. D. (2019). Repairing alliance ruptures. "
            "In J. C. Norcross &amp; M. J. Lambert (Eds.), <i>Psychotherapy relationships that "
            "work</i> (3rd ed.). Oxford University Press.",
            id="edited-book-chapter-no-pages",
        ),
        pytest.param(
            "eubanks_muran_safran2015_3rs_manual",
            "Eubanks, C. F., Muran, J. C., &amp; Safran, J. D. (2015). <i>Rupture Resolution Rating "
            "System (3RS): Manual</i> [Technical report]. Brief Psychotherapy Research Program, "
            "Mount Sinai-Beth Israel Medical Center. https://doi.org/10.13140/2.1.1666.8488",
            id="report",
        ),
        pytest.param(
            "safran_muran2006",
            "Safran, J. D., &amp; Muran, J. C. (2006). Has the concept of the therapeutic alliance "
            "outlived its usefulness? <i>Psychotherapy: Theory, Research, Practice, Training</i>, "
            "<i>43</i>(3), 286–291. https://doi.org/10.1037/0033-3204.43.3.286",
            id="title-ending-in-question-mark-takes-no-period",
        ),
        pytest.param(
            "safran_etal2001",
            "Safran, J. D., Muran, J. C., Samstag, L. W., &amp; Stevens, C. (2001). Repairing "
            "alliance ruptures. <i>Psychotherapy: Theory, Research, Practice, Training</i>, "
            "<i>38</i>(4).",
            id="article-pages-unverified-so-omitted",
        ),
        pytest.param(
            "mesman2009",
            "Mesman, J., van IJzendoorn, M. H., &amp; Bakermans-Kranenburg, M. J. (2009). The many "
            "faces of the Still-Face Paradigm: A review and meta-analysis. <i>Developmental "
            "Review</i>, <i>29</i>(2), 120–162.",
            id="particle-and-braced-proper-noun",
        ),
        pytest.param(
            "roisman2002",
            "Roisman, G. I., Padrón, E., Sroufe, L. A., &amp; Egeland, B. (2002). Earned-secure "
            "attachment status in retrospect and prospect. <i>Child Development</i>.",
            id="utf8-name-journal-only",
        ),
        pytest.param(
            "makinen_johnson2006",
            "Makinen, J. A., &amp; Johnson, S. M. (2006). Resolving attachment injuries in couples "
            "using emotionally focused therapy: Steps toward forgiveness and reconciliation.",
            id="partly-verified-article-title-not-italic",
        ),
        pytest.param(
            "johnson_practice_eft",
            "Johnson, S. M. (n.d.). <i>The practice of emotionally focused couple therapy: Creating "
            "connection</i> (2nd ed.). Brunner-Routledge.",
            id="undated-book",
        ),
        pytest.param(
            "linehan2015",
            "Linehan, M. M. (2015). <i>DBT skills training manual</i> (2nd ed.). Guilford Press.",
            id="braced-acronym-keeps-capitals",
        ),
    ],
)
def test_apa_reference(site_bibliography, key, expected):
    assert site_bibliography[key].html == expected


def test_every_entry_formats_as_safe_html(site_bibliography):
    assert len(site_bibliography) == 39
    for reference in site_bibliography.ordered():
        # Starts with the first author's surname and a dated (or n.d.) parenthesis.
        assert re.match(r"[^\s,]+(?: [^\s,]+)*, .*\((\d{4}[a-z]?|n\.d\.)\)\. ", reference.html), reference.key
        assert reference.html.endswith((".", reference.doi_url or ".")), reference.key
        # The only markup is the <i> we asked for; no bare "&" or "<".
        assert set(re.findall(r"<[^>]*>", reference.html)) <= {"<i>", "</i>"}, reference.key
        assert not re.search(r"&(?!amp;|lt;|gt;)", reference.html), reference.key
        assert "?." not in reference.html and "{" not in reference.html, reference.key


def test_doi_url_and_linked_html(site_bibliography):
    bordin = site_bibliography["bordin1979"]
    assert bordin.doi_url == "https://doi.org/10.1037/h0085885"
    assert bordin.linked_html.endswith(
        '252–260. <a href="https://doi.org/10.1037/h0085885">https://doi.org/10.1037/h0085885</a>'
    )
    book = site_bibliography["safran_muran2000"]
    assert book.doi_url is None and book.linked_html == book.html


def test_text_from_the_bib_is_escaped():
    bib = """@book{evil, author = {O'Brien, Ann and Smith & Sons, Bob},
      year = {2001}, title = {Why <script>alert(1)</script> is {HTML}},
      publisher = {A \\& B <Press>}, doi = {10.1000/a<b>&c}}"""
    bibliography, problems = load_bibliography(Path("docs/references.bib"), bib)
    assert problems == []
    assert bibliography["evil"].html == (
        "O'Brien, A., &amp; Smith &amp; Sons, B. (2001). <i>Why &lt;script&gt;alert(1)&lt;/script&gt; "
        "is HTML</i>. A &amp; B &lt;Press&gt;. https://doi.org/10.1000/a&lt;b&gt;&amp;c"
    )
    assert '<a href="https://doi.org/10.1000/a&lt;b&gt;&amp;c">' in bibliography["evil"].linked_html


def test_single_editor_is_ed_and_edited_book_stands_under_editors():
    bib = """@book{ed, editor = {Norcross, John C.}, year = {2011},
      title = {Psychotherapy Relationships That Work}, edition = {2}, publisher = {Oxford University Press}}"""
    bibliography, problems = load_bibliography("refs.bib", bib)
    assert problems == []
    assert bibliography["ed"].html == (
        "Norcross, J. C. (Ed.). (2011). <i>Psychotherapy relationships that work</i> (2nd ed.). "
        "Oxford University Press."
    )
    assert bibliography["ed"].parenthetical == "Norcross, 2011"


def test_reference_list_order_follows_apa(site_bibliography):
    keys = [reference.key for reference in site_bibliography.ordered()]
    # Same first author: one-author works first, then by second author's surname (APA 9.46).
    assert keys.index("muran2019_confessions") < keys.index("muran_eubanks2020") \
        < keys.index("muran_eubanks_samstag2021") < keys.index("muran_etal2009")
    # Same authors: by year; "n.d." before dated works; different initials: by initials.
    assert keys.index("safran_muran1996") < keys.index("safran_muran2000") < keys.index("safran_muran2006")
    assert keys.index("johnson2008") < keys.index("johnson_practice_eft") < keys.index("johnson_etal1999")
    # Letter by letter, "nothing precedes something", accents ignored.
    assert keys.index("eubanks_muran_safran2019_chapter") < keys.index("fluckiger2018") < keys.index("hill_knox2009")
    assert keys[0] == "ainsworth1978" and keys[-1] == "tronick_cohn1989"
    # A subset comes back in the same order, each key once.
    subset = site_bibliography.ordered(["bordin1979", "ainsworth1978", "bordin1979", "nope"])
    assert [r.key for r in subset] == ["ainsworth1978", "bordin1979"]
