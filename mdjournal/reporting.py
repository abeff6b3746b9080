"""Output formats for findings: text for people, JSON, GitHub annotations, SARIF.

Each format is a function from the files' findings to a string, registered in
:data:`FORMATS`; adding one is adding a function.

Messages quote the post (titles, marks, URLs) and name files, and a post or a file
name can hold control characters: an escape sequence that recolours the terminal,
rewrites its title or moves the cursor over earlier findings, a bell, a carriage
return that hides what precedes it. Nothing from the post reaches a terminal raw:
:func:`printable` escapes those characters in every human-readable line, and JSON is
escaped by :func:`dumps` (which also escapes what ``json`` leaves raw).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

import click

from . import __version__
from .findings import Finding, Severity


@dataclass(frozen=True)
class FileFindings:
    """One file's findings, already sorted by position, or why it could not be read."""

    path: str
    findings: Sequence[Finding]
    error: str | None = None


Reports = Sequence[FileFindings]

#: What a terminal acts on besides line breaks and tabs: C0 and C1 controls and DEL,
#: and the bidirectional embeddings, overrides and isolates that make text display in
#: another order than it is stored ("Trojan Source").
_OTHERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(rf"[\n\r{_OTHERS}]")
_CONTROL_KEEPING_LINES = re.compile(rf"\r(?!\n)|[{_OTHERS}]")
_JSON_RAW = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")  # what json.dumps leaves raw


def printable(text: str, *, lines: bool = False) -> str:
    r"""``text`` with every control character escaped as ``\x1b`` or ``\u202e``, safe to print.

    Tabs are kept. With ``lines``, so are line breaks (a diff stays a diff, a CRLF
    line keeps its CR); without, a message is always one line.
    """
    pattern = _CONTROL_KEEPING_LINES if lines else _CONTROL
    if not pattern.search(text):
        return text
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    """As Python's ``repr`` writes it: ``\\n``, ``\\r``, ``\\x1b``, ``\\u202e``."""
    char = match[0]
    code = ord(char)
    if char in "\r\n":
        return "\\r" if char == "\r" else "\\n"
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def dumps(data: object) -> str:
    """JSON that keeps Unicode readable but holds no raw control character, not even
    the C1 controls and bidirectional overrides ``json.dumps`` leaves as they are."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def error_line(message: str) -> str:
    """``mdjournal: error: MESSAGE`` with the message made :func:`printable`: always one line."""
    return f"mdjournal: error: {printable(message)}"


def text(reports: Reports, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """``path:line:col: CODE [*] name: message`` per finding, then a summary."""

    def paint(text: str, **style: Any) -> str:
        return click.style(text, **style) if color else text

    lines = []
    fixable_mark = " " + paint("[*]", fg="cyan")
    codes: dict[str, str] = {}  # each rule's code, painted once
    for report in reports:
        path = printable(report.path)
        for finding in report.findings:
            span, rule = finding.span, finding.rule
            line, column = span.source.position(span.start)
            where = paint(f"{path}:{line}:{column}:", bold=True)
            mark = fixable_mark if finding.fixable(unsafe_fixes) else ""
            code = codes.get(rule.code) or codes.setdefault(rule.code, paint(rule.code, fg="red", bold=True))
            lines.append(f"{where} {code}{mark} {rule.name}: {printable(finding.message)}")
    lines.append(summary(reports, unsafe_fixes=unsafe_fixes))
    return "\n".join(lines)


def summary(reports: Reports, *, unsafe_fixes: bool = False) -> str:
    findings = [finding for report in reports for finding in report.findings]
    unreadable = sum(report.error is not None for report in reports)
    if not findings:
        if unreadable:
            return f"No problems found in the files that could be read; {unreadable} could not be read."
        return "All checks passed!"
    fixable = sum(finding.fixable(unsafe_fixes) for finding in findings)
    hidden = sum(finding.fixable(True) for finding in findings) - fixable
    noun = "problem" if len(findings) == 1 else "problems"
    command = "mdjournal fmt --fix --unsafe-fixes" if unsafe_fixes else "mdjournal fmt --fix"
    where = ""
    checked = sum(report.error is None for report in reports)
    if checked > 1:
        where = f" in {sum(bool(report.findings) for report in reports)} of {checked} files"
    line = f"Found {len(findings)} {noun}{where} ({fixable} fixable with '{command}')."
    if unreadable:
        line += f" {unreadable} file{'s' if unreadable > 1 else ''} could not be read."
    if hidden:
        line += f"\n({hidden} more fixable with the --unsafe-fixes option.)"
    return line


def as_json(reports: Reports, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """A list of findings with their path, 1-based start and (exclusive) end positions."""
    del color
    return dumps(
        [
            {
                "path": report.path,
                "line": finding.span.line,
                "column": finding.span.column,
                "end_line": finding.span.end_line,
                "end_column": finding.span.end_column,
                "code": finding.code,
                "name": finding.name,
                "severity": finding.severity.value,
                "message": finding.message,
                "fixable": finding.fixable(unsafe_fixes),
                "fix": _fix_data(finding),
            }
            for report in reports
            for finding in report.findings
        ]
    )


def _fix_data(finding: Finding) -> dict[str, object] | None:
    if finding.fix is None:
        return None
    return {
        "applicability": "safe" if finding.fix.safe else "unsafe",
        "edits": [
            {"start": edit.start, "end": edit.end, "content": edit.replacement} for edit in finding.fix.edits
        ],
    }


_GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def github(reports: Reports, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """GitHub Actions workflow commands: one annotation per finding."""
    del color
    lines = []
    for report in reports:
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
            lines.append(f"::{_GITHUB_LEVEL[finding.severity]} {properties}::{message}")
    return "\n".join(lines)


def _escape_data(value: str) -> str:
    """GitHub's own escapes for ``%``, CR and LF, then :func:`printable` for the other
    controls: the runner's log viewer renders ANSI colours."""
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif(reports: Reports, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """SARIF 2.1.0, for GitHub code scanning and other viewers."""
    del color, unsafe_fixes
    from .rules import RULES

    index = {rule.code: position for position, rule in enumerate(RULES)}
    results = [
        {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _SARIF_LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": quote(PurePath(report.path).as_posix(), safe="/")},
                        "region": {
                            "startLine": finding.span.line,
                            "startColumn": finding.span.column,
                            "endLine": finding.span.end_line,
                            "endColumn": finding.span.end_column,
                        },
                    }
                }
            ],
        }
        for report in reports
        for finding in report.findings
    ]
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity], "enabled": rule.default},
            "properties": {"fixable": rule.fix or "no"},
        }
        for rule in RULES
    ]
    log = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {"driver": {"name": "mdjournal", "version": __version__, "rules": rules}},
                "columnKind": "unicodeCodePoints",
                "results": results,
            }
        ],
    }
    return dumps(log)


FORMATS: dict[str, Callable[..., str]] = {"text": text, "json": as_json, "github": github, "sarif": sarif}
