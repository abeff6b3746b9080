"""Layer 7, reporting: findings and models → what a person or a tool reads.

:mod:`~mdjournal.reporting.formats` prints findings, one module per format (text,
concise, full, json, json-lines, github, gitlab, junit, sarif, and ``--statistics``);
:mod:`~mdjournal.reporting.diffs` shows what a fix would change;
:mod:`~mdjournal.reporting.outline` shows the parsed structure;
:mod:`~mdjournal.reporting.stats` counts a reading list (:mod:`~mdjournal.reporting.charts`
draws it, with matplotlib when installed); :mod:`~mdjournal.reporting.records` makes
one export record per entry, written by :mod:`~mdjournal.reporting.bibtex`,
:mod:`~mdjournal.reporting.csl` and as CSV or JSON Lines.
"""
