"""Printing data from posts exactly, yet safely on a terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from mdjournal.reporting.formats import printable


def echo_exact(text: str, *, paint: Callable[[str], str] | None = None) -> None:
    """``text`` as it is when piped or redirected (a diff for ``patch``, a BibTeX or CSV
    file); on a terminal, with the post's control characters escaped. ``paint`` (the
    diff's colours) is applied after the escaping, so its own escape codes stay.

    ``color=True`` only stops click from stripping what looks like colour codes: in
    this text they are the post's own characters, and the output must keep them.
    """
    if sys.stdout.isatty():
        text = printable(text, lines=True)
    if paint is not None:
        text = paint(text)
    click.echo(text, nl=False, color=True)
