"""The citation extension, rendered through Markdown with the site's other extensions."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest

from rupture_repair.citations import CitationExtension, load_bibliography, locate_line, makeExtension
from rupture_repair.citations.report import CitedWork

BIB = Path(__file__).resolve().parents[2] / "docs" / "references.bib"

BORDIN = ('<a aria-describedby="rr-ref-bordin1979" class="rr-cite" '
          'href="references/#ref-bordin1979">Bordin, 1979</a>')


def link(key: str, text: str, url: str = "references/") -> str:
    return f'<a aria-describedby="rr-ref-{key}" class="rr-cite" href="{url}#ref-{key}">{text}</a>'


@pytest.fixture(scope="module")
def bibliography():
    return load_bibliography(BIB)[0]


@pytest.fixture()
def render(bibliography):
    extension = CitationExtension(bibliography)

    def run(text: str, references_url: str = "references/"):
        extension.begin_page(references_url)
        html = markdown.markdown(
            text, extensions=[extension, "toc", "pymdownx.superfences", "attr_list"]
        )
        return html, extension.end_page()

    return run


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("See [@bordin1979].", f"<p>See ({BORDIN}).</p>", id="parenthetical"),
        pytest.param("See [@bordin1979, p. 12].", f"<p>See ({BORDIN}, p. 12).</p>", id="locator"),
        pytest.param(
            "Both [@safran_muran2000; @bordin1979].",
            f"<p>Both ({BORDIN}; {link('safran_muran2000', 'Safran &amp; Muran, 2000')}).</p>",
            id="several-sorted-alphabetically",
        ),
        pytest.param(
            "Both [@safran_muran2000;\n@safran_muran1996, pp. 447–448].",
            f"<p>Both ({link('safran_muran1996', 'Safran &amp; Muran, 1996')}, pp. 447–448; "
            f"{link('safran_muran2000', 'Safran &amp; Muran, 2000')}).</p>",
            id="same-authors-with-locator-kept-apart",
        ),
        pytest.param(
            "All [@safran_muran2006; @safran_muran1996; @safran_muran2000].",
            f"<p>All ({link('safran_muran1996', 'Safran &amp; Muran, 1996')}, "
            f"{link('safran_muran2000', '2000')}, {link('safran_muran2006', '2006')}).</p>",
            id="same-authors-share-one-author-part",
        ),
        pytest.param(
            "As @bordin1979 argued.",
            f"<p>As {link('bordin1979', 'Bordin (1979)')} argued.</p>",
            id="narrative",
        ),
        pytest.param(
            "@eubanks_muran_safran2018 found it (@fluckiger2018) and “@tronick1989”.",
            f"<p>{link('eubanks_muran_safran2018', 'Eubanks, Muran, and Safran (2018)')} found it "
            f"({link('fluckiger2018', 'Flückiger et al. (2018)')}) and "
            f"“{link('tronick1989', 'Tronick (1989)')}”.</p>",
            id="narrative-at-start-after-paren-and-quote",
        ),
        pytest.param(
            "*@bordin1979* said",
            f"<p><em>{link('bordin1979', 'Bordin (1979)')}</em> said</p>",
            id="narrative-in-emphasis",
        ),
        pytest.param("Email jo@samaritans.org today.", "<p>Email jo@samaritans.org today.</p>", id="email"),
        pytest.param("Meet @ 5pm, or @3pm.", "<p>Meet @ 5pm, or @3pm.</p>", id="at-without-key"),
        pytest.param("Write `[@bordin1979]` or `@bordin1979`.",
                     "<p>Write <code>[@bordin1979]</code> or <code>@bordin1979</code>.</p>", id="code-span"),
        pytest.param("`x`@bordin1979", "<p><code>x</code>@bordin1979</p>", id="right-after-code-span"),
        pytest.param("\\@bordin1979 and \\[@bordin1979]", "<p>@bordin1979 and [@bordin1979]</p>",
                     id="backslash-escapes"),
        pytest.param("[see @bordin1979](https://example.org)",
                     '<p><a href="https://example.org">see @bordin1979</a></p>', id="inside-a-link"),
        pytest.param(
            "Go [@bordin1979](../elsewhere.md).",
            '<p>Go <a href="../elsewhere.md">@bordin1979</a>.</p>', id="link-text-not-a-citation",
        ),
    ],
)
def test_citation_html(render, text, expected):
    html, report = render(text)
    assert html == expected
    assert report.problems == ()


def test_fenced_and_indented_code_left_exactly_as_written(render):
    text = "```text\n[@bordin1979] @bordin1979 [@nope]\n```\n\n    [@bordin1979] @bordin1979\n"
    html, report = render(text)
    assert "[@bordin1979] @bordin1979 [@nope]\n</code></pre>" in html
    assert "<pre><code>[@bordin1979] @bordin1979\n</code></pre>" in html
    assert "rr-cite" not in html
    assert report.cited == () and report.problems == ()


def test_references_url_and_escaping(render):
    html, _ = render("[@bordin1979]", references_url='../refs/?a=1&b="2"')
    assert html == (
        '<p>(<a aria-describedby="rr-ref-bordin1979" class="rr-cite" '
        'href="../refs/?a=1&amp;b=&quot;2&quot;#ref-bordin1979">Bordin, 1979</a>)</p>'
    )


def test_report_lists_citations_in_order_with_their_sections(render):
    text = (
        "Before any heading @bordin1979.\n\n"
        "# The alliance\n\n[@safran_muran2000; @bordin1979]\n\n"
        "## Repair &amp; *rupture* {#repair}\n\n- item @eubanks_muran_safran2018\n"
    )
    html, report = render(text)
    assert report.cited == (
        CitedWork("bordin1979", None, None),
        CitedWork("safran_muran2000", "the-alliance", "The alliance"),
        CitedWork("bordin1979", "the-alliance", "The alliance"),
        CitedWork("eubanks_muran_safran2018", "repair", "Repair & rupture"),
    )
    assert report.keys == ("bordin1979", "safran_muran2000", "eubanks_muran_safran2018")


def test_end_page_resets_state(render):
    render("[@bordin1979] [@nope1]")
    html, report = render("No citations here.")
    assert report.cited == () and report.problems == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("See [@bordin1997].", "unknown citation key 'bordin1997' in '[@bordin1997]'; "
                     "did you mean 'bordin1979'?", id="unknown-bracket"),
        pytest.param("As @safran_muarn2000 said.", "unknown citation key 'safran_muarn2000' in "
                     "'@safran_muarn2000'; did you mean 'safran_muran2000'?", id="unknown-narrative"),
        pytest.param("See [@zzzzqqq].", "unknown citation key 'zzzzqqq' in '[@zzzzqqq]'; add it to "
                     f"{BIB}", id="unknown-no-suggestion"),
        pytest.param("See [@].", "malformed citation '[@]': '@' must be followed directly by a "
                     "citation key", id="empty"),
        pytest.param("See [@bordin1979,].", "malformed citation '[@bordin1979,]': nothing follows the "
                     "comma after '@bordin1979'", id="empty-locator"),
        pytest.param("See [@ bordin1979].", "malformed citation '[@ bordin1979]': '@' must be followed "
                     "directly by a citation key", id="space-after-at"),
        pytest.param("See [@bordin1979; ].", "malformed citation '[@bordin1979; ]': item 2 is empty",
                     id="empty-item"),
        pytest.param("See [@bordin1979; bowlby1988].", "malformed citation '[@bordin1979; bowlby1988]': "
                     "item 2 ('bowlby1988') does not start with '@'", id="missing-at"),
        pytest.param("See [@bordin1979 @bowlby1988].", "malformed citation '[@bordin1979 @bowlby1988]': "
                     "item 1 ('@bordin1979 @bowlby1988') is not a key", id="missing-semicolon"),
    ],
)
def test_bad_citation_is_reported_and_left_as_written(render, text, message):
    html, report = render(text)
    assert html == f"<p>{text}</p>"
    assert len(report.problems) == 1 and report.problems[0].message.startswith(message)
    assert report.cited == ()
    source = f"---\ntitle: x\n---\n\n# Page\n\n{text}\n"
    located = report.located_problems("docs/page.md", source)
    assert str(located[0]).startswith(f"docs/page.md:7: {message}")


def test_one_unknown_key_leaves_the_whole_citation_as_written(render):
    html, report = render("[@bordin1979; @nope]")
    assert html == "<p>[@bordin1979; @nope]</p>"
    assert report.cited == ()
    assert [p.text for p in report.problems] == ["[@bordin1979; @nope]"]


@pytest.mark.parametrize(
    ("source", "needle", "line"),
    [
        ("a\nb [@x]\n", "[@x]", 2),
        ("a\n- b [@x;\n  @y]\n", "[@x;\n@y]", 2),
        ("> q [@x;\n> @y]\n", "[@x;\n@y]", 1),
        ("jo@x.org\nsee @x.\n", "@x", 2),
        ("@xy\n@x\n", "@x", 2),
        ("nothing\n", "[@x]", None),
    ],
)
def test_locate_line(source, needle, line):
    assert locate_line(source, needle) == line


def test_make_extension_by_name(bibliography):
    html = markdown.markdown(
        "[@bordin1979]",
        extensions=["rupture_repair.citations"],
        extension_configs={"rupture_repair.citations": {"bibliography": bibliography}},
    )
    assert html == f"<p>({BORDIN})</p>"
    assert isinstance(makeExtension(bibliography=bibliography), CitationExtension)
