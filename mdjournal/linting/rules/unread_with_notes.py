"""An unread entry whose blurb is notes rather than a TO READ marker.

Notes under an entry without a read mark usually mean the paper was read and the
mark was forgotten; or the blurb lost its `*TO READ*`. A blurb with another
status marker only (`*TO WRITE*`) is flagged too, since it does not say
whether the paper is still to read.

Bad::

    - [Epoch AI](https://epoch.ai/blog/trends-in-ai-supercomputers)

    *TO WRITE*

Good::

    - [Epoch AI](https://epoch.ai/blog/trends-in-ai-supercomputers)

    *TO READ* *TO WRITE*

No fix: only you know whether you read it.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Problem

if TYPE_CHECKING:
    from mdjournal.linting.context import Context

CODE = "MJ013"
NAME = "unread-with-notes"
DEFAULT = True
FIX = None
SECTION_LOCAL = True


def check(context: Context) -> Iterator[Problem]:
    marker = context.config.to_read_marker
    mark = context.config.read_mark
    for entry in context.journal.entries:
        blurb = entry.blurb
        if entry.read or blurb is None or entry.to_read:
            continue
        what = "notes" if blurb.notes else "only " + ", ".join(f"*{name}*" for name in blurb.markers)
        yield Problem(
            entry.link.span,
            f"unread entry has {what} but no *{marker}* marker; did you read it? "
            f"Mark it {mark}, or start its blurb with *{marker}*",
        )
