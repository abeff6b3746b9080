"""A suppression comment that names a rule that does not exist.

`<!-- mdjournal-disable MJ0005 -->` with a typo would otherwise silently
suppress nothing while looking like it works. Unknown directives
(`mdjournal-disabel`) are reported too.

Bad::

    <!-- mdjournal-disable-next-line MJ0002 -->

Good::

    <!-- mdjournal-disable-next-line MJ002 -->

No fix: which rule you meant is for you to say (the message suggests the closest).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Problem

if TYPE_CHECKING:
    from mdjournal.linting.context import Context

CODE = "MJ100"
NAME = "invalid-suppression"
DEFAULT = True
FIX = None
SCOPE = "post"
ANYWHERE = True


def check(context: Context) -> Iterator[Problem]:
    yield from context.suppressions.problems
