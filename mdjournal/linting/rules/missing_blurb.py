"""A read entry with no blurb.

The point of the journal is what you thought of each paper; a read entry with
nothing under it loses that. Entries written one under the other share the blurb
that follows them, so this flags a read entry with nothing after it before the
next heading (or the end); notes on the entry's own line count as a blurb.

Bad::

    - ✔️ [Layer Normalization](https://arxiv.org/abs/1607.06450) (2016)

    ## Optimisers

Good::

    - ✔️ [Layer Normalization](https://arxiv.org/abs/1607.06450) (2016)

    Normalising over features, not the batch, makes it work for RNNs.

    ## Optimisers

No fix: the words are yours.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Problem

if TYPE_CHECKING:
    from mdjournal.linting.context import Context

CODE = "MJ014"
NAME = "missing-blurb"
DEFAULT = True
FIX = None
SECTION_LOCAL = True


def check(context: Context) -> Iterator[Problem]:
    for entry in context.journal.entries:
        if entry.read and entry.blurb is None and not entry.rest.strip(" \t"):
            yield Problem(
                entry.link.span,
                f"'{entry.title}' is marked read but has no blurb; say what you thought of it",
            )
