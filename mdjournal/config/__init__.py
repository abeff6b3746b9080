"""Layer 4, config: the user's settings as plain values.

:mod:`~mdjournal.config.settings` is the :class:`Config` value;
:mod:`~mdjournal.config.files` finds and reads ``pyproject.toml`` /
``.mdjournal.toml``. Rule selectors stay strings here: the linting layer resolves them.
"""
