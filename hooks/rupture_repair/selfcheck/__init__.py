"""Self-check: every chapter's folded questions (``??? question``), gathered on one page."""

from .extension import Question, SelfCheckExtension
from .urls import rebase_url, relative_url, unique_ids

__all__ = ["Question", "SelfCheckExtension", "rebase_url", "relative_url", "unique_ids"]
