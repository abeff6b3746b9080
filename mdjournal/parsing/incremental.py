"""A journal kept up to date through edits: only the sections an edit touches are parsed again.

The editor server parses the post on every keystroke. A post's body is a run of
sections, each a category or the text before, between or after them, and a section
starts at a top-level heading. :meth:`JournalParse.after` parses again only the
sections an edit touches (the *window*), as a post of their own, and moves the
nodes of every other section into the new text (:mod:`mdjournal.model.moved`).

Why that is exact. CommonMark's block parser holds no state from earlier lines at
the start of a top-level block, so the blocks from a heading onwards depend only on
the lines from there on; :mod:`mdjournal.parsing.blocks` relies on the same fact.
The window is parsed from the start of the section holding the edit up to and
including the first line of the next section, and is kept only if:

- the edit is past the heading that starts the window (a paragraph before a heading
  would take in what an edited heading became, so such a window starts a section
  earlier), which therefore still starts a section;
- a top-level block still starts at the next section's first line (a fence the edit
  opened would have swallowed it), and a section still starts there (a higher
  heading starts one only after a category).

Otherwise the window takes in the next section, then the rest of the body. A post
with link reference definitions (they resolve links in any section), an edit at or
before the body's first character (in or of the front matter, a BOM, a line feed
that joins the carriage return before the body into one line break), or a window
holding a definition are parsed whole. The update is never a guess: ``tests/parsing/test_incremental.py`` checks,
on generated posts and edits, that it gives the journal a whole parse gives.

What it is worth, after a one-character change in the middle of a post (in-process,
2-CPU machine): on a 10,000-entry journal 0.17–0.21 s instead of 1.9 s for a whole
parse, most of it moving the other sections' nodes; on the sample post 1.6 ms
instead of 8.6 ms. ``benchmarks/server.py`` gives what an editor waits for.
"""

from __future__ import annotations

from bisect import bisect_right

from mdjournal.model.moved import moved
from mdjournal.model.nodes import Category, Journal
from mdjournal.model.status_markers import DEFAULT_TO_READ
from mdjournal.parsing.blocks import BlockParse, block_markdown
from mdjournal.parsing.front_matter import front_matter_lines
from mdjournal.parsing.journal import Section, Window, parse, parse_window
from mdjournal.text.edit import Edit
from mdjournal.text.gc_pause import without_gc
from mdjournal.text.source import Source

#: What :meth:`JournalParse._window` returns when the window must take in the next section.
_GROW = "grow"


class JournalParse:
    """A journal, and where its sections start, for updating it after an edit."""

    def __init__(
        self,
        journal: Journal,
        category_level: int,
        to_read_marker: str,
        *,
        front_matter: tuple[int, int] | None,
        whole: bool,
        moved_from: tuple[tuple[int, int] | None, ...] = (),
        previous: Journal | None = None,
    ) -> None:
        self.journal = journal
        self.category_level = category_level
        self.to_read_marker = to_read_marker
        self.moved_from = moved_from
        """For each body section, the section of the parse this one was updated from
        that it is, moved by how many characters; None for a section parsed again.
        Empty for a whole parse."""
        self.previous = id(previous) if previous is not None else None
        """The ``id()`` of the journal this parse was updated from (None: a whole parse),
        for whoever kept something of that journal to check it is the same one."""
        self._front_matter = front_matter
        self._body_first = front_matter[1] + 1 if front_matter else 1
        self._whole = whole
        """Whether every update parses the whole post (it has link reference definitions)."""
        self._starts = [node.span.start for node in journal.body]
        self._kinds: list[Section] = [_kind(node) for node in journal.body]

    @classmethod
    def of(
        cls, source: Source, *, category_level: int = 2, to_read_marker: str = DEFAULT_TO_READ
    ) -> JournalParse:
        """A whole parse of ``source``."""
        blocks = BlockParse.of(source)
        journal = parse(
            source.text, category_level=category_level, to_read_marker=to_read_marker, blocks=blocks
        )
        return cls(
            journal,
            category_level,
            to_read_marker,
            front_matter=front_matter_lines(source),
            whole=bool(blocks.env.get("references")),
        )

    @without_gc
    def after(self, source: Source, edit: Edit) -> JournalParse:
        """The parse of ``source``, which is this parse's text after ``edit`` (in this text's offsets)."""
        if (
            self._whole
            or not self._starts
            or edit.start <= self._starts[0]  # what lies before the body may have changed
            or front_matter_lines(source) != self._front_matter
        ):
            return self._again(source)
        first = bisect_right(self._starts, edit.start) - 1
        last = bisect_right(self._starts, edit.end) - 1  # touching a section's start takes it in
        if first and edit.start <= self._heading_end(first):
            first -= 1  # the block before the heading may take in what the heading becomes
        made = self._window(source, edit, first, last)
        if made == _GROW:  # the next section too
            made = self._window(source, edit, first, min(last + 1, len(self._starts) - 1))
        if made == _GROW:  # the rest of the body
            made = self._window(source, edit, first, len(self._starts) - 1)
        return made if isinstance(made, JournalParse) else self._again(source)

    def _heading_end(self, section: int) -> int:
        """Where the heading that starts ``section`` (after the first) ends: the end of
        its last line's content."""
        journal = self.journal
        return journal.blocks[journal.block_at(self._starts[section])].span.end

    def _again(self, source: Source) -> JournalParse:
        return JournalParse.of(source, category_level=self.category_level, to_read_marker=self.to_read_marker)

    def _window(self, source: Source, edit: Edit, first: int, last: int) -> JournalParse | str | None:
        """The parse with sections ``first..last`` parsed again; :data:`_GROW` when the
        window must take in the next section, None when it defines a link reference
        (parse it all)."""
        old = self.journal.source
        delta = len(edit.replacement) - (edit.end - edit.start)
        start = self._starts[first]
        first_line = old.position(start)[0]
        kept = last + 1 < len(self._starts)
        if kept:
            kept_line, column = source.position(self._starts[last + 1] + delta)
            if column != 1:
                return _GROW
            chunk_end = source.line_starts[kept_line] if kept_line < source.line_count else len(source)
            stop = kept_line
        else:
            kept_line, chunk_end, stop = 0, len(source), source.line_count + 1
        chunk = source.text[start:chunk_end]
        env: dict[str, object] = {}
        tokens = block_markdown().parse(chunk if chunk.endswith(("\n", "\r")) else chunk + "\n", env)
        if env.get("references"):
            return None
        cut = len(tokens)
        for position, token in enumerate(tokens):
            if token.map is None:
                continue
            token.map = [token.map[0] + first_line - 1, token.map[1] + first_line - 1]
            if kept and token.level == 0 and token.nesting != -1 and token.map[0] >= kept_line - 1:
                if token.map[0] != kept_line - 1:
                    return _GROW  # the next section's heading is no longer a block of its own
                cut = position
                break
        else:
            if kept:
                return _GROW
        previous = self._kinds[first - 1] if first else None
        blocks = BlockParse(source, self._body_first, tokens[:cut], {})
        window = parse_window(blocks, first_line, stop, previous, self.category_level, self.to_read_marker)
        ends_with = window.starts[-1].kind if window.starts else "text"
        if kept and self._kinds[last + 1] == "text" and ends_with != "category":
            return _GROW  # a higher heading closes a category, and no longer follows one
        return self._joined(source, delta, first, last, window)

    def _joined(self, source: Source, delta: int, first: int, last: int, window: Window) -> JournalParse:
        """The new journal: the sections before the window and after it moved, the window's new."""
        journal = self.journal
        before = journal.block_at(self._starts[first])
        after = (
            journal.block_at(self._starts[last + 1]) if last + 1 < len(self._starts) else len(journal.blocks)
        )
        body = [
            *moved(journal.body[:first], 0, source),
            *window.body,
            *moved(journal.body[last + 1 :], delta, source),
        ]
        blocks = [
            *moved(journal.blocks[:before], 0, source),
            *window.blocks,
            *moved(journal.blocks[after:], delta, source),
        ]
        new = Journal(
            bom=source.bom,
            front_matter=moved([journal.front_matter], 0, source)[0] if journal.front_matter else None,
            body=tuple(body),
            blocks=tuple(blocks),
            newline=source.newline,
            final_newline=source.final_newline,
            source=source,
        )
        return JournalParse(
            new,
            self.category_level,
            self.to_read_marker,
            front_matter=self._front_matter,
            whole=False,
            moved_from=(
                *((index, 0) for index in range(first)),
                *(None for _ in window.body),
                *((index, delta) for index in range(last + 1, len(journal.body))),
            ),
            previous=journal,
        )

    @property
    def reused(self) -> int:
        """How many sections the update that made this parse moved rather than parsed
        (0 for a whole parse)."""
        return sum(origin is not None for origin in self.moved_from)


def _kind(node: object) -> Section:
    return "category" if isinstance(node, Category) else "text"
