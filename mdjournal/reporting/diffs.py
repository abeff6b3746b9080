"""Unified diffs of a post before and after fixing, the way ``git diff`` shows them.

Lines are split like everywhere else in mdjournal (``\\r\\n``, ``\\r`` and ``\\n``
only) and keep their endings, so a diff of a CRLF file shows the CRLF it keeps, and
a file without a final newline gets git's ``\\ No newline at end of file`` marker.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from mdjournal.text.source import LINE

_NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(before: str, after: str, path: str, context: int = 3) -> str:
    """The diff from ``before`` to ``after``, or ``""`` when they are equal.

    difflib's ``unified_diff`` treats lines that are frequent (the blank lines of a
    post) as junk and then shows unchanged blank lines as removed and added; the
    hunks here come from a matcher without that heuristic, so the diff is as small
    as ``git diff``'s.
    """
    if before == after:
        return ""
    old, new = _split(before), _split(after)
    out = [f"--- {path}\n", f"+++ {path}\n"]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for group in matcher.get_grouped_opcodes(context):
        first, last = group[0], group[-1]
        out.append(f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n")
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                out += (" " + line for line in old[i1:i2])
                continue
            out += ("-" + line for line in old[i1:i2])
            out += ("+" + line for line in new[j1:j2])
    return "".join(_lines(iter(out)))


#: git's colours: headers bold, hunk ranges cyan, removals red, additions green.
_PAINT = (("---", "\x1b[1m"), ("+++", "\x1b[1m"), ("@@", "\x1b[36m"), ("-", "\x1b[31m"), ("+", "\x1b[32m"))


def paint_diff(diff: str) -> str:
    """``diff`` coloured line by line for a terminal, as ``git diff`` colours it (the
    lines of a diff end in ``\\n``; a CR before it stays outside the colour)."""
    lines = diff.split("\n")
    for index, line in enumerate(lines):
        colour = next((code for prefix, code in _PAINT if line.startswith(prefix)), None)
        if colour is not None:
            body = line.removesuffix("\r")
            lines[index] = f"{colour}{body}\x1b[0m{line[len(body) :]}"
    return "\n".join(lines)


def _range(start: int, stop: int) -> str:
    """A hunk range as diff writes it: 1-based start, and the length unless it is 1."""
    length = stop - start
    if length == 1:
        return str(start + 1)
    return f"{start + 1 if length else start},{length}"


def _split(text: str) -> list[str]:
    return LINE.findall(text)


def _lines(diff: Iterator[str]) -> Iterator[str]:
    for line in diff:
        yield line
        if not line.endswith(("\n", "\r")):
            yield "\n" + _NO_NEWLINE
