"""The cycle collector stays paused while mdjournal parses, lints, fixes and reports.

The pause pays only while it holds (see mdjournal/text/gc_pause.py for what it is
worth), and nothing else notices when it stops holding: every output stays the
same. So these count the collections that start, with ``gc.callbacks``.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from mdjournal.linting.linter import lint_text
from mdjournal.parsing.journal import parse
from tests.conftest import JOURNAL, read, run_cli


def _collections(work: Callable[[], object]) -> int:
    """How many cycle collections start while ``work`` runs."""
    started = 0

    def count(phase: str, info: dict[str, Any]) -> None:
        nonlocal started
        started += phase == "start"

    assert gc.isenabled()
    gc.callbacks.append(count)
    try:
        work()
    finally:
        gc.callbacks.remove(count)
    return started


#: Ten sample posts in one: enough allocation for dozens of collections.
TEXT = read(JOURNAL) * 10


def test_the_work_would_collect_without_the_pause() -> None:
    """Without this, the tests below could pass because the work allocates too little."""
    assert _collections(lambda: parse.__wrapped__(TEXT)) >= 10  # type: ignore[attr-defined]


def test_the_library_collects_only_after_each_paused_step() -> None:
    """Parse and lint each pause the collector; it catches up once after each."""
    assert _collections(lambda: lint_text(TEXT)) <= 2


def test_the_commands_never_collect(tmp_path: Path) -> None:
    """A command pauses it from start to end: at most the catching up at its end
    collects. (Each runs once first, for the imports, which collect on their own.)"""
    post = tmp_path / "post.md"
    for command in (("lint", str(post)), ("fmt", "--fix", str(post))):
        post.write_text(TEXT, encoding="utf-8")
        run_cli(*command)
        post.write_text(TEXT, encoding="utf-8")
        assert _collections(partial(run_cli, *command)) <= 1, command
