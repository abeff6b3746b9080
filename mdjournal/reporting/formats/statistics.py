"""``--statistics``: how many findings each rule made, most first, with ``[*]`` for the
rules whose findings ``mdjournal fmt --fix`` repairs, as ruff's ``--statistics``.

    25	MJ001	[*] mojibake
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from mdjournal.reporting.formats.common import FileFindings, Tally

#: A rule's findings: (code, name, how many, how many fixable).
Row = tuple[str, str, int, int]


def piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> list[Row]:
    """One file's counts per rule."""
    del color
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[tuple[str, str]] = Counter()
    for finding in report.findings:
        counts[finding.code, finding.name] += 1
        fixable[finding.code, finding.name] += finding.fixable(unsafe_fixes)
    return [(code, name, count, fixable[code, name]) for (code, name), count in counts.items()]


def rows(pieces: Sequence[list[Row]]) -> list[Row]:
    """Every file's counts added up per rule, the most frequent rule first (then by code)."""
    counts: Counter[tuple[str, str]] = Counter()
    fixable: Counter[tuple[str, str]] = Counter()
    for piece in pieces:
        for code, name, count, fixed in piece:
            counts[code, name] += count
            fixable[code, name] += fixed
    return sorted(
        ((code, name, count, fixable[code, name]) for (code, name), count in counts.items()),
        key=lambda row: (-row[2], row[0]),
    )


def whole(
    pieces: Sequence[list[Row]], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    """A line per rule: count, code, ``[*]`` when all of its findings are fixable, name."""
    del tally, color, unsafe_fixes
    table = rows(pieces)
    width = max((len(str(count)) for _, _, count, _ in table), default=1)
    return "\n".join(
        f"{count:>{width}}\t{code}\t{'[*]' if fixed == count else '[-]' if fixed else '   '} {name}"
        for code, name, count, fixed in table
    )
