"""An entry marked read that still says *TO READ*, on its line or in its blurb.

The marker was left behind when the paper was read, and readers of the post get
two contradicting signals. Either the paper was read (drop the stale marker) or it
was not (remove the read mark).

Bad::

    - ✔️ [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (2017)

    *TO READ* No list would be complete without the paper to rule them all.

Good::

    - ✔️ [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (2017)

    No list would be complete without the paper to rule them all.

The marker may also stand on the entry's own line, after the year, as the
journal's later style writes it:

Bad::

    - ✔️ [Adam: A Method for Stochastic Optimization](https://arxiv.org/abs/1412.6980) (2014) *TO READ*

Good::

    - ✔️ [Adam: A Method for Stochastic Optimization](https://arxiv.org/abs/1412.6980) (2014)

Fix (unsafe, with `--unsafe-fixes`): drops a marker written on the entry's line;
in a blurb, drops the stale marker when real notes follow it on its line. When the
blurb is only the marker there is nothing to keep, so there is no fix: write your
notes, or unmark the entry. A blurb shared with an unread entry is never touched.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Fix, Problem
from mdjournal.text.source import skip

if TYPE_CHECKING:
    from mdjournal.linting.context import Context

CODE = "MJ004"
NAME = "read-but-to-read"
DEFAULT = True
FIX = "unsafe"


def check(context: Context) -> Iterator[Problem]:
    for entry in context.journal.entries:
        if entry.read and entry.marked_to_read and entry.marker_span is not None:
            marker = entry.marker_span
            # The marker and the space before it go; other markers beside it are left to you.
            start = marker.start
            while context.text[start - 1] in " \t":
                start -= 1
            yield Problem(
                marker,
                f"'{entry.title}' is marked read but its line still says "
                f"*{context.config.to_read_marker}*; drop the marker, or unmark the entry",
                Fix.replace(start, marker.end, "", safe=False) if len(entry.markers) == 1 else None,
            )
        blurb = entry.blurb
        if not (entry.read and blurb is not None and blurb.to_read and blurb.marker_span is not None):
            continue
        marker = blurb.marker_span
        fix = None
        notes_start = skip(context.text, marker.end)
        same_line = context.text[notes_start : notes_start + 1] not in ("", "\r", "\n")
        if blurb.notes and same_line and all(other.read for other in context.sharing(blurb)):
            fix = Fix.replace(marker.start, notes_start, "", safe=False)
        yield Problem(
            marker,
            f"'{entry.title}' (line {entry.line}) is marked read but its blurb still says "
            f"*{context.config.to_read_marker}*; drop the marker, or unmark the entry",
            fix,
        )
