"""``gitlab``: GitLab's code-quality report, a JSON list of issues with ``description``,
``check_name``, ``fingerprint``, ``severity`` and ``location`` (``path``, ``lines``).

The fingerprint is what GitLab compares between the branch and its target to say
which issues are new: it is made of the path, the rule, the text of the line the
finding is on and how many times the same came before it in the file, not of the
line's number (some messages quote one), so a finding keeps its fingerprint when
lines above it are added or removed, and gets a new one when its line is edited.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import PurePath
from typing import Any

from mdjournal.linting.finding import Severity
from mdjournal.reporting.formats.common import FileFindings, Tally, dumps

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> list[dict[str, Any]]:
    del color, unsafe_fixes
    import hashlib  # only for this format

    path = PurePath(report.path).as_posix()
    seen: Counter[tuple[str, str]] = Counter()
    issues = []
    for finding in report.findings:
        key = (finding.code, finding.span.source.line_text(finding.span.line))
        seen[key] += 1
        identity = "\0".join((path, *key, str(seen[key])))
        issues.append(
            {
                "type": "issue",
                "description": f"{finding.code} {finding.name}: {finding.message}",
                "check_name": finding.code,
                "fingerprint": hashlib.sha256(identity.encode("utf-8", "surrogateescape")).hexdigest(),
                "severity": _SEVERITY[finding.severity],
                "location": {
                    "path": path,
                    "lines": {"begin": finding.span.line, "end": finding.span.end_line},
                },
            }
        )
    return issues


def whole(
    pieces: Sequence[list[dict[str, Any]]], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False
) -> str:
    del tally, color, unsafe_fixes
    return dumps([issue for piece in pieces for issue in piece])
