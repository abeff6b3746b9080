"""A list item in a category that tries to be an entry and fails.

An item with a read mark or a year but no `[Title](url)` link, a link whose
brackets never close, a reference to an undefined `[label]`, or a link with an
empty title or URL is not an entry: it is left out of the journal's structure and
every other rule skips it, so it is flagged here.

Bad::

    - ✔️ Attention Is All You Need (2017)
    - [](https://arxiv.org/abs/1706.03762) (2017)

Good::

    - ✔️ [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (2017)

No fix: the missing title or link has to come from you.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Problem

if TYPE_CHECKING:
    from mdjournal.linting.context import Context

CODE = "MJ010"
NAME = "malformed-entry"
DEFAULT = True
FIX = None
SECTION_LOCAL = True


def check(context: Context) -> Iterator[Problem]:
    for category in context.journal.categories:
        for item in category.items:
            if item.problem:
                yield Problem(item.span, f"list item looks like an entry, but {item.problem}")
        for entry in category.entries:
            if not entry.title.strip():
                yield Problem(
                    entry.link.span, "entry has an empty title: write the paper's title between [ and ]"
                )
            if not entry.url.strip():
                yield Problem(
                    entry.link.span, f"entry '{entry.title}' has an empty URL: put the link between ( and )"
                )
