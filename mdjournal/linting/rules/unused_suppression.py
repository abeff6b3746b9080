"""A suppression comment that suppresses nothing.

Like ruff's RUF100: a comment left behind after the problem was fixed, or written
for a rule that never fires there, hides the next real problem of that rule on its
line (or range, or file) without anyone noticing. Only rules that ran are judged (a
comment for a rule this run did not select may be needed by another), and a comment
naming no rule only when every default rule ran. The `enable` closing a `disable`
range is removed with it.

Bad::

    <!-- mdjournal-disable-next-line MJ002 -->
    - ✔️ [Adam](https://arxiv.org/abs/1412.6980) (2014)

    Good.

Good::

    <!-- mdjournal-disable-next-line MJ002 -->
    - ✔️ [Notes](https://example.com/notes)

    Good.

Safe fix: remove the comment (its line, if it is alone on it), or the rules it
names in vain: the published page cannot change, HTML comments are not shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Edit, Fix, Problem

if TYPE_CHECKING:
    from mdjournal.linting.context import Context
    from mdjournal.text.source import Source, Span

CODE = "MJ101"
NAME = "unused-suppression"
DEFAULT = True
FIX = "safe"
ANYWHERE = True
AFTER_SUPPRESSIONS = True


def check(context: Context) -> Iterator[Problem]:
    suppressions = context.suppressions
    for directive, names in suppressions.unused(context.ran, context.defaults_ran):
        kept = [word for word, _ in directive.names if word not in names]
        edits: tuple[Edit, ...]
        if kept:
            comment = f"<!-- mdjournal-{directive.kind} {' '.join(kept)} -->"
            edits = (Edit(directive.span.start, directive.span.end, comment),)
        else:
            closing = suppressions.enable_after(directive) if directive.kind == "disable" else None
            edits = tuple(
                edit
                for one in (directive, closing)
                if one is not None
                for edit in _removal(context.source, one.span)
            )
        what = f"of {', '.join(names)} " if names else ""
        yield Problem(
            directive.span,
            f"unused suppression {what}(mdjournal-{directive.kind}): nothing here to suppress; remove it",
            Fix(edits),
        )


def _removal(source: Source, span: Span) -> tuple[Edit, ...]:
    """Edits removing a comment: with its lines when it is alone on them (and a blank
    line after it when one is before it too, so no double blank line is left), else
    with the spaces before it."""
    text = source.text
    first, last = source.line(span.line), source.line(span.end_line)
    if text[first.start : span.start].strip(" \t") or text[span.end : last.end].strip(" \t"):
        start = span.start
        while start > first.start and text[start - 1] in " \t":
            start -= 1
        return (Edit(start, span.end, ""),)
    stop = last.stop
    blank_before = first.number == 1 or source.is_blank(first.number - 1)
    if blank_before and last.number < source.line_count and source.is_blank(last.number + 1):
        stop = source.line(last.number + 1).stop
    return (Edit(first.start, stop, ""),)
