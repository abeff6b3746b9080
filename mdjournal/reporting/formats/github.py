"""``github``: GitHub Actions workflow commands, one annotation per finding (the default
under GitHub Actions)."""

from __future__ import annotations

from mdjournal.linting.finding import Severity
from mdjournal.reporting.formats.common import FileFindings, printable
from mdjournal.reporting.formats.common import lines_whole as whole

__all__ = ["piece", "whole"]

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    del color
    lines = []
    for finding in report.findings:
        span = finding.span
        properties = ",".join(
            f"{key}={_escape_property(str(value))}"
            for key, value in (
                ("file", report.path),
                ("line", span.line),
                ("col", span.column),
                ("endLine", span.end_line),
                ("endColumn", span.end_column),
                ("title", f"{finding.code} {finding.name}"),
            )
        )
        fix = " [*]" if finding.fixable(unsafe_fixes) else ""
        message = _escape_data(f"{finding.code}{fix} {finding.message}")
        lines.append(f"::{_LEVEL[finding.severity]} {properties}::{message}")
    return "\n".join(lines)


def _escape_data(value: str) -> str:
    """GitHub's own escapes for ``%``, CR and LF, then :func:`printable` for the other
    controls: the runner's log viewer renders ANSI colours."""
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")
