"""What the linter produces: problems at exact spans, with optional fixes as edits.

A fix is a set of text edits (replace ``text[start:end]`` with ``replacement``),
ruff-style, never a tree mutation: applying it and parsing again keeps the data
flowing one way. A fix is *safe* when it cannot change what the post means
(repairing mojibake, adding the year its own arXiv id gives); *unsafe* fixes are
applied only on request.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from mdjournal.text.edit import Edit
from mdjournal.text.value import Value, init

if TYPE_CHECKING:
    from mdjournal.text.source import Span

__all__ = ["Edit", "Finding", "Fix", "Problem", "Severity"]


class Severity(str, Enum):
    """How strongly a finding asks for attention; output formats map it to levels."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Fix(Value):
    """Edits that repair one problem; applied together or not at all."""

    __slots__ = _FIELDS = ("edits", "safe")
    edits: tuple[Edit, ...]
    safe: bool

    def __init__(self, edits: tuple[Edit, ...], safe: bool = True) -> None:
        init(self, edits, safe)

    @classmethod
    def replace(cls, start: int, end: int, replacement: str, *, safe: bool = True) -> Fix:
        return cls((Edit(start, end, replacement),), safe)


class Problem(Value):
    """What a rule's ``check`` yields: where, what is wrong and what to do, and a fix."""

    __slots__ = _FIELDS = ("span", "message", "fix")
    span: Span
    message: str
    fix: Fix | None

    def __init__(self, span: Span, message: str, fix: Fix | None = None) -> None:
        init(self, span, message, fix)


class Finding(Value):
    """A problem attributed to its rule, as reported to the user.

    The rule is named by value (yamllint's way), so a finding needs nothing but
    itself to be printed, compared or sent back from a worker process. Its fix is
    not compared: two findings of one problem are equal whatever they would edit.
    """

    __slots__ = _FIELDS = ("code", "name", "severity", "span", "message", "fix")
    _UNCOMPARED = frozenset({"fix"})
    code: str
    """The rule's stable code, ``MJ002``."""
    name: str
    """The rule's name, ``missing-year``."""
    severity: Severity
    """How strongly the rule asks for attention."""
    span: Span
    """Where the problem is: exact offsets, 1-based line and column."""
    message: str
    """What is wrong and what to do, in one sentence."""
    fix: Fix | None
    """The edits that repair it, if a rule can say them."""

    def __init__(
        self, code: str, name: str, severity: Severity, span: Span, message: str, fix: Fix | None = None
    ) -> None:
        init(self, code, name, severity, span, message, fix)

    def fixable(self, unsafe: bool = False) -> bool:
        """Whether ``mdjournal fmt --fix`` (``--unsafe-fixes`` if ``unsafe``) repairs it."""
        return self.fix is not None and (self.fix.safe or unsafe)

    def sort_key(self) -> tuple[int, int, str]:
        return (self.span.line, self.span.column, self.code)
