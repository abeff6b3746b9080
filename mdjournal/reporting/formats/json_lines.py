"""``json-lines``: one JSON object per line and finding, the keys of ``json``; a log
collector or ``jq`` can read it as it comes."""

from __future__ import annotations

from mdjournal.reporting.formats.common import FileFindings, dumps, finding_data
from mdjournal.reporting.formats.common import lines_whole as whole

__all__ = ["piece", "whole"]


def piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    del color
    return "\n".join(
        dumps(finding_data(report.path, finding, unsafe_fixes=unsafe_fixes), indent=None)
        for finding in report.findings
    )
