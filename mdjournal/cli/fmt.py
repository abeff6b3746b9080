"""``mdjournal fmt``: fix every post, then show the diff, check, or write and report."""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Sequence
from functools import partial

import click

from mdjournal.cli.output import echo_exact
from mdjournal.cli.progress import Progress
from mdjournal.cli.runner import Post, discover, read_found, run_all
from mdjournal.fixing.fixer import FixResult, fix_text
from mdjournal.linting.finding import Finding, Severity
from mdjournal.linting.selection import Configs, Settings
from mdjournal.reporting.diffs import paint_diff, unified_diff
from mdjournal.reporting.formats import error_line, printable
from mdjournal.text.files import JournalError, signals_held, write_text_atomic


def run(
    paths: Sequence[str],
    settings: Settings,
    *,
    mode: str,
    unsafe_fixes: bool,
    exit_zero: bool,
    jobs: int,
    color: bool = False,
    show_fixes: bool = False,
    exit_non_zero_on_fix: bool = False,
) -> int:
    """``mode`` is ``diff`` (dry run), ``check`` (dry run naming the files) or ``fix`` (write).

    Exit 2 if a post could not be read or written; otherwise, for a dry run, 1 if
    anything would change, and for ``fix``, 1 if problems are left that need a
    person, hints aside (0 with ``exit_zero``, as the pre-commit hook wants: pre-commit
    itself notices modified files), or if a file was changed and ``exit_non_zero_on_fix``.
    """
    errors = changed = files = left = failing = 0
    fixed: Counter[str] = Counter()
    work = partial(fix_post, unsafe=unsafe_fixes)
    found = list(discover(paths))
    for post, result in Progress(len(found)).over(run_all(work, read_found(found, Configs(settings)), jobs)):
        if result is None:
            click.echo(error_line(str(post.error)), err=True)
            errors += 1
            continue
        assert post.text is not None
        files += 1
        changed += result.text != post.text
        fixed += result.applied
        if mode == "diff":
            # coloured as git colours a diff, after the post's control characters are escaped
            echo_exact(unified_diff(post.text, result.text, post.path), paint=paint_diff if color else None)
        elif mode == "check" and result.text != post.text:
            click.echo(f"Would fix: {printable(post.path)}")
        elif mode == "fix":
            # Held so that a file written is a file reported (see signals_held).
            with signals_held():
                try:
                    written = _write(post, result)
                except JournalError as error:
                    click.echo(error_line(str(error)), err=True)
                    errors += 1
                    continue
                left += len(result.remaining)
                failing += sum(finding.severity is not Severity.INFO for finding in result.remaining)
                click.echo(report(post.path, result, unsafe_fixes, written=written), err=post.is_stdin)
                if show_fixes and written:  # fixes another run wrote are not this run's to show
                    for line in fixes_done(post.path, result):
                        click.echo(line, err=post.is_stdin)
            if not written:
                changed -= result.text != post.text
                fixed -= result.applied
    if not files and not errors:
        click.echo("mdjournal: warning: no Markdown files to fix in the paths given", err=True)
    if mode == "fix" and files > 1:
        click.echo(
            f"Fixed {_count(sum(fixed.values()), 'problem')} in {changed} of {files} files; "
            f"{left} left to fix by hand."
        )
    elif mode != "fix" and changed:
        command = "mdjournal fmt --fix --unsafe-fixes" if unsafe_fixes else "mdjournal fmt --fix"
        click.echo(
            f"Would fix {_count(sum(fixed.values()), 'problem')} ({breakdown(fixed)}) in "
            f"{_count(changed, 'file')}; run '{command}' to apply.",
            err=True,
        )
    if errors:
        return 2
    if mode == "fix":
        return 0 if (exit_zero or not failing) and not (exit_non_zero_on_fix and changed) else 1
    return 0 if exit_zero or not changed else 1


def _count(number: int, noun: str) -> str:
    """``1 problem``, ``2 problems``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def fix_post(post: Post, unsafe: bool = False) -> FixResult:
    """Fix one readable post (a picklable unit of work for ``--jobs``)."""
    assert post.text is not None
    return fix_text(post.text, post.config, post.path, unsafe=unsafe)


def _write(post: Post, result: FixResult) -> bool:
    """Standard input goes to standard output, whole; a file is replaced only if it changed.

    False when the file already held the fixed text (another run wrote it first).
    """
    if post.is_stdin:
        sys.stdout.buffer.write(result.text.encode("utf-8"))
        sys.stdout.flush()
    elif result.text != post.text:
        return write_text_atomic(post.path, result.text, expected=post.text)
    return True


def breakdown(applied: Counter[str]) -> str:
    """``MJ001 ×25, MJ002 ×10``."""
    return ", ".join(f"{code} \u00d7{count}" for code, count in sorted(applied.items()))


def fixes_done(path: str, result: FixResult) -> list[str]:
    """``--show-fixes``: each fix applied, as ``path:line:col: CODE name: message``, in order of position."""
    path = printable(path)
    return [
        f"  {path}:{finding.span.line}:{finding.span.column}: {finding.code} {finding.name}: "
        f"{printable(finding.message)}"
        for finding in sorted(result.fixes, key=Finding.sort_key)
    ]


def report(path: str, result: FixResult, unsafe_fixes: bool, *, written: bool = True) -> str:
    """``post.md: fixed 47 (MJ001 ×25, ...); 6 left to fix by hand``.

    What this run did: a fix another run had already written (``written`` false)
    is not claimed.
    """
    done = f"fixed {result.fixed} ({breakdown(result.applied)})" if result.fixed else "nothing to fix"
    if not written:
        done = "nothing written: another run had already written the same fixes"
    remaining = result.remaining
    path = printable(path)
    if not remaining:
        return f"{path}: {done}; nothing left"
    hidden = 0 if unsafe_fixes else result.unsafe_left
    hints = [f"{hidden} fixable with --unsafe-fixes"] if hidden else []
    for refused, why in (
        (result.refused, "the entries"),
        (result.lost_markup, "a link, code span or emphasis"),
    ):
        if refused:
            hints.append(
                f"{len(refused)} fix{'es' if len(refused) > 1 else ''} refused: it would change {why}"
            )
    hint = f" ({'; '.join(hints)})" if hints else ""
    return f"{path}: {done}; {len(remaining)} left to fix by hand{hint}"
