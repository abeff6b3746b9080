"""Lint an open document as ``mdjournal lint`` would, and say it as LSP diagnostics.

The config is found as for ``lint`` (``--config`` aside): the nearest
``.mdjournal.toml`` or ``pyproject.toml`` with a ``[tool.mdjournal]`` table, read
once per folder until a config file changes. A document that is not a file (an
unsaved buffer) takes the config of the workspace folder.
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from lsprotocol import types

from mdjournal.config.settings import Config
from mdjournal.linting.finding import Finding, Severity
from mdjournal.linting.linter import lint_text
from mdjournal.linting.rules import get
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
        journal, findings = lint_text(document.text, config, document.path, blocks=document.blocks())
        if document.path is not None and config.excluded(document.path):
            findings = []  # lint skips what the config excludes, even when named
        linted = self._last[document.uri] = Linted(document.source, journal, findings, config, document.path)
        return linted

    def forget(self, uri: str) -> None:
        self._last.pop(uri, None)


def diagnostics(linted: Linted, positions: Positions) -> list[types.Diagnostic]:
    return [diagnostic(finding, positions) for finding in linted.findings]


def diagnostic(finding: Finding, positions: Positions) -> types.Diagnostic:
    rule = get(finding.code)
    return types.Diagnostic(
        range=positions.range(finding.span.start, finding.span.end),
        message=finding.message,
        severity=SEVERITIES[finding.severity],
        code=finding.code,
        code_description=types.CodeDescription(href=rule.url) if rule is not None else None,
        source=SOURCE,
    )
