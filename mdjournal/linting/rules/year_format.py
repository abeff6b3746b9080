"""A year that is there but not in the house form `[Title](url) (2022)`.

Covers `(url)(2022)` with no space, `( 2022 )`, `2022` without parentheses,
`[2022]`, a comma or dash before it, two-digit years such as `(22)`, and a year
written among other words (`(ICLR 2017)`, `*(2017)*`, `(2017–2018)`). One form
keeps the list easy to scan and lets tools (this one included) find the year.

Bad::

    - ✔️ [Chain-of-Thought Prompting](https://arxiv.org/abs/2201.11903)(2022)

Good::

    - ✔️ [Chain-of-Thought Prompting](https://arxiv.org/abs/2201.11903) (2022)

A post's own convention is not an error: with `year-style = "consistent"` (the
default) years are held to the house form only in a post that mostly writes them
that way; a paper list that writes `` `2016` `` or `(ICLR 2017)` throughout is
left alone. `year-style = "house"` asks for `(YYYY)` everywhere. A year inside
inline code is never reported.

Fix (safe): rewrites the year to ` (YYYY)` directly after the link. A two-digit
year is expanded safely only when the link's identifier confirms the century;
otherwise the fix (19YY or 20YY by the nearest past year) is unsafe, and there is
none when the identifier says another year. A year among other words is rewritten
only with `--unsafe-fixes`, since the words go, and never when a link, code span,
emphasis or HTML stands among them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Fix, Problem
from mdjournal.model.identifiers import expand_two_digit_year, identify

if TYPE_CHECKING:
    from mdjournal.linting.context import Context
    from mdjournal.model.nodes import Entry
    from mdjournal.text.source import Span

CODE = "MJ003"
NAME = "year-format"
DEFAULT = True
FIX = "safe"


#: What a fix may not delete from the words between a link and its year: links,
#: images, code spans, emphasis, HTML and addresses are the reader's, not noise.
_MARKUP = re.compile(r"[\[\]`<>*_]|://")


def check(context: Context) -> Iterator[Problem]:
    if context.config.year_style == "consistent" and not _mostly_house(context.journal.entries):
        return
    entries = [entry for entry in context.journal.entries if entry.year_text and entry.year_span]
    for entry in entries:
        assert entry.year_text is not None and entry.year_span is not None
        if _is_house(entry):
            continue
        year, safe = _full_year(entry)
        house = f" ({year})" if year is not None else None
        start, end = entry.year_span.start - len(entry.year_gap), entry.year_span.end
        # Only a bare year in an odd spelling is rewritten safely; anything else around
        # it ('ICLR', an emphasis, a second year) would be lost, which is for you to say.
        safe = safe and not entry.year_loose
        lost = context.text[start:end]
        fix = Fix.replace(start, end, house, safe=safe) if house and not _MARKUP.search(lost) else None
        yield Problem(
            _offending(context, entry, start),
            f"{_what_is_wrong(entry)}; write '[Title](url){house or ' (YYYY)'}'",
            fix,
        )


def _is_house(entry: Entry) -> bool:
    return (
        entry.year is not None
        and not entry.year_loose
        and entry.year_gap + (entry.year_text or "") == f" ({entry.year})"
    )


def _mostly_house(entries: tuple[Entry, ...]) -> bool:
    """Whether most of the post's entries write their year in the house form (so the
    rest are slips, not the post's own convention). An entry without a year counts
    for the house form: MJ002 will write it so, and a fix that fills it in must not
    change what this rule says about the others."""
    return 2 * sum(_is_house(entry) or entry.year_text is None for entry in entries) > len(entries)


def _offending(context: Context, entry: Entry, start: int) -> Span:
    """The text the finding points at: the year itself, or, when what stands before
    it is the problem (``)(2022)``, ``, 2022``, two spaces), that too, but never a
    plain space before it nor the words of a year written among them."""
    assert entry.year_span is not None
    gap = entry.year_gap
    if entry.year_loose or gap == " " or not gap:
        return entry.year_span
    if gap.strip():
        start += len(gap) - len(gap.lstrip())
    return context.span(start, entry.year_span.end)


def _what_is_wrong(entry: Entry) -> str:
    text, gap = entry.year_text or "", entry.year_gap
    if entry.year is None:
        return f"two-digit year '{text}'"
    if entry.year_loose:
        return f"year '{text}' written among other words after the link"
    if text.startswith("["):
        return f"year '{text}' in brackets"
    if not text.startswith("("):
        return f"year '{text}' without parentheses"
    if text != f"({entry.year})":
        return f"spaces inside '{text}'"
    if not gap:
        return f"no space between the link and '{text}'"
    return f"'{gap}' between the link and the year instead of one space"


def _full_year(entry: Entry) -> tuple[int | None, bool]:
    """The four-digit year meant, and whether choosing it is safe."""
    if entry.year is not None:
        return entry.year, True
    digits = "".join(ch for ch in entry.year_text or "" if ch.isdigit())
    if len(digits) != 2:
        return None, False
    identifier = identify(entry.url)
    if identifier is not None and identifier.year is not None:
        if identifier.year % 100 == int(digits):
            return identifier.year, True
        return None, False  # the link says another year: guessing a century would contradict it
    return expand_two_digit_year(digits), False
