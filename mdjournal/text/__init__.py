"""Layer 1, text: a post's characters and where they are.

:mod:`~mdjournal.text.files` reads bytes into text (or one clear error) and writes
text back atomically; :mod:`~mdjournal.text.source` gives line and column of any
offset; :mod:`~mdjournal.text.edit` is the one way text changes;
:mod:`~mdjournal.text.visible` writes out characters a terminal would not show. Nothing here
knows what a journal is.
"""
