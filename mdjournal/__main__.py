"""``python -m mdjournal``: the same as the ``mdjournal`` console script."""

from mdjournal.cli.script import run

run()
