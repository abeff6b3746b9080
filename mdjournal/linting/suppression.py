"""Inline suppression comments, invisible once Jekyll renders the post.

    <!-- mdjournal-disable MJ005 -->  ...  <!-- mdjournal-enable MJ005 -->
    <!-- mdjournal-disable-next-line MJ002 -->
    <!-- mdjournal-disable-line missing-year -->
    <!-- mdjournal-disable-file -->

Rules are named by code or name, separated by spaces or commas; with none, the
directive applies to every rule. Only real HTML comments count (not ones shown in
a code block). A directive or rule that does not exist is reported as MJ100 rather
than silently suppressing nothing; a directive that suppresses nothing is reported
as MJ101 (the linter records which directive suppressed each finding); neither
MJ100 nor MJ101 can be suppressed this way.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, NamedTuple

from mdjournal.linting.finding import Problem
from mdjournal.text.patterns import lazy

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Iterator, Mapping

    from mdjournal.linting.finding import Finding
    from mdjournal.text.source import Source, Span

ALL = "*"
#: Rules about the comments themselves, which no comment can suppress.
UNSUPPRESSIBLE = frozenset({"MJ100", "MJ101"})
_directive = lazy(r"<!--\s*mdjournal-(?P<kind>[\w-]*)(?P<args>.*?)-->", re.DOTALL | re.IGNORECASE)
_KINDS = ("disable", "enable", "disable-next-line", "disable-line", "disable-file")


class Directive(NamedTuple):
    """One suppression comment: where it is, what it does, and the rules it names."""

    span: Span
    """The whole comment."""
    kind: str
    """One of ``disable``, ``enable``, ``disable-next-line``, ``disable-line``, ``disable-file``."""
    codes: frozenset[str]
    """The codes of the rules it names, or ``{ALL}`` for every rule."""
    names: tuple[tuple[str, str], ...] = ()
    """Each rule it names as written, with its code."""
    doubtful: bool = False
    """Whether it also names what is not a rule it can suppress (reported as MJ100)."""


class Suppressions:
    """The directives of one post, the problems found in them, and which of them
    suppressed something (what :meth:`suppress` recorded)."""

    def __init__(self) -> None:
        self.directives: list[Directive] = []
        self.problems: list[Problem] = []
        self.file: list[Directive] = []
        self.lines: dict[int, list[Directive]] = {}
        self.events: list[Directive] = []  # disable and enable, in order
        self.used: set[tuple[int, str]] = set()  # (directive's start, code or ALL)

    @classmethod
    def read(
        cls, source: Source, comments: Iterable[tuple[int, int]], rule_keys: Mapping[str, str]
    ) -> Suppressions:
        """The directives among ``comments`` (offset ranges of the HTML comments of
        ``source``); ``rule_keys`` maps each rule's code and name to its code."""
        result = cls()
        for start, end in comments:
            match = _directive().match(source.text, start, end)
            if match is None:
                continue
            span = source.span(match.start(), match.end())
            kind = match.group("kind").lower()
            if kind not in _KINDS:
                hint = _closest(kind, _KINDS)
                suggestion = f"; did you mean 'mdjournal-{hint}'?" if hint else ""
                result.problems.append(Problem(span, f"unknown directive 'mdjournal-{kind}'{suggestion}"))
                continue
            names: list[tuple[str, str]] = []
            problems = len(result.problems)
            for word in re.split(r"[\s,]+", match.group("args").strip()):
                if not word:
                    continue
                code = rule_keys.get(word) or rule_keys.get(word.upper())
                if code is None:
                    result.problems.append(
                        Problem(span, f"unknown rule '{word}' in mdjournal-{kind}{_suggest(word, rule_keys)}")
                    )
                elif code in UNSUPPRESSIBLE:
                    message = f"{word} cannot be suppressed by a comment; ignore it in the config"
                    result.problems.append(Problem(span, message))
                else:
                    names.append((word, code))
            if not names and match.group("args").strip():
                continue  # every named rule was unknown: suppress nothing
            codes = frozenset(code for _, code in names) or frozenset({ALL})
            result._add(Directive(span, kind, codes, tuple(names), len(result.problems) > problems))
        return result

    def _add(self, directive: Directive) -> None:
        self.directives.append(directive)
        span = directive.span
        if directive.kind == "disable-file":
            self.file.append(directive)
        elif directive.kind == "disable-line":
            self.lines.setdefault(span.line, []).append(directive)
        elif directive.kind == "disable-next-line":
            self.lines.setdefault(span.end_line + 1, []).append(directive)
        else:
            self.events.append(directive)

    def suppress(self, finding: Finding) -> bool:
        """Whether a directive suppresses ``finding`` (by the line it starts on); the
        directive that does is recorded as used."""
        code, line = finding.code, finding.span.line
        if code in UNSUPPRESSIBLE:
            return False
        directive = next(
            (one for one in (*self.file, *self.lines.get(line, ())) if ALL in one.codes or code in one.codes),
            None,
        ) or self._disabled_at(code, line)
        if directive is None:
            return False
        self.used.add((directive.span.start, code if code in directive.codes else ALL))
        return True

    def _disabled_at(self, code: str, line: int) -> Directive | None:
        """The ``disable`` that is in force for ``code`` at ``line``, if one is."""
        every: Directive | None = None  # a disable of every rule in force
        own: dict[str, Directive | None] = {}  # each code's own disable (None: enabled) since then
        for event in self.events:
            if event.span.line > line:
                break
            disabling = event if event.kind == "disable" else None
            if ALL in event.codes:
                every, own = disabling, {}
            else:
                own.update(dict.fromkeys(event.codes, disabling))
        return own.get(code, every)

    def unused(self, ran: Collection[str], every_rule_ran: bool) -> Iterator[tuple[Directive, list[str]]]:
        """Each directive that suppressed nothing of what it names, with what that is
        (as written, or ``[]`` for a directive naming no rule).

        Only what was looked for counts: a rule that did not run (not selected here)
        may have findings the comment is there for, and a directive for every rule
        is judged only when ``every_rule_ran``.
        """
        for directive in self.directives:
            if directive.kind == "enable":
                continue
            start = directive.span.start
            if ALL in directive.codes:
                if every_rule_ran and (start, ALL) not in self.used:
                    yield directive, []
                continue
            names = [word for word, code in directive.names if code in ran and (start, code) not in self.used]
            if names:
                yield directive, names

    def enable_after(self, directive: Directive) -> Directive | None:
        """The ``enable`` that closes the range a ``disable`` opens, if there is one."""
        following = self.events[self.events.index(directive) + 1 :]
        return next(
            (event for event in following if event.kind == "enable" and event.codes == directive.codes), None
        )


def _suggest(word: str, rule_keys: Mapping[str, str]) -> str:
    keys = list(rule_keys)
    hint = _closest(word, keys) or _closest(word.upper(), keys)
    return f"; did you mean {hint}?" if hint else ""


def _closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice ``word`` most likely misspells, if any: only for messages about
    bad comments, so difflib is imported only then."""
    import difflib

    hint = difflib.get_close_matches(word, list(choices), n=1)
    return hint[0] if hint else None
