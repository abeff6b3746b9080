"""``full``: each finding's line, then the line of the post it is on with carets under
it and the fix that would be applied, as ruff's full format; then the summary.

    post.md:57:10: MJ002 [*] missing-year: year missing; arXiv id 2108.12409 says 2021
       |
    57 | - ✔️ [Train Short, Test Long](https://arxiv.org/abs/2108.12409)
       |                                                                ^
       = fix: insert ' (2021)'
"""

from __future__ import annotations

from mdjournal.linting.finding import Edit, Finding
from mdjournal.reporting.formats.common import FileFindings, printable
from mdjournal.reporting.formats.common import lines_and_summary as whole
from mdjournal.reporting.formats.text import header
from mdjournal.text.visible import visible

__all__ = ["piece", "whole"]

#: Longer quotes of the post in a fix are cut to this many characters.
_QUOTE = 60


def piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """Each finding's header line and its snippet, a blank line after each."""
    heads = header(report, color=color, unsafe_fixes=unsafe_fixes)
    return "\n".join(
        f"{head}\n{_snippet(finding)}\n" for head, finding in zip(heads, report.findings, strict=True)
    )


def _snippet(finding: Finding) -> str:
    span = finding.span
    source = span.source
    number = span.line
    line = source.line(number)
    stop = min(span.end, line.end) if span.end > span.start else span.start
    before = _shown(source.text[line.start : span.start])
    marked = _shown(source.text[span.start : stop], len(before))
    gutter = " " * len(str(number))
    rows = [
        f"{gutter} |",
        f"{number} | {_shown(source.text[line.start : line.end])}",
        f"{gutter} | {' ' * _width(before)}{'^' * max(_width(marked), 1)}",
    ]
    if finding.fix is not None:
        kind = "fix" if finding.fix.safe else "unsafe fix (with --unsafe-fixes)"
        rows.append(f"{gutter} = {kind}: {'; '.join(_edit(source.text, edit) for edit in finding.fix.edits)}")
    return "\n".join(rows)


def _shown(text: str, column: int = 0) -> str:
    """``text`` as the snippet shows it: controls and invisible characters escaped, tabs
    as spaces to the next multiple of 4 (counted from ``column``, where ``text`` starts
    on the line)."""
    return visible(printable(" " * column + text)).expandtabs(4)[column:]


def _width(text: str) -> int:
    """How many terminal cells ``text`` takes: two for wide characters (most emoji, CJK),
    none for combining marks and format characters (a variation selector, a joiner)."""
    import unicodedata  # only for this format

    return sum(
        0
        if unicodedata.category(char) in ("Mn", "Me", "Cf")
        else 2
        if unicodedata.east_asian_width(char) in "WF"
        else 1
        for char in text
    )


def _edit(text: str, edit: Edit) -> str:
    """What one edit does, in words: ``insert ' (2021)'``, ``replace 'x' with 'y'``."""
    if edit.start == edit.end:
        return f"insert {_quote(edit.replacement)}"
    old = _quote(text[edit.start : edit.end])
    return f"replace {old} with {_quote(edit.replacement)}" if edit.replacement else f"delete {old}"


def _quote(text: str) -> str:
    if len(text) > _QUOTE:
        text = text[: _QUOTE - 1] + "…"
    return f"'{visible(printable(text))}'"
