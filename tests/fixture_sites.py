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
