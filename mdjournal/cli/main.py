"""The ``mdjournal`` command line.

Only click is imported at start-up; each command imports what it needs when it
runs, so ``mdjournal --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click
from click.core import ParameterSource

from mdjournal.text.gc_pause import gc_paused
from mdjournal.version import __version__

if TYPE_CHECKING:
    from mdjournal.linting.selection import Settings
    from mdjournal.reporting.records import Selection

#: The names of the formats in mdjournal.reporting.formats (not imported here: --help stays fast).
OUTPUT_FORMATS = ("text", "concise", "full", "json", "json-lines", "github", "gitlab", "junit", "sarif")
F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str) -> NoReturn:
    """Report an unusable input or setting in one line and exit 2, ruff-style."""
    from mdjournal.reporting.formats import error_line

    click.echo(error_line(message), err=True)
    sys.exit(2)


class _Command(click.Group):
    """The command group, reporting usage errors as one line (exit 2) like every other error."""

    def main(self, *args: Any, **kwargs: Any) -> NoReturn:
        kwargs["standalone_mode"] = False
        # A run is short and what it builds is acyclic: without the cycle collector
        # walking it between the parse, the rules and the report (see gc_pause.py).
        # Run on the process's own command line (not called with arguments, as a test
        # does), a stopped run ignores further signals and then ends at once.
        whole_process = not args and kwargs.get("args") is None
        with gc_paused(), _stopped_politely(to_the_end=whole_process) as stopped:
            code = self._run(*args, **kwargs)
        if stopped and whole_process:
            _end_now(stopped[0])
        sys.exit(stopped[0] if stopped else code)

    def _run(self, *args: Any, **kwargs: Any) -> int:
        try:
            code = super().main(*args, **kwargs)
        except click.exceptions.NoArgsIsHelpError as error:  # bare 'mdjournal': the help, as it is
            error.show()
            return error.exit_code
        except click.UsageError as error:
            hint = f" (see '{error.ctx.command_path} --help')" if error.ctx is not None else ""
            fail(error.format_message() + hint)
        except click.ClickException as error:
            from mdjournal.reporting.formats import error_line

            click.echo(error_line(error.format_message()), err=True)
            return error.exit_code
        except click.Abort as abort:
            if isinstance(abort.__context__, KeyboardInterrupt):
                raise abort.__context__ from None  # Ctrl-C, which click calls an abort
            click.echo("mdjournal: aborted", err=True)
            return 1
        except Exception as error:  # a bug or no memory left: one line and exit 2, never exit 1
            from mdjournal.cli.runner import failure

            fail(failure(None, error))
        return code if isinstance(code, int) else 0


class Stopped(KeyboardInterrupt):
    """SIGTERM or SIGHUP, raised like Ctrl-C's KeyboardInterrupt so that the same clean-up runs."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


def _raise_stopped(signum: int, frame: object) -> None:
    raise Stopped(signum)


@contextlib.contextmanager
def _stopped_politely(*, to_the_end: bool) -> Iterator[list[int]]:
    """Turn Ctrl-C, SIGTERM and SIGHUP into one line and the exit code shells expect (128 + the signal).

    What was written before is already reported (``fmt --fix`` reports each file
    as it writes it, and holds the signals while it does: see
    :func:`~mdjournal.text.files.signals_held`), temporary files are removed on
    the way out, and the signals are then ignored (with ``to_the_end``, until the
    process exits), so a second Ctrl-C cannot print a traceback from deep inside the
    interpreter's shutdown. The yielded list gets the exit code when the run was
    stopped.
    """
    import signal
    import threading

    stopped: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield stopped
        return
    others = [getattr(signal, name) for name in ("SIGTERM", "SIGHUP") if hasattr(signal, name)]
    previous = {signum: signal.signal(signum, _raise_stopped) for signum in others}
    try:
        yield stopped
    except KeyboardInterrupt as interrupt:
        signum = interrupt.signum if isinstance(interrupt, Stopped) else signal.SIGINT
        interrupt_handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
        previous = dict.fromkeys(others, signal.SIG_IGN) if to_the_end else previous
        click.echo(f"mdjournal: stopped by {signal.Signals(signum).name}", err=True)  # after click's new line
        stopped.append(128 + signum)
        if not to_the_end:
            signal.signal(signal.SIGINT, interrupt_handler)
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def _end_now(code: int) -> NoReturn:
    """End a stopped process at once, with ``code``: its temporary files are gone and
    its output is out, and the interpreter's usual shutdown (joining the workers'
    threads) is where a KeyboardInterrupt traceback could still appear. Workers
    still running are stopped first."""
    if "multiprocessing" in sys.modules:
        import multiprocessing

        for child in multiprocessing.active_children():
            child.terminate()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)


@click.group("mdjournal", cls=_Command, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="mdjournal")
def main() -> None:
    """Parse, lint and fix Jekyll research reading-list posts.

    A post is YAML front matter, a preamble, `## Category` headings and entries
    such as `- ✔️ [Title](url) (2017)`, each followed by a blurb.
    """


class _EnvOption(click.Option):
    """An option also read from an environment variable: an error names the variable
    only when the bad value came from it (``--help`` always names it)."""

    def get_error_hint(self, ctx: click.Context | None) -> str:
        if ctx and self.name and ctx.get_parameter_source(self.name) is ParameterSource.ENVIRONMENT:
            return super().get_error_hint(ctx)
        return click.Parameter.get_error_hint(self, ctx)


def config_option(command: F) -> F:
    return click.option(
        "--config",
        "config_file",
        type=click.Path(exists=True, dir_okay=False),
        help="Use this config file instead of the nearest pyproject.toml / .mdjournal.toml.",
    )(command)


def stdin_filename_option(command: F) -> F:
    return click.option(
        "--stdin-filename",
        metavar="NAME",
        help="Name of standard input ('-') for messages and config matching.",
    )(command)


@main.command("parse", short_help="Show the structure mdjournal reads from a post.")
@click.argument("path", type=click.Path(dir_okay=True, allow_dash=True))
@click.option("--json", "as_json", is_flag=True, help="Print the structure as JSON.")
@click.option(
    "--category-level",
    type=click.IntRange(1, 6),
    help="Heading level of the category headings [default: the config's, else 2].",
)
@config_option
@stdin_filename_option
def parse_command(
    path: str, as_json: bool, category_level: int | None, config_file: str | None, stdin_filename: str | None
) -> None:
    """Show the structure mdjournal reads from the post at PATH ('-' for stdin).

    The default view is an outline: categories, and each entry's line, read state
    ([x] read, [ ] unread), year and title. --json prints the whole model. The
    category level and TO READ marker come from the config, as for lint.
    """
    from mdjournal.cli.runner import failure, read_posts
    from mdjournal.config.settings import ConfigError
    from mdjournal.linting.selection import Configs
    from mdjournal.parsing.journal import parse
    from mdjournal.reporting.formats import dumps, printable
    from mdjournal.reporting.outline import journal_data, outline

    if os.path.isdir(path):
        fail(f"{path}: is a directory, not a file")
    settings = _settings((), (), (), config_file, stdin_filename)
    try:
        (post,) = read_posts([path], Configs(settings))
    except ConfigError as error:
        fail(str(error))
    if post.text is None or post.config is None:
        fail(str(post.error))
    options = post.config.parse_options
    if category_level is not None:
        options["category_level"] = category_level
    try:
        journal = parse(post.text, **options)
        shown = dumps(journal_data(journal, post.path)) if as_json else None
    except Exception as error:
        fail(failure(post.path, error))
    if shown is not None:
        click.echo(shown)
    else:
        for line in outline(journal, post.path):
            click.echo(printable(line))


def _selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select A,B --select C`` -> (A, B, C)."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def rule_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options ``lint`` and ``fmt`` share, handed to the command as one ``settings``."""
    options = [
        click.option(
            "--select",
            multiple=True,
            metavar="RULES",
            help="Run only these rules: codes, names, prefixes (MJ00) or ALL; comma-separated or repeated.",
        ),
        click.option(
            "--extend-select",
            multiple=True,
            metavar="RULES",
            help="Run these rules as well as the selected ones.",
        ),
        click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules."),
        config_option,
        stdin_filename_option,
    ]

    @functools.wraps(command)
    def with_settings(
        *args: Any,
        select: tuple[str, ...],
        extend_select: tuple[str, ...],
        ignore: tuple[str, ...],
        config_file: str | None,
        stdin_filename: str | None,
        **kwargs: Any,
    ) -> None:
        settings = _settings(select, extend_select, ignore, config_file, stdin_filename)
        command(*args, settings=settings, **kwargs)

    wrapped: Callable[..., None] = with_settings
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped


def _settings(
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: str | None,
    stdin_filename: str | None,
) -> Settings:
    """The command line's settings; a bad rule selector fails now, before any work."""
    from pathlib import Path

    from mdjournal.config.settings import ConfigError
    from mdjournal.linting.selection import Settings, check_selectors

    settings = Settings(
        config_file=Path(config_file) if config_file else None,
        select=_selectors(select) or None,
        extend_select=_selectors(extend_select),
        ignore=_selectors(ignore),
        stdin_filename=stdin_filename,
    )
    try:  # the selectors only: the config files are read per post, where they apply
        check_selectors(settings.select, settings.extend_select, settings.ignore)
    except ConfigError as error:
        fail(str(error))
    return settings


def use_color(choice: str) -> bool:
    """Colour only on a terminal, never with NO_COLOR set (https://no-color.org)."""
    if choice != "auto":
        return choice == "always"
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


def color_option(what: str) -> Callable[[F], F]:
    return click.option(
        "--color",
        type=click.Choice(["auto", "always", "never"]),
        default="auto",
        show_default=True,
        help=f"Colour {what} (auto: only on a terminal, and never with NO_COLOR set).",
    )


def jobs_option(command: F) -> F:
    return click.option(
        "-j",
        "--jobs",
        type=click.IntRange(min=0),
        default=0,
        show_default=True,
        help="Work on this many files at once (0: one per CPU). Output order does not change.",
    )(command)


@main.command("lint", short_help="Report the problems in posts.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@rule_options
@click.option(
    "--output-format",
    cls=_EnvOption,
    type=click.Choice(OUTPUT_FORMATS),
    envvar="MDJOURNAL_OUTPUT_FORMAT",
    show_envvar=True,
    help="How to print findings [default: github under GitHub Actions, else text].",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print how many findings each rule made instead of the findings ([*]: fixable; JSON with --output-format json).",
)
@click.option("--unsafe-fixes", is_flag=True, help="Count unsafe fixes as fixable ([*]).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@color_option("the text output")
@jobs_option
def lint_command(
    paths: tuple[str, ...],
    settings: Settings,
    output_format: str | None,
    statistics: bool,
    unsafe_fixes: bool,
    exit_zero: bool,
    color: str,
    jobs: int,
) -> None:
    """Report the problems in the posts at PATHS (files, folders, '-' for stdin).

    Each finding is printed as path:line:col: CODE name: message, with [*] when
    'mdjournal fmt --fix' can repair it. Exit 0 when clean (hints, such as MJ005,
    are shown but fail nothing), 1 when problems are found, 2 when a file cannot be
    read or the settings are wrong.
    """
    from mdjournal.cli import lint

    output_format = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") else "text")
    colour = use_color(color) and output_format in ("text", "concise", "full")
    if statistics:
        output_format = "json-statistics" if output_format == "json" else "statistics"
    sys.exit(
        _guarded(
            lambda: lint.run(
                paths,
                settings,
                output_format=output_format,
                color=colour,
                unsafe_fixes=unsafe_fixes,
                exit_zero=exit_zero,
                jobs=jobs,
            )
        )
    )


@main.command("fmt", short_help="Repair what can be repaired safely, touching nothing else.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@rule_options
@click.option("--fix", is_flag=True, help="Write the fixes in place ('-': print the fixed text).")
@click.option("--check", is_flag=True, help="Print nothing; exit 1 if --fix would change anything.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change (the default).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change meaning (e.g. MJ004).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems remain or files would change.")
@click.option(
    "--exit-non-zero-on-fix",
    is_flag=True,
    help="With --fix: exit 1 if any file was changed, even when nothing is left to fix.",
)
@click.option("--show-fixes", is_flag=True, help="With --fix: list each fix applied, where it was.")
@color_option("the diff")
@jobs_option
def fmt_command(
    paths: tuple[str, ...],
    settings: Settings,
    fix: bool,
    check: bool,
    diff: bool,
    unsafe_fixes: bool,
    exit_zero: bool,
    exit_non_zero_on_fix: bool,
    show_fixes: bool,
    color: str,
    jobs: int,
) -> None:
    """Repair what can be repaired safely in the posts at PATHS, touching nothing else.

    Without --fix this is a dry run: it prints a unified diff of the changes and
    exits 1 if there are any (0 if none); --check only names the files that would
    change. With --fix it writes the fixes (atomically, keeping permissions, line
    endings and BOM), prints what it did, and exits 1 if problems remain that need
    a person.
    """
    from mdjournal.cli import fmt

    if sum((fix, check, diff)) > 1:
        raise click.UsageError("choose one of --fix, --check and --diff")
    if not fix and (show_fixes or exit_non_zero_on_fix):
        raise click.UsageError("--show-fixes and --exit-non-zero-on-fix go with --fix")
    mode = "fix" if fix else "check" if check else "diff"
    sys.exit(
        _guarded(
            lambda: fmt.run(
                paths,
                settings,
                mode=mode,
                unsafe_fixes=unsafe_fixes,
                exit_zero=exit_zero,
                jobs=jobs,
                color=use_color(color),
                show_fixes=show_fixes,
                exit_non_zero_on_fix=exit_non_zero_on_fix,
            )
        )
    )


def _guarded(run: Callable[[], int]) -> int:
    """Run a command; a config error found on the way is one line and exit 2."""
    from mdjournal.config.settings import ConfigError

    try:
        return run()
    except ConfigError as error:
        fail(str(error))


@main.command("server", short_help="Serve diagnostics, fixes and an outline to editors (LSP).")
def server_command() -> None:
    """Speak the Language Server Protocol over standard input and output.

    Editors get mdjournal's findings as diagnostics while you type, its fixes as
    quick fixes, "fix all" and formatting, and the categories and entries as an
    outline. Needs the server extra: pip install 'mdjournal[server]'.
    """
    try:
        from mdjournal.server.app import run
    except ImportError as error:
        fail(
            f"the server needs pygls and lsprotocol ({error.name} is missing): pip install 'mdjournal[server]'"
        )
    run()


@main.command("rules", short_help="List the rules, or explain one.")
@click.argument("rule", required=False)
def rules_command(rule: str | None) -> None:
    """List every rule, or explain RULE (a code such as MJ004, or a name)."""
    from mdjournal.linting.rules import RULES, get
    from mdjournal.reporting.rule_docs import explain, listing

    if rule is None:
        click.echo("\n".join(listing(RULES)))
        return
    found = get(rule)
    if found is None:
        fail(f"unknown rule '{rule}' (run 'mdjournal rules' for the list)")
    click.echo(explain(found))


def selection_options(command: Callable[..., None]) -> Callable[..., None]:
    """The options ``stats`` and ``export`` share: which entries, and the config, handed on
    as one ``selection`` and one ``settings``."""
    options = [
        click.option(
            "--category", metavar="NAME", help="Only this category (its title; case does not matter)."
        ),
        click.option(
            "--read/--unread",
            "read",
            default=None,
            help="Only read entries, or only unread ones [default: both].",
        ),
        config_option,
        stdin_filename_option,
    ]

    @functools.wraps(command)
    def with_selection(
        *args: Any,
        category: str | None,
        read: bool | None,
        config_file: str | None,
        stdin_filename: str | None,
        **kwargs: Any,
    ) -> None:
        from mdjournal.reporting.records import Selection

        settings = _settings((), (), (), config_file, stdin_filename)
        command(*args, settings=settings, selection=Selection(category, read), **kwargs)

    wrapped: Callable[..., None] = with_selection
    for option in reversed(options):
        wrapped = option(wrapped)
    return wrapped


@main.command("stats", short_help="Count the reading list: per category, per year, over time.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@selection_options
@click.option(
    "--format",
    "output_format",
    type=click.Choice(("text", "json", "csv", "markdown")),
    default="text",
    show_default=True,
    help="text: tables with bars; markdown: tables to paste into a post.",
)
@click.option(
    "--plot", metavar="FILE", help="Also draw a chart to FILE (.svg or .png; needs mdjournal[plot])."
)
@click.option("--history", is_flag=True, help="Progress over the post's git history, commit by commit.")
@color_option("the bars")
def stats_command(
    paths: tuple[str, ...],
    settings: Settings,
    selection: Selection,
    output_format: str,
    plot: str | None,
    history: bool,
    color: str,
) -> None:
    """Count the entries of the posts at PATHS (files, folders, '-' for stdin).

    Per category: entries, read, unread, marked TO READ and the share read; per year
    of publication; in total; and for several posts, per post and all together.
    With --history, the counts at each commit that changed each post (git).
    """
    from mdjournal.cli import stats

    stats.plot_format(plot)  # a bad suffix is a usage error before any work
    colour = use_color(color) and output_format == "text"
    sys.exit(
        _guarded(
            lambda: stats.run(
                paths,
                settings,
                selection,
                output_format=output_format,
                color=colour,
                plot=plot,
                history=history,
            )
        )
    )


@main.command("export", short_help="Export the entries as BibTeX, CSL-JSON, CSV or JSON Lines.")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@selection_options
@click.option(
    "--to",
    type=click.Choice(("bibtex", "csl-json", "csv", "jsonl")),
    required=True,
    help="The format (bibtex needs mdjournal[bibtex]).",
)
@click.option("-o", "--output", metavar="FILE", help="Write to FILE instead of standard output.")
def export_command(
    paths: tuple[str, ...], settings: Settings, selection: Selection, to: str, output: str | None
) -> None:
    """Export one record per entry of the posts at PATHS (files, folders, '-' for stdin).

    Each record has the title, URL, year, read state, category, the blurb as a note
    and the identifier the URL carries (arXiv id, DOI); nothing is looked up online,
    so authors are left out. The same posts always give the same bytes.
    """
    from mdjournal.cli import export

    sys.exit(_guarded(lambda: export.run(paths, settings, selection, to=to, output=output)))
