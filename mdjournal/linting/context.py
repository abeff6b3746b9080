"""What rules see of one post: the model, the text, the settings, and where not to look.

Everything derived here is computed once per post and shared by all rules: the
regions no rule reports in (code, HTML comments, front matter), the lines where a
hard break is legitimate, and which entries share a blurb.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from functools import cached_property
from typing import TYPE_CHECKING

from mdjournal.linting.suppression import Suppressions
from mdjournal.model.nodes import Blurb, Entry, Journal
from mdjournal.model.read_marks import TASK_BOXES
from mdjournal.text.patterns import lazy
from mdjournal.text.source import Span

if TYPE_CHECKING:
    from mdjournal.config.settings import Config

_CODE_BLOCKS = frozenset({"fence", "code_block"})
_INLINE_BLOCKS = frozenset({"paragraph", "heading", "table", "html_block"})
_BACKTICKS = re.compile(r"`+")
_liquid_tag = lazy(r"\{\{[^\r\n]*?\}\}|\{%[^\r\n]*?%\}")


class Context:
    """One post as the rules see it."""

    def __init__(
        self,
        journal: Journal,
        config: Config,
        path: str | None = None,
        rule_keys: Mapping[str, str] | None = None,
        *,
        within: tuple[int, int] | None = None,
        is_journal: bool | None = None,
    ) -> None:
        self.journal = journal
        self.config = config
        self.path = path
        #: Each rule's code and name, mapped to its code: what suppression comments may name.
        self.rule_keys = rule_keys or {}
        self.source = journal.source
        self.text = journal.source.text
        #: The offsets the rules read text in (:meth:`prose`, lines): the body, or one
        #: section of it, when ``journal`` holds just that section (see
        #: :mod:`mdjournal.linting.sections`).
        self.within = within or (self._body_start, len(self.text))
        self._is_journal = is_journal
        #: The codes of the rules that ran, and whether every default rule did: for the
        #: rules that run after them (see :attr:`~mdjournal.linting.rule.Rule.after_suppressions`).
        self.ran: frozenset[str] = frozenset()
        self.defaults_ran = False

    def span(self, start: int, end: int) -> Span:
        return self.source.span(start, end)

    # -- where not to look ------------------------------------------------------

    @cached_property
    def code(self) -> tuple[tuple[int, int], ...]:
        """Offset ranges of code: fenced and indented blocks, and inline code spans."""
        ranges = [
            (block.span.start, block.span.end) for block in self.journal.blocks if block.kind in _CODE_BLOCKS
        ]
        text = self.text
        for block in self.journal.blocks:
            start, end = block.span.start, block.span.end
            if block.kind in _INLINE_BLOCKS and text.find("`", start, end) >= 0:  # most have no code
                ranges.extend(_code_spans(text, start, end))
        return _merged(ranges)

    @cached_property
    def comments(self) -> tuple[tuple[int, int], ...]:
        """Offset ranges of the HTML comments a reader of the page does not see.

        As CommonMark has them: an HTML block that opens with ``<!--`` is hidden
        to its end (markdown-it says where that is); inside a paragraph, heading
        or other HTML, ``<!-- ... -->`` is a comment only when it closes, and
        ``<!-->`` / ``<!--->`` are complete, empty comments. An escaped ``\\<!--``
        or one in code is text.
        """
        text = self.text
        ranges: list[tuple[int, int]] = []
        for block in self.journal.blocks:
            if block.kind not in _INLINE_BLOCKS:
                continue
            start, end = block.span.start, block.span.end
            if text.find("<!--", start, end) < 0:  # most blocks hold no comment
                continue
            if block.kind == "html_block" and text[start:end].lstrip(" ").startswith("<!--"):
                ranges.append((start, end))
            else:
                ranges.extend(self._inline_comments(start, end))
        return tuple(ranges)

    def _inline_comments(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        text, pos = self.text, start
        while (opening := text.find("<!--", pos, end)) >= 0:
            pos = opening + 4
            if _escaped(text, opening, start) or self._inside(self.code, opening):
                continue
            if text.startswith("<!-->", opening) or text.startswith("<!--->", opening):
                closing = text.index(">", opening + 4) + 1
            else:
                found = text.find("-->", opening + 4, end)
                if found < 0:
                    return  # unclosed: CommonMark shows it as text
                closing = found + 3
            yield opening, closing
            pos = closing

    @cached_property
    def excluded(self) -> tuple[tuple[int, int], ...]:
        """Where rules do not report (unless they are ``ANYWHERE`` rules): front matter,
        code and HTML comments."""
        front = self.journal.front_matter
        ranges = [*self.code, *self.comments]
        if front is not None:
            ranges.append((0, self._body_start))
        return _merged(ranges)

    def is_excluded(self, offset: int) -> bool:
        return self._inside(self.excluded, offset)

    @cached_property
    def untouchable(self) -> tuple[tuple[int, int], ...]:
        """Offset ranges of HTML blocks and Liquid tags: findings there are reported but
        never fixed, since mdjournal does not rewrite HTML (a ``<details>`` of notes, an
        embed) or what Jekyll hands to a template (``{% include x caption="..." %}``)."""
        ranges = [
            (block.span.start, block.span.end) for block in self.journal.blocks if block.kind == "html_block"
        ]
        if "{" in self.text:
            ranges += [match.span() for match in _liquid_tag().finditer(self.text)]
        return _merged(ranges)

    def touches_untouchable(self, start: int, end: int) -> bool:
        """Whether an edit of ``start..end`` (an insertion when they are equal) would change
        an HTML block or a Liquid tag."""
        index = bisect_right(self.untouchable, (end, math.inf)) - 1
        if index < 0:
            return False
        first, last = self.untouchable[index]
        return first <= start <= last if start == end else start < last and first < end

    def prose(self) -> Iterator[tuple[int, int]]:
        """The ranges of the text :attr:`within` that are neither excluded nor front matter."""
        pos, stop = self.within
        for start, end in self.excluded:
            if start >= stop:
                break
            if start > pos:
                yield pos, start
            pos = max(pos, end)
        if pos < stop:
            yield pos, stop

    # -- structure that several rules need ---------------------------------------

    def may_break_line(self, line_end: int) -> bool:
        """Whether the line ending at ``line_end`` is inside a paragraph that another line
        of it follows: where trailing spaces make a Markdown hard break."""
        starts, ends = self._paragraphs
        index = bisect_right(starts, line_end) - 1
        return index >= 0 and line_end < ends[index]

    @cached_property
    def _paragraphs(self) -> tuple[list[int], list[int]]:
        """Start and end offsets of the paragraphs, in order."""
        spans = [block.span for block in self.journal.blocks if block.kind == "paragraph"]
        return [span.start for span in spans], [span.end for span in spans]

    @cached_property
    def blurb_entries(self) -> dict[int, tuple[Entry, ...]]:
        """``id(blurb)`` -> the entries that share it."""
        shared: dict[int, list[Entry]] = {}
        for entry in self.journal.entries:
            if entry.blurb is not None:
                shared.setdefault(id(entry.blurb), []).append(entry)
        return {key: tuple(entries) for key, entries in shared.items()}

    def sharing(self, blurb: Blurb) -> tuple[Entry, ...]:
        return self.blurb_entries.get(id(blurb), ())

    @cached_property
    def suppressions(self) -> Suppressions:
        return Suppressions.read(self.source, self.comments, self.rule_keys)

    @property
    def is_journal(self) -> bool:
        """Whether this post is a reading journal, so the journal rules apply (given, for
        a context of one section: see :attr:`within`).

        The ``journal`` setting decides when it is true or false. By default
        (``"auto"``) a post is a journal when one of its entries carries a read mark
        or the TO READ marker: keeping track of what was read is what a reading
        journal does. Task boxes (``- [x] [T](url)``) count only in a post with front
        matter: in a README they are as often a project's checklist. On
        the corpus of real posts (tests/corpus), this sets apart the four journals
        from the paper-list READMEs, ordinary posts and tab pages, whose 762 journal
        findings were all false.
        """
        if self._is_journal is None:
            setting = self.config.journal
            if setting != "auto":
                self._is_journal = bool(setting)
            else:
                boxes_count = self.journal.front_matter is not None
                self._is_journal = any(
                    entry.to_read or (entry.read and (boxes_count or entry.mark not in TASK_BOXES))
                    for entry in self.journal.entries
                )
        return self._is_journal

    # -- helpers -----------------------------------------------------------------

    @cached_property
    def _body_start(self) -> int:
        front = self.journal.front_matter
        return len(self.journal.bom) + len(front.raw) if front is not None else len(self.journal.bom)

    @staticmethod
    def _inside(ranges: tuple[tuple[int, int], ...], offset: int) -> bool:
        index = bisect_right(ranges, (offset, math.inf)) - 1
        return index >= 0 and ranges[index][0] <= offset < ranges[index][1]


def _code_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """CommonMark code spans in ``text[start:end]``: a backtick run up to the next run of the same length."""
    pos = start
    while match := _BACKTICKS.search(text, pos, end):
        opening, length = match.start(), len(match.group())
        if _escaped(text, opening, start):  # an escaped backtick is literal; the rest of its run may open
            opening, length = opening + 1, length - 1
        closer = _closing_run(text, match.end(), end, length) if length else None
        if closer is not None:
            yield opening, closer
        pos = closer or match.end()


def _escaped(text: str, pos: int, floor: int) -> bool:
    """Whether the character at ``pos`` follows an odd number of backslashes (from ``floor`` on)."""
    backslashes = 0
    while pos - backslashes > floor and text[pos - backslashes - 1] == "\\":
        backslashes += 1
    return backslashes % 2 == 1


def _closing_run(text: str, pos: int, end: int, length: int) -> int | None:
    """The end of the next backtick run of exactly ``length``, if any."""
    while run := _BACKTICKS.search(text, pos, end):
        if len(run.group()) == length:
            return run.end()
        pos = run.end()
    return None


def _merged(ranges: list[tuple[int, int]]) -> tuple[tuple[int, int], ...]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(ranges):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(merged)
