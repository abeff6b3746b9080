"""``mdjournal export``: one record per entry, as BibTeX, CSL-JSON, CSV or JSON Lines."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import click

from mdjournal.cli.output import echo_exact
from mdjournal.cli.runner import parsed_posts
from mdjournal.linting.selection import Configs, Settings
from mdjournal.reporting.formats import dumps, error_line, missing_extra
from mdjournal.reporting.records import Record, Selection, csv_text, jsonl_text, records
from mdjournal.text.files import JournalError, write_text_atomic


def _csl_json(found: Sequence[Record]) -> str:
    from mdjournal.reporting.csl import csl_items

    return dumps(csl_items(found)) + "\n"


def _bibtex(found: Sequence[Record]) -> str:
    from mdjournal.reporting.bibtex import bibtex_text

    return bibtex_text(found)


WRITERS: dict[str, Callable[[Sequence[Record]], str]] = {
    "bibtex": _bibtex,
    "csl-json": _csl_json,
    "csv": csv_text,
    "jsonl": jsonl_text,
}


def run(
    paths: Sequence[str], settings: Settings, selection: Selection, *, to: str, output: str | None
) -> int:
    """Write the records of the selected entries; 2 if a post could not be read or the output written."""
    parsed, read_ok = parsed_posts(paths, Configs(settings), selection)
    found = records(((post.path, journal) for post, journal in parsed), selection)
    try:
        text = WRITERS[to](found)
    except ImportError as error:
        click.echo(missing_extra(error, "bibtexparser", "--to bibtex", "bibtex"), err=True)
        return 2
    if output is None or output == "-":
        echo_exact(text)
    else:
        try:
            write_text_atomic(output, text, create=True)
        except JournalError as error:
            click.echo(error_line(str(error)), err=True)
            return 2
    return 0 if read_ok else 2
