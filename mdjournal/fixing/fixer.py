"""Apply the linter's fixes: text -> findings -> chosen edits -> text, until stable.

A fix only ever replaces its own span, so every byte no fix names stays as it was:
line endings, BOM and final newline included. When two fixes touch the same text,
the one that starts first wins (ties go to the lower rule code) and the other waits
for the next round, which lints the new text afresh. Rounds repeat until nothing
is left to fix, at most :data:`MAX_ROUNDS` times, so running the fixer twice
changes nothing the second time. A round whose fixes would change the post's
categories or entries (unusual Markdown can make even a small edit do that) is
retried fix by fix, and the fixes that would are refused and left reported; so is
a fix that would lose a link, image, code span, emphasis or inline HTML
(:mod:`mdjournal.fixing.markup`).
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field

from mdjournal.config.settings import Config
from mdjournal.fixing.markup import loses_markup
from mdjournal.linting.finding import Edit, Finding
from mdjournal.linting.linter import lint, lint_text
from mdjournal.model.nodes import Journal

MAX_ROUNDS = 10


#: The categories, as the read state of each of their entries (see :func:`shape`).
Shape = tuple[tuple[bool, ...], ...]


@dataclass(frozen=True)
class FixResult:
    """What fixing one post did: the new text, the fixes applied, what is left.

    ``fixes`` are the findings whose fixes were applied, in the order they were, each
    at its place in the text of its round (fixes never add or remove lines, so the
    line is the line of the result too). ``refused`` are fixes that were not applied
    because the post would then have had other categories or entries (an unsafe fix
    meeting unusual Markdown, say), and ``lost_markup`` those that would have lost a
    link, code span, emphasis or HTML; their findings are still in ``remaining``.
    """

    text: str
    fixes: list[Finding]
    remaining: list[Finding]
    rounds: int
    shape: Shape
    refused: list[Finding] = field(default_factory=list)
    lost_markup: list[Finding] = field(default_factory=list)

    @property
    def applied(self) -> Counter[str]:
        """How many fixes of each rule were applied."""
        return Counter(finding.code for finding in self.fixes)

    @property
    def fixed(self) -> int:
        return len(self.fixes)

    @property
    def unsafe_left(self) -> int:
        """Findings left that ``--unsafe-fixes`` would repair (and were not refused)."""
        refused = {_key(finding) for finding in [*self.refused, *self.lost_markup]}
        return sum(
            finding.fixable(unsafe=True) and _key(finding) not in refused for finding in self.remaining
        )


def fix_text(
    text: str, config: Config | None = None, path: str | None = None, *, unsafe: bool = False
) -> FixResult:
    """Fix everything that can be fixed (safe fixes, and unsafe ones if asked)."""
    applied: list[Finding] = []
    refused: list[Finding] = []
    lost_markup: list[Finding] = []
    rounds = 0
    # The first round needs only what can be fixed; when nothing can, the other
    # rules' findings complete the report on the same model. With HTML comments,
    # which may be suppression comments, every rule runs at once: whether a comment
    # is unused (MJ101, which can fix) is known only from every rule's findings.
    partial = "<!--" not in text
    journal, findings = lint_text(text, config, path, fixing=True if partial else None)
    original = shape(journal)
    chosen = choose_fixes(findings, unsafe=unsafe)
    if not chosen:
        if partial:
            findings = sorted([*findings, *lint(journal, config, path, fixing=False)], key=Finding.sort_key)
        return FixResult(text, applied, findings, rounds, original, refused)
    del journal  # the model is big, and each round builds its own
    complete = False  # whether ``findings`` are every rule's (those of a round that took)
    while chosen and rounds < MAX_ROUNDS:
        chosen, bad = _keep_the_markup(text, chosen)
        if bad:  # they may have hidden other fixes they collided with: choose again
            lost_markup += bad
            chosen = choose_fixes(findings, unsafe=unsafe, refused=_keys(refused, lost_markup))
            continue
        candidate, candidate_shape, new_findings = _try(text, chosen, config, path)
        if candidate_shape != original:
            chosen, bad = _keep_the_structure(text, chosen, original, config)
            refused += bad
            if chosen:
                candidate, candidate_shape, new_findings = _try(text, chosen, config, path)
        if chosen:
            text, findings = candidate, new_findings
            applied += chosen
            rounds += 1
            complete = True
        chosen = choose_fixes(findings, unsafe=unsafe, refused=_keys(refused, lost_markup))
    if not complete:  # every fix was refused: the post is as it was
        findings = lint_text(text, config, path)[1]
    return FixResult(text, applied, findings, rounds, original, refused, lost_markup)


def _keys(*refused: list[Finding]) -> set[tuple[str, int, str]]:
    return {_key(finding) for findings in refused for finding in findings}


def _try(
    text: str, chosen: list[Finding], config: Config | None, path: str | None
) -> tuple[str, Shape, list[Finding]]:
    """The text with the ``chosen`` fixes applied, its shape and findings."""
    candidate = apply_edits(text, _all_edits(chosen))
    journal, findings = lint_text(candidate, config, path)
    return candidate, shape(journal), findings


def _keep_the_structure(
    text: str, chosen: list[Finding], original: Shape, config: Config | None
) -> tuple[list[Finding], list[Finding]]:
    """Split ``chosen`` into fixes that, applied one after another, keep the post's
    categories and entries, and the ones that would not."""
    from mdjournal.parsing.journal import parse

    config = config or Config()
    kept: list[Finding] = []
    refused: list[Finding] = []
    for finding in chosen:
        trial = _apply(text, [*kept, finding])
        journal = parse(trial, **config.parse_options)
        (kept if shape(journal) == original else refused).append(finding)
    return kept, refused


def _key(finding: Finding) -> tuple[str, int, str]:
    """A finding's identity across rounds (fixes never add or remove lines)."""
    return finding.code, finding.span.line, finding.message


def shape(journal: Journal) -> Shape:
    """What no repair may change: the categories, their entries and read states.

    Titles, URLs and years are what repairs are for, so they are not part of it;
    losing, gaining, moving or (un)marking an entry is.
    """
    return tuple(tuple(entry.read for entry in category.entries) for category in journal.categories)


def _keep_the_markup(text: str, chosen: list[Finding]) -> tuple[list[Finding], list[Finding]]:
    """Split ``chosen`` into fixes that keep every link, code span, emphasis and inline
    HTML on their lines, and the ones that would lose some (see :mod:`.markup`)."""
    kept: list[Finding] = []
    refused: list[Finding] = []
    for finding in chosen:
        (refused if loses_markup(text, _edits(finding)) else kept).append(finding)
    return kept, refused


def choose_fixes(
    findings: Iterable[Finding], *, unsafe: bool = False, refused: Collection[tuple[str, int, str]] = ()
) -> list[Finding]:
    """The fixable findings whose edits do not collide, chosen deterministically."""
    candidates = sorted(
        (finding for finding in findings if finding.fixable(unsafe) and _key(finding) not in refused),
        key=lambda finding: (min(edit.start for edit in _edits(finding)), finding.code),
    )
    chosen: list[Finding] = []
    taken: list[tuple[int, int]] = []  # sorted, disjoint (start, end) of the chosen edits
    for finding in candidates:
        edits = _edits(finding)
        if not any(_collides(edit, taken) for edit in edits):
            chosen.append(finding)
            for edit in edits:
                insort(taken, (edit.start, edit.end))
    return chosen


def _collides(edit: Edit, taken: list[tuple[int, int]]) -> bool:
    """Whether ``edit`` collides with any of ``taken``; only its neighbours can."""
    index = bisect_left(taken, (edit.start, edit.end))
    if index and _collide(edit, Edit(*taken[index - 1], "")):
        return True
    for start, end in taken[index:]:
        if start > edit.end:
            return False
        if _collide(edit, Edit(start, end, "")):
            return True
    return False


def _apply(text: str, findings: Iterable[Finding]) -> str:
    return apply_edits(text, _all_edits(findings))


def _all_edits(findings: Iterable[Finding]) -> list[Edit]:
    return [edit for finding in findings for edit in _edits(finding)]


def _edits(finding: Finding) -> tuple[Edit, ...]:
    return finding.fix.edits if finding.fix is not None else ()


def _collide(a: Edit, b: Edit) -> bool:
    """Edits collide when their ranges overlap, or both insert at one point, or
    one inserts strictly inside the other's range. Touching ranges do not."""
    if a.start == a.end and b.start == b.end:
        return a.start == b.start
    if a.start == a.end:
        return b.start < a.start < b.end
    if b.start == b.end:
        return a.start < b.start < a.end
    return a.start < b.end and b.start < a.end


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """Apply non-colliding edits, all given in offsets of the original ``text``."""
    pieces: list[str] = []
    position = 0
    for edit in sorted(edits, key=lambda edit: (edit.start, edit.end)):
        if edit.start < position:
            raise ValueError(f"overlapping edits at offset {edit.start}")
        pieces += [text[position : edit.start], edit.replacement]
        position = edit.end
    pieces.append(text[position:])
    return "".join(pieces)
