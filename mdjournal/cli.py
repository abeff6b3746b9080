"""The ``mdjournal`` command line.

Only click is imported at start-up; each command imports what it needs when it
runs, so ``mdjournal --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import sys
from typing import NoReturn

import click

from . import __version__

STDIN = "-"


def fail(message: str) -> NoReturn:
    """Report an unusable input or setting in one line and exit 2, ruff-style."""
    click.echo(f"mdjournal: error: {message}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mdjournal")
def main() -> None:
    """Parse, lint and fix Jekyll research reading-list posts.

    A post is YAML front matter, a preamble, `## Category` headings and entries
    such as `- ✔️ [Title](url) (2017)`, each followed by a blurb.
    """


@main.command("parse")
@click.argument("path", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the structure as JSON.")
@click.option(
    "--category-level",
    type=click.IntRange(1, 6),
    default=2,
    show_default=True,
    help="Heading level of the category headings.",
)
@click.option("--stdin-filename", help="Name to show for standard input (with PATH '-').")
def parse_command(path: str, as_json: bool, category_level: int, stdin_filename: str | None) -> None:
    """Show the structure mdjournal reads from the post at PATH ('-' for stdin).

    The default view is an outline: categories, and each entry's line, read state
    ([x] read, [ ] unread), year and title. --json prints the whole model.
    """
    from .outline import journal_data, outline
    from .files import JournalError, read_stdin, read_text
    from .parser import parse

    name = (stdin_filename or "<stdin>") if path == STDIN else path
    try:
        text = read_stdin(name) if path == STDIN else read_text(path)
    except JournalError as error:
        fail(str(error))
    journal = parse(text, category_level=category_level)
    if as_json:
        import json

        click.echo(json.dumps(journal_data(journal, name), ensure_ascii=False, indent=2))
    else:
        for line in outline(journal, name):
            click.echo(line)
