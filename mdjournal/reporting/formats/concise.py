"""``concise``: ``path:line:col: CODE [*] message`` per finding, as ruff's concise format
(the text format without the rule's name), then the summary."""

from __future__ import annotations

from mdjournal.reporting.formats.common import FileFindings
from mdjournal.reporting.formats.common import lines_and_summary as whole
from mdjournal.reporting.formats.text import header

__all__ = ["piece", "whole"]


def piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    return "\n".join(header(report, color=color, unsafe_fixes=unsafe_fixes, name=False))
