"""``mdjournal lint``: read every post, run the rules, print the findings in one format."""

from __future__ import annotations

from collections.abc import Sequence

import click

from ..config import Configs, Settings
from ..linter import lint_post
from ..reporting import FORMATS, FileFindings, error_line
from ..runner import read_posts, run_all


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
    """Lint the posts; 2 if any could not be read, else 1 if problems were found, else 0."""
    reports: list[FileFindings] = []
    errors = 0
    for post, findings in run_all(lint_post, read_posts(paths, Configs(settings)), jobs):
        if findings is None:
            click.echo(error_line(str(post.error)), err=True)
            errors += 1
        reports.append(FileFindings(post.path, findings or [], post.error))
    if not reports:
        click.echo("mdjournal: warning: no Markdown files to check in the paths given", err=True)
        return 0
    output = FORMATS[output_format](reports, color=color, unsafe_fixes=unsafe_fixes)
    if output:
        click.echo(output, color=color)
    if errors:
        return 2
    return 0 if exit_zero or not any(report.findings for report in reports) else 1
