"""``python -m mdjournal``: the same as the ``mdjournal`` console script."""

from .cli import main

main(prog_name="mdjournal")
