"""The command line: ``mdjournal`` and its commands (the top layer).

:mod:`mdjournal.cli.main` declares the commands with click; each command that does
real work has a module of its own (:mod:`~mdjournal.cli.lint`, :mod:`~mdjournal.cli.fmt`,
:mod:`~mdjournal.cli.stats`, :mod:`~mdjournal.cli.export`) whose ``run`` takes plain
values, prints through click and returns the exit code. :mod:`~mdjournal.cli.runner` turns command-line paths into
posts, each with its config, and runs the work on them, maybe in parallel;
:mod:`~mdjournal.cli.history` reads a post's past from git.
"""
