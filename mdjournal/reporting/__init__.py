"""Layer 7, reporting: findings and models → what a person or a tool reads.

:mod:`~mdjournal.reporting.formats` prints findings (text, json, github, sarif);
:mod:`~mdjournal.reporting.diffs` shows what a fix would change;
:mod:`~mdjournal.reporting.outline` shows the parsed structure.
"""
