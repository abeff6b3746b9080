"""The entry point of the ``mdjournal`` console script and ``python -m mdjournal``."""

from __future__ import annotations


def run() -> None:
    """The ``mdjournal`` console script and ``python -m mdjournal``.

    :func:`mdjournal.cli.main.main` handles Ctrl-C once it runs; a Ctrl-C while its
    modules are still being imported is handled here, so it is never a traceback.
    """
    import sys

    try:
        from mdjournal.cli.main import main
    except KeyboardInterrupt:
        sys.stderr.write("\nmdjournal: stopped by SIGINT\n")
        sys.exit(130)
    main(prog_name="mdjournal")
