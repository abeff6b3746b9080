"""An entry with no `(YYYY)` after its link.

The year tells a reader at a glance how old a paper is, and keeps the list
sortable. When the entry's own link carries an identifier that dates it (an arXiv
id, a DOI or ScienceDirect PII with a year, a proceedings or ACL Anthology URL),
the message names it and the fix writes that year; nothing is looked up online.
A link to a website's home page (`[Epoch AI](https://epoch.ai/)`) needs no year.

Bad::

    - ✔️ [Train Short, Test Long](https://arxiv.org/abs/2108.12409)

Good::

    - ✔️ [Train Short, Test Long](https://arxiv.org/abs/2108.12409) (2021)

Fix (safe, only when the link's identifier gives the year): adds ` (YYYY)` right
after the link. Entries whose link carries no year stay reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Fix, Problem
from mdjournal.model.identifiers import identify

if TYPE_CHECKING:
    from mdjournal.linting.context import Context
    from mdjournal.model.nodes import Entry

CODE = "MJ002"
NAME = "missing-year"
DEFAULT = True
FIX = "safe"
SECTION_LOCAL = True


def check(context: Context) -> Iterator[Problem]:
    for entry in context.journal.entries:
        if entry.year_text is not None:
            continue
        link = entry.link.span
        below = _year_on_the_next_line(entry)
        if below is not None:
            yield Problem(
                link, f"year missing after the link; the line below holds '{below}': move it up as ' (YYYY)'"
            )
            continue
        identifier = identify(entry.url)
        if identifier is None or identifier.year is None:
            if not _WHOLE_SITE.match(entry.url):  # a website as a whole has no year
                yield Problem(link, "year missing; add the year as ' (YYYY)' after the link")
            continue
        yield Problem(
            link,
            f"year missing; {identifier.kind} {identifier.value} says {identifier.year}",
            Fix.replace(link.end, link.end, f" ({identifier.year})"),
        )


#: A link to a whole website, its home page: ``https://epoch.ai/``.
_WHOLE_SITE = re.compile(r"(?:https?:)?//[^/?#\s]+/?\Z", re.IGNORECASE)
_LONE_YEAR = re.compile(r"[(\[]?[ \t]*[0-9]{4}[ \t]*[)\]]?", re.ASCII)


def _year_on_the_next_line(entry: Entry) -> str | None:
    """A year written alone on the line under the entry (a wrapped head), if any."""
    blurb = entry.blurb
    if blurb is None or blurb.span.line != entry.span.end_line + 1:
        return None
    first = blurb.markdown.split("\n", 1)[0].strip()
    return first if _LONE_YEAR.fullmatch(first) else None
