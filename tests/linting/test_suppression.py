"""Suppression comments: ranges, next line, same line, whole file, names, typos."""

from __future__ import annotations

import pytest

from mdjournal.config.settings import Config
from mdjournal.fixing.fixer import fix_text
from mdjournal.linting.linter import lint_text

FRONT = "---\ntitle: T\ndate: 2025-06-16\n---\n\n## Papers\n\n"
AS_JOURNAL = Config(journal=True)  # the snippets are journals, read marks or not


def codes_by_line(body: str) -> list[tuple[int, str]]:
    _, findings = lint_text(FRONT + body, AS_JOURNAL, "post.md")
    return [(f.span.line - FRONT.count("\n"), f.code) for f in findings]


ENTRY = "- [Blog post {n}](https://example.com/{n})\n\n*TO READ*\n\n"


def test_without_comments_every_entry_is_reported() -> None:
    assert codes_by_line(ENTRY.format(n=1) + ENTRY.format(n=2)) == [(1, "MJ002"), (5, "MJ002")]


@pytest.mark.parametrize(
    ("rule", "unused"),
    [
        ("MJ002", []),
        ("missing-year", []),
        ("MJ002, MJ013", ["MJ013"]),
        ("missing-year MJ009", ["MJ009"]),
        ("", []),
    ],
)
def test_disable_next_line(rule: str, unused: list[str]) -> None:
    body = f"<!-- mdjournal-disable-next-line {rule} -->\n" + ENTRY.format(n=1) + ENTRY.format(n=2)
    _, findings = lint_text(FRONT + body, path="post.md")
    assert [(f.span.line - FRONT.count("\n"), f.code) for f in findings] == [(1, "MJ101")] * bool(unused) + [
        (6, "MJ002")
    ]
    assert all(
        f"unused suppression of {', '.join(unused)} " in f.message for f in findings if f.code == "MJ101"
    )


def test_disable_next_line_other_rule_does_not_suppress() -> None:
    body = "<!-- mdjournal-disable-next-line MJ009 -->\n" + ENTRY.format(n=1)
    assert codes_by_line(body) == [(1, "MJ101"), (2, "MJ002")]


def test_disable_line() -> None:
    body = "- [A](https://example.com/a) <!-- mdjournal-disable-line MJ002 -->\n\n*TO READ*\n"
    assert codes_by_line(body) == []


def test_range_disable_and_enable() -> None:
    body = (
        "<!-- mdjournal-disable MJ002 -->\n\n"
        + ENTRY.format(n=1)
        + "<!-- mdjournal-enable MJ002 -->\n\n"
        + ENTRY.format(n=2)
    )
    assert codes_by_line(body) == [(9, "MJ002")]


def test_bare_disable_with_one_rule_enabled_again() -> None:
    body = (
        "<!-- mdjournal-disable -->\n<!-- mdjournal-enable MJ009 -->\n\n"
        "- [A](https://example.com/a) \n\n*TO READ*\n"
    )
    assert codes_by_line(body) == [(4, "MJ009")]


@pytest.mark.parametrize(
    ("rules", "unused"), [("", []), ("MJ002", []), ("missing-year,trailing-whitespace", [(5, "MJ101")])]
)
def test_disable_file(rules: str, unused: list[tuple[int, str]]) -> None:
    body = ENTRY.format(n=1) + f"<!-- mdjournal-disable-file {rules} -->\n"
    assert codes_by_line(body) == unused  # nothing for trailing-whitespace to suppress


UNUSED = "<!-- mdjournal-disable-next-line MJ002 -->\n- ✔️ [Adam](https://arxiv.org/abs/1412.6980) (2014)\n\nGood.\n"


def test_unused_suppression_is_fixed_by_removing_it_but_not_its_line() -> None:
    result = fix_text(FRONT + UNUSED, path="post.md")
    assert result.text == FRONT + "\n" + UNUSED.split("\n", 1)[1]  # a fix never removes a line
    assert dict(result.applied) == {"MJ101": 1}


def test_an_unused_rule_among_used_ones_is_dropped_from_the_comment() -> None:
    body = "- ✅ [A](https://example.com/a) <!-- mdjournal-disable-line MJ002, read-mark MJ009 -->\n\nGood.\n"
    result = fix_text(FRONT + body, path="post.md")
    assert result.text == FRONT + body.replace("MJ002, read-mark MJ009", "MJ002 read-mark")


def test_an_unused_range_goes_with_its_enable() -> None:
    body = (
        "Intro.\n\n<!-- mdjournal-disable MJ005 -->\n"
        + UNUSED.split("\n", 1)[1]
        + "<!-- mdjournal-enable MJ005 -->\n"
    )
    _, findings = lint_text(FRONT + body, path="post.md")
    assert [(f.code, f.span.line - FRONT.count("\n")) for f in findings] == [("MJ101", 3), ("MJ101", 7)]
    assert (
        findings[1].message
        == "this mdjournal-enable closes an unused mdjournal-disable (line 10); remove both"
    )
    result = fix_text(FRONT + body, path="post.md")
    assert result.text == FRONT + "Intro.\n\n\n" + UNUSED.split("\n", 1)[1] + "\n"


def test_a_comment_over_several_lines_keeps_its_line_breaks() -> None:
    body = "Good. <!-- mdjournal-disable-line\n  MJ009 -->\n"
    result = fix_text(FRONT + body, path="post.md")
    assert result.text == FRONT + "Good.\n\n"


def test_rules_that_did_not_run_are_not_judged() -> None:
    _, findings = lint_text(FRONT + UNUSED, Config().overridden(select=["MJ001", "MJ101"]), "post.md")
    assert findings == []  # MJ002 did not run: the comment may be needed when it does
    body = "<!-- mdjournal-disable-next-line -->\n" + UNUSED.split("\n", 1)[1]
    _, findings = lint_text(FRONT + body, Config().overridden(select=["MJ001", "MJ101"]), "post.md")
    assert findings == []  # nor is a comment for every rule, when only some ran
    assert [f.code for f in lint_text(FRONT + body, path="post.md")[1]] == ["MJ101"]


def test_unused_suppression_cannot_be_suppressed() -> None:
    body = "<!-- mdjournal-disable-file MJ101 -->\n" + UNUSED
    assert [f.code for f in lint_text(FRONT + body, path="post.md")[1]] == ["MJ100", "MJ101"]


def test_comment_inside_code_is_not_a_directive() -> None:
    body = "```\n<!-- mdjournal-disable-file -->\n```\n\n" + ENTRY.format(n=1)
    assert codes_by_line(body) == [(5, "MJ002")]


def test_unknown_rule_is_reported_and_suppresses_nothing() -> None:
    body = "<!-- mdjournal-disable-next-line MJ0002 -->\n" + ENTRY.format(n=1)
    _, findings = lint_text(FRONT + body, AS_JOURNAL, "post.md")
    assert [(f.code, f.message) for f in findings] == [
        ("MJ100", "unknown rule 'MJ0002' in mdjournal-disable-next-line; did you mean MJ002?"),
        ("MJ002", "year missing; add the year as ' (YYYY)' after the link"),
    ]


def test_invalid_suppression_cannot_be_suppressed() -> None:
    body = "<!-- mdjournal-disable-file -->\n<!-- mdjournal-disable nonsense -->\n" + ENTRY.format(n=1)
    assert codes_by_line(body) == [(2, "MJ100")]


def test_directives_are_case_insensitive() -> None:
    assert codes_by_line(ENTRY.format(n=1) + "<!-- MDJOURNAL-DISABLE-FILE -->\n") == []


def test_naming_mj100_in_a_directive_is_reported() -> None:
    _, findings = lint_text(FRONT + "<!-- mdjournal-disable MJ100 -->\n", AS_JOURNAL, "post.md")
    assert [(f.code, f.message) for f in findings] == [
        ("MJ011", "category 'Papers' has no entries"),
        ("MJ100", "MJ100 cannot be suppressed by a comment; ignore it in the config"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Escaped \\<!-- mdjournal-disable-file -->\n\n",
        "`<!-- mdjournal-disable-file -->`\n\n",
        "I wrote a <!-- in prose.\n\n",
    ],
)
def test_text_that_only_looks_like_a_comment_hides_nothing(text: str) -> None:
    assert codes_by_line(text + ENTRY.format(n=1)) == [(3, "MJ002")]


def test_an_unclosed_comment_in_prose_does_not_hide_the_rest() -> None:
    _, findings = lint_text(
        FRONT + "A <!-- stray opener.\n\n- [B](https://e.com/b)\n\nCafÃ© notes.\n", AS_JOURNAL, "post.md"
    )
    assert sorted(f.code for f in findings) == ["MJ001", "MJ002", "MJ013"]


def test_empty_comment_forms_end_at_once() -> None:
    _, findings = lint_text(FRONT + "A <!--> ‚úîÔ∏è visible -->\n", AS_JOURNAL, "post.md")
    assert "MJ001" in [f.code for f in findings]
