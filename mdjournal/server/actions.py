"""Code actions and formatting: the fixer's edits, suppression comments and journal edits.

- a quick fix for each fixable finding under the cursor (an unsafe one says so, and
  is never preferred nor part of "fix all");
- "fix all" (``source.fixAll.mdjournal``) and formatting: ``mdjournal fmt --fix``'s
  result, sent as the few small edits that make it (:func:`~mdjournal.text.edit.edits_between`);
- "ignore this line": ``<!-- mdjournal-disable-line CODE -->`` at the end of the
  finding's line (see :mod:`mdjournal.linting.suppression`);
- on an entry: mark it read (the configured read mark, and its ``*TO READ*`` marker
  dropped), mark it unread (the mark dropped, ``*TO READ*`` added), and fill in the
  year its link's identifier gives.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from lsprotocol import types

from mdjournal.config.settings import Config
from mdjournal.fixing.fixer import fix_text
from mdjournal.linting.finding import Finding
from mdjournal.linting.suppression import UNSUPPRESSIBLE
from mdjournal.model.identifiers import identify
from mdjournal.model.nodes import Entry, Journal
from mdjournal.server.diagnostics import Linted, diagnostic
from mdjournal.server.outline import entry_at
from mdjournal.server.positions import Positions
from mdjournal.text.edit import Edit, edits_between
from mdjournal.text.source import skip

FIX_ALL = f"{types.CodeActionKind.SourceFixAll.value}.mdjournal"
KINDS = [types.CodeActionKind.QuickFix, FIX_ALL, types.CodeActionKind.RefactorRewrite]
FIX_ALL_TITLE = "Fix all safely fixable problems (mdjournal)"
_SHOWN = 40  # characters of an edit's text shown in a quick fix's title


def text_edits(edits: Sequence[Edit], positions: Positions) -> list[types.TextEdit]:
    return [types.TextEdit(positions.range(edit.start, edit.end), edit.replacement) for edit in edits]


def workspace_edit(uri: str, edits: Sequence[Edit], positions: Positions) -> types.WorkspaceEdit:
    return types.WorkspaceEdit(changes={uri: text_edits(edits, positions)})


def formatting(text: str, config: Config, path: str | None) -> list[Edit]:
    """``mdjournal fmt --fix`` (safe fixes only) as edits of ``text``."""
    return edits_between(text, fix_text(text, config, path).text)


def code_actions(
    uri: str,
    linted: Linted,
    positions: Positions,
    start: int,
    end: int,
    only: Sequence[str] | None,
    resolvable: bool = False,
) -> list[types.CodeAction]:
    """The actions for the offsets ``start``-``end``, of the kinds ``only`` asks for (None: all).

    "Fix all" runs the whole fixer (6 s on a 10,000-entry journal on a busy machine),
    and editors ask for every action on each move of the cursor: unless it is asked
    for by kind, it is offered only to a client that can ask for its edit when it is
    chosen (``codeAction/resolve``), and without one.
    """

    def wanted(kind: str) -> bool:
        return only is None or any(kind == base or kind.startswith(f"{base}.") for base in only)

    def action(title: str, kind: str, edits: Sequence[Edit], **more: object) -> types.CodeAction:
        return types.CodeAction(title=title, kind=kind, edit=workspace_edit(uri, edits, positions), **more)  # type: ignore[arg-type]

    actions: list[types.CodeAction] = []
    here = [finding for finding in linted.findings if _overlaps(finding, start, end)]
    if wanted(types.CodeActionKind.QuickFix):
        for finding in here:
            if finding.fix is not None:
                actions.append(
                    action(
                        _fix_title(finding, linted.source.text),
                        types.CodeActionKind.QuickFix,
                        finding.fix.edits,
                        diagnostics=[diagnostic(finding, positions)],
                        is_preferred=finding.fix.safe,
                    )
                )
        for finding, edit in _ignores(here, linted):
            actions.append(
                action(
                    f"Ignore {finding.code} ({finding.name}) on this line",
                    types.CodeActionKind.QuickFix,
                    [edit],
                    diagnostics=[diagnostic(finding, positions)],
                )
            )
    if wanted(FIX_ALL) and any(finding.fixable() for finding in linted.findings):
        if only is not None:
            edits = formatting(linted.source.text, linted.config, linted.path)
            if edits:
                actions.append(action(FIX_ALL_TITLE, FIX_ALL, edits))
        elif resolvable:
            actions.append(types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL, data={"uri": uri}))
    if wanted(types.CodeActionKind.RefactorRewrite):
        entry = entry_at(linted.journal, start)
        if entry is not None:
            for title, edits in journal_actions(entry, linted.journal, linted.config):
                actions.append(action(title, types.CodeActionKind.RefactorRewrite, edits))
    return actions


def _overlaps(finding: Finding, start: int, end: int) -> bool:
    return finding.span.start <= end and start <= finding.span.end


def _fix_title(finding: Finding, text: str) -> str:
    """``Fix MJ002 (missing-year): insert ' (2021)'``, ``... replace '‚úîÔ∏è' with '✔️'``,
    with `` (unsafe fix)`` after an unsafe one."""
    assert finding.fix is not None
    edits = finding.fix.edits
    if len(edits) == 1:
        (edit,) = edits
        old, new = _shown(text[edit.start : edit.end]), _shown(edit.replacement)
        what = (
            f"insert {new}"
            if not old
            else f"delete {old}"
            if not edit.replacement
            else f"replace {old} with {new}"
        )
    else:
        what = f"{len(edits)} edits"
    return f"Fix {finding.code} ({finding.name}): {what}{'' if finding.fix.safe else ' (unsafe fix)'}"


def _shown(text: str) -> str:
    return repr(text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…")


def _ignores(findings: Sequence[Finding], linted: Linted) -> Iterator[tuple[Finding, Edit]]:
    """For each finding a suppression comment can silence (not MJ100 or MJ101, nor in
    the front matter, where a comment would be YAML), the edit that adds it to its line."""
    front = linted.journal.front_matter
    lines = linted.source
    for finding in findings:
        if finding.code in UNSUPPRESSIBLE or (front is not None and finding.span.line <= front.end_line):
            continue
        end = lines.line_ends[finding.span.line - 1]
        yield finding, Edit(end, end, f" <!-- mdjournal-disable-line {finding.code} -->")


def journal_actions(entry: Entry, journal: Journal, config: Config) -> Iterator[tuple[str, list[Edit]]]:
    """The journal edits that apply to ``entry``: mark read or unread, fill in its year."""
    text = journal.source.text
    shared = [other for other in journal.entries if entry.blurb is not None and other.blurb is entry.blurb]
    if entry.read and entry.mark_span is not None:
        yield "Mark as unread", _mark_unread(entry, text, config, journal.source.newline, len(shared) > 1)
    elif not entry.read:
        yield (
            "Mark as read",
            _mark_read(entry, text, config, all(other.read for other in shared if other is not entry)),
        )
    identifier = identify(entry.url)
    if entry.year_text is None and identifier is not None and identifier.year is not None:
        end = entry.link.span.end
        title = f"Fill in the year {identifier.year} from the {identifier.kind} {identifier.value}"
        yield title, [Edit(end, end, f" ({identifier.year})")]


def _mark_read(entry: Entry, text: str, config: Config, others_read: bool) -> list[Edit]:
    """The read mark written, and the blurb's TO READ marker dropped unless an unread
    entry shares the blurb (``others_read``: every other entry sharing it is read)."""
    lead = entry.lead_span
    edits = [Edit(lead.start, lead.end, f"{config.read_mark} ")]
    blurb = entry.blurb
    if blurb is not None and blurb.to_read and blurb.marker_span is not None and others_read:
        marker = re.escape(config.to_read_marker)
        pattern = re.compile(rf"(?:(?P<d>\*{{1,3}}|_{{1,3}}){marker}(?P=d)|{marker}):?[ \t]*", re.IGNORECASE)
        found = pattern.search(text, blurb.marker_span.start, skip(text, blurb.marker_span.end))
        if found is not None:
            edits.append(Edit(found.start(), found.end(), ""))
    return edits


def _mark_unread(entry: Entry, text: str, config: Config, newline: str, shared: bool) -> list[Edit]:
    """The read mark dropped, and TO READ added to the blurb unless other entries share it."""
    assert entry.mark_span is not None
    mark = entry.mark_span
    if entry.mark_after:  # `[Title](url) ✔️`: the mark and the space before it
        start = mark.start
        while start > entry.span.start and text[start - 1] in " \t":
            start -= 1
        edits = [Edit(start, mark.end, "")]
    else:
        edits = [Edit(mark.start, skip(text, mark.end), "")]
    marker = f"*{config.to_read_marker}*"
    blurb = entry.blurb
    if blurb is None:
        edits.append(Edit(entry.span.end, entry.span.end, f"{newline}{newline}{marker}"))
    elif not blurb.to_read and not shared:
        edits.append(Edit(blurb.span.start, blurb.span.start, f"{marker} "))
    return edits
