"""What a fixture site holds: its configuration and a small glossary (tests break copies on purpose)."""

from __future__ import annotations

FIXTURE_CONFIG = """\
# A fixture site: the real configuration, with its own small nav.
INHERIT: {root}/mkdocs.yml
nav:
  - index.md
  - help.md
  - offline.md
  - glossary.md
  - references.md
  - paths/client-path.md
  - paths/trainee-path.md
  - concept-map.md
  - selfcheck.md
"""

FIXTURE_GLOSSARY = """\
- term: alliance rupture
  aliases: [rupture]
  plain: A strain in the working relationship between a client and a therapist.
  clinical: A breakdown in collaboration on goals or tasks, or a strain in the emotional bond.
  related: [repair]
- term: repair
  plain: Working a strain through together, so that the relationship recovers.
  clinical: The process by which client and therapist resolve a rupture in their alliance.
  related: [alliance-rupture]
"""

# (file, title, body) of the pages every fixture site has.
FIXTURE_PAGES = (
    ("index.md", "Home", "A small fixture site about a rupture and its repair."),
    ("help.md", "Get help now", "<!-- rr:crisis-lines -->"),
    ("offline.md", "Read offline", "<!-- rr:offline-download -->"),
)

# A dialogue tag vocabulary for fixture sites (hooks/dialogue.py), against FIXTURE_GLOSSARY's ids.
# Sites without dialogues need none: tests that use `/// dialogue` write it into docs/dialogue-tags.yml.
FIXTURE_DIALOGUE_TAGS = """\
- id: minimal-response
  kind: withdrawal
  label: minimal response
  glossary: alliance-rupture
  explain: Short replies that leave little to follow up.
- id: deferring
  kind: withdrawal
  label: deferring
  glossary: alliance-rupture
  explain: Handing every choice to the other person instead of saying what you want.
- id: complaint-about-progress
  kind: confrontation
  label: complaint about progress
  glossary: alliance-rupture
  explain: Saying that therapy is not helping, or not quickly enough.
- id: metacommunication
  kind: repair
  label: talking about the relationship
  glossary: repair
  explain: Talking about what is happening between the two people right now.
- id: owning-part
  kind: repair
  label: owning their part
  glossary: repair
  explain: The therapist accepts their share in a difficulty.
"""
