"""Layer 5, linting: model → findings.

:func:`~mdjournal.linting.linter.lint` runs the selected rules
(:mod:`~mdjournal.linting.rules`, one module each, see
:class:`~mdjournal.linting.rule.RuleModule`) over a
:class:`~mdjournal.linting.context.Context`, drops what is in code or comments or
suppressed (:mod:`~mdjournal.linting.suppression`), and returns
:class:`~mdjournal.linting.finding.Finding` values, each naming its rule and
carrying its fix as text edits. :mod:`~mdjournal.linting.selection` decides which
rules run on which post.
"""
