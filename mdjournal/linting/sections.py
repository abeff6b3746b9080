"""Section-local findings, kept from one lint of a document to the next.

Most rules look at one entry, one category or one line at a time
(:attr:`~mdjournal.linting.rule.Rule.section_local`): what they report in a section
of the body (a category, or the text before, between or after them) depends on that
section alone. The editor server lints a document on every change, and a change
touches one section; :class:`SectionFindings` runs those rules section by section,
keeps what each section gave, and for a section the incremental parse moved
unchanged (:attr:`~mdjournal.parsing.incremental.JournalParse.moved_from`) reuses
its findings, moved as its nodes were. The other rules (duplicates, the journal's
year style, front matter, suppression comments) run on the whole post as before.

``tests/linting/test_sections.py`` checks, over generated posts and edits, that
the findings are exactly a whole lint's, and that the untouched sections are reused.
What it is worth, after a one-character change in the middle of a post (in-process,
2-CPU machine, medians): the rules take 142 ms instead of 255 ms on a 10,000-entry
journal, a fifth of what ``benchmarks/server.py`` measures there; 1.0 ms instead of
1.5 ms on the sample post.
"""

from __future__ import annotations

from collections.abc import Sequence

from mdjournal.linting.context import Context
from mdjournal.linting.finding import Edit, Finding, Fix
from mdjournal.linting.linter import run_rules
from mdjournal.linting.rule import Rule
from mdjournal.model.nodes import Journal
from mdjournal.parsing.incremental import JournalParse
from mdjournal.text.source import Source, Span


class SectionFindings:
    """What the section-local rules reported in each body section of the last lint.

    Called by :func:`~mdjournal.linting.linter.lint` (its ``local``), after
    :meth:`follow` has said how the journal to lint came from the last one.
    """

    def __init__(self) -> None:
        self.computed = 0
        """How many sections the last lint ran the rules on (the others were reused)."""
        self._moved_from: Sequence[tuple[int, int] | None] = ()
        self._key: tuple[object, ...] | None = None
        self._journal: Journal | None = None
        self._found: list[list[Finding]] = []

    def follow(self, parsed: JournalParse) -> None:
        """The next lint is of ``parsed``: reuse the sections it moved from the journal of
        the last lint (none, if it was updated from another or parsed whole)."""
        same = self._journal is not None and parsed.previous == id(self._journal)
        self._moved_from = parsed.moved_from if same else ()

    def __call__(self, context: Context, rules: list[Rule]) -> list[Finding]:
        journal = context.journal
        key = (context.config, context.path, context.is_journal, tuple(rule.code for rule in rules))
        moved_from = self._moved_from if key == self._key else ()
        ends = [node.span.start for node in journal.body[1:]] + [len(context.text)]
        found: list[list[Finding]] = []
        self.computed = 0
        for index, node in enumerate(journal.body):
            origin = moved_from[index] if index < len(moved_from) else None
            if origin is not None:
                old, delta = origin
                found.append([_moved(finding, delta, journal.source) for finding in self._found[old]])
            else:
                found.append(run_rules(_section(context, index, node.span.start, ends[index]), rules))
                self.computed += 1
        self._key, self._journal, self._found, self._moved_from = key, journal, found, ()
        return [finding for section in found for finding in section]


def _section(context: Context, index: int, start: int, end: int) -> Context:
    """A context of one body section: its journal holds that section and its blocks."""
    journal = context.journal
    first, stop = journal.block_at(start), journal.block_at(end)
    part = Journal(
        bom=journal.bom,
        front_matter=None,
        body=(journal.body[index],),
        blocks=journal.blocks[first:stop],
        newline=journal.newline,
        final_newline=journal.final_newline,
        source=journal.source,
    )
    return Context(
        part,
        context.config,
        context.path,
        context.rule_keys,
        within=(start, end),
        is_journal=context.is_journal,
    )


def _moved(finding: Finding, delta: int, source: Source) -> Finding:
    span = finding.span
    fix = finding.fix
    return Finding(
        finding.code,
        finding.name,
        finding.severity,
        Span(span.start + delta, span.end + delta, source),
        finding.message,
        None
        if fix is None
        else Fix(tuple(Edit(e.start + delta, e.end + delta, e.replacement) for e in fix.edits), fix.safe),
    )
