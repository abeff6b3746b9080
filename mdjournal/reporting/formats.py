"""Output formats for findings: text for people, JSON, GitHub annotations, SARIF.

Each format is a :class:`Format`, registered in :data:`FORMATS`, in two steps: the
*piece* of one file (its lines, or its JSON objects), made where the file was
linted (in a worker process, with ``--jobs``, so the parent only joins pieces),
and the *whole* output from every piece and the :class:`Tally` of all files.
:func:`render` does both at once.

Messages quote the post (titles, marks, URLs) and name files, and a post or a file
name can hold control characters: an escape sequence that recolours the terminal,
rewrites its title or moves the cursor over earlier findings, a bell, a carriage
return that hides what precedes it. Nothing from the post reaches a terminal raw:
:func:`printable` escapes those characters in every human-readable line, and JSON is
escaped by :func:`dumps` (which also escapes what ``json`` leaves raw).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import astuple, dataclass
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

import click

from mdjournal.linting.finding import Finding, Severity
from mdjournal.version import __version__


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


def dumps(data: object, *, indent: int | None = 2) -> str:
    """JSON that keeps Unicode readable but holds no raw control character, not even
    the C1 controls and bidirectional overrides ``json.dumps`` leaves as they are
    (``indent=None``: on one line, as JSON Lines wants)."""
    import json  # the text output, the one most runs print, needs none of it

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _JSON_RAW.sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def error_line(message: str) -> str:
    """``mdjournal: error: MESSAGE`` with the message made :func:`printable`: always one line."""
    return f"mdjournal: error: {printable(message)}"


def missing_extra(error: ImportError, package: str, what: str, extra: str) -> str:
    """The error line for a feature whose optional library is not installed;
    ``error`` is raised again when it is about another module."""
    if (error.name or "").partition(".")[0] != package:
        raise error
    return error_line(f"{what} needs {package}: pip install 'mdjournal[{extra}]'")


@dataclass(frozen=True)
class Tally:
    """What the summary line says, counted per file and added up."""

    findings: int = 0
    fixable: int = 0  # with the fixes asked for (safe only, or unsafe too)
    hidden: int = 0  # fixable only with --unsafe-fixes, when those were not asked for
    files_with_findings: int = 0
    checked: int = 0
    unreadable: int = 0

    @classmethod
    def of(cls, report: FileFindings, *, unsafe_fixes: bool = False) -> Tally:
        if report.error is not None:
            return cls(unreadable=1)
        fixable = sum(finding.fixable(unsafe_fixes) for finding in report.findings)
        return cls(
            findings=len(report.findings),
            fixable=fixable,
            hidden=sum(finding.fixable(True) for finding in report.findings) - fixable,
            files_with_findings=int(bool(report.findings)),
            checked=1,
        )

    def __add__(self, other: Tally) -> Tally:
        return Tally(*(mine + theirs for mine, theirs in zip(astuple(self), astuple(other), strict=True)))


def text_piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """``path:line:col: CODE [*] name: message`` per finding of one file."""

    def paint(text: str, **style: Any) -> str:
        return click.style(text, **style) if color else text

    lines = []
    fixable_mark = " " + paint("[*]", fg="cyan")
    codes: dict[str, str] = {}  # each rule's code, painted once
    path = printable(report.path)
    for finding in report.findings:
        span = finding.span
        line, column = span.source.position(span.start)
        where = paint(f"{path}:{line}:{column}:", bold=True)
        mark = fixable_mark if finding.fixable(unsafe_fixes) else ""
        code = codes.get(finding.code) or codes.setdefault(
            finding.code, paint(finding.code, fg="red", bold=True)
        )
        lines.append(f"{where} {code}{mark} {finding.name}: {printable(finding.message)}")
    return "\n".join(lines)


def text_whole(
    pieces: Sequence[str], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    """Every file's lines (:func:`lines_whole`), then a summary."""
    lines = lines_whole(pieces, tally, color=color, unsafe_fixes=unsafe_fixes)
    return "\n".join(filter(None, (lines, summary(tally, unsafe_fixes=unsafe_fixes))))


def summary(tally: Tally, *, unsafe_fixes: bool = False) -> str:
    unreadable = tally.unreadable
    if not tally.findings:
        if unreadable and not tally.checked:
            return (
                "No file could be read."
                if unreadable == 1
                else f"None of the {unreadable} files could be read."
            )
        if unreadable:
            return f"No problems found in the files that could be read; {unreadable} could not be read."
        return "All checks passed!"
    noun = "problem" if tally.findings == 1 else "problems"
    command = "mdjournal fmt --fix --unsafe-fixes" if unsafe_fixes else "mdjournal fmt --fix"
    where = f" in {tally.files_with_findings} of {tally.checked} files" if tally.checked > 1 else ""
    line = f"Found {tally.findings} {noun}{where} ({tally.fixable} fixable with '{command}')."
    if unreadable:
        line += f" {unreadable} file{'s' if unreadable > 1 else ''} could not be read."
    if tally.hidden:
        line += f"\n({tally.hidden} more fixable with the --unsafe-fixes option.)"
    return line


def json_piece(
    report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False
) -> list[dict[str, Any]]:
    """Each finding of one file with its path, 1-based start and (exclusive) end positions."""
    del color
    return [
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
        for finding in report.findings
    ]


def json_whole(
    pieces: Sequence[list[dict[str, Any]]], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    """One JSON list of every file's findings."""
    del tally, color, unsafe_fixes
    return dumps([finding for piece in pieces for finding in piece])


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


def github_piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """GitHub Actions workflow commands: one annotation per finding of one file."""
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
        lines.append(f"::{_GITHUB_LEVEL[finding.severity]} {properties}::{message}")
    return "\n".join(lines)


def lines_whole(
    pieces: Sequence[str], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    """Every file's lines, and nothing more."""
    del tally, color, unsafe_fixes
    return "\n".join(piece for piece in pieces if piece)


def _escape_data(value: str) -> str:
    """GitHub's own escapes for ``%``, CR and LF, then :func:`printable` for the other
    controls: the runner's log viewer renders ANSI colours."""
    return printable(value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_property(value: str) -> str:
    return _escape_data(value).replace(":", "%3A").replace(",", "%2C")


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def sarif_piece(
    report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False
) -> list[dict[str, Any]]:
    """The SARIF results of one file."""
    del color, unsafe_fixes
    from mdjournal.linting.rules import RULES

    index = {rule.code: position for position, rule in enumerate(RULES)}
    return [
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
        for finding in report.findings
    ]


def sarif_whole(
    pieces: Sequence[list[dict[str, Any]]], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    """SARIF 2.1.0, for GitHub code scanning and other viewers: every file's results, and the rules."""
    del tally, color, unsafe_fixes
    from mdjournal.linting.rules import RULES

    results = [result for piece in pieces for result in piece]
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


@dataclass(frozen=True)
class Format:
    """An output format: the piece of one file, and the whole from the pieces in order."""

    piece: Callable[..., Any]
    whole: Callable[..., str]


FORMATS: dict[str, Format] = {
    "text": Format(text_piece, text_whole),
    "json": Format(json_piece, json_whole),
    "github": Format(github_piece, lines_whole),
    "sarif": Format(sarif_piece, sarif_whole),
}


def render(name: str, reports: Reports, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """The whole output of format ``name`` for these files, in one step."""
    output = FORMATS[name]
    pieces = [output.piece(report, color=color, unsafe_fixes=unsafe_fixes) for report in reports]
    tally = sum((Tally.of(report, unsafe_fixes=unsafe_fixes) for report in reports), Tally())
    return output.whole(pieces, tally, color=color, unsafe_fixes=unsafe_fixes)
