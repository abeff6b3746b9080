"""A category heading with no entries under it.

An empty section is usually a leftover from reorganising, or a heading written at
the wrong level (so its entries landed in the category above). A category whose
only list items are malformed is empty too (MJ010 says why).

Bad::

    ## Reinforcement Learning
    Papers I want to get to.

    ## Optimisers

Good::

    ## Reinforcement Learning
    Papers I want to get to.

    - [Proximal Policy Optimization Algorithms](https://arxiv.org/abs/1707.06347) (2017)

No fix: add entries, or remove the heading.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mdjournal.linting.finding import Problem

if TYPE_CHECKING:
    from mdjournal.linting.context import Context

CODE = "MJ011"
NAME = "empty-category"
DEFAULT = True
FIX = None
SECTION_LOCAL = True


def check(context: Context) -> Iterator[Problem]:
    for category in context.journal.categories:
        if not category.entries:
            yield Problem(category.heading.span, f"category '{category.title}' has no entries")
