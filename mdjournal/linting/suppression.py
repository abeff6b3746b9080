"""Inline suppression comments, invisible once Jekyll renders the post.

    <!-- mdjournal-disable MJ005 -->  ...  <!-- mdjournal-enable MJ005 -->
    <!-- mdjournal-disable-next-line MJ002 -->
    <!-- mdjournal-disable-line missing-year -->
    <!-- mdjournal-disable-file -->

Rules are named by code or name, separated by spaces or commas; with none, the
directive applies to every rule. Only real HTML comments count (not ones shown in
a code block). A directive or rule that does not exist is reported as MJ100 rather
than silently suppressing nothing, and MJ100 itself cannot be suppressed this way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Problem

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

    from mdjournal.linting.finding import Finding
    from mdjournal.text.source import Source

ALL = "*"
UNSUPPRESSIBLE = "MJ100"
_DIRECTIVE = re.compile(r"<!--\s*mdjournal-(?P<kind>[\w-]*)(?P<args>.*?)-->", re.DOTALL | re.IGNORECASE)
_KINDS = ("disable", "enable", "disable-next-line", "disable-line", "disable-file")


@dataclass(frozen=True, slots=True)
class _Event:
    line: int
    kind: str  # "disable" | "enable"
    codes: frozenset[str]  # {ALL} for every rule


@dataclass
class Suppressions:
    """The directives of one post, and the problems found in them."""

    file: set[str] = field(default_factory=set)
    lines: dict[int, set[str]] = field(default_factory=dict)
    events: list[_Event] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @classmethod
    def read(
        cls, source: Source, comments: Iterable[tuple[int, int]], rule_keys: Mapping[str, str]
    ) -> Suppressions:
        """The directives among ``comments`` (offset ranges of the HTML comments of
        ``source``); ``rule_keys`` maps each rule's code and name to its code."""
        result = cls()
        for start, end in comments:
            match = _DIRECTIVE.match(source.text, start, end)
            if match is None:
                continue
            span = source.span(start, end)
            kind = match.group("kind").lower()
            if kind not in _KINDS:
                hint = _closest(kind, _KINDS)
                suggestion = f"; did you mean 'mdjournal-{hint}'?" if hint else ""
                result.problems.append(Problem(span, f"unknown directive 'mdjournal-{kind}'{suggestion}"))
                continue
            codes: set[str] = set()
            for word in re.split(r"[\s,]+", match.group("args").strip()):
                if not word:
                    continue
                code = rule_keys.get(word) or rule_keys.get(word.upper())
                if code is None:
                    result.problems.append(
                        Problem(span, f"unknown rule '{word}' in mdjournal-{kind}{_suggest(word, rule_keys)}")
                    )
                elif code == UNSUPPRESSIBLE:
                    message = f"{word} cannot be suppressed by a comment; ignore it in the config"
                    result.problems.append(Problem(span, message))
                else:
                    codes.add(code)
            if not codes and not match.group("args").strip():
                codes = {ALL}
            elif not codes:
                continue  # every named rule was unknown: suppress nothing
            result._add(kind, frozenset(codes), span.line, span.end_line)
        return result

    def _add(self, kind: str, codes: frozenset[str], line: int, end_line: int) -> None:
        if kind == "disable-file":
            self.file.update(codes)
        elif kind == "disable-line":
            self.lines.setdefault(line, set()).update(codes)
        elif kind == "disable-next-line":
            self.lines.setdefault(end_line + 1, set()).update(codes)
        else:
            self.events.append(_Event(line, kind, codes))

    def covers(self, finding: Finding) -> bool:
        """Whether a directive suppresses ``finding`` (by the line it starts on)."""
        code, line = finding.code, finding.span.line
        if code == UNSUPPRESSIBLE:
            return False
        if self.file & {ALL, code} or self.lines.get(line, set()) & {ALL, code}:
            return True
        return self._disabled_at(code, line)

    def _disabled_at(self, code: str, line: int) -> bool:
        all_off = False
        exceptions: set[str] = set()  # disabled codes, or the re-enabled ones when all_off
        for event in self.events:
            if event.line > line:
                break
            if ALL in event.codes:
                all_off, exceptions = event.kind == "disable", set()
            elif (event.kind == "disable") != all_off:
                exceptions |= event.codes
            else:
                exceptions -= event.codes
        return (code not in exceptions) if all_off else (code in exceptions)


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
