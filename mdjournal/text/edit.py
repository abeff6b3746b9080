"""A text edit: the one way anything in mdjournal changes a post.

Fixes are sets of edits (:class:`~mdjournal.linting.finding.Fix`), the fixer applies
them to the text, and the block parse updates itself around them
(:meth:`~mdjournal.parsing.blocks.BlockParse.after`): the data flows one way, text →
model → edits → text, and no tree is ever mutated.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the source text ``[start, end)`` with ``replacement``."""

    start: int
    """Offset of the first character replaced (in code points of the source text)."""
    end: int
    """Offset just past the last character replaced; ``start == end`` inserts."""
    replacement: str
    """The text put in their place."""
