"""Cross-links: the site's pages as an index, wiki-links, backlinks, related pages, reading paths.

Pure core (no MkDocs import). ``hooks/crosslinks.py`` reads every page's source
once (front matter, headings) into a ``PageIndex`` before any page renders, so a
wiki-link can be resolved, labelled and checked while its page is parsed.
"""
