"""``mdjournal stats``: the reading list counted, as a table, JSON, CSV, Markdown or a chart."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence

import click

from mdjournal.cli.output import echo_exact
from mdjournal.cli.runner import Post, parsed_posts
from mdjournal.linting.selection import Configs, Settings
from mdjournal.reporting import charts
from mdjournal.reporting.formats import dumps, error_line, missing_extra
from mdjournal.reporting.records import Selection
from mdjournal.reporting.stats import (
    HistoryPoint,
    Stats,
    history_csv,
    history_data,
    history_lines,
    journal_stats,
    overall,
    report_lines,
    stats_csv,
    stats_data,
)
from mdjournal.text.files import JournalError, write_text_atomic


def plot_format(plot: str | None) -> str | None:
    """The chart format ``--plot FILE`` asks for by its suffix; a usage error for another."""
    if plot is None:
        return None
    suffix = os.path.splitext(plot)[1].lower().lstrip(".")
    if suffix not in charts.FORMATS:
        raise click.UsageError(f"--plot: '{plot}' must end in .svg or .png")
    return suffix


def run(
    paths: Sequence[str],
    settings: Settings,
    selection: Selection,
    *,
    output_format: str,
    color: bool,
    plot: str | None,
    history: bool,
) -> int:
    """Count the posts and print (and plot) the counts; 2 if a post could not be read or a chart written."""
    parsed, read_ok = parsed_posts(paths, Configs(settings), selection)
    if history:
        ok = _history([post for post, _ in parsed], selection, output_format, color, plot)
    else:
        posts = [journal_stats(journal, post.path, selection) for post, journal in parsed]
        ok = _report(posts, output_format, color, plot)
    return 0 if read_ok and ok else 2


def _report(posts: Sequence[Stats], output_format: str, color: bool, plot: str | None) -> bool:
    return _show(
        output_format,
        color,
        plot,
        data=lambda: stats_data(posts),
        csv=lambda: stats_csv(posts),
        lines=lambda markdown: report_lines(posts, markdown=markdown, color=color) if posts else [],
        chart=lambda kind: charts.stats_chart(overall(posts), kind) if posts else None,
    )


def _show(
    output_format: str,
    color: bool,
    plot: str | None,
    *,
    data: Callable[[], object],
    csv: Callable[[], str],
    lines: Callable[[bool], list[str]],
    chart: Callable[[str], bytes | None],
) -> bool:
    """Print the view ``output_format`` names, and write the chart when one is asked for
    (and there is something to draw); False when the chart could not be written."""
    if output_format == "json":
        click.echo(dumps(data()))
    elif output_format == "csv":
        echo_exact(csv())
    elif text := lines(output_format == "markdown"):
        click.echo("\n".join(text), color=color)
    return plot is None or _plot(plot, chart)


def _history(
    posts: Sequence[Post],
    selection: Selection,
    output_format: str,
    color: bool,
    plot: str | None,
) -> bool:
    from mdjournal.cli.history import versions
    from mdjournal.parsing.journal import parse

    histories: list[tuple[str, list[HistoryPoint]]] = []
    ok = True
    for post in posts:
        path = post.path
        try:
            if post.is_stdin or post.config is None:
                raise JournalError(f"{path}: --history needs a file in a git repository, not standard input")
            found = versions(path)
        except JournalError as error:
            click.echo(error_line(str(error)), err=True)
            ok = False
            continue
        points = [
            HistoryPoint(
                v.commit,
                v.date,
                v.name,
                journal_stats(parse(v.text, **post.config.parse_options), path, selection).total,
            )
            for v in found
        ]
        histories.append((path, points))
    shown = _show(
        output_format,
        color,
        plot,
        data=lambda: history_data(histories),
        csv=lambda: history_csv(histories),
        lines=lambda markdown: history_lines(histories, markdown=markdown, color=color),
        chart=lambda kind: charts.history_chart(histories, kind) if histories else None,
    )
    return shown and ok


def _plot(path: str, draw: Callable[[str], bytes | None]) -> bool:
    """Write the chart ``draw(format)`` makes to ``path`` (None: nothing to draw, nothing
    written); False (said why) if it cannot be."""
    kind = plot_format(path)
    assert kind is not None
    try:
        image = draw(kind)
    except ImportError as error:
        click.echo(missing_extra(error, "matplotlib", "--plot", "plot"), err=True)
        return False
    if image is None:
        return True
    try:
        write_text_atomic(path, image, create=True)
    except JournalError as error:
        click.echo(error_line(str(error)), err=True)
        return False
    return True
