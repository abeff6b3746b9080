"""Layer 3, parsing: text → model.

:func:`~mdjournal.parsing.journal.parse` reads front matter
(:mod:`~mdjournal.parsing.front_matter`), lets markdown-it find the blocks
(:mod:`~mdjournal.parsing.blocks`, with the shortcuts of
:mod:`~mdjournal.parsing.plain_blocks`), reads each list item's head as an entry
(:mod:`~mdjournal.parsing.entry_head`) and builds the lossless model.
:mod:`~mdjournal.parsing.incremental` keeps a model up to date through edits (the
editor server), parsing again only the sections an edit touches.
"""
