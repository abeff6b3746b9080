"""The progress bar: only on a terminal, only for a run that lasts, always wiped."""

from __future__ import annotations

import io

import pytest

from mdjournal.cli import progress
from mdjournal.cli.progress import Progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_run_that_lasts_shows_a_bar_and_wipes_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY", 0.0)
    terminal = Terminal()
    seen = []
    for item in Progress(3, terminal).over(["a", "b", "c"]):
        seen.append((item, terminal.getvalue()))
    assert [item for item, _ in seen] == ["a", "b", "c"]
    assert seen[0][1] == ""  # nothing before the first file is done
    assert seen[1][1] == "\r[##########--------------------] 1/3 files\r\x1b[K"  # wiped while b is printed
    assert terminal.getvalue().endswith("\r[##############################] 3/3 files\r\x1b[K")


def test_a_quick_run_and_a_pipe_show_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    assert list(Progress(3, terminal).over(range(3))) == [0, 1, 2]
    assert terminal.getvalue() == ""
    monkeypatch.setattr(progress, "DELAY", 0.0)
    pipe = io.StringIO()
    assert list(Progress(3, pipe).over(range(3))) == [0, 1, 2]
    assert pipe.getvalue() == ""
