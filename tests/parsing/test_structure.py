"""What is and is not an entry, and which blurb belongs to which entry."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt

import mdjournal
from tests.conftest import FIXTURES, read


def entries(text: str, **options: int) -> list[tuple[int, str, bool, int | None]]:
    journal = mdjournal.parse(text, **options)
    assert journal.render() == text
    return [(e.line, e.title, e.read, e.year) for e in journal.entries]


def test_markdown_that_is_not_a_journal_has_no_entries() -> None:
    journal = mdjournal.parse(read(FIXTURES / "corners" / "not-a-journal.md"))
    assert journal.categories == ()
    assert journal.entries == ()
    assert journal.preamble is not None


@pytest.mark.parametrize(
    "container",
    [
        "```\n{entry}\n```",
        "~~~md\n{entry}\n~~~",
        "    {entry}",
        "<!--\n{entry}\n-->",
        "<div>\n{entry}\n</div>",
        "> {entry}",
        "| a | b |\n|---|---|\n| {entry} | x |",
        "```\n{entry}",  # an unclosed fence runs to the end
    ],
)
def test_nothing_inside_code_html_quotes_or_tables_is_an_entry(container: str) -> None:
    text = "## Papers\n\n" + container.format(entry="- ✔️ [Hidden](https://example.com) (2020)") + "\n"
    assert entries(text) == []


@pytest.mark.parametrize("bullet", ["-", "*", "+", "1.", "1)", "3."])
def test_every_bullet_makes_entries(bullet: str) -> None:
    text = f"## Papers\n\n{bullet} ✔️ [A paper](https://example.com) (2020)\n\nNotes.\n"
    assert entries(text) == [(3, "A paper", True, 2020)]


def test_setext_headings_are_categories() -> None:
    text = "Papers\n------\n\n- [A](https://example.com) (2020)\n\nTitle\n=====\n"
    journal = mdjournal.parse(text)
    assert [(c.title, c.level, c.line) for c in journal.categories] == [("Papers", 2, 1)]
    assert len(journal.categories[0].entries) == 1
    assert journal.trailing is not None and journal.trailing.raw.startswith("Title")


def test_category_level_is_a_parameter() -> None:
    text = (
        "## Part\n\n### Papers\n\n- [A](https://example.com) (2020)\n\n## Part two\n\n- [B](https://b.com)\n"
    )
    journal = mdjournal.parse(text, category_level=3)
    assert [c.title for c in journal.categories] == ["Papers"]
    assert [e.title for e in journal.entries] == ["A"]
    assert [c.title for c in mdjournal.parse(text).categories] == ["Part", "Part two"]


def test_a_higher_heading_closes_a_category() -> None:
    text = "## Papers\n\n- [A](https://a.com)\n\n# Appendix\n\n- [B](https://b.com)\n"
    journal = mdjournal.parse(text)
    assert [e.title for e in journal.entries] == ["A"]
    assert journal.trailing is not None and journal.trailing.raw.startswith("# Appendix")


def test_lists_outside_categories_are_not_entries() -> None:
    assert entries("- ✔️ [Preamble link](https://example.com) (2020)\n\n## Papers\n") == []


def test_reference_links_resolve_to_their_url() -> None:
    text = (
        "## Papers\n\n- ✔️ [Attention][vaswani] (2017)\n- [Adam][] (2014)\n- [LoRA]\n\n*TO READ*\n\n"
        '[vaswani]: <https://arxiv.org/abs/1706.03762> "title"\n[adam]: https://arxiv.org/abs/1412.6980\n'
        "[LoRA]:\n  https://arxiv.org/abs/2106.09685\n"
    )
    journal = mdjournal.parse(text)
    assert [(e.title, e.url, e.link.reference) for e in journal.entries] == [
        ("Attention", "https://arxiv.org/abs/1706.03762", "vaswani"),
        ("Adam", "https://arxiv.org/abs/1412.6980", "Adam"),
        ("LoRA", "https://arxiv.org/abs/2106.09685", "LoRA"),
    ]
    span = journal.entries[0].link.url_span
    assert span is not None and text[span.start : span.end] == "<https://arxiv.org/abs/1706.03762>"
    assert journal.render() == text


def test_undefined_reference_is_not_an_entry_but_a_problem() -> None:
    journal = mdjournal.parse("## Papers\n\n- ✔️ [Attention][nope] (2017)\n")
    assert journal.entries == ()
    (item,) = journal.categories[0].items
    assert item.problem == "the reference [nope] is not defined"


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("- ✔️ Attention Is All You Need (2017)", "it has a read mark but no [Title](url) link after it"),
        ("- Attention Is All You Need (2017)", "it has a year but no [Title](url) link"),
        ("- ✔️ [Attention Is All You Need(2017)", "its link text is never closed with ']'"),
        ("- ✔️ [Attention](https://arxiv.org (2017)", "its link destination is never closed with ')'"),
        (
            "- ✔️ \\[Attention](https://arxiv.org) (2017)",
            "it has a read mark but no [Title](url) link after it",
        ),
    ],
)
def test_failed_entries_are_items_with_a_problem(line: str, problem: str) -> None:
    journal = mdjournal.parse(f"## Papers\n\n{line}\n\nNotes.\n")
    assert journal.entries == ()
    assert [item.problem for item in journal.categories[0].items] == [problem]


def test_ordinary_list_items_are_neither_entries_nor_problems() -> None:
    journal = mdjournal.parse("## Papers\nTopics:\n\n- optimisation\n- see also [x](https://x.com)\n")
    assert journal.entries == ()
    assert journal.categories[0].items == ()


def test_liquid_tags_are_just_text() -> None:
    text = "## Papers\n\n- ✔️ [{{ page.title }}]({{ site.url }}/paper.pdf) (2020)\n\n{% raw %}{{ x }}{% endraw %}\n"
    (entry,) = mdjournal.parse(text).entries
    assert (entry.title, entry.url) == ("{{ page.title }}", "{{ site.url }}/paper.pdf")
    assert entry.blurb is not None and entry.blurb.markdown == "{% raw %}{{ x }}{% endraw %}"


def test_three_kinds_of_blurb() -> None:
    text = (
        "## Papers\n\n"
        "- ✔️ [Lazy](https://a.com) (2020)\nNotes right under the entry.\n\n"
        "- ✔️ [Indented](https://b.com) (2021)\n\n  Notes inside the item.\n\n  More notes.\n\n"
        "- ✔️ [After](https://c.com) (2022)\n\nNotes after the list.\n"
    )
    journal = mdjournal.parse(text)
    assert journal.render() == text
    blurbs = [(e.title, e.blurb.markdown if e.blurb else None) for e in journal.entries]
    assert blurbs == [
        ("Lazy", "Notes right under the entry."),
        ("Indented", "  Notes inside the item.\n\n  More notes."),
        ("After", "Notes after the list."),
    ]
    assert [e.blurb.span.line for e in journal.entries if e.blurb] == [4, 8, 14]


def test_entries_one_under_the_other_share_the_blurb_after_them() -> None:
    text = "## Papers\n\n- [A](https://a.com)\n- [B](https://b.com)\n\n*TO READ*\n\n- ✔️ [C](https://c.com)\n"
    a, b, c = mdjournal.parse(text).entries
    assert a.blurb is not None and a.blurb is b.blurb and a.to_read and b.to_read
    assert c.blurb is None


def test_items_that_stand_alone_share_nothing() -> None:
    """The later journal stacks unread entries as separate items: the notes under
    the last one are its own, not the ones above it (issue 13, MJ013 false alarms)."""
    text = (
        "## Papers\n\n- [A](https://a.com) (2021) *TO READ*\n\n- [B](https://b.com) (2020) *TO READ*\n\n"
        "- ✔️ [C](https://c.com) (2014)\n\nNotes on C.\n"
    )
    a, b, c = mdjournal.parse(text).entries
    assert (a.blurb, b.blurb) == (None, None)
    assert c.blurb is not None and c.blurb.markdown == "Notes on C."
    assert (a.to_read, b.to_read, c.to_read) == (True, True, False)


@pytest.mark.parametrize(
    "between",
    ["- key idea one\n- key idea two\n", "</details>\n", "- [Contents](#contents)\n"],
    ids=["linkless items", "a closing tag", "an in-page link"],
)
def test_what_is_never_an_entrys_notes(between: str) -> None:
    text = f"## Papers\n\n- ✔️ [A](https://a.com) (2020)\n{between}\n- [B](https://b.com)\n"
    a, b = mdjournal.parse(text).entries
    assert a.blurb is None and b.blurb is None
    assert mdjournal.parse(text).render() == text


def test_comments_around_a_blurb_stay_out_of_it() -> None:
    text = (
        "## Papers\n\n- [A](https://a.com)\n\n<!-- mdjournal-disable MJ013 -->\n\n*TO READ*\n\n"
        "<!-- mdjournal-disable-next-line MJ002 -->\n- [B](https://b.com)\n"
    )
    a, _ = mdjournal.parse(text).entries
    assert a.blurb is not None and a.blurb.markdown == "*TO READ*" and a.blurb.marker_only


@pytest.mark.parametrize(
    ("head", "read", "mark"),
    [
        ("✔️ [T](https://x.y)", True, "✔️"),
        ("✔ [T](https://x.y)", True, "✔"),
        ("✓ [T](https://x.y)", True, "✓"),
        ("✅ [T](https://x.y)", True, "✅"),
        ("[x] [T](https://x.y)", True, "[x]"),
        ("[ ] [T](https://x.y)", False, "[ ]"),
        ("‚úîÔ∏è [T](https://x.y)", True, "‚úîÔ∏è"),
        ("🚧 [T](https://x.y)", False, "🚧"),
        ("[T](https://x.y) (2020) ✔️", True, "✔️"),
        ("[T](https://x.y)", False, None),
    ],
)
def test_read_marks(head: str, read: bool, mark: str | None) -> None:
    (entry,) = mdjournal.parse(f"## Papers\n\n- {head}\n").entries
    assert (entry.read, entry.mark) == (read, mark)
    assert entry.mark_after == head.endswith("✔️")


@pytest.mark.parametrize(
    ("tail", "year", "year_text", "gap"),
    [
        (" (2017)", 2017, "(2017)", " "),
        ("(2017)", 2017, "(2017)", ""),
        (" ( 2017 )", 2017, "( 2017 )", " "),
        (" 2017", 2017, "2017", " "),
        (" (17)", None, "(17)", " "),
        (", 2017", 2017, "2017", ", "),
        (" [2017]", 2017, "[2017]", " "),
        ("", None, None, ""),
        (" (NeurIPS 2017)", 2017, "(NeurIPS 2017)", " "),
        (" *(2017)*", 2017, "(2017)", " *"),
        (" (2017–2018)", 2017, "(2017–2018)", " "),
    ],
)
def test_year_forms(tail: str, year: int | None, year_text: str | None, gap: str) -> None:
    (entry,) = mdjournal.parse(f"## Papers\n\n- [T](https://x.y){tail}\n").entries
    assert (entry.year, entry.year_text, entry.year_gap) == (year, year_text, gap)


def test_link_titles_and_angle_brackets_and_parentheses() -> None:
    text = '## P\n\n- [A](<https://x.y/a b> "title") (2020)\n- [B](https://en.wikipedia.org/wiki/Foo_(bar)) (2021)\n'
    a, b = mdjournal.parse(text).entries
    assert (a.url, a.year) == ("https://x.y/a b", 2020)
    assert (b.url, b.year) == ("https://en.wikipedia.org/wiki/Foo_(bar)", 2021)


def test_title_with_nested_brackets_and_escapes() -> None:
    text = "## P\n\n- [The [bracketed] \\] title](https://x.y) (2020)\n"
    (entry,) = mdjournal.parse(text).entries
    assert entry.title == "The [bracketed] \\] title"


def test_a_link_text_that_wraps_lines() -> None:
    text = "## P\n\n- ✔️ [A title that\n  wraps](https://x.y) (2020)\n  Notes.\n"
    (entry,) = mdjournal.parse(text).entries
    assert (entry.title, entry.year, entry.span.end_line) == ("A title that\n  wraps", 2020, 4)
    assert entry.blurb is not None and entry.blurb.markdown == "  Notes."


def test_front_matter_errors_are_kept_not_raised() -> None:
    journal = mdjournal.parse("---\ntitle: [unclosed\n---\n\n## P\n")
    assert journal.front_matter is not None
    assert journal.front_matter.data is None
    assert journal.front_matter.error
    assert journal.front_matter.error_line is not None


def test_unclosed_front_matter_is_markdown() -> None:
    journal = mdjournal.parse(read(FIXTURES / "corners" / "unclosed-front-matter.md"))
    assert journal.front_matter is None
    assert [e.title for e in journal.entries] == ["A"]


def test_bom_does_not_hide_front_matter() -> None:
    journal = mdjournal.parse("\ufeff---\ntitle: x\n---\n## P\n- [A](https://a.b)\n")
    assert journal.front_matter is not None and journal.front_matter.data == {"title": "x"}
    assert journal.entries[0].line == 5
    assert journal.entries[0].column == 1


# -- corners found by an adversarial review -------------------------------------------


@pytest.mark.parametrize(
    "text", ["> - <!-- todo\n>", ">1. <?\n>", "> - <pre>\n>", "## P\n\n- [A](a)\n\n> - <!-- todo\n>"]
)
def test_inputs_that_crash_markdown_it_without_a_final_newline(text: str) -> None:
    assert mdjournal.parse(text).render() == text


def test_a_comment_inside_the_item_does_not_hide_the_marker() -> None:
    text = "## P\n\n- [A](https://a.b)\n  <!-- c -->\n  *TO READ*\n"
    (entry,) = mdjournal.parse(text).entries
    assert entry.to_read and entry.blurb is not None and entry.blurb.markers == ("TO READ",)


def test_a_trailing_comment_inside_the_item_is_not_notes() -> None:
    text = "## P\n\n- [A](https://a.b)\n\n  *TO READ*\n\n  <!-- mdjournal-disable-line MJ013 -->\n"
    (entry,) = mdjournal.parse(text).entries
    assert entry.blurb is not None and entry.blurb.marker_only


def test_marker_in_a_code_block_is_code() -> None:
    (entry,) = mdjournal.parse("## P\n\n- [A](https://a.b)\n\n      *TO READ*\n").entries
    assert entry.blurb is not None and not entry.to_read and entry.blurb.markers == ()


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("## P\n\n- [r](a\n  ][s]\n\n[r]: /ref\n[s]: /s\n", "/s"),
        ("## P\n\n- [T][r]\n\n> [r]:\n> /url\n", "/url"),
        ("## P\n\n- [T][a\\]:b]\n\n[a\\]:b]: /url\n", "/url"),
    ],
)
def test_urls_agree_with_markdown_it(text: str, url: str) -> None:
    (entry,) = mdjournal.parse(text).entries
    assert entry.url == url
    html = MarkdownIt("commonmark").render(text)
    assert f'href="{url}"' in html


def test_a_link_markdown_it_refuses_is_not_an_entry() -> None:
    assert mdjournal.parse("## P\n\n- [r](a \n  ][ ] notes\n\n[r]: /ref\n").entries == ()
    journal = mdjournal.parse("## P\n\n- ✔️ [Local copy](file:///home/me/paper.pdf) (2019)\n")
    (item,) = journal.categories[0].items
    assert item.problem == (
        "its link 'file:///home/me/paper.pdf' uses a protocol Markdown does not link "
        "(file:, javascript:, vbscript:, data:)"
    )


@pytest.mark.parametrize("space", ["\u00a0", "\x0c", "\u2028", "\n  "])
def test_any_white_space_between_mark_and_link(space: str) -> None:
    (entry,) = mdjournal.parse(f"## P\n\n- ✔️{space}[T](https://t.u) (2017)\n").entries
    assert (entry.read, entry.mark, entry.title, entry.year) == (True, "✔️", "T", 2017)


def test_link_on_the_line_after_a_bare_bullet() -> None:
    (entry,) = mdjournal.parse("## P\n\n-\n  [T](https://t.u) (2017)\n\nNotes.\n").entries
    assert (entry.line, entry.title, entry.year, entry.span.end_line) == (3, "T", 2017, 4)
    assert entry.blurb is not None and entry.blurb.markdown == "Notes."


def test_symbols_next_to_marks() -> None:
    (entry,) = mdjournal.parse("## P\n\n- ✔️ 🚧 [T](https://t.u) (2017)\n").entries
    assert (entry.read, entry.mark) == (True, "✔️")
    (entry,) = mdjournal.parse("## P\n\n- 🚧 [T](https://t.u) (2017) ✔️\n").entries
    assert (entry.read, entry.mark, entry.mark_after) == (True, "✔️", True)


def test_only_ascii_digits_make_a_year() -> None:
    for digits in ("٢٠١٧", "２０１７"):
        (entry,) = mdjournal.parse(f"## P\n\n- [T](https://t.u) ({digits})\n").entries
        assert entry.year is None and entry.year_text is None


def test_reference_definitions_are_not_owned_by_heads() -> None:
    text = "## P\n\n[r]: /u\n\n- [A][r]\n\n- [B](https://a.b)\n\n[s]: /v\n\nBlurb\n"
    journal = mdjournal.parse(text)
    assert journal.render() == text
    first, second = journal.entries
    assert "[r]:" not in journal.categories[0].heading.raw
    assert "[s]:" not in second.raw and "[s]:" not in (second.blurb.markdown if second.blurb else "")
    assert second.blurb is not None and second.blurb.markdown == "Blurb"
    assert first.blurb is None  # separate items share no blurb


def test_unread_task_box_without_a_link_is_an_ordinary_item() -> None:
    assert mdjournal.parse("## P\n\n- [ ] buy milk\n").categories[0].items == ()


@pytest.mark.parametrize("options", [{"category_level": 0}, {"category_level": 7}, {"to_read_marker": ""}])
def test_out_of_range_options_are_refused(options: dict) -> None:
    with pytest.raises(ValueError):
        mdjournal.parse("## P\n", **options)


@pytest.mark.parametrize(
    "text",
    [
        "## P\n\n- [T](u) " + "{{ " * 20000,
        "## P\n\n- [T](u)\n\n*TO READ* " + "<!--" * 20000,
        "".join(f"## C{i}\n\n- [T](u)\n\nb\n\n" for i in range(3000)),
    ],
    ids=["liquid openers", "comment openers", "many categories"],
)
def test_no_quadratic_corners(text: str) -> None:
    import time

    start = time.perf_counter()
    assert mdjournal.parse(text).render() == text
    assert time.perf_counter() - start < 5
