"""A read mark that is not the configured one, or is not in front of the link.

One mark, written one way, keeps the list consistent and greppable. The default
mark is `✔️` (U+2714 with VARIATION SELECTOR-16, so it shows as an emoji
everywhere); `✔` without the selector, `✓`, `✅`, `☑️` and `[x]` are
flagged, as is a mark after the link or not followed by exactly one space.
Configure another mark with `read-mark` in the config. A mark damaged by a
wrong decode is MJ001's to report.

Bad::

    - ✅ [Adam: A Method for Stochastic Optimization](https://arxiv.org/abs/1412.6980) (2014)
    - [Layer Normalization](https://arxiv.org/abs/1607.06450) (2016) ✔️

Good::

    - ✔️ [Adam: A Method for Stochastic Optimization](https://arxiv.org/abs/1412.6980) (2014)
    - ✔️ [Layer Normalization](https://arxiv.org/abs/1607.06450) (2016)

Fix (safe): writes the configured mark, followed by one space, in front of the link.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..findings import Edit, Fix, Problem
from ..marks import repaired

if TYPE_CHECKING:
    from ..context import Context
    from ..model import Entry

CODE = "MJ008"
NAME = "read-mark"
DEFAULT = True
FIX = "safe"


def check(context: Context) -> Iterator[Problem]:
    wanted = context.config.read_mark
    for entry in context.journal.entries:
        if not entry.read or entry.mark is None or entry.mark_span is None:
            continue
        mark = entry.mark_span
        if entry.mark_after:
            yield Problem(
                mark,
                f"read mark '{entry.mark}' after the link; put '{wanted}' in front of the title",
                Fix(
                    (
                        _delete_with_space_before(context, entry),
                        Edit(entry.link.span.start, entry.link.span.start, f"{wanted} "),
                    ),
                    True,
                ),
            )
            continue
        meant = repaired(entry.mark)
        gap = context.text[mark.end : entry.link.span.start]
        if meant != wanted:
            yield Problem(
                mark,
                f"read mark '{meant}' is not the configured '{wanted}'",
                Fix.replace(mark.start, entry.link.span.start, f"{wanted} "),
            )
        elif meant == entry.mark and gap != " ":
            yield Problem(
                context.span(mark.end, entry.link.span.start),
                "read mark and link should be separated by exactly one space",
                Fix.replace(mark.end, entry.link.span.start, " "),
            )


def _delete_with_space_before(context: Context, entry: Entry) -> Edit:
    assert entry.mark_span is not None
    start = entry.mark_span.start
    while start > 0 and context.text[start - 1] in " \t":
        start -= 1
    return Edit(start, entry.mark_span.end, "")
