"""The term-linking Markdown extension, on real Markdown with the site's extensions."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup
from markdown.extensions.toc import TocExtension

from rupture_repair.glossary import TermLinkExtension, TermMatcher, TermMention

NAMES = [
    ("rupture", "rupture"),
    ("withdrawal rupture", "withdrawal-rupture"),
    ("withdrawal", "withdrawal-rupture"),
    ("alliance", "alliance"),
    ("repair", "repair"),
]
SITE_EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "pymdownx.details", "pymdownx.superfences", "abbr"]


@pytest.fixture
def ext() -> TermLinkExtension:
    return TermLinkExtension(TermMatcher(NAMES))


def render(ext: TermLinkExtension, text: str, extensions: list[object] | None = None) -> str:
    """Render one page the way MkDocs does: a fresh Markdown instance, the extension reused."""
    chosen = SITE_EXTENSIONS if extensions is None else extensions
    return markdown.Markdown(extensions=[ext, *chosen]).convert(text)


def term_links(html: str) -> list[tuple[str, str]]:
    """(data-term, text) of every glossary link in the HTML, in order."""
    return [(link["data-term"], link.get_text()) for link in BeautifulSoup(html, "html.parser").select("a.rr-term")]


def test_emits_the_documented_link(ext: TermLinkExtension) -> None:
    ext.begin_page(glossary_url="../glossary/")
    html = render(ext, "A Withdrawal Rupture happened.")
    assert html == (
        '<p>A <a aria-describedby="rr-def-withdrawal-rupture" class="rr-term" '
        'data-term="withdrawal-rupture" href="../glossary/#withdrawal-rupture">Withdrawal Rupture</a>'
        " happened.</p>"
    )
    assert ext.end_page() == [TermMention("withdrawal-rupture", "Withdrawal Rupture", None, None)]


def test_only_the_first_mention_of_a_term_is_linked_and_aliases_count_as_the_term(ext: TermLinkExtension) -> None:
    ext.begin_page()
    html = render(ext, "Withdrawal first. Then a withdrawal rupture, a rupture, more ruptures, and Rupture again.")
    assert term_links(html) == [("withdrawal-rupture", "Withdrawal"), ("rupture", "rupture")]
    assert [mention.term_id for mention in ext.end_page()] == ["withdrawal-rupture", "rupture"]


def test_text_and_tails_are_both_linked_without_losing_text(ext: TermLinkExtension) -> None:
    ext.begin_page()
    html = render(ext, "Before *an alliance* between `code` rupture and **repair** end.")
    assert html == (
        '<p>Before <em>an <a aria-describedby="rr-def-alliance" class="rr-term" data-term="alliance" '
        'href="glossary/#alliance">alliance</a></em> between <code>code</code> '
        '<a aria-describedby="rr-def-rupture" class="rr-term" data-term="rupture" href="glossary/#rupture">rupture</a>'
        ' and <strong><a aria-describedby="rr-def-repair" class="rr-term" data-term="repair" '
        'href="glossary/#repair">repair</a></strong> end.</p>'
    )


def test_several_links_in_one_text_keep_their_order_and_tails(ext: TermLinkExtension) -> None:
    ext.begin_page()
    html = render(ext, "rupture, alliance; repair.")
    assert BeautifulSoup(html, "html.parser").get_text() == "rupture, alliance; repair."
    assert term_links(html) == [("rupture", "rupture"), ("alliance", "alliance"), ("repair", "repair")]


SKIP_ZONES = [
    pytest.param("Use `rupture` here.", id="inline-code"),
    pytest.param("```\nrupture\n```", id="fenced-pre"),
    pytest.param("    rupture in an indented block", id="indented-pre"),
    pytest.param("Press <kbd>rupture</kbd> now.", id="kbd"),
    pytest.param('<script>var rupture = 1;</script>', id="script"),
    pytest.param("A <style>.rupture {}</style> rule.", id="inline-style"),
    pytest.param("# A rupture heading", id="h1"),
    pytest.param("###### A rupture heading", id="h6"),
    pytest.param("A [rupture link](https://example.org) here.", id="markdown-link"),
    pytest.param('A <a href="x">raw rupture link</a> here.', id="raw-link"),
    pytest.param('The <abbr title="x">rupture</abbr> abbr.', id="raw-abbr"),
    pytest.param("The RUPTURE abbr.\n\n*[RUPTURE]: x", id="abbr-extension"),
    pytest.param('!!! note "A rupture title"\n    Body.', id="admonition-title"),
    pytest.param('??? note "A rupture summary"\n    Body.', id="details-summary"),
    pytest.param('A <span class="rr-term">rupture</span> already.', id="existing-term"),
    pytest.param('<svg><text>rupture</text></svg> inline.', id="svg"),
    pytest.param('A <math><mi>rupture</mi></math> formula.', id="math"),
    pytest.param("An *opted-out rupture*{ .no-glossary } here.", id="attr-list-class"),
    pytest.param('An *opted-out rupture*{ data-glossary="off" } here.', id="attr-list-data"),
    pytest.param("A paragraph about rupture.\n{ .no-glossary }", id="attr-list-paragraph"),
    pytest.param('A <span class="no-glossary">raw rupture</span> span.', id="raw-span-class"),
    pytest.param('A <span class="x no-glossary"><b>nested</b> rupture</span> span.', id="raw-span-nested"),
    pytest.param('A <span data-glossary="off">*rupture*</span> span.', id="raw-span-data"),
    pytest.param('<div class="no-glossary" markdown>\nA *rupture* inside.\n</div>', id="md-in-html-div"),
    pytest.param('<div markdown="0">\nA rupture kept raw.\n</div>', id="md-in-html-raw"),
    pytest.param('<div markdown="1">\n<p markdown="0">A rupture kept raw.</p>\n</div>', id="md-in-html-nested-raw"),
    pytest.param('<div class="note">\nraw block rupture\n</div>', id="raw-html-block"),
]


@pytest.mark.parametrize("zone", SKIP_ZONES)
def test_nothing_is_linked_in_skip_zones_but_the_next_mention_is(ext: TermLinkExtension, zone: str) -> None:
    ext.begin_page()
    html = render(ext, f"{zone}\n\nLater, a plain rupture.")
    soup = BeautifulSoup(html, "html.parser")
    assert term_links(html) == [("rupture", "rupture")]
    assert soup.select_one("a.rr-term").parent.get_text() == "Later, a plain rupture."
    assert [mention.surface for mention in ext.end_page()] == ["rupture"]


@pytest.mark.parametrize(
    ("zone", "expected_html"),
    [
        ('A <span class="no-glossary">raw rupture</span> span.', '<span class="no-glossary">raw rupture</span>'),
        ('A <a href="x">raw rupture link</a> here.', '<a href="x">raw rupture link</a>'),
        ("Escaped \\*rupture\\* text &amp; more.", "Escaped *"),
        ("A <br> line <br/> break.", "A <br> line <br/> break."),
    ],
)
def test_stashed_raw_html_survives_intact(ext: TermLinkExtension, zone: str, expected_html: str) -> None:
    ext.begin_page()
    html = render(ext, zone)
    assert expected_html in html
    assert "\x02" not in html and "\x03" not in html and "wzxhzdk" not in html


def test_raw_html_that_closes_keeps_linking_after_it(ext: TermLinkExtension) -> None:
    ext.begin_page()
    html = render(ext, 'A <span class="no-glossary">rupture</span> and then a rupture.')
    assert html.endswith('and then a <a aria-describedby="rr-def-rupture" class="rr-term" data-term="rupture" href="glossary/#rupture">rupture</a>.</p>')


def test_an_unclosed_raw_opt_out_does_not_leak_past_its_paragraph(ext: TermLinkExtension) -> None:
    ext.begin_page()
    html = render(ext, 'A <span class="no-glossary">rupture never closed.\n\nNext paragraph: rupture.')
    assert term_links(html) == [("rupture", "rupture")]
    assert "Next paragraph" in BeautifulSoup(html, "html.parser").select_one("a.rr-term").parent.get_text()


def test_page_opt_out_links_and_reports_nothing(ext: TermLinkExtension) -> None:
    ext.begin_page(enabled=False)
    html = render(ext, "A rupture and an alliance.")
    assert "rr-term" not in html
    assert ext.end_page() == []


def test_begin_page_settings_survive_markdown_reset(ext: TermLinkExtension) -> None:
    ext.begin_page(enabled=False)
    md = markdown.Markdown(extensions=[ext])
    md.reset()
    assert "rr-term" not in md.convert("A rupture.")


def test_sections_are_recorded_from_the_nearest_heading_above(ext: TermLinkExtension) -> None:
    ext.begin_page()
    render(
        ext,
        "Intro alliance.\n\n"
        "# Ruptures *and* &amp; repair\n\nA rupture.\n\n"
        "## Second { #custom }\n\n"
        '<div class="no-glossary" markdown>\n### Hidden heading\n</div>\n\nA repair.\n\n'
        "## Third\n\nNothing new: rupture.",
        extensions=[*SITE_EXTENSIONS[:-1], "toc"],
    )
    assert ext.end_page() == [
        TermMention("alliance", "alliance", None, None),
        TermMention("rupture", "rupture", "ruptures-and-repair", "Ruptures and & repair"),
        TermMention("repair", "repair", "hidden-heading", "Hidden heading"),
    ]


def test_section_title_leaves_out_the_permalink(ext: TermLinkExtension) -> None:
    ext.begin_page()
    render(ext, "## Repair work\n\nA rupture.", extensions=[TocExtension(permalink="¶")])
    assert ext.end_page() == [TermMention("rupture", "rupture", "repair-work", "Repair work")]


def test_works_without_toc_headings_just_have_no_id(ext: TermLinkExtension) -> None:
    ext.begin_page()
    html = render(ext, "## Repair work\n\nA rupture.", extensions=[])
    assert term_links(html) == [("rupture", "rupture")]
    assert ext.end_page() == [TermMention("rupture", "rupture", None, "Repair work")]


def test_state_is_reset_between_pages(ext: TermLinkExtension) -> None:
    ext.begin_page(glossary_url="../glossary/")
    first = render(ext, "A rupture.")
    first_mentions = ext.end_page()
    ext.begin_page(glossary_url="glossary/")
    second = render(ext, "Another rupture and an alliance.")
    second_mentions = ext.end_page()
    assert 'href="../glossary/#rupture"' in first
    assert 'href="glossary/#rupture"' in second, "each page links its own first mention again"
    assert [mention.term_id for mention in first_mentions] == ["rupture"]
    assert [mention.term_id for mention in second_mentions] == ["rupture", "alliance"]
    assert ext.end_page() == []


def test_links_inside_lists_tables_and_admonition_bodies(ext: TermLinkExtension) -> None:
    ext.begin_page()
    html = render(
        ext,
        '- item about rupture\n\n| a |\n|---|\n| alliance |\n\n!!! note "Title"\n    A repair.',
        extensions=[*SITE_EXTENSIONS, "tables"],
    )
    assert term_links(html) == [("rupture", "rupture"), ("alliance", "alliance"), ("repair", "repair")]


def test_href_is_escaped(ext: TermLinkExtension) -> None:
    ext.begin_page(glossary_url='a"b/')
    html = render(ext, "A rupture.")
    assert 'href="a&quot;b/#rupture"' in html


def test_make_extension_needs_the_matcher() -> None:
    from rupture_repair.glossary.extension import makeExtension

    built = makeExtension(matcher=TermMatcher(NAMES))
    built.begin_page()
    assert term_links(markdown.markdown("A rupture.", extensions=[built])) == [("rupture", "rupture")]


def test_a_never_link_name_shields_the_terms_inside_it() -> None:
    from rupture_repair.glossary import NEVER_LINK, TermLinkExtension, TermMatcher

    extension = TermLinkExtension(TermMatcher([("rupture", "alliance-rupture"), ("Rupture & Repair", NEVER_LINK)]))
    html = markdown.markdown("*Rupture & Repair* is a reader about one rupture.", extensions=[extension])
    assert html.count('class="rr-term"') == 1
    assert "<em>Rupture &amp; Repair</em>" in html and ">rupture</a>." in html
