"""``--statistics --output-format json``: the counts per rule as a JSON list of
objects with ``code``, ``name``, ``count`` and ``fixable`` (how many of them)."""

from __future__ import annotations

from collections.abc import Sequence

from mdjournal.reporting.formats.common import Tally, dumps
from mdjournal.reporting.formats.statistics import Row, piece, rows

__all__ = ["piece", "whole"]


def whole(
    pieces: Sequence[list[Row]], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    del tally, color, unsafe_fixes
    return dumps(
        [
            {"code": code, "name": name, "count": count, "fixable": fixed}
            for code, name, count, fixed in rows(pieces)
        ]
    )
