"""What a rule is: a module with a code, a name, a docstring and a ``check``.

Each rule is one module of :mod:`mdjournal.linting.rules`, yamllint-style; its
docstring is its documentation (``mdjournal rules CODE``, ``docs/rules.md``), with
a bad and a good example that the tests run. :class:`RuleModule` says what such a
module holds; :class:`Rule` is the same as a value the linter and the commands use.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol, cast

from mdjournal.linting.finding import Problem, Severity

if TYPE_CHECKING:
    from mdjournal.linting.context import Context

#: Where each rule's documentation lives; its anchor is the rule's code in lower case.
DOCS_URL = "https://github.com/mdjournal/mdjournal/blob/main/docs/rules.md"


class RuleModule(Protocol):
    """A rule module: the extension point for new rules.

    ``SEVERITY`` (default warning), ``ANYWHERE`` (default False: the linter drops
    what a rule reports inside front matter, code and comments), ``SCOPE``
    (default ``"journal"``: the rule runs only on posts that are reading journals;
    ``"post"``: on any Markdown post), ``AFTER_SUPPRESSIONS`` (default False; see
    :attr:`Rule.after_suppressions`) and ``SECTION_LOCAL`` (default False; see
    :attr:`Rule.section_local`) are optional.
    """

    @property
    def CODE(self) -> str:
        """A stable code, ``MJ`` and three digits."""

    @property
    def NAME(self) -> str:
        """A kebab-case name, accepted wherever a code is."""

    @property
    def DEFAULT(self) -> bool:
        """Whether the rule runs unless a config selects otherwise."""

    @property
    def FIX(self) -> str | None:
        """What kind of fix the rule offers: ``"safe"``, ``"unsafe"`` or None."""

    def check(self, context: Context) -> Iterator[Problem]:
        """Every problem of this kind in the post."""
        ...


@dataclass(frozen=True)
class Rule:
    """A rule as the linter and the commands see it."""

    code: str
    """A stable code, ``MJ002``."""
    name: str
    """A kebab-case name, ``missing-year``."""
    default: bool
    """Runs unless a config selects otherwise."""
    fix: str | None
    """``"safe"``, ``"unsafe"`` or None."""
    severity: Severity
    """How strongly its findings ask for attention."""
    anywhere: bool
    """May report inside front matter, code and comments."""
    scope: str
    """``"journal"``: runs only on reading journals; ``"post"``: on any post."""
    doc: str
    """Its documentation: a summary line, then what it checks, with examples."""
    check: Callable[[Context], Iterator[Problem]]
    """Yields the problems it finds in a post."""
    after_suppressions: bool = False
    """Runs after the other rules and the suppression comments, and may fix those comments
    (the rule about unused ones): it needs to know what each comment suppressed."""
    section_local: bool = False
    """What it reports in a section of the body (a category, or the text before, between
    or after them) depends on that section alone, wherever it lies, and its messages
    name no line: the editor server reuses those findings, moved, for the sections a
    change did not touch (:mod:`mdjournal.linting.sections`)."""

    @property
    def summary(self) -> str:
        """The first line of the rule's documentation."""
        return self.doc.split("\n", 1)[0]

    @property
    def anchor(self) -> str:
        """The rule's stable anchor in ``docs/rules.md``."""
        return self.code.lower()

    @property
    def url(self) -> str:
        """Where the rule's documentation is read on the web."""
        return f"{DOCS_URL}#{self.anchor}"

    @classmethod
    def from_module(cls, module: RuleModule) -> Rule:
        return cls(
            code=module.CODE,
            name=module.NAME,
            default=module.DEFAULT,
            fix=module.FIX,
            severity=cast(Severity, getattr(module, "SEVERITY", Severity.WARNING)),
            anywhere=cast(bool, getattr(module, "ANYWHERE", False)),
            scope=cast(str, getattr(module, "SCOPE", "journal")),
            doc=inspect.cleandoc(module.__doc__ or ""),
            check=module.check,
            after_suppressions=cast(bool, getattr(module, "AFTER_SUPPRESSIONS", False)),
            section_local=cast(bool, getattr(module, "SECTION_LOCAL", False)),
        )
