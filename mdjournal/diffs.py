"""Unified diffs of a post before and after fixing, the way ``git diff`` shows them.

Lines are split like everywhere else in mdjournal (``\\r\\n``, ``\\r`` and ``\\n``
only) and keep their endings, so a diff of a CRLF file shows the CRLF it keeps, and
a file without a final newline gets git's ``\\ No newline at end of file`` marker.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(before: str, after: str, path: str) -> str:
    """The diff from ``before`` to ``after``, or ``""`` when they are equal."""
    if before == after:
        return ""
    return "".join(_lines(difflib.unified_diff(_split(before), _split(after), path, path)))


def _split(text: str) -> list[str]:
    return _LINES.findall(text)


def _lines(diff: Iterator[str]) -> Iterator[str]:
    for line in diff:
        yield line
        if not line.endswith(("\n", "\r")):
            yield "\n" + _NO_NEWLINE
