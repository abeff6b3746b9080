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

    It is written as bytes: the post's own characters (colour codes too: the output
    must keep them, and click strips none from bytes) and, piped, a file name's
    bytes exactly as the file system has them, even those that are not UTF-8 (Python
    holds them as lone surrogates, which no text stream can write).
    """
    if sys.stdout.isatty():
        text = printable(text, lines=True)
    if paint is not None:
        text = paint(text)
    click.echo(text.encode("utf-8", "surrogateescape"), nl=False)
