"""``mdjournal lint``: read every post, run the rules, print the findings in one format."""

from __future__ import annotations

from collections.abc import Sequence
from functools import partial
from typing import Any

import click

from mdjournal.cli.progress import Progress
from mdjournal.cli.runner import Post, discover, read_found, run_all
from mdjournal.linting.linter import lint_text
from mdjournal.linting.selection import Configs, Settings
from mdjournal.reporting.formats import FORMATS, FileFindings, Tally, error_line


def run(
    paths: Sequence[str],
    settings: Settings,
    *,
    output_format: str,
    color: bool,
    unsafe_fixes: bool,
    exit_zero: bool,
    jobs: int,
) -> int:
    """Lint the posts; 2 if any could not be read, else 1 if problems were found, else 0.

    Each post's part of the output is made where it was linted (see
    :mod:`~mdjournal.reporting.formats`), so with ``--jobs`` the workers send back text and
    counts, and this process only puts them together.
    """
    work = partial(_lint_and_render, output_format=output_format, color=color, unsafe_fixes=unsafe_fixes)
    pieces: list[Any] = []
    tally = Tally()
    files = 0
    found = list(discover(paths))
    for post, result in Progress(len(found)).over(run_all(work, read_found(found, Configs(settings)), jobs)):
        files += 1
        if result is None:
            click.echo(error_line(str(post.error)), err=True)
            tally += Tally(unreadable=1)
            continue
        piece, counted = result
        pieces.append(piece)
        tally += counted
    if not files:
        click.echo("mdjournal: warning: no Markdown files to check in the paths given", err=True)
        return 0
    output = FORMATS[output_format].whole(pieces, tally, color=color, unsafe_fixes=unsafe_fixes)
    if output:
        click.echo(output, color=color)
    if tally.unreadable:
        return 2
    return 0 if exit_zero or not tally.failing else 1


def _lint_and_render(post: Post, *, output_format: str, color: bool, unsafe_fixes: bool) -> tuple[Any, Tally]:
    """One post's part of the output, and its counts: what a worker sends back."""
    assert post.text is not None
    report = FileFindings(post.path, lint_text(post.text, post.config, post.path)[1])
    piece = FORMATS[output_format].piece(report, color=color, unsafe_fixes=unsafe_fixes)
    return piece, Tally.of(report, unsafe_fixes=unsafe_fixes)
