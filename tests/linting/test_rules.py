"""Every rule on its own fixture, on its documented examples, and as a registry entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mdjournal.config.settings import Config
from mdjournal.linting.finding import Finding
from mdjournal.linting.linter import lint_text
from mdjournal.linting.rules import RULES, get
from mdjournal.linting.selection import select
from tests.conftest import FIXTURES, read

RULE_FIXTURES = FIXTURES / "rules"
# The fixtures and snippets are journals, read marks or not, that hold years to the
# house form (a fixture of year spellings has no convention of its own).
AS_JOURNAL = Config(journal=True, year_style="house")

# fixture -> (line, column, the exact text the finding points at), for its rule alone.
EXPECTED = {
    "MJ001-mojibake.md": [
        (6, 1, "\uf8ffüöß"),
        (6, 25, "\uf8ffüöß"),
        (10, 16, "‚úîÔ∏è"),
        (10, 27, "â€™"),
        (14, 3, "‚úîÔ∏è"),
        (16, 4, "Ã©"),
    ],
    "MJ002-missing-year.md": [
        (8, 6, "[Train Short, Test Long](https://arxiv.org/abs/2108.12409)"),
        (12, 3, "[Old style](http://arxiv.org/abs/hep-th/9901001)"),
        (16, 3, "[Springer](https://link.springer.com/article/10.1007/s11023-"),
        (20, 3, "[ACL](https://aclanthology.org/P19-1001.pdf)"),
        (24, 3, "[A blog post](https://example.com/blog/post)"),
    ],
    "MJ003-year-format.md": [
        (8, 47, "(2022)"),
        (9, 52, "( 2022 )"),
        (10, 44, "2022"),
        (11, 48, "[2022]"),
        (12, 49, "  (2022)"),
        (13, 61, "(22)"),
        (14, 52, "(97)"),
    ],
    "MJ004-read-but-to-read.md": [
        (10, 1, "*TO READ*"),
        (14, 1, "*TO READ*"),
    ],
    "MJ005-year-mismatch.md": [
        (8, 74, "(2017)"),
        (9, 73, "(2025)"),
    ],
    "MJ006-duplicate-entry.md": [
        (15, 6, "[Layer norm, again](https://arxiv.org/abs/1607.06450v1)"),
        (16, 3, "[batch normalization!](https://example.com/bn)"),
    ],
    "MJ007-link-style.md": [
        (8, 9, "https://arxiv.org/pdf/1312.6114"),
        (9, 12, "https://export.arxiv.org/abs/2505.24832"),
        (10, 23, "http://arxiv.org/abs/1706.03762v2"),
        (16, 9, "https://arxiv.org/pdf/1412.6980.pdf"),
    ],
    "MJ008-read-mark.md": [
        (8, 3, "✅"),
        (9, 3, "✔"),
        (10, 3, "[x]"),
        (11, 57, "✔️"),
        (12, 5, "  "),
    ],
    "MJ009-trailing-whitespace.md": [
        (6, 30, "\t"),
        (8, 10, "   "),
        (10, 52, " "),
        (13, 48, "  "),
        (14, 1, "  "),
    ],
    "MJ010-malformed-entry.md": [
        (8, 1, "- ✔️ Attention Is All You Need (2017)"),
        (9, 1, "- Batch Normalization (2015)"),
        (10, 1, "- ✔️ [Unclosed title(https://arxiv.org/abs/1706.03762) (2017"),
        (11, 1, "- ✔️ [Undefined][nowhere] (2017)"),
        (12, 3, "[](https://arxiv.org/abs/1706.03762)"),
        (13, 3, "[No URL]()"),
    ],
    "MJ011-empty-category.md": [
        (6, 1, "## Empty"),
        (9, 1, "## Only a broken item"),
    ],
    "MJ012-front-matter-fields.md": [
        (1, 1, "---"),
        (3, 1, "date: 16/06/2025"),
    ],
    "MJ012-front-matter-invalid.md": [
        (2, 1, 'title: "Unclosed'),
    ],
    "MJ012-front-matter-missing.md": [
        (1, 1, ""),
    ],
    "MJ013-unread-with-notes.md": [
        (8, 3, "[Epoch AI](https://epoch.ai/blog/trends-in-ai-supercomputers"),
        (12, 3, "[Forgot the mark](https://arxiv.org/abs/1412.6980)"),
    ],
    "MJ014-missing-blurb.md": [
        (8, 6, "[Layer Normalization](https://arxiv.org/abs/1607.06450)"),
        (18, 6, "[Last one](https://arxiv.org/abs/2106.09685v2)"),
    ],
    "MJ100-invalid-suppression.md": [
        (8, 1, "<!-- mdjournal-disable-next-line MJ0002 -->"),
        (13, 1, "<!-- mdjournal-disabel MJ002 -->"),
    ],
    "MJ101-unused-suppression.md": [
        (8, 1, "<!-- mdjournal-disable-next-line MJ002 -->"),
        (13, 1, "<!-- mdjournal-disable-next-line MJ002, MJ008 -->"),
        (16, 7, "<!-- mdjournal-disable-line trailing-whitespace -->"),
        (18, 1, "<!-- mdjournal-disable MJ005 -->"),
        (22, 1, "<!-- mdjournal-enable MJ005 -->"),
        (29, 1, "<!-- mdjournal-disable-next-line -->"),
    ],
}


def alone(code: str) -> Config:
    """The config that runs the rule ``code``: alone, or with the default rules for a
    rule that judges the suppression of their findings."""
    rule = get(code)
    assert rule is not None
    if rule.after_suppressions:
        return AS_JOURNAL.overridden(extend_select=[code])
    return AS_JOURNAL.overridden(select=[code])


def own(code: str, findings: list[Finding]) -> list[Finding]:
    """``findings`` of the rule ``code`` (the only ones there are, but for a rule run with the defaults)."""
    return [finding for finding in findings if finding.code == code]


def findings_for(path: Path, code: str) -> list[tuple[int, int, str]]:
    """The rule's findings, with the post taken for a journal (as the rule fixtures
    are, whether or not they carry a read mark) that holds years to the house form
    (a fixture of year spellings has no convention of its own)."""
    text = read(path)
    _, findings = lint_text(text, alone(code), str(path))
    if not get(code).after_suppressions:  # type: ignore[union-attr]
        assert {finding.code for finding in findings} <= {code}
    findings = own(code, findings)
    return [(f.span.line, f.span.column, text[f.span.start : f.span.end][:60]) for f in findings]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rule_on_its_fixture(name: str) -> None:
    code = name.split("-")[0]
    assert findings_for(RULE_FIXTURES / name, code) == EXPECTED[name]


def test_every_rule_has_a_fixture() -> None:
    assert {name.split("-")[0] for name in EXPECTED} == {rule.code for rule in RULES}
    assert sorted(path.name for path in RULE_FIXTURES.glob("*.md")) == sorted(EXPECTED)


def _example(doc: str, label: str) -> str:
    """The indented block after ``Bad::`` or ``Good::`` in a rule's doc."""
    match = re.search(rf"^{label}[^\n]*::\n\n((?:    .*\n|\n)+)", doc + "\n", re.MULTILINE)
    assert match, f"no {label} example"
    block = "\n".join(line[4:] for line in match.group(1).splitlines())
    return block.strip("\n").replace("·", " ") + "\n"


def _as_post(example: str) -> str:
    """Wrap an example in a minimal valid post, unless it brings its own front matter or heading."""
    front = "---\ntitle: Examples\ndate: 2025-06-16\n---\n\n"
    if example.startswith("---"):
        return example
    if example.startswith("#"):
        return front + example
    return front + "## Papers\n\n" + example


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_documented_examples_are_true(rule) -> None:
    config = alone(rule.code)
    _, bad = lint_text(_as_post(_example(rule.doc, "Bad")), config, "post.md")
    assert own(rule.code, bad)
    if "\nGood::" in rule.doc:
        _, good = lint_text(_as_post(_example(rule.doc, "Good")), config, "post.md")
        assert (own(rule.code, good) if rule.after_suppressions else good) == []


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.code)
def test_rule_metadata(rule) -> None:
    assert re.fullmatch(r"MJ\d{3}", rule.code)
    assert re.fullmatch(r"[a-z]+(-[a-z]+)*", rule.name)
    assert rule.fix in ("safe", "unsafe", None)
    assert rule.summary.endswith(".")
    assert re.search(r"^Bad[^\n]*::$", rule.doc, re.MULTILINE)
    assert re.search(r"^Good[^\n]*:", rule.doc, re.MULTILINE)
    assert get(rule.code) is rule and get(rule.name) is rule and get(rule.code.lower()) is rule


def test_codes_and_names_are_unique() -> None:
    assert len({rule.code for rule in RULES}) == len({rule.name for rule in RULES}) == len(RULES)


def test_selectors() -> None:
    assert [rule.code for rule in select("MJ00")] == [f"MJ00{i}" for i in range(1, 10)]
    assert select("ALL") == RULES
    assert select("nonsense") == ()
    assert [rule.code for rule in select("trailing-whitespace")] == ["MJ009"]


def test_defaults() -> None:
    off = {rule.code for rule in RULES if not rule.default}
    assert off == {"MJ007"}


@pytest.mark.parametrize(
    ("front", "message"),
    [
        ("---\ntitle: t\ndate: 2024-02-30\n---\n", "date '2024-02-30' is not a date Jekyll accepts"),
        (
            "---\ntitle: t\ndate: 2024-01-01 25:00:00\n---\n",
            "date '2024-01-01 25:00:00' is not a date Jekyll accepts",
        ),
        ("---\ntitle: t\n\n", "front matter opened on line 1 is never closed: end it with a '---' line"),
        ("---\ntitle: [t\n---\n", "front matter is not valid YAML"),
    ],
)
def test_front_matter_problems_are_findings_never_crashes(front: str, message: str) -> None:
    _, findings = lint_text(front + "## P\n", AS_JOURNAL.overridden(select=["MJ012"]), "post.md")
    assert [f.code for f in findings] == ["MJ012"]
    assert message in findings[0].message


def test_a_key_repeated_in_front_matter_is_reported_where_it_is_repeated() -> None:
    front = "---\ntitle: A\ndate: 2025-06-16\ntitle: B\nauthor:\n  name: x\n  name: y\nbase: &b {k: 1}\nother:\n  <<: *b\n  <<: *b\n---\n"
    _, findings = lint_text(front + "## P\n", Config().overridden(select=["MJ012"]), "post.md")
    assert [(f.span.line, f.message) for f in findings] == [
        (4, "duplicate key 'title' (first on line 2); Jekyll keeps only the last value: keep one"),
        (7, "duplicate key 'name' (first on line 6); Jekyll keeps only the last value: keep one"),
    ]


def test_valid_jekyll_dates_are_accepted() -> None:
    for date in ("2025-06-16", "2025-06-16 10:58", "2025-06-16 10:58:32 -0600", "2025-06-16T10:58:32Z"):
        text = f"---\ntitle: t\ndate: {date}\n---\n\n## P\n"
        _, findings = lint_text(text, AS_JOURNAL.overridden(select=["MJ012"]), "post.md")
        assert findings == [], date


def test_sections_of_one_page_are_not_duplicates() -> None:
    text = (
        "## P\n\n- [Ch 1](https://example.com/book#ch1)\n- [Ch 2](https://example.com/book#ch2)\n\nNotes.\n"
    )
    _, findings = lint_text(text, AS_JOURNAL.overridden(select=["MJ006"]), "post.md")
    assert findings == []


def test_canonical_arxiv_link_keeps_a_fragment_unless_asked() -> None:
    text = "## P\n\n- [A](https://arxiv.org/pdf/1706.03762#page=3) (2017)\n\nNotes.\n"
    _, (finding,) = lint_text(text, AS_JOURNAL.overridden(select=["MJ007"]), "post.md")
    assert finding.fix is not None and not finding.fix.safe
