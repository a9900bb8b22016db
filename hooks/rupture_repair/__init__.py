"""Rupture & Repair: the reader's pure core and its Python-Markdown extensions.

Nothing in this package imports MkDocs: the hooks in ``hooks/`` route MkDocs
events here, so the core can be unit-tested alone and survive a move away from
MkDocs 1.x (its successor reads Python-Markdown extensions but ignores hooks).
"""
