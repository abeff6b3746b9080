"""Text damaged by a wrong decode: `‚úîÔ∏è` where `✔️` was meant.

When UTF-8 text passes through a tool that reads it as Mac OS Roman or
Windows-1252, every non-ASCII character turns into two to four wrong ones: the
check mark `✔️` becomes `‚úîÔ∏è`, `🚧` becomes `üöß` and `it’s` becomes
`itâ€™s`. The rule looks everywhere outside code, HTML comments and front matter,
and names the codec that did the damage. Healthy non-ASCII text (Schrödinger,
naïve, Erdős, 東京, emoji) is never flagged.

Bad::

    - ‚úîÔ∏è [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (2017)

Good::

    - ✔️ [Attention Is All You Need](https://arxiv.org/abs/1706.03762) (2017)

Fix (safe): replaces each damaged run with what was meant, and nothing else.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Fix, Problem
from mdjournal.model.mojibake import find_mojibake
from mdjournal.text.visible import visible

if TYPE_CHECKING:
    from mdjournal.linting.context import Context

CODE = "MJ001"
NAME = "mojibake"
DEFAULT = True
FIX = "safe"
SCOPE = "post"
SECTION_LOCAL = True


def check(context: Context) -> Iterator[Problem]:
    text = context.text
    for start, end in context.prose():
        for damage in find_mojibake(text, start, end):
            damaged = visible(text[damage.start : damage.end])
            yield Problem(
                context.span(damage.start, damage.end),
                f"'{damaged}' is '{damage.repaired}' (UTF-8) misread as {damage.codec}; write '{damage.repaired}'",
                Fix.replace(damage.start, damage.end, damage.repaired),
            )
