"""Lint an open document as ``mdjournal lint`` would, and say it as LSP diagnostics.

The config is found as for ``lint`` (``--config`` aside): the nearest
``.mdjournal.toml`` or ``pyproject.toml`` with a ``[tool.mdjournal]`` table, read
once per folder until a config file changes. A document that is not a file (an
unsaved buffer) takes the config of the workspace folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from lsprotocol import types
from lsprotocol.converters import get_converter

from mdjournal.config.settings import Config
from mdjournal.linting.finding import Finding, Severity
from mdjournal.linting.linter import lint
from mdjournal.linting.rules import get
from mdjournal.linting.sections import SectionFindings
from mdjournal.linting.selection import Configs, Settings
from mdjournal.model.nodes import Journal
from mdjournal.server.documents import Document
from mdjournal.server.positions import Positions
from mdjournal.text.source import Source

SOURCE = "mdjournal"
#: The CLI's severities, as LSP has them (SARIF's note is LSP's information).
SEVERITIES = {
    Severity.ERROR: types.DiagnosticSeverity.Error,
    Severity.WARNING: types.DiagnosticSeverity.Warning,
    Severity.INFO: types.DiagnosticSeverity.Information,
}


@dataclass(frozen=True)
class Linted:
    """One lint of a document's text: its model and findings, and the config used."""

    source: Source
    journal: Journal
    findings: list[Finding]
    config: Config
    path: str | None


class Linter:
    """Lints documents with their configs, keeping each document's last lint."""

    def __init__(self, root: str | None = None) -> None:
        self.root = root or os.getcwd()
        self._configs = Configs(Settings())
        self._last: dict[str, Linted] = {}
        self._sections: dict[str, SectionFindings] = {}  # what each document's sections gave

    def reload(self) -> None:
        """Forget every config read (a config file changed) and every lint made with them."""
        self._configs = Configs(Settings())
        self._last.clear()

    def config(self, document: Document) -> Config:
        """The document's config; raises :class:`~mdjournal.config.settings.ConfigError` for one that cannot be used."""
        return self._configs.for_path(document.path or os.path.join(self.root, "untitled.md"))

    def lint(self, document: Document) -> Linted:
        """The document's findings now (reused while its text has not changed)."""
        last = self._last.get(document.uri)
        if last is not None and last.source is document.source:
            return last
        config = self.config(document)
        parsed = document.parsed(**config.parse_options)
        sections = self._sections.setdefault(document.uri, SectionFindings())
        sections.follow(parsed)
        journal = parsed.journal
        findings = lint(journal, config, document.path, local=sections)
        if document.path is not None and config.excluded(document.path):
            findings = []  # lint skips what the config excludes, even when named
        linted = self._last[document.uri] = Linted(document.source, journal, findings, config, document.path)
        return linted

    def forget(self, uri: str) -> None:
        self._last.pop(uri, None)
        self._sections.pop(uri, None)


class Published:
    """``textDocument/publishDiagnostics`` params built as JSON, sent as they are.

    pygls' typed path made four lsprotocol objects per diagnostic, each checking its
    fields, then took them apart again for JSON: 200 ms for the 4,531 diagnostics
    of a 10,000-entry journal, against 15 ms for these dictionaries (in-process,
    2-CPU machine). :func:`mdjournal.server.app.converter` sends them unchanged.
    """

    __slots__ = ("json",)

    def __init__(self, uri: str, version: int | None, diagnostics: list[dict[str, Any]]) -> None:
        self.json: dict[str, Any] = {"uri": uri, "diagnostics": diagnostics}
        if version is not None:
            self.json["version"] = version


def published(uri: str, version: int | None, linted: Linted | None, positions: Positions) -> Published:
    """The diagnostics of ``linted`` (none for None: a config that cannot be used)."""
    found = [diagnostic_json(finding, positions) for finding in linted.findings] if linted is not None else []
    return Published(uri, version, found)


def diagnostic_json(finding: Finding, positions: Positions) -> dict[str, Any]:
    """A finding as an LSP ``Diagnostic``, in JSON."""
    rule = get(finding.code)
    start_line, start_character = positions.line_character(finding.span.start)
    end_line, end_character = positions.line_character(finding.span.end)
    json: dict[str, Any] = {
        "range": {
            "start": {"line": start_line, "character": start_character},
            "end": {"line": end_line, "character": end_character},
        },
        "message": finding.message,
        "severity": SEVERITIES[finding.severity].value,
        "code": finding.code,
        "source": SOURCE,
    }
    if rule is not None:
        json["codeDescription"] = {"href": rule.url}
    return json


def diagnostic(finding: Finding, positions: Positions) -> types.Diagnostic:
    """A finding as an LSP ``Diagnostic`` (for a code action)."""
    diagnostic: types.Diagnostic = get_converter().structure(
        diagnostic_json(finding, positions), types.Diagnostic
    )
    return diagnostic
