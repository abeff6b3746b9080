"""``mdjournal server``: the linter, fixer and outline in any editor, over the Language Server Protocol.

The top layer beside :mod:`mdjournal.cli`: it reads documents from the editor and
answers with what the layers below already compute (findings from the linter,
edits from the fixer, categories and entries from the parser). Each module has
one job: :mod:`.positions` converts offsets to the client's positions,
:mod:`.documents` keeps the open documents in step with the editor,
:mod:`.diagnostics` turns findings into diagnostics, :mod:`.actions` offers code
actions and formatting, :mod:`.outline` gives symbols, folding ranges and hovers,
and :mod:`.app` wires them to pygls. pygls and lsprotocol (the ``server`` extra)
are imported only here, never by the other commands.
"""
