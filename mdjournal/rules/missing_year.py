"""An entry with no `(YYYY)` after its link.

The year tells a reader at a glance how old a paper is, and keeps the list
sortable. When the entry's own link carries an identifier that dates it (an arXiv
id, a DOI or ScienceDirect PII with a year, a proceedings or ACL Anthology URL),
the message names it and the fix writes that year; nothing is looked up online.

Bad::

    - ✔️ [Train Short, Test Long](https://arxiv.org/abs/2108.12409)

Good::

    - ✔️ [Train Short, Test Long](https://arxiv.org/abs/2108.12409) (2021)

Fix (safe, only when the link's identifier gives the year): adds ` (YYYY)` right
after the link. Entries whose link carries no year stay reported.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..findings import Fix, Problem
from ..identifiers import identify

if TYPE_CHECKING:
    from ..context import Context

CODE = "MJ002"
NAME = "missing-year"
DEFAULT = True
FIX = "safe"


def check(context: Context) -> Iterator[Problem]:
    for entry in context.journal.entries:
        if entry.year_text is not None:
            continue
        link = entry.link.span
        identifier = identify(entry.url)
        if identifier is None or identifier.year is None:
            yield Problem(link, "year missing; add the year as ' (YYYY)' after the link")
            continue
        yield Problem(
            link,
            f"year missing; {identifier.kind} {identifier.value} says {identifier.year}",
            Fix.replace(link.end, link.end, f" ({identifier.year})"),
        )
