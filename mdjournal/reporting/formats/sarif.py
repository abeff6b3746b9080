"""``sarif``: SARIF 2.1.0, for GitHub code scanning and other viewers.

Each rule carries its documentation's address (``helpUri``); each result whose fix
applies (a safe one, or an unsafe one with ``--unsafe-fixes``) carries it as SARIF
``fixes``: the regions to replace, in the file's lines and code-point columns.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from mdjournal.linting.finding import Finding, Severity
from mdjournal.reporting.formats.common import FileFindings, Tally, dumps
from mdjournal.version import __version__

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> list[dict[str, Any]]:
    """The SARIF results of one file."""
    del color
    from mdjournal.linting.rules import RULES

    index = {rule.code: position for position, rule in enumerate(RULES)}
    # The path as a relative URI: its bytes percent-encoded, those that are not UTF-8 too (``bad%FF.md``).
    location = {"uri": quote(os.fsencode(PurePath(report.path).as_posix()), safe="/")}
    results = []
    for finding in report.findings:
        result: dict[str, Any] = {
            "ruleId": finding.code,
            "ruleIndex": index[finding.code],
            "level": _LEVEL[finding.severity],
            "message": {"text": finding.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": _region(finding, *finding.span[:2]),
                    }
                }
            ],
        }
        if finding.fix is not None and finding.fixable(unsafe_fixes):
            result["fixes"] = [_fix(finding, location)]
        results.append(result)
    return results


def _region(finding: Finding, start: int, end: int) -> dict[str, int]:
    """The SARIF region of offsets ``start:end`` of the finding's post."""
    source = finding.span.source
    (start_line, start_column), (end_line, end_column) = source.position(start), source.position(end)
    return {
        "startLine": start_line,
        "startColumn": start_column,
        "endLine": end_line,
        "endColumn": end_column,
    }


def _fix(finding: Finding, location: dict[str, str]) -> dict[str, Any]:
    assert finding.fix is not None
    kind = "safe" if finding.fix.safe else "unsafe"
    return {
        "description": {"text": f"{finding.code} {finding.name}: the {kind} fix"},
        "artifactChanges": [
            {
                "artifactLocation": location,
                "replacements": [
                    {
                        "deletedRegion": _region(finding, edit.start, edit.end),
                        "insertedContent": {"text": edit.replacement},
                    }
                    for edit in finding.fix.edits
                ],
            }
        ],
    }


def whole(
    pieces: Sequence[list[dict[str, Any]]], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    """The SARIF log: every file's results, and the rules."""
    del tally, color, unsafe_fixes
    from mdjournal.linting.rules import RULES

    results = [result for piece in pieces for result in piece]
    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.doc},
            "helpUri": rule.url,
            "defaultConfiguration": {"level": _LEVEL[rule.severity], "enabled": rule.default},
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
