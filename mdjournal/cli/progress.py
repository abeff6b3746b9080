"""A progress bar on standard error, for a run over many files that lasts.

It appears only on a terminal, and only once the run has lasted :data:`DELAY`
seconds (a pre-commit hook on one post, or a CI log, never sees it), redraws at
most ten times a second, and is wiped before anything else is printed and at the
end, so the output is exactly what it would be without it.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable, Iterator
from typing import TextIO, TypeVar

T = TypeVar("T")

#: Seconds a run lasts before the bar appears: a quick run stays silent.
DELAY = 1.0
_WIDTH = 30


class Progress:
    """Counts files done out of ``total`` and draws the bar when it should."""

    def __init__(self, total: int, stream: TextIO | None = None) -> None:
        self.total = total
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = total > 1 and self.stream.isatty()
        self.start = self.drawn_at = time.monotonic()
        self.shown = False

    def over(self, items: Iterable[T]) -> Iterator[T]:
        """``items``, one per file, with the bar shown while the next is worked on and
        wiped while the caller prints what one brought, and at the end."""
        try:
            for item in items:
                self.clear()
                yield item
                self.step()
        finally:
            self.clear()

    def step(self) -> None:
        """One more file done."""
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < DELAY or (self.shown and now - self.drawn_at < 0.1):
            return
        filled = _WIDTH * self.done // self.total
        bar = "#" * filled + "-" * (_WIDTH - filled)
        self.stream.write(f"\r[{bar}] {self.done}/{self.total} files")
        self.stream.flush()
        self.shown, self.drawn_at = True, now

    def clear(self) -> None:
        """Wipe the bar; the next step draws it again at once."""
        if self.shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown = False
