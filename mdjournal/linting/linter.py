"""Run the rules over a post: text -> journal -> findings.

The linter owns the policies every rule shares, so no rule repeats them: only the
selected rules run, journal rules only on journals (see
:attr:`~mdjournal.linting.context.Context.is_journal`), nothing is reported inside code, HTML comments or front matter
(except by the rules about those: MJ012 front matter, MJ100 suppression comments),
nothing inside an HTML block or a Liquid tag is fixed (only reported), suppression
comments are honoured (and the rules about unused ones run after the others, with
what each comment suppressed), and findings come out sorted by position.
"""

from __future__ import annotations

from collections.abc import Callable

from mdjournal.config.settings import Config
from mdjournal.linting.context import Context
from mdjournal.linting.finding import Finding
from mdjournal.linting.rule import Rule
from mdjournal.linting.rules import RULE_KEYS, RULES
from mdjournal.linting.selection import codes as selected_codes
from mdjournal.model.nodes import Journal
from mdjournal.parsing.journal import parse
from mdjournal.text.gc_pause import without_gc

_DEFAULTS = frozenset(rule.code for rule in RULES if rule.default)
_JOURNAL_RULES = frozenset(rule.code for rule in RULES if rule.scope == "journal")


#: What finds the section-local rules' findings (:attr:`~mdjournal.linting.rule.Rule.section_local`)
#: in a post, given its context: :class:`~mdjournal.linting.sections.SectionFindings`.
LocalFindings = Callable[[Context, list[Rule]], list[Finding]]


@without_gc
def lint(
    journal: Journal,
    config: Config | None = None,
    path: str | None = None,
    *,
    fixing: bool | None = None,
    local: LocalFindings | None = None,
) -> list[Finding]:
    """Every finding of the rules ``config`` selects for ``path``, sorted by position.

    ``fixing`` narrows the rules to those that can fix (True) or those that cannot
    (False): the fixer's first round looks only for what it can fix. ``local``, when
    given, finds what the section-local rules report (the editor server reuses their
    findings in the sections a change did not touch); by default they run on the post.
    """
    config = config or Config()
    context = Context(journal, config, path, RULE_KEYS)
    codes = selected_codes(config, path)
    chosen = [
        rule for rule in RULES if rule.code in codes and (fixing is None or (rule.fix is not None) == fixing)
    ]
    first = [rule for rule in chosen if not rule.after_suppressions]
    if local is None:
        findings = run_rules(context, first)
    else:
        findings = [
            *local(context, [rule for rule in first if rule.section_local]),
            *run_rules(context, [rule for rule in first if not rule.section_local]),
        ]
    if "<!--" in context.text:  # suppressions live in HTML comments
        findings = [finding for finding in findings if not context.suppressions.suppress(finding)]
        # Whether a comment suppressed something is known only once every rule has run:
        # the fixer's first round, which runs only some, leaves these rules out.
        if fixing is None:
            ran = codes if context.is_journal else codes - _JOURNAL_RULES
            context.ran, context.defaults_ran = ran, ran >= _DEFAULTS
            findings += run_rules(context, [rule for rule in chosen if rule.after_suppressions])
    return sorted(findings, key=Finding.sort_key)


def run_rules(context: Context, rules: list[Rule]) -> list[Finding]:
    """What ``rules`` report in the post, but what they report where they do not look
    (unless they look ``anywhere``), without the fixes that would edit HTML or Liquid
    (except for the rules about suppression comments, which edit only those)."""
    findings: list[Finding] = []
    for rule in rules:
        if rule.scope == "journal" and not context.is_journal:
            continue  # journal rules say nothing about a README or an ordinary post
        for problem in rule.check(context):
            if not rule.anywhere and context.is_excluded(problem.span.start):
                continue
            fix = problem.fix
            if (
                fix is not None
                and not rule.after_suppressions
                and any(context.touches_untouchable(e.start, e.end) for e in fix.edits)
            ):
                fix = None  # reported, but HTML and Liquid are not mdjournal's to rewrite
            findings.append(Finding(rule.code, rule.name, rule.severity, problem.span, problem.message, fix))
    return findings


def lint_text(
    text: str, config: Config | None = None, path: str | None = None, *, fixing: bool | None = None
) -> tuple[Journal, list[Finding]]:
    """Parse ``text`` with the config's settings and lint it (``fixing``: see :func:`lint`)."""
    config = config or Config()
    journal = parse(text, **config.parse_options)
    return journal, lint(journal, config, path, fixing=fixing)
