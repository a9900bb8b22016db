"""The Self-check core: copying folded questions out of a page, and rebasing their links."""

from __future__ import annotations

from functools import partial

import markdown
import pytest
from mkdocs.utils import get_relative_url

from rupture_repair.selfcheck import Question, SelfCheckExtension, rebase_url, relative_url, unique_ids

SITE_EXTENSIONS = ["toc", "attr_list", "md_in_html", "admonition", "footnotes", "pymdownx.details",
                   "pymdownx.superfences", "pymdownx.smartsymbols"]

CHAPTER = """\
# The chapter

??? question "Under the title?"
    Yes.

## Check & see

Some text.

??? question "Why *this*?"
    Because [the other page](../other/#a-part) and [here](#check-see) --> <span class="x">raw</span>.
    { #answer-id }

    ??? question "A question inside an answer"
        Goes with its answer.

??? note "Not a question"
    Left alone.

### Deeper

???+ question "Open on its page"
    See [a citation](#){ aria-describedby="rr-ref-a rr-def-b" }[^1].

[^1]: A footnote.
"""


@pytest.fixture
def ext() -> SelfCheckExtension:
    return SelfCheckExtension()


def render(ext: SelfCheckExtension, text: str) -> str:
    """One page, as MkDocs renders it: a fresh Markdown instance, the extension reused."""
    return markdown.Markdown(extensions=[ext, *SITE_EXTENSIONS]).convert(text)


def test_copies_each_question_with_its_section_and_rebased_links(ext: SelfCheckExtension) -> None:
    ext.begin_page(partial(rebase_url, from_url="part/chapter/", to_url="selfcheck/"))
    page = render(ext, CHAPTER)
    questions = ext.end_page()
    assert [q.section_id for q in questions] == [None, "check-see", "deeper"]
    assert [q.summary_html for q in questions] == [
        "Under the title?", "Why <em>this</em>?", "Open on its page"]
    assert questions[0] == Question("Under the title?", "<p>Yes.</p>", None, ())
    answer = questions[1].answer_html
    assert '<a href="../part/other/#a-part">the other page</a>' in answer
    assert '<a href="../part/chapter/#check-see">here</a>' in answer
    assert '&rarr; <span class="x">raw</span>' in answer  # stashed symbols and raw HTML put back
    assert "A question inside an answer" in answer  # a nested question goes with its answer, not on its own
    assert "id=" not in answer
    assert 'id="answer-id"' in page  # the page itself keeps its ids
    assert questions[2].described_by == ("rr-ref-a", "rr-def-b")
    assert 'href="../part/chapter/#fn:1"' in questions[2].answer_html


def test_a_page_without_questions_gives_none_and_each_page_starts_afresh(ext: SelfCheckExtension) -> None:
    ext.begin_page()
    render(ext, CHAPTER)
    ext.begin_page()
    render(ext, "# Plain\n\n??? note \"A note\"\n    Text.\n")
    assert ext.end_page() == []
    assert ext.end_page() == []


def test_links_are_left_alone_without_a_rebase(ext: SelfCheckExtension) -> None:
    ext.begin_page()
    render(ext, '??? question "Q"\n    [x](../a/) and [y](https://example.org/)\n')
    [question] = ext.end_page()
    assert question.answer_html == '<p><a href="../a/">x</a> and <a href="https://example.org/">y</a></p>'


@pytest.mark.parametrize(
    ("href", "from_url", "to_url", "expected"),
    [
        ("../../references/#ref-x", "foundations/working-alliance/", "selfcheck/", "../references/#ref-x"),
        ("#section", "foundations/working-alliance/", "selfcheck/", "../foundations/working-alliance/#section"),
        ("../what-is-a-rupture/", "foundations/working-alliance/", "selfcheck/", "../foundations/what-is-a-rupture/"),
        ("../../", "start/trainee/", "selfcheck/", "../"),
        ("../references.html#ref-x", "foundations/working-alliance.html", "selfcheck.html", "references.html#ref-x"),
        ("#s", "index.html", "selfcheck.html", "index.html#s"),
        ("https://doi.org/10.1/x", "a/", "selfcheck/", "https://doi.org/10.1/x"),
        ("tel:116123", "a/", "selfcheck/", "tel:116123"),
        ("mailto:jo@samaritans.org", "a/", "selfcheck/", "mailto:jo@samaritans.org"),
        ("../../assets/images/logo.svg", "a/b/", "selfcheck/", "../assets/images/logo.svg"),
    ],
)
def test_rebase_url(href: str, from_url: str, to_url: str, expected: str) -> None:
    assert rebase_url(href, from_url, to_url) == expected


@pytest.mark.parametrize(
    ("target", "here"),
    [("references/", "selfcheck/"), ("selfcheck/", "selfcheck/"), ("a/b/", "c/d/"),
     ("references.html", "selfcheck.html"), ("a/b.html", "c/d.html"), ("index.html", "a/b.html"),
     ("downloads/book.pdf", "offline/"), ("print/", "")],
)
def test_relative_url_agrees_with_mkdocs(target: str, here: str) -> None:
    assert relative_url(target, here) == get_relative_url(target, here)


def test_relative_url_to_the_home_page_ends_with_a_slash() -> None:
    assert relative_url("", "selfcheck/") == "../"  # MkDocs gives "..": the same page, one redirect more


@pytest.mark.parametrize(
    ("titles", "taken", "expected"),
    [
        (["The working alliance", "What a rupture is"], [], ["the-working-alliance", "what-a-rupture-is"]),
        (["References", "Key terms"], ["references", "key-terms"], ["references_1", "key-terms_1"]),
        (["Same", "Same"], [], ["same", "same_1"]),
        (["The same road: staying or leaving"], ["self-check"], ["the-same-road-staying-or-leaving"]),
        (["???"], [], ["section"]),
    ],
)
def test_unique_ids(titles: list[str], taken: list[str], expected: list[str]) -> None:
    assert unique_ids(titles, taken) == expected
