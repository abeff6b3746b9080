"""A text edit: the one way anything in mdjournal changes a post.

Fixes are sets of edits (:class:`~mdjournal.linting.finding.Fix`), the fixer applies
them to the text and parses the result, and the editor server's changes are edits
too: the data flows one way, text → model → edits → text, and no tree is ever
mutated.
"""

from __future__ import annotations

from typing import NamedTuple


class Edit(NamedTuple):
    """Replace the source text ``[start, end)`` with ``replacement``."""

    start: int
    """Offset of the first character replaced (in code points of the source text)."""
    end: int
    """Offset just past the last character replaced; ``start == end`` inserts."""
    replacement: str
    """The text put in their place."""


def edits_between(old: str, new: str) -> list[Edit]:
    """Small edits that turn ``old`` into ``new``, in ``old``'s offsets, sorted.

    Lines are matched first (difflib), then the characters of each changed run of
    lines, so an editor applying the edits keeps its cursor, marks and undo history
    everywhere else, as it could not after one whole-text replacement. Changes fewer
    than :data:`_GAP` characters apart make one edit, not several slivers.
    """
    import difflib

    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    old_starts, new_starts = _starts(old_lines), _starts(new_lines)
    edits: list[Edit] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(
        None, old_lines, new_lines, autojunk=False
    ).get_opcodes():
        if tag == "equal":
            continue
        start, new_start = old_starts[i1], new_starts[j1]
        before, after = old[start : old_starts[i2]], new[new_start : new_starts[j2]]
        pending: list[int] | None = None  # [start, end, new start, new end] of the edit being grown
        matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
        for kind, a1, a2, b1, b2 in matcher.get_opcodes():
            if kind == "equal":
                continue
            if pending is not None and a1 - pending[1] < _GAP:
                pending[1], pending[3] = a2, b2
                continue
            if pending is not None:
                edits.append(Edit(start + pending[0], start + pending[1], after[pending[2] : pending[3]]))
            pending = [a1, a2, b1, b2]
        if pending is not None:
            edits.append(Edit(start + pending[0], start + pending[1], after[pending[2] : pending[3]]))
    return edits


#: Unchanged characters between two changes below which they are sent as one edit.
_GAP = 4


def _starts(lines: list[str]) -> list[int]:
    """Where each line starts, and the end of the text."""
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts
