"""A suppression comment that suppresses nothing.

Like ruff's RUF100: a comment left behind after the problem was fixed, or written
for a rule that never fires there, hides the next real problem of that rule on its
line (or range, or file) without anyone noticing. Only rules that ran are judged (a
comment for a rule this run did not select may be needed by another), and a comment
naming no rule only when every default rule ran.

Bad::

    <!-- mdjournal-disable-next-line MJ002 -->
    - ✔️ [Adam](https://arxiv.org/abs/1412.6980) (2014)

    Good.

Good::

    <!-- mdjournal-disable-next-line MJ002 -->
    - ✔️ [Notes](https://example.com/notes)

    Good.

Safe fix: remove the comment (a comment alone on its line leaves the line empty:
a fix never removes a line), or the rules it names in vain; the `enable` of an
unused `disable` range is reported and removed with it. No fix for a comment that
also names what is no rule (MJ100 asks you to look), or that is alone on a last
line without a line break. The published page cannot
change: HTML comments are not shown.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Edit, Fix, Problem
from mdjournal.text.source import BREAK

if TYPE_CHECKING:
    from mdjournal.linting.context import Context
    from mdjournal.text.source import Source, Span

CODE = "MJ101"
NAME = "unused-suppression"
DEFAULT = True
FIX = "safe"
ANYWHERE = True
AFTER_SUPPRESSIONS = True
SCOPE = "post"


def check(context: Context) -> Iterator[Problem]:
    suppressions = context.suppressions
    text = context.text
    for directive, names in suppressions.unused(context.ran, context.defaults_ran):
        span = directive.span
        kept = [word for word, _ in directive.names if word not in names]
        fix: Fix | None = None
        if directive.doubtful:
            pass  # it also names what is no rule: MJ100 asks a person to look first
        elif kept:
            comment = f"<!-- mdjournal-{directive.kind} {' '.join(kept)}{_breaks(text, span)} -->"
            fix = Fix((Edit(span.start, span.end, comment),))
        else:
            fix = _removal(context.source, span)
        what = f"of {', '.join(names)} " if names else ""
        yield Problem(
            span,
            f"unused suppression {what}(mdjournal-{directive.kind}): nothing here to suppress; remove it",
            fix,
        )
        closing = suppressions.enable_after(directive) if directive.kind == "disable" and not kept else None
        if closing is not None:
            yield Problem(
                closing.span,
                f"this mdjournal-enable closes an unused mdjournal-disable (line {span.line}); remove both",
                _removal(context.source, closing.span),
            )


def _removal(source: Source, span: Span) -> Fix | None:
    """The fix removing a comment with the spaces around it on its line(s), but not
    its line breaks: a fix never adds or removes a line (a comment alone on its line
    leaves that line empty). None for a comment alone on a last line without a line
    break, which would go with it, and for one between a lone CR and a LF."""
    text = source.text
    start, end = span.start, span.end
    first, last = source.line(span.line), source.line(span.end_line)
    while start > first.start and text[start - 1] in " \t":
        start -= 1
    if start == first.start:
        while end < last.end and text[end] in " \t":
            end += 1
        if end == last.end and not last.ending:
            return None
    breaks = _breaks(text, span)
    if not breaks and text[start - 1 : start] == "\r" and text[end : end + 1] == "\n":
        return None  # '\r' and '\n' would meet and make one line break of two
    return Fix((Edit(start, end, breaks),))


def _breaks(text: str, span: Span) -> str:
    """The line breaks inside a comment, which a fix keeps."""
    return "".join(BREAK.findall(text, span.start, span.end))
