"""The ``mdjournal`` command line.

Only click is imported at start-up; each command imports what it needs when it
runs, so ``mdjournal --version`` and ``--help`` stay fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

import click

from . import __version__

if TYPE_CHECKING:
    from collections import Counter

    from .fixer import FixResult
    from .runner import Settings

STDIN = "-"
OUTPUT_FORMATS = ("text", "json", "github", "sarif")
F = TypeVar("F", bound=Callable[..., Any])


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
    from .files import JournalError, read_stdin, read_text
    from .outline import journal_data, outline
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


def _selectors(values: tuple[str, ...]) -> tuple[str, ...]:
    """``--select A,B --select C`` -> (A, B, C)."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def rule_options(command: F) -> F:
    """The options ``lint`` and ``fmt`` share: rule selection, config, stdin name."""
    options = [
        click.option(
            "--select",
            multiple=True,
            metavar="RULES",
            help="Run only these rules (codes, names or prefixes, comma-separated).",
        ),
        click.option(
            "--extend-select",
            multiple=True,
            metavar="RULES",
            help="Run these rules as well as the selected ones.",
        ),
        click.option("--ignore", multiple=True, metavar="RULES", help="Do not run these rules."),
        click.option(
            "--config",
            "config_file",
            type=click.Path(exists=True, dir_okay=False),
            help="Use this config file instead of the nearest pyproject.toml / .mdjournal.toml.",
        ),
        click.option(
            "--stdin-filename",
            metavar="NAME",
            help="Name of standard input ('-') for messages and config matching.",
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def settings_from(
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: str | None,
    stdin_filename: str | None,
) -> Settings:
    from pathlib import Path

    from .config import ConfigError
    from .runner import Configs, Settings

    settings = Settings(
        config_file=Path(config_file) if config_file else None,
        select=_selectors(select) or None,
        extend_select=_selectors(extend_select),
        ignore=_selectors(ignore),
        stdin_filename=stdin_filename,
    )
    try:
        Configs(settings).for_path(stdin_filename or "post.md")
    except ConfigError as error:
        fail(str(error))
    return settings


def use_color(choice: str) -> bool:
    """Colour only on a terminal, never with NO_COLOR set (https://no-color.org)."""
    if choice != "auto":
        return choice == "always"
    return "NO_COLOR" not in os.environ and sys.stdout.isatty()


@main.command("lint")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@rule_options
@click.option(
    "--output-format",
    type=click.Choice(OUTPUT_FORMATS),
    envvar="MDJOURNAL_OUTPUT_FORMAT",
    help="How to print findings [default: github under GitHub Actions, else text].",
)
@click.option("--unsafe-fixes", is_flag=True, help="Count unsafe fixes as fixable ([*]).")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when problems are found.")
@click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text output.",
)
def lint_command(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: str | None,
    stdin_filename: str | None,
    output_format: str | None,
    unsafe_fixes: bool,
    exit_zero: bool,
    color: str,
) -> None:
    """Report the problems in the posts at PATHS (files, folders, '-' for stdin).

    Each finding is printed as path:line:col: CODE name: message, with [*] when
    'mdjournal fmt --fix' can repair it. Exit 0 when clean, 1 when problems are
    found, 2 when a file cannot be read or the settings are wrong.
    """
    from .config import ConfigError
    from .linter import lint_text
    from .reporting import FORMATS, FileFindings
    from .runner import Configs, read_posts

    settings = settings_from(select, extend_select, ignore, config_file, stdin_filename)
    configs = Configs(settings)
    output_format = output_format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    reports, errors = [], 0
    try:
        for post in read_posts(paths, settings):
            if post.text is None:
                click.echo(f"mdjournal: error: {post.error}", err=True)
                errors += 1
                continue
            config = configs.for_path(post.path)
            _, findings = lint_text(post.text, config, post.path)
            reports.append(FileFindings(post.path, findings))
    except ConfigError as error:
        fail(str(error))
    colour = use_color(color) and output_format == "text"
    output = FORMATS[output_format](reports, color=colour, unsafe_fixes=unsafe_fixes)
    if output:
        click.echo(output, color=colour)
    if errors:
        sys.exit(2)
    sys.exit(0 if exit_zero or not any(report.findings for report in reports) else 1)


def _breakdown(applied: Counter[str]) -> str:
    return ", ".join(f"{code} \u00d7{count}" for code, count in sorted(applied.items()))


@main.command("fmt")
@click.argument("paths", nargs=-1, required=True, type=click.Path(allow_dash=True))
@rule_options
@click.option("--fix", is_flag=True, help="Write the fixes in place ('-': print the fixed text).")
@click.option("--check", is_flag=True, help="Print nothing; exit 1 if --fix would change anything.")
@click.option("--diff", is_flag=True, help="Print a unified diff of what --fix would change (the default).")
@click.option("--unsafe-fixes", is_flag=True, help="Also apply fixes that may change meaning (e.g. MJ004).")
def fmt_command(
    paths: tuple[str, ...],
    select: tuple[str, ...],
    extend_select: tuple[str, ...],
    ignore: tuple[str, ...],
    config_file: str | None,
    stdin_filename: str | None,
    fix: bool,
    check: bool,
    diff: bool,
    unsafe_fixes: bool,
) -> None:
    """Repair what can be repaired safely in the posts at PATHS, touching nothing else.

    Without --fix this is a dry run: it prints a unified diff of the changes and
    exits 1 if there are any (0 if none); --check does the same silently. With
    --fix it writes the fixes (atomically, keeping permissions, line endings and
    BOM), prints what it did, and exits 1 if problems remain that need a person.
    """
    from collections import Counter

    from .config import ConfigError
    from .diffs import unified_diff
    from .files import JournalError, write_text_atomic
    from .fixer import StructureChanged, fix_text
    from .runner import Configs, read_posts

    if sum((fix, check, diff)) > 1:
        raise click.UsageError("choose one of --fix, --check and --diff")
    settings = settings_from(select, extend_select, ignore, config_file, stdin_filename)
    configs = Configs(settings)
    errors = changed_files = files = left = 0
    fixed: Counter[str] = Counter()
    try:
        for post in read_posts(paths, settings):
            if post.text is None:
                click.echo(f"mdjournal: error: {post.error}", err=True)
                errors += 1
                continue
            try:
                result = fix_text(post.text, configs.for_path(post.path), post.path, unsafe=unsafe_fixes)
                files += 1
                changed_files += result.text != post.text
                if not fix:
                    if not check:
                        click.echo(unified_diff(post.text, result.text, post.path), nl=False)
                    fixed += result.applied
                    continue
                if post.is_stdin:
                    sys.stdout.buffer.write(result.text.encode("utf-8"))
                    sys.stdout.flush()
                elif result.text != post.text:
                    write_text_atomic(post.path, result.text)
            except (JournalError, StructureChanged) as error:
                click.echo(f"mdjournal: error: {error}", err=True)
                errors += 1
                continue
            fixed += result.applied
            left += len(result.remaining)
            click.echo(_fix_report(post.path, result, unsafe_fixes), err=post.is_stdin)
    except ConfigError as error:
        fail(str(error))
    if fix and files > 1:
        click.echo(f"Fixed {sum(fixed.values())} problems in {changed_files} of {files} files; {left} left to fix by hand.")
    elif not fix and not check and changed_files:
        click.echo(
            f"Would fix {sum(fixed.values())} problems ({_breakdown(fixed)}) in {changed_files} "
            f"file{'s' if changed_files > 1 else ''}; run 'mdjournal fmt --fix' to apply.",
            err=True,
        )
    if errors:
        sys.exit(2)
    sys.exit(int(bool(left)) if fix else int(bool(changed_files)))


def _fix_report(path: str, result: FixResult, unsafe_fixes: bool) -> str:
    """``post.md: fixed 47 (MJ001 ×25, ...); 6 left to fix by hand``."""
    done = f"fixed {result.fixed} ({_breakdown(result.applied)})" if result.fixed else "nothing to fix"
    remaining = result.remaining
    if not remaining:
        return f"{path}: {done}; nothing left"
    hidden = sum(finding.fixable(True) for finding in remaining) if not unsafe_fixes else 0
    hint = f" ({hidden} fixable with --unsafe-fixes)" if hidden else ""
    return f"{path}: {done}; {len(remaining)} left to fix by hand{hint}"


@main.command("rules")
@click.argument("rule", required=False)
def rules_command(rule: str | None) -> None:
    """List every rule, or explain RULE (a code such as MJ004, or a name)."""
    from .rules import RULES, get

    if rule is None:
        click.echo(f"{'code':<6}  {'name':<20} {'default':<8} {'fix':<7} summary")
        for item in RULES:
            default = "on" if item.default else "off"
            click.echo(f"{item.code:<6}  {item.name:<20} {default:<8} {item.fix or '-':<7} {item.summary}")
        return
    found = get(rule)
    if found is None:
        fail(f"unknown rule '{rule}' (run 'mdjournal rules' for the list)")
    default = "on by default" if found.default else "off by default (select it to use it)"
    fix = {"safe": "fixable (safe fix)", "unsafe": "fixable with --unsafe-fixes", None: "no automatic fix"}[
        found.fix
    ]
    click.echo(f"{found.code} {found.name}: {default}, {fix}, severity {found.severity.value}\n")
    click.echo(found.doc)
