"""Regular expressions compiled when first used, for the ones most runs never need.

``re`` parses and compiles a pattern in Python code: about 1.1 M instructions a
pattern (valgrind, CPython 3.11), against 0.3 M to import a small module. The
patterns a typical post needs are compiled at import as usual; those of rare cases
(an arXiv link written unusually, a CVF paper, a Liquid tag, a suppression comment,
JSON output) wait until a post needs them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache, partial

__all__ = ["lazy"]


def lazy(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function giving the compiled ``pattern``, compiled on its first call."""
    return cache(partial(re.compile, pattern, flags))
