"""What every output format shares: one file's findings, the counts, safe text and JSON.

Messages quote the post (titles, marks, URLs) and name files, and a post or a file
name can hold control characters: an escape sequence that recolours the terminal,
rewrites its title or moves the cursor over earlier findings, a bell, a carriage
return that hides what precedes it. Nothing from the post reaches a terminal raw:
:func:`printable` escapes those characters in every human-readable line, and JSON is
escaped by :func:`dumps` (which also escapes what ``json`` leaves raw).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any, NamedTuple

from mdjournal.linting.finding import Finding, Severity
from mdjournal.text.patterns import lazy
from mdjournal.text.value import Value, init


class FileFindings(NamedTuple):
    """One file's findings, already sorted by position, or why it could not be read."""

    path: str
    findings: Sequence[Finding]
    error: str | None = None


Reports = Sequence[FileFindings]

#: What a terminal acts on besides line breaks and tabs: C0 and C1 controls and DEL,
#: and the bidirectional embeddings, overrides and isolates that make text display in
#: another order than it is stored ("Trojan Source").
#: Lone surrogates (a file name's bytes that are not UTF-8, as Python decodes them) are
#: escaped too: they cannot be written as UTF-8 at all.
_OTHERS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff"
_CONTROL = re.compile(rf"[\n\r{_OTHERS}]")
_control_keeping_lines = lazy(rf"\r(?!\n)|[{_OTHERS}]")  # the diff on a terminal only
#: What json.dumps leaves raw (with ``ensure_ascii=False``), lone surrogates included.
_json_raw = lazy(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def printable(text: str, *, lines: bool = False) -> str:
    r"""``text`` with every control character escaped as ``\x1b`` or ``\u202e``, safe to print.

    A byte of a file name that is not UTF-8 (``bad\xff.md``, which Python holds as
    the lone surrogate U+DCFF) is shown as that byte, ``\xff``.

    Tabs are kept. With ``lines``, so are line breaks (a diff stays a diff, a CRLF
    line keeps its CR); without, a message is always one line.
    """
    pattern = _control_keeping_lines() if lines else _CONTROL
    if not pattern.search(text):
        return text
    return pattern.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    """As Python's ``repr`` writes it: ``\\n``, ``\\r``, ``\\x1b``, ``\\u202e``."""
    char = match[0]
    code = ord(char)
    if char in "\r\n":
        return "\\r" if char == "\r" else "\\n"
    if 0xDC80 <= code <= 0xDCFF:
        code -= 0xDC00
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def dumps(data: object, *, indent: int | None = 2) -> str:
    """JSON that keeps Unicode readable but holds no raw control character, not even
    the C1 controls and bidirectional overrides ``json.dumps`` leaves as they are.
    (``indent=None``: on one line, as JSON Lines wants)."""
    import json  # the text output, the one most runs print, needs none of it

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return _json_raw().sub(lambda match: f"\\u{ord(match[0]):04x}", text)


def error_line(message: str) -> str:
    """``mdjournal: error: MESSAGE`` with the message made :func:`printable`: always one line."""
    return f"mdjournal: error: {printable(message)}"


def missing_extra(error: ImportError, package: str, what: str, extra: str) -> str:
    """The error line for a feature whose optional library is not installed;
    ``error`` is raised again when it is about another module."""
    if (error.name or "").partition(".")[0] != package:
        raise error
    return error_line(f"{what} needs {package}: pip install 'mdjournal[{extra}]'")


class Tally(Value):
    """What the summary line says, counted per file and added up."""

    __slots__ = _FIELDS = (
        "findings",
        "fixable",
        "hidden",
        "files_with_findings",
        "checked",
        "unreadable",
        "hints",
    )
    findings: int
    fixable: int  # with the fixes asked for (safe only, or unsafe too)
    hidden: int  # fixable only with --unsafe-fixes, when those were not asked for
    files_with_findings: int
    checked: int
    unreadable: int
    hints: int  # findings of severity info: shown, but they fail nothing

    def __init__(
        self,
        findings: int = 0,
        fixable: int = 0,
        hidden: int = 0,
        files_with_findings: int = 0,
        checked: int = 0,
        unreadable: int = 0,
        hints: int = 0,
    ) -> None:
        init(self, findings, fixable, hidden, files_with_findings, checked, unreadable, hints)

    @property
    def failing(self) -> int:
        """Findings that make ``lint`` exit 1: all but hints."""
        return self.findings - self.hints

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
            hints=sum(finding.severity is Severity.INFO for finding in report.findings),
        )

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            *(mine + theirs for mine, theirs in zip(self._compared(), other._compared(), strict=True))
        )


def summary(tally: Tally, *, unsafe_fixes: bool = False) -> str:
    """The last line(s) of the human-readable formats: ``Found 53 problems (47 fixable ...)``."""
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


def lines_whole(
    pieces: Sequence[str], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    """Every file's lines, and nothing more: the whole of a format printed line by line."""
    del tally, color, unsafe_fixes
    return "\n".join(piece for piece in pieces if piece)


def lines_and_summary(
    pieces: Sequence[str], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    """Every file's lines (:func:`lines_whole`), then the :func:`summary`."""
    lines = lines_whole(pieces, tally, color=color, unsafe_fixes=unsafe_fixes)
    return "\n".join(filter(None, (lines, summary(tally, unsafe_fixes=unsafe_fixes))))


def finding_data(path: str, finding: Finding, *, unsafe_fixes: bool = False) -> dict[str, Any]:
    """One finding as the JSON formats give it: its path, 1-based start and (exclusive)
    end positions, rule, message and fix."""
    return {
        "path": path,
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


def _fix_data(finding: Finding) -> dict[str, object] | None:
    if finding.fix is None:
        return None
    return {
        "applicability": "safe" if finding.fix.safe else "unsafe",
        "edits": [
            {"start": edit.start, "end": edit.end, "content": edit.replacement} for edit in finding.fix.edits
        ],
    }
