"""Synthetic sites for the benchmark: N generated pages and M generated glossary terms.

Everything is made from a fixed seed: pseudo-words built from syllables for the
terms (so no term is an ordinary English word and no two names clash) and
sentences drawn from a small fixed vocabulary for the running text. The site
inherits the real ``mkdocs.yml``; the reader's machinery (hooks, overrides) is
copied next to it and ``node_modules`` is linked, because MkDocs resolves
``hooks/...`` and ``custom_dir`` against the child config's folder.
"""

from __future__ import annotations

import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

PAGES_PER_PART = 50

_ONSETS = ("b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "t", "v", "w",
           "br", "cl", "dr", "fl", "gr", "pl", "pr", "st", "tr", "qu")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "ea", "ou")
_CODAS = ("", "", "n", "r", "l", "m", "t", "nd", "rt", "lk")
# The last word of a name never ends in s/x/z/ch/sh/y, so its plural is always "+s".
_END_CODAS = ("n", "r", "l", "m", "t", "nd", "rt", "lk", "d", "k", "p")

# Running text: a fixed vocabulary of everyday words, drawn at random.
_NOUNS = ("session", "client", "therapist", "moment", "room", "week", "question", "feeling", "silence",
          "voice", "story", "change", "pattern", "word", "step", "pause", "space", "trust", "distance",
          "meeting", "reply", "hour", "memory", "choice", "plan", "hope", "doubt", "wish", "need", "sign",
          "conversation", "evening", "morning", "letter", "note", "response", "reaction", "idea", "place")
_VERBS = ("notices", "describes", "brings", "changes", "follows", "shapes", "opens", "holds", "names",
          "carries", "softens", "returns to", "leaves", "meets", "explores", "questions", "remembers",
          "reaches", "tests", "repeats", "welcomes", "recognises", "supports", "interrupts", "slows")
_ADJECTIVES = ("small", "careful", "quiet", "steady", "sudden", "familiar", "honest", "difficult",
               "gentle", "new", "old", "open", "uneasy", "warm", "cold", "clear", "slow", "long",
               "brief", "shared", "private", "useful", "early", "later", "whole", "simple")
_ADVERBS = ("slowly", "often", "rarely", "gently", "openly", "again", "quickly", "carefully",
            "sometimes", "later", "together", "quietly", "plainly", "at first", "in time")
_CONNECTORS = ("and", "but", "so", "while", "because", "although", "when", "until", "as")
_DETERMINERS = ("the", "a", "each", "this", "that", "every", "one", "another", "their", "our")
_LANGUAGES = ("python", "yaml", "text")


@dataclass(frozen=True)
class Term:
    term: str
    aliases: tuple[str, ...]
    id: str


def _word(rng: random.Random, syllables: int, last: bool) -> str:
    parts = []
    for index in range(syllables):
        coda = rng.choice(_END_CODAS) if last and index == syllables - 1 else rng.choice(_CODAS)
        parts.append(rng.choice(_ONSETS) + rng.choice(_VOWELS) + coda)
    return "".join(parts)


def _name(rng: random.Random, words: int) -> str:
    return " ".join(_word(rng, rng.randint(2, 3), last=i == words - 1) for i in range(words))


def make_terms(count: int, rng: random.Random) -> list[Term]:
    """Unique terms, 1-3 words (about 40% multi-word), with 0-2 aliases each."""
    taken: set[str] = set()
    terms: list[Term] = []

    def fresh(words: int) -> str:
        while True:
            name = _name(rng, words)
            if name not in taken and name.replace(" ", "-") not in taken:
                taken.add(name)
                taken.add(name.replace(" ", "-"))
                return name

    while len(terms) < count:
        term = fresh(rng.choices((1, 2, 3), weights=(60, 30, 10))[0])
        aliases = tuple(fresh(rng.choice((1, 2))) for _ in range(rng.choice((0, 0, 1, 2))))
        terms.append(Term(term, aliases, term.replace(" ", "-")))
    return terms


def _sentence(rng: random.Random, words: int) -> list[str]:
    out: list[str] = []
    while len(out) < words:
        out += [rng.choice(_DETERMINERS), rng.choice(_ADJECTIVES), rng.choice(_NOUNS), rng.choice(_VERBS),
                rng.choice(_DETERMINERS), rng.choice(_NOUNS), rng.choice(_ADVERBS)]
        if len(out) < words:
            out.append(rng.choice(_CONNECTORS))
    return out[:words]


def _finish(words: list[str]) -> str:
    text = " ".join(words)
    return text[:1].upper() + text[1:] + "."


def _mention(rng: random.Random, term: Term) -> str:
    """A term as a page might write it: the term or an alias, sometimes plural or possessive."""
    name = rng.choice((term.term, term.term, *term.aliases))
    form = rng.random()
    if form < 0.25:
        name += "s"  # plural of the last word
    elif form < 0.32:
        name += "'s"
    elif form < 0.40 and " " in name:
        name = name.replace(" ", "-", 1)  # hyphenated spelling
    return name


class _Text:
    """Paragraph text for one page, with term mentions spliced into random sentences."""

    def __init__(self, rng: random.Random, mentions: list[str]) -> None:
        self.rng = rng
        self.mentions = mentions
        self.words = 0

    def sentence(self) -> str:
        words = _sentence(self.rng, self.rng.randint(9, 20))
        if self.mentions and self.rng.random() < 0.35:
            words.insert(self.rng.randint(1, len(words) - 1), self.mentions.pop())
        if self.rng.random() < 0.1:
            i = self.rng.randint(0, len(words) - 1)
            words[i] = f"*{words[i]}*"
        if self.rng.random() < 0.05:
            i = self.rng.randint(0, len(words) - 1)
            words[i] = f"`{words[i]}`"
        self.words += len(words)
        return _finish(words)

    def paragraph(self, sentences: tuple[int, int] = (3, 6)) -> str:
        lines = [self.sentence() for _ in range(self.rng.randint(*sentences))]
        # Wrap like an author does: a line break every sentence or two.
        return "\n".join(lines)


def _page_name(index: int) -> str:
    return f"page-{index + 1:04d}"


def _page_path(index: int) -> str:
    return f"part-{index // PAGES_PER_PART + 1:02d}/{_page_name(index)}.md"


def _title(rng: random.Random) -> str:
    return _finish([rng.choice(_ADJECTIVES), rng.choice(_NOUNS), rng.choice(_CONNECTORS),
                    rng.choice(_DETERMINERS), rng.choice(_NOUNS)])[:-1]


def make_page(index: int, count: int, terms: list[Term], rng: random.Random, cite_keys: list[str]) -> str:
    """One page of 800-1,200 words: headings, lists, an admonition, a code block, links, term mentions.

    Links between pages are Markdown links and wiki-links (``[[page-0012]]``,
    ``[[page-0012|label]]``); ``cite_keys`` (from references.bib) give 0-3 citations.
    """
    title = _title(rng)
    target = rng.randint(800, 1200)
    chosen = rng.sample(terms, min(len(terms), rng.randint(5, 20)))
    mentions = [_mention(rng, term) for term in chosen]
    mentions += [_mention(rng, rng.choice(chosen)) for _ in range(len(chosen) // 2)]  # repeats: linked once
    rng.shuffle(mentions)
    text = _Text(rng, mentions)
    here = _page_path(index)
    others = [_page_path(rng.randrange(count)) for _ in range(rng.randint(2, 4))]
    description = text.sentence()[:199]
    wiki = [_page_name(rng.randrange(count)) for _ in range(rng.randint(1, 3))]
    cites = [f"[@{key}]" for key in rng.sample(cite_keys, min(len(cite_keys), rng.randint(0, 3)))]
    out = ["---", f"title: {_yaml_text(title)}", f"description: {_yaml_text(description)}", "---", "",
           f"# {title}", "", text.paragraph(), ""]
    section = 0
    while text.words < target:
        section += 1
        out += [f"## {_title(rng)} {section}", "", text.paragraph(), ""]
        kind = section % 4
        if kind == 1:
            out += [f"- {text.sentence()}" for _ in range(rng.randint(3, 6))] + [""]
        elif kind == 2:
            out += [f'!!! note "{_title(rng)}"', ""]
            out += ["    " + line for line in text.paragraph((2, 4)).splitlines()] + [""]
        elif kind == 3:
            out += [f"{n}. {text.sentence()}" for n in range(1, rng.randint(3, 5))] + [""]
        else:
            out += [f"### {_title(rng)}", "", text.paragraph(), ""]
        if others:
            target_page = others.pop()
            link = _relative(here, target_page)
            out += [f"See also [{_title(rng).lower()}]({link}) for more on this.", ""]
        paragraph = text.paragraph()
        if wiki:
            name = wiki.pop()
            paragraph += f" Compare [[{name}]]." if rng.random() < 0.5 else f" Compare [[{name}|{_title(rng).lower()}]]."
        if cites:
            paragraph = paragraph.replace(".", f" {cites.pop()}.", 1)
        out += [paragraph, ""]
        if section == 2:
            # A code block: a skip zone that also holds a term, which must stay unlinked.
            term = rng.choice(terms).term
            out += [f"```{rng.choice(_LANGUAGES)}", f"# {term}", f"value = \"{term}\"", "total = 1 + 2", "```", ""]
    while text.mentions:  # any mention not placed yet goes into a closing paragraph
        out += [text.paragraph((2, 3)), ""]
    return "\n".join(out)


def _relative(here: str, there: str) -> str:
    here_dir, there_dir = here.split("/")[0], there.split("/")[0]
    return there.split("/")[1] if here_dir == there_dir else f"../{there}"


def _yaml_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def glossary_yaml(terms: list[Term], rng: random.Random) -> str:
    """The glossary in the project's format: term, aliases, plain, clinical, body, related."""
    out = ["# Synthetic glossary for the benchmark (generated)."]
    for term in terms:
        text = _Text(rng, [])
        plain = text.sentence()[:159].rstrip(". ") + "."
        clinical = (text.sentence() + " " + text.sentence())[:219].rstrip(". ") + "."
        related = rng.sample([t.id for t in terms if t is not term], min(len(terms) - 1, rng.randint(1, 4)))
        out += ["", f"- term: {term.term}"]
        if term.aliases:
            out.append(f"  aliases: [{', '.join(term.aliases)}]")
        out += [f"  plain: {_yaml_text(plain)}", f"  clinical: {_yaml_text(clinical)}", "  body: |"]
        for n in range(rng.randint(1, 2)):
            if n:
                out.append("")
            out += ["    " + line for line in text.paragraph((2, 4)).splitlines()]
        if related:
            out.append(f"  related: [{', '.join(related)}]")
    return "\n".join(out) + "\n"


def make_site(project: Path, root: Path, pages: int, term_count: int, *, generated: list[tuple[str, str]],
              seed: int = 20240601) -> None:
    """Write a whole synthetic project into ``project`` (which must not exist yet).

    ``generated``: (title, file) of the pages the real nav lists that are not in
    docs/ (those the hooks generate: glossary.md, references.md...); they end the nav.
    """
    rng = random.Random(f"{seed}-{pages}-{term_count}")
    project.mkdir(parents=True)
    for part in ("hooks", "overrides"):
        shutil.copytree(root / part, project / part, ignore=shutil.ignore_patterns("__pycache__"))
    (project / "node_modules").symlink_to(root / "node_modules", target_is_directory=True)
    docs = project / "docs"
    docs.mkdir()
    for data in ("crisis-lines.yml", "references.bib"):
        if (root / "docs" / data).is_file():
            shutil.copy2(root / "docs" / data, docs / data)
    shutil.copytree(root / "docs" / "assets", docs / "assets")
    for page in ("help.md", "offline.md"):  # the reader's own pages, with their data markers
        shutil.copy2(root / "docs" / page, docs / page)
    terms = make_terms(term_count, rng)
    bib = docs / "references.bib"
    cite_keys = re.findall(r"^@\w+\{([^,\s]+),", bib.read_text(encoding="utf-8"), re.M) if bib.is_file() else []
    (docs / "glossary.yml").write_text(glossary_yaml(terms, rng), encoding="utf-8")
    intro = _Text(rng, [])
    (docs / "index.md").write_text(
        "---\ntitle: Synthetic reader\ndescription: A generated site for the build benchmark.\n---\n\n"
        f"# Synthetic reader\n\n{intro.paragraph()}\n\nIn a crisis, see [Get help now](help.md).\n",
        encoding="utf-8")
    nav = ["nav:", "  - Start:", "      - Home: index.md", "      - Get help now: help.md",
           "      - Read offline: offline.md"]
    for index in range(pages):
        path = _page_path(index)
        if index % PAGES_PER_PART == 0:
            nav.append(f"  - Part {index // PAGES_PER_PART + 1}:")
        (docs / path).parent.mkdir(exist_ok=True)
        (docs / path).write_text(make_page(index, pages, terms, rng, cite_keys), encoding="utf-8")
        nav.append(f"      - {path}")
    if generated:
        nav.append("  - Reference:")
        nav += [f"      - {_yaml_text(title)}: {path}" for title, path in generated]
    config = [f"# Synthetic benchmark site: {pages} pages, {term_count} terms (generated).",
              f"INHERIT: {root / 'mkdocs.yml'}",
              "# The nav ends with every page the real nav lists that is not in docs/: the pages the",
              "# hooks generate, and any page not written yet (hence 'info', not a strict warning).",
              "validation:", "  nav:", "    not_found: info", *nav]
    (project / "mkdocs.yml").write_text("\n".join(config) + "\n", encoding="utf-8")
