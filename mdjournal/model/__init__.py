"""Layer 2, model: what a journal is made of, and the vocabulary of its text.

:mod:`~mdjournal.model.nodes` holds the lossless model (each node keeps its exact
``raw`` text and ``span``); the other modules name what entries are written with:
read marks, status markers such as ``*TO READ*``, mojibake, and the identifiers in
a paper's URL that date it. :mod:`~mdjournal.model.moved` moves nodes into an
edited text (their spans shifted), for the incremental parse.
"""
