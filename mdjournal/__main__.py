"""``python -m mdjournal``: the same as the ``mdjournal`` console script."""

from mdjournal.cli.main import main

main(prog_name="mdjournal")
