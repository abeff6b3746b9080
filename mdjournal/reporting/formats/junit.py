"""``junit``: JUnit XML, which CI systems (GitLab, Jenkins, Azure) show as test results.

Each file is a ``testsuite``; each finding a failed ``testcase`` named by its rule,
with its line; a file without findings one passing ``testcase``. Files that could
not be read are counted as ``errors``. Text from the post goes through
:func:`~mdjournal.reporting.formats.common.printable`, so the XML holds no control
character XML 1.0 forbids.
"""

from __future__ import annotations

from collections.abc import Sequence

from mdjournal.reporting.formats.common import FileFindings, Tally, printable


def piece(report: FileFindings, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    """One ``testsuite`` element, as XML text (text pickles, for ``--jobs``)."""
    del color, unsafe_fixes
    from xml.etree.ElementTree import Element, SubElement, tostring

    path = printable(report.path)
    failures = len(report.findings)
    suite = Element("testsuite", name=path, tests=str(max(failures, 1)), failures=str(failures), errors="0")
    for finding in report.findings:
        span = finding.span
        case = SubElement(
            suite,
            "testcase",
            name=f"{finding.code} {finding.name}",
            classname=path,
            file=path,
            line=str(span.line),
        )
        message = printable(finding.message)
        failure = SubElement(case, "failure", message=message, type=finding.code)
        failure.text = f"{path}:{span.line}:{span.column}: {finding.code} {message}"
    if not failures:
        SubElement(suite, "testcase", name="mdjournal", classname=path, file=path)
    return tostring(suite, encoding="unicode")


def whole(pieces: Sequence[str], tally: Tally, *, color: bool = False, unsafe_fixes: bool = False) -> str:
    del color, unsafe_fixes
    tests = tally.findings + tally.checked - tally.files_with_findings
    head = f'<testsuites name="mdjournal" tests="{tests}" failures="{tally.findings}" errors="{tally.unreadable}">'
    return "\n".join(['<?xml version="1.0" encoding="UTF-8"?>', head, *pieces, "</testsuites>"])
