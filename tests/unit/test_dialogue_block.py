"""The ``/// dialogue`` block on real Markdown with the site's extensions: its exact HTML and its problems."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from rupture_repair.dialogue import DialogueExtension, DialogueProblem, DialogueTag, TagVocabulary
from rupture_repair.glossary import TermLinkExtension, TermMatcher

VOCABULARY = TagVocabulary(
    (
        DialogueTag(id="minimal-response", kind="withdrawal", label="minimal response",
                    glossary="withdrawal-rupture", explain="Short, flat answers."),
        DialogueTag(id="complaint-about-progress", kind="confrontation", label="complaint about progress",
                    glossary="confrontation-rupture", explain="Therapy is not helping."),
        DialogueTag(id="metacommunication", kind="repair", label="talking about the relationship",
                    glossary="metacommunication", explain="Talking about what happens between us."),
        DialogueTag(id="validating", kind="repair", label="validating", glossary="validation",
                    explain="A reaction makes sense."),
    )
)
SITE_EXTENSIONS = [
    "toc", "attr_list", "md_in_html", "admonition", "def_list", "footnotes", "pymdownx.details",
    "pymdownx.superfences", "pymdownx.tabbed",
]  # fmt: skip


@pytest.fixture
def ext() -> DialogueExtension:
    return DialogueExtension(VOCABULARY)


def render(ext: DialogueExtension, text: str, *more: object) -> str:
    """Render one page the way MkDocs does: a fresh Markdown instance, the extension reused."""
    return markdown.Markdown(extensions=[*more, ext, *SITE_EXTENSIONS]).convert(text)


EXCHANGE = """\
/// dialogue | After the *holiday*
Client: It was fine. {withdrawal: minimal-response}
Therapist: I wonder whether last time is still with you. {repair: metacommunication, validating}
///
"""

EXCHANGE_HTML = (
    '<figure class="rr-dialogue">\n'
    "<figcaption>After the <em>holiday</em></figcaption>\n"
    '<ol class="rr-dialogue__turns" data-glossary="off">\n'
    '<li class="rr-turn" data-speaker="client">'
    '<span class="rr-turn__speaker">Client<span class="rr-visually-hidden">:</span></span> '
    '<span class="rr-turn__text">It was fine.</span> '
    '<span class="rr-turn__tags">'
    '<a aria-describedby="rr-tag-minimal-response" class="rr-badge rr-badge--withdrawal" '
    'href="../glossary.md#withdrawal-rupture"><span class="rr-visually-hidden">withdrawal marker: </span>'
    "minimal response</a></span></li>\n"
    '<li class="rr-turn" data-speaker="therapist">'
    '<span class="rr-turn__speaker">Therapist<span class="rr-visually-hidden">:</span></span> '
    '<span class="rr-turn__text">I wonder whether last time is still with you.</span> '
    '<span class="rr-turn__tags">'
    '<a aria-describedby="rr-tag-metacommunication" class="rr-badge rr-badge--repair" '
    'href="../glossary.md#metacommunication"><span class="rr-visually-hidden">repair marker: </span>'
    "talking about the relationship</a> "
    '<a aria-describedby="rr-tag-validating" class="rr-badge rr-badge--repair" '
    'href="../glossary.md#validation"><span class="rr-visually-hidden">repair marker: </span>'
    "validating</a></span></li>\n"
    "</ol>\n"
    "</figure>"
)


def test_emits_the_documented_transcript(ext: DialogueExtension) -> None:
    ext.begin_page(glossary_url="../glossary.md")
    assert render(ext, EXCHANGE) == EXCHANGE_HTML
    report = ext.end_page()
    assert report.blocks == 1 and report.problems == ()
    assert [tag.id for tag in report.tags] == ["minimal-response", "metacommunication", "validating"]


def test_screen_readers_hear_the_speaker_then_the_words_then_each_marker_with_its_kind(
    ext: DialogueExtension,
) -> None:
    page = BeautifulSoup(render(ext, EXCHANGE), "html.parser")
    spoken = [" ".join(turn.get_text().split()) for turn in page.select("li.rr-turn")]
    assert spoken == [
        "Client: It was fine. withdrawal marker: minimal response",
        "Therapist: I wonder whether last time is still with you. repair marker: talking about the relationship "
        "repair marker: validating",
    ]


SHAPES = [
    pytest.param(
        "/// dialogue\nPartner A: Yes.\n///",
        '<figure class="rr-dialogue">\n<ol class="rr-dialogue__turns" data-glossary="off">\n'
        '<li class="rr-turn" data-speaker="partner-a"><span class="rr-turn__speaker">Partner A'
        '<span class="rr-visually-hidden">:</span></span> <span class="rr-turn__text">Yes.</span></li>\n'
        "</ol>\n</figure>",
        id="no-title-no-tags",
    ),
    pytest.param(
        "/// dialogue\nClient: A *quiet* `word` and [a link](x.md).\n\nTherapist: **Yes**.\n///",
        '<figure class="rr-dialogue">\n<ol class="rr-dialogue__turns" data-glossary="off">\n'
        '<li class="rr-turn" data-speaker="client"><span class="rr-turn__speaker">Client'
        '<span class="rr-visually-hidden">:</span></span> <span class="rr-turn__text">A <em>quiet</em> '
        '<code>word</code> and <a href="x.md">a link</a>.</span></li>\n'
        '<li class="rr-turn" data-speaker="therapist"><span class="rr-turn__speaker">Therapist'
        '<span class="rr-visually-hidden">:</span></span> <span class="rr-turn__text"><strong>Yes</strong>.'
        "</span></li>\n</ol>\n</figure>",
        id="inline-markdown-and-a-blank-line",
    ),
    pytest.param(
        "/// dialogue | Q & A\nClient: 1 < 2 & *so*\n///",
        '<figure class="rr-dialogue">\n<figcaption>Q &amp; A</figcaption>\n'
        '<ol class="rr-dialogue__turns" data-glossary="off">\n'
        '<li class="rr-turn" data-speaker="client"><span class="rr-turn__speaker">Client'
        '<span class="rr-visually-hidden">:</span></span> <span class="rr-turn__text">1 &lt; 2 &amp; '
        "<em>so</em></span></li>\n</ol>\n</figure>",
        id="special-characters-escaped",
    ),
]


@pytest.mark.parametrize(("text", "html"), SHAPES)
def test_titles_speakers_and_inline_markdown(ext: DialogueExtension, text: str, html: str) -> None:
    assert render(ext, text) == html


NESTED = [
    pytest.param("!!! note\n\n    /// dialogue\n    Client: In.\n    ///\n", "div.admonition > figure", id="admonition"),
    pytest.param("??? note\n\n    /// dialogue\n    Client: In.\n    ///\n", "details > figure", id="details"),
    pytest.param('=== "Tab"\n\n    /// dialogue\n    Client: In.\n    ///\n', "div.tabbed-set figure", id="tab"),
    pytest.param("- item\n\n    /// dialogue\n    Client: In.\n    ///\n", "li > figure", id="list"),
]


@pytest.mark.parametrize(("text", "selector"), NESTED)
def test_a_block_works_inside_other_blocks(ext: DialogueExtension, text: str, selector: str) -> None:
    page = BeautifulSoup(render(ext, text), "html.parser")
    assert page.select_one(f"{selector}.rr-dialogue li.rr-turn[data-speaker='client']") is not None
    assert ext.end_page().problems == ()


def test_other_syntax_around_it_is_untouched(ext: DialogueExtension) -> None:
    html = render(ext, "!!! note\n    An admonition.\n\n??? tip\n    Details.\n\n```\n/// dialogue\n```\n\nA / slash.")
    page = BeautifulSoup(html, "html.parser")
    assert page.select_one("div.admonition.note") and page.select_one("details.tip")
    assert page.find("code").get_text() == "/// dialogue\n"
    assert page.select("figure") == [] and "A / slash." in page.get_text()


def test_glossary_terms_are_not_linked_inside_turns(ext: DialogueExtension) -> None:
    terms = TermLinkExtension(TermMatcher([("rupture", "rupture")]))
    html = render(ext, "/// dialogue | A rupture\nClient: A rupture.\n///\n\nA rupture.", terms)
    page = BeautifulSoup(html, "html.parser")
    assert [a.find_parent(["figcaption", "p", "li"]).name for a in page.select("a.rr-term")] == ["figcaption"]


def test_end_page_resets_and_pages_do_not_share_findings(ext: DialogueExtension) -> None:
    ext.begin_page()
    render(ext, "/// dialogue\nClient: Fine. {withdrawal: minimal-response}\nnobody\n///")
    first = ext.end_page()
    assert first.blocks == 1 and len(first.tags) == 1 and len(first.problems) == 1
    ext.begin_page()
    render(ext, "No dialogue here.")
    assert ext.end_page() == type(first)()


BAD_BLOCKS = [
    pytest.param(
        "/// dialogue | T\nClient: Fine. {withdrawal: minimal-respons}\n///",
        [("T", "Client: Fine. {withdrawal: minimal-respons}",
          "unknown withdrawal tag 'minimal-respons' (did you mean 'minimal-response'?); use a tag from "
          "docs/dialogue-tags.yml or add it there")],
        id="unknown-tag",
    ),
    pytest.param(
        "/// dialogue\nClient: Fine. {withdrawl: minimal-response}\n///",
        [(None, "Client: Fine. {withdrawl: minimal-response}",
          "unknown kind 'withdrawl' in '{withdrawl: minimal-response}' (did you mean 'withdrawal'?); "
          "the kinds are withdrawal, confrontation, repair")],
        id="unknown-kind",
    ),
    pytest.param(
        "/// dialogue\nTherapist: Yes. {withdrawal: validating}\n///",
        [(None, "Therapist: Yes. {withdrawal: validating}",
          "'validating' is a repair marker, not a withdrawal one; write it as '{repair: validating}'")],
        id="kind-does-not-match",
    ),
    pytest.param(
        "/// dialogue\nClient: Fine.\nand then I left\n///",
        [(None, "and then I left",
          "this line has no speaker: 'and then I left'; start it with one or two capitalised words and a "
          "colon, e.g. 'Client: ...' or 'Partner A: ...' (one turn per line)")],
        id="turn-without-speaker",
    ),
    pytest.param(
        "/// dialogue | Empty\n///",
        [("Empty", "", "the dialogue block has no turns; write one 'Speaker: words' per line, or remove it")],
        id="empty-block",
    ),
    pytest.param(
        "/// dialogue\n\n\n///",
        [(None, "", "the dialogue block has no turns; write one 'Speaker: words' per line, or remove it")],
        id="blank-block",
    ),
    pytest.param(
        "/// dialogue | Open\nClient: Fine.\nno speaker\n",
        [("Open", "", "the dialogue block 'Open' is never closed; end it with a line '///'")],
        id="never-closed",
    ),
]


@pytest.mark.parametrize(("text", "problems"), BAD_BLOCKS)
def test_bad_input_is_reported_with_the_text_to_find_it_by(
    ext: DialogueExtension, text: str, problems: list[tuple]
) -> None:
    ext.begin_page()
    render(ext, text)
    assert ext.end_page().problems == tuple(DialogueProblem(*problem) for problem in problems)


def test_valid_turns_still_render_around_a_bad_one(ext: DialogueExtension) -> None:
    html = render(ext, "/// dialogue\nClient: One. {withdrawal: nope, minimal-response}\nnobody\nTherapist: Two.\n///")
    page = BeautifulSoup(html, "html.parser")
    assert [li["data-speaker"] for li in page.select("li.rr-turn")] == ["client", "therapist"]
    assert [a["aria-describedby"] for a in page.select("a.rr-badge")] == ["rr-tag-minimal-response"]
