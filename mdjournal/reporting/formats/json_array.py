"""``json``: one JSON list of every finding (see :func:`~mdjournal.reporting.formats.common.finding_data`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from mdjournal.reporting.formats.common import FileFindings, Tally, dumps, finding_data


def piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> list[dict[str, Any]]:
    del color
    return [finding_data(report.path, finding, unsafe_fixes=unsafe_fixes) for finding in report.findings]


def whole(
    pieces: Sequence[list[dict[str, Any]]], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    del tally, color, unsafe_fixes
    return dumps([finding for piece in pieces for finding in piece])
