"""The rules' documentation, from their docstrings: for ``mdjournal rules`` and ``docs/rules.md``.

One rendering serves both, so the terminal and the web page say the same thing.
``docs/rules.md`` is generated (``python -m mdjournal.reporting.rule_docs
docs/rules.md``) and a test fails when it is stale. Each rule's section there opens
with ``<a id="mj002"></a>``, its :attr:`~mdjournal.linting.rule.Rule.anchor`, so
:attr:`~mdjournal.linting.rule.Rule.url` (shown by ``mdjournal rules CODE`` and given
as ``helpUri`` in SARIF) stays valid whatever the heading says.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path

from mdjournal.linting.rule import Rule

_FIX = {"safe": "fixable (safe fix)", "unsafe": "fixable with --unsafe-fixes", None: "no automatic fix"}

#: ``Bad::`` and the indented block after it, as in the rules' docstrings.
_EXAMPLE = re.compile(r"^(?P<label>\S[^\n]*)::\n\n(?P<block>(?:    [^\n]*\n|\n)+)", re.MULTILINE)


def traits(rule: Rule) -> str:
    """``on by default, fixable with --unsafe-fixes, severity warning``."""
    default = "on by default" if rule.default else "off by default (select it to use it)"
    return f"{default}, {_FIX[rule.fix]}, severity {rule.severity.value}"


def listing(rules: Iterable[Rule]) -> list[str]:
    """The lines of ``mdjournal rules``: a header, then a line per rule."""
    lines = [f"{'code':<6}  {'name':<20} {'default':<8} {'fix':<7} summary"]
    for rule in rules:
        default = "on" if rule.default else "off"
        lines.append(f"{rule.code:<6}  {rule.name:<20} {default:<8} {rule.fix or '-':<7} {rule.summary}")
    return lines


def explain(rule: Rule) -> str:
    """What ``mdjournal rules CODE`` prints: code, name, traits, the docstring, the web page."""
    return f"{rule.code} {rule.name}: {traits(rule)}\n\n{rule.doc}\n\nDocumentation: {rule.url}"


def _fenced(match: re.Match[str]) -> str:
    """``Bad::`` and its indented block -> ``Bad:`` and a fenced Markdown block."""
    lines = match.group("block").rstrip("\n").split("\n")
    code = "\n".join(line[4:] for line in lines)
    return f"{match.group('label')}:\n\n```markdown\n{code}\n```\n\n"


def section(rule: Rule) -> str:
    """A rule's section of ``docs/rules.md``: anchor, heading, traits, documentation."""
    summary, _, body = rule.doc.partition("\n")
    body = _EXAMPLE.sub(_fenced, body.strip("\n") + "\n").rstrip("\n")
    line = traits(rule)
    return (
        f'<a id="{rule.anchor}"></a>\n\n## {rule.code} {rule.name}\n\n'
        f"*{line[0].upper()}{line[1:]}.*\n\n{summary}\n\n{body}\n"
    )


_SCOPES = {"journal": "journals", "post": "any post"}


def page(rules: Iterable[Rule]) -> str:
    """The whole of ``docs/rules.md``."""
    rules = tuple(rules)
    anywhere = [rule.code for rule in rules if rule.anywhere]
    rows = [
        f"| [{rule.code}](#{rule.anchor}) | {rule.name} | {'on' if rule.default else 'off'} "
        f"| {rule.fix or '-'} | {rule.severity.value} | {_SCOPES[rule.scope]} | {rule.summary} |"
        for rule in rules
    ]
    head = (
        "# Rules\n\n"
        "<!-- Generated from the rule docstrings by"
        " `python -m mdjournal.reporting.rule_docs docs/rules.md`: edit the rule's"
        " module, not this file. -->\n\n"
        "Every rule mdjournal has, with an example of what it reports and of what it accepts\n"
        "(the tests lint both).\n"
        "`mdjournal rules` lists them and `mdjournal rules CODE` prints one; rules are\n"
        "selected by code, name or prefix ([configuration](configuration.md#selecting-rules)) and\n"
        "silenced in place with a comment ([suppression](suppression.md)).\n"
        "Nothing is reported from inside code blocks, inline code, HTML comments or\n"
        f"front matter, except by {' and '.join(anywhere)}, which look there on purpose.\n\n"
        "Journal rules run on reading journals only: a post is one when an entry carries a\n"
        "read mark or the TO READ marker (a task box `[x]` only in a post with front\n"
        "matter), or when the `journal` setting says so ([what counts](what-counts.md)).\n"
        "Other Markdown files (a README's paper list, an ordinary post, a tab page) get\n"
        "only the rules for any post. Findings of severity `info` are hints: shown, but\n"
        "they never make `lint` or `fmt --fix` exit 1.\n\n"
        "| code | name | default | fix | severity | runs on | summary |\n"
        "|---|---|---|---|---|---|---|\n"
    )
    return head + "\n".join(rows) + "\n\n" + "\n".join(section(rule) for rule in rules)


def main(argv: list[str]) -> int:
    """``python -m mdjournal.reporting.rule_docs PATH``: write the rules page to PATH."""
    from mdjournal.linting.rules import RULES

    if len(argv) != 1:
        print("usage: python -m mdjournal.reporting.rule_docs docs/rules.md", file=sys.stderr)
        return 2
    Path(argv[0]).write_text(page(RULES), encoding="utf-8", newline="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
