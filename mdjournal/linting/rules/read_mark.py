"""A read mark that is not the configured one, or is not in front of the link.

One mark, written one way, keeps the list consistent and greppable. The default
mark is `✔️` (U+2714 with VARIATION SELECTOR-16, so it shows as an emoji
everywhere); `✔` without the selector, `✓`, `✅`, `☑️` and `[x]` are
flagged, as is a mark after the link, glued to what follows it, or followed by other
white space than one space.
Configure another mark with `read-mark` in the config. A mark damaged by a
wrong decode is MJ001's to report.

Bad::

    - ✅ [Adam: A Method for Stochastic Optimization](https://arxiv.org/abs/1412.6980) (2014)
    - [Layer Normalization](https://arxiv.org/abs/1607.06450) (2016) ✔️
    - ✔️[Dropout](https://jmlr.org/papers/v15/srivastava14a.html) (2014)

Good::

    - ✔️ [Adam: A Method for Stochastic Optimization](https://arxiv.org/abs/1412.6980) (2014)
    - ✔️ [Layer Normalization](https://arxiv.org/abs/1607.06450) (2016)
    - ✔️ [Dropout](https://jmlr.org/papers/v15/srivastava14a.html) (2014)

Fix (safe): writes the configured mark, followed by one space, in front of the link.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Edit, Fix, Problem
from mdjournal.model.read_marks import UNREAD_BOX, repaired

if TYPE_CHECKING:
    from mdjournal.linting.context import Context
    from mdjournal.model.nodes import Entry

CODE = "MJ008"
NAME = "read-mark"
DEFAULT = True
FIX = "safe"
SECTION_LOCAL = True


def check(context: Context) -> Iterator[Problem]:
    wanted = context.config.read_mark
    text = context.text
    for entry in context.journal.entries:
        if not entry.read or entry.mark is None or entry.mark_span is None:
            continue
        mark = entry.mark_span
        if entry.mark_after:
            yield _misplaced(context, entry, wanted)
            continue
        meant = repaired(entry.mark)
        if meant != wanted:
            yield Problem(
                mark,
                f"read mark '{meant}' is not the configured '{wanted}'",
                Fix.replace(mark.start, mark.end, wanted),
            )
        space_end = mark.end
        while text[space_end : space_end + 1].isspace() and text[space_end] not in "\r\n":
            space_end += 1
        at_line_end = text[space_end : space_end + 1] in ("", "\r", "\n")
        if space_end == mark.end and not at_line_end:  # glued: point at the mark, not at nothing
            yield Problem(
                mark,
                f"read mark '{entry.mark}' is glued to what follows; put a space after it",
                Fix.replace(mark.end, mark.end, " "),
            )
        elif text[mark.end : space_end] != " " and not at_line_end:
            yield Problem(
                context.span(mark.end, space_end),
                "a read mark should be followed by exactly one space",
                Fix.replace(mark.end, space_end, " "),
            )


def _misplaced(context: Context, entry: Entry, wanted: str) -> Problem:
    """A read mark after the link: move it in front, unless the entry also says unread."""
    assert entry.mark_span is not None
    lead = context.text[entry.lead_span.start : entry.lead_span.end].strip()
    if lead == UNREAD_BOX:
        return Problem(
            entry.mark_span,
            f"'{UNREAD_BOX}' says unread but '{entry.mark}' after the link says read; keep one",
        )
    start = entry.mark_span.start
    while start > entry.link.span.end and context.text[start - 1] in " \t":
        start -= 1
    return Problem(
        entry.mark_span,
        f"read mark '{entry.mark}' after the link; put '{wanted}' in front of the title",
        Fix(
            (
                Edit(start, entry.mark_span.end, ""),
                Edit(entry.lead_span.start, entry.lead_span.start, f"{wanted} "),
            ),
            True,
        ),
    )
