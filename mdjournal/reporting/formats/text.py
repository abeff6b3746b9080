"""``text``, the default: ``path:line:col: CODE [*] name: message`` per finding, then a summary."""

from __future__ import annotations

from typing import Any

import click

from mdjournal.reporting.formats.common import FileFindings, printable
from mdjournal.reporting.formats.common import lines_and_summary as whole

__all__ = ["header", "piece", "whole"]


def piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """One line per finding of one file."""
    return "\n".join(header(report, color=color, unsafe_fixes=unsafe_fixes))


def header(
    report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False, name: bool = True
) -> list[str]:
    """``path:line:col: CODE [*] name: message`` for each finding (without the name
    when not ``name``), painted when ``color``."""

    def paint(text: str, **style: Any) -> str:
        return click.style(text, **style) if color else text

    lines = []
    fixable_mark = " " + paint("[*]", fg="cyan")
    codes: dict[str, str] = {}  # each rule's code, painted once
    path = printable(report.path)
    for finding in report.findings:
        line, column = finding.span.source.position(finding.span.start)
        where = paint(f"{path}:{line}:{column}:", bold=True)
        mark = fixable_mark if finding.fixable(unsafe_fixes) else ""
        code = codes.get(finding.code) or codes.setdefault(
            finding.code, paint(finding.code, fg="red", bold=True)
        )
        named = f"{finding.name}: " if name else ""
        lines.append(f"{where} {code}{mark} {named}{printable(finding.message)}")
    return lines
