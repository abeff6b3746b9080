"""A year that is there but not in the house form `[Title](url) (2022)`.

Covers `(url)(2022)` with no space, `( 2022 )`, `2022` without parentheses,
`[2022]`, a comma or dash before it, two-digit years such as `(22)`, and a year
written among other words (`(ICLR 2017)`, `*(2017)*`, `(2017–2018)`). One form
keeps the list easy to scan and lets tools (this one included) find the year.

Bad::

    - ✔️ [Chain-of-Thought Prompting](https://arxiv.org/abs/2201.11903)(2022)

Good::

    - ✔️ [Chain-of-Thought Prompting](https://arxiv.org/abs/2201.11903) (2022)

Fix (safe): rewrites the year to ` (YYYY)` directly after the link. A two-digit
year is expanded safely only when the link's identifier confirms the century;
otherwise the fix (19YY or 20YY by the nearest past year) is unsafe, and there is
none when the identifier says another year. A year among other words is rewritten
only with `--unsafe-fixes`, since the words go.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Fix, Problem
from mdjournal.model.identifiers import expand_two_digit_year, identify

if TYPE_CHECKING:
    from mdjournal.linting.context import Context
    from mdjournal.model.nodes import Entry

CODE = "MJ003"
NAME = "year-format"
DEFAULT = True
FIX = "safe"


def check(context: Context) -> Iterator[Problem]:
    for entry in context.journal.entries:
        if entry.year_text is None or entry.year_span is None:
            continue
        year, safe = _full_year(entry)
        house = f" ({year})" if year is not None else None
        if entry.year is not None and entry.year_gap + entry.year_text == house:
            continue
        start, end = entry.year_span.start - len(entry.year_gap), entry.year_span.end
        # Only a bare year in an odd spelling is rewritten safely; anything else around
        # it ('ICLR', an emphasis, a second year) would be lost, which is for you to say.
        safe = safe and not entry.year_loose
        fix = Fix.replace(start, end, house, safe=safe) if house else None
        yield Problem(
            entry.year_span if entry.year_gap == " " else context.span(start, end),
            f"{_what_is_wrong(entry)}; write '[Title](url){house or ' (YYYY)'}'",
            fix,
        )


def _what_is_wrong(entry: Entry) -> str:
    text, gap = entry.year_text or "", entry.year_gap
    if entry.year is None:
        return f"two-digit year '{text}'"
    if entry.year_loose:
        return f"year written '{(gap + text).strip()}' after the link"
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
