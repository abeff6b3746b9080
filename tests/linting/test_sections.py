"""What the editor server makes of each change must be exactly a whole parse and lint.

The server parses each change with ``JournalParse.after`` and lints it with
:class:`SectionFindings`: the rules that look inside one section at a time run
section by section, and the sections the incremental parse moved unchanged get their
last findings, moved. These properties compare both, after each of one to three
edits of generated posts, damaged ones and the sample post, with a whole parse
(node for node, see :func:`tests.parsing.test_incremental.assert_whole`) and a whole
lint (every finding, in order, with its fix), in the default config and with every
post a journal. The examples below check that the reuse happens, and stops where it
must.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from mdjournal.config.settings import Config
from mdjournal.linting.finding import Finding
from mdjournal.linting.linter import lint
from mdjournal.linting.sections import SectionFindings
from mdjournal.parsing.incremental import JournalParse
from mdjournal.text.edit import Edit
from mdjournal.text.source import Source
from tests.conftest import JOURNAL, read
from tests.parsing.test_incremental import assert_whole, edited
from tests.strategies import damaged, journal_posts

#: The default, and every post taken for a journal (so that the journal rules run on
#: damaged posts too).
CONFIGS = [Config(), Config(journal=True)]


def _said(findings: list[Finding]) -> list[tuple[Finding, object]]:
    """Findings with their fixes, which finding equality leaves out."""
    return [(finding, finding.fix) for finding in findings]


def _assert_updates_are_whole(case: tuple[str, list[Edit]], config: Config) -> None:
    text, made = case
    parsed = JournalParse.of(Source(text))
    sections = SectionFindings()
    sections.follow(parsed)
    assert _said(lint(parsed.journal, config, local=sections)) == _said(lint(parsed.journal, config))
    for edit in made:
        text = text[: edit.start] + edit.replacement + text[edit.end :]
        source = Source(text)
        parsed = parsed.after(source, edit)
        assert_whole(parsed, source)
        sections.follow(parsed)
        reused = lint(parsed.journal, config, local=sections)
        assert _said(reused) == _said(lint(parsed.journal, config))


@given(case=edited(journal_posts().map(lambda post: post.text)), config=st.sampled_from(CONFIGS))
def test_updates_of_a_journal_are_a_whole_parse_and_lint(
    case: tuple[str, list[Edit]], config: Config
) -> None:
    _assert_updates_are_whole(case, config)


@given(case=edited(damaged(journal_posts())), config=st.sampled_from(CONFIGS))
def test_updates_of_a_damaged_journal_are_a_whole_parse_and_lint(
    case: tuple[str, list[Edit]], config: Config
) -> None:
    _assert_updates_are_whole(case, config)


@given(case=edited(st.just(read(JOURNAL))))
@settings(max_examples=max(20, settings.default.max_examples // 3))  # one post: fewer edits of it
def test_updates_of_the_sample_post_are_a_whole_parse_and_lint(case: tuple[str, list[Edit]]) -> None:
    _assert_updates_are_whole(case, Config())


def _edited_sample(old: str, new: str) -> tuple[JournalParse, SectionFindings, Config]:
    """The sample post linted, then edited (``old`` became ``new``) and parsed again."""
    text, config = read(JOURNAL), Config()
    parsed, sections = JournalParse.of(Source(text)), SectionFindings()
    sections.follow(parsed)
    lint(parsed.journal, config, local=sections)
    start = text.index(old)
    edited_text = text[:start] + new + text[start + len(old) :]
    return parsed.after(Source(edited_text), Edit(start, start + len(old), new)), sections, config


def test_a_change_in_one_category_runs_the_section_rules_on_it_alone() -> None:
    updated, sections, config = _edited_sample("(2017)", "(2017) ")
    sections.follow(updated)
    findings = lint(updated.journal, config, local=sections)
    assert sections.computed == 1
    assert _said(findings) == _said(lint(updated.journal, config))
    assert "MJ009" in {finding.code for finding in findings}  # the space typed is found


def test_nothing_is_reused_from_a_journal_that_was_not_the_last_linted() -> None:
    updated, sections, config = _edited_sample("(2017)", "(2018)")
    text = updated.journal.source.text
    again = updated.after(Source(text + "x"), Edit(len(text), len(text), "x"))
    assert again.reused
    sections.follow(again)  # updated from a journal this never linted
    lint(again.journal, config, local=sections)
    assert sections.computed == len(again.journal.body)


def test_a_change_of_config_runs_the_rules_on_every_section() -> None:
    updated, sections, _ = _edited_sample("(2017)", "(2018)")
    sections.follow(updated)
    lint(updated.journal, Config(read_mark="✅"), local=sections)
    assert sections.computed == len(updated.journal.body)
