"""The mdformat plugin: mdformat's formatting plus mdjournal's repairs, nothing lost."""

from __future__ import annotations

import logging
import re
import subprocess
import sys
from pathlib import Path

import mdformat
import pytest

from mdjournal import mdformat_plugin
from tests.conftest import FIXTURES, JOURNAL, ROOT, read

# The years mdjournal fills in, by the identifier in the entry's URL.
FILLED = {
    "2504.02732": 2025,
    "2108.12409": 2021,
    "2201.02177": 2022,
    "2402.17764": 2024,
    "1711.05101": 2017,
    "1207.0580": 2012,
    "1607.06450": 2016,
    "2308.07870": 2023,
    "S0893608097000117": 1997,
    "paper/2002/": 2002,
}


def repaired(line: str) -> str:
    """A line of mdformat's own output, with the journal repairs written out by hand."""
    line = line.replace("‚úîÔ∏è", "✔️").replace("\uf8ffüöß", "🚧")
    line = re.sub(r"\)\((\d{4})\)$", r") (\1)", line)
    for key, year in FILLED.items():
        if key in line and line.endswith(")") and not re.search(r"\(\d{4}\)$", line):
            line += f" ({year})"
    return line


@pytest.fixture(scope="module")
def formatted(journal_text: str) -> str:
    return mdformat.text(journal_text, extensions=["mdjournal"])


def test_plugin_is_registered() -> None:
    import importlib.metadata

    (entry,) = [
        ep
        for ep in importlib.metadata.entry_points(group="mdformat.parser_extension")
        if ep.name == "mdjournal"
    ]
    assert entry.load() is mdformat_plugin
    # mdformat checks that the HTML does not change unless a plugin says it does:
    # ours must not, or mdformat's own bugs get written (see the unclosed fence below).
    assert not getattr(mdformat_plugin, "CHANGES_AST", False)


def test_only_the_journal_repairs_differ_from_plain_mdformat(journal_text: str, formatted: str) -> None:
    plain = mdformat.text(journal_text).split("\n")
    ours = formatted.split("\n")
    # mdformat alone has no front matter support: it turns the six lines into a
    # thematic break and a heading. After them, everything lines up.
    assert plain[:2] == ["_" * 70, ""] and plain[2].startswith("## layout: post")
    assert ours[:6] == journal_text.split("\n")[:6]
    plain_body, our_body = plain[3:], ours[6:]
    assert len(plain_body) == len(our_body)
    differing = 0
    for before, after in zip(plain_body, our_body, strict=True):
        assert after == repaired(before)
        differing += before != after
    # 24 lines with mojibake (22 entries, the intro, the construction line), plus the
    # lines without a mark that get a year or a year format fix: FlashAttention and 6.
    assert differing == 24 + 1 + 6


def test_journal_conventions_survive(formatted: str) -> None:
    fixed = read(FIXTURES / "research-journal.fixed.md")
    heads = [line for line in fixed.split("\n") if line.startswith("- ")]
    assert [line for line in formatted.split("\n") if line.startswith("- ")] == heads
    assert formatted.count("*TO READ*") == fixed.count("*TO READ*") == 20
    assert formatted.count("*TO WRITE*") == 1


def test_formatting_again_changes_nothing(formatted: str) -> None:
    assert mdformat.text(formatted, extensions=["mdjournal"]) == formatted


LIQUID = """---
title: Liquid
date: 2025-06-16
---

## Papers

- ✔️ [{{ page.title }}]({{ site.url }}/paper.pdf) (2020)

{% raw %}Notes with {{ braces }} and a * star{% endraw %}

- [Unread](https://arxiv.org/abs/1706.03762)(2017)
- ✔️ [Spaces](<https://example.com/a b>) (2021)
- ✔️ [Parentheses](https://en.wikipedia.org/wiki/A_(b)) (2022)

_TO READ_ maybe
"""


def test_liquid_and_marker_spelling_are_not_rewritten() -> None:
    ours = mdformat.text(LIQUID, extensions=["mdjournal"])
    assert "- ✔️ [{{ page.title }}]({{ site.url }}/paper.pdf) (2020)\n" in ours
    assert "{% raw %}Notes with {{ braces }} and a * star{% endraw %}\n" in ours
    assert "- [Unread](https://arxiv.org/abs/1706.03762) (2017)\n" in ours
    assert "- ✔️ [Spaces](<https://example.com/a b>) (2021)\n" in ours
    assert "- ✔️ [Parentheses](https://en.wikipedia.org/wiki/A_(b)) (2022)\n" in ours
    assert "_TO READ_ maybe\n" in ours
    plain = mdformat.text(LIQUID)  # what mdformat alone does to the same lines
    assert "- ✔️ \\[{{ page.title }}\\]({{ site.url }}/paper.pdf) (2020)\n" in plain
    assert "- ✔️ [Spaces](https://example.com/a%20b) (2021)\n" in plain


def test_markdown_without_front_matter_is_left_to_mdformat() -> None:
    readme = "# Project\n\n## Links\n\n- [Paper](https://arxiv.org/abs/2108.12409)\n\nCafÃ©  \n"
    assert mdformat.text(readme, extensions=["mdjournal"]) == mdformat.text(readme)


def test_a_structure_change_leaves_the_post_unformatted(
    journal_text: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setattr(mdformat_plugin, "_same_structure", lambda post, text: False)
    with caplog.at_level(logging.WARNING):
        out = mdformat.text(journal_text, extensions=["mdjournal"])
    assert out == journal_text
    assert "formatting <stdin> would change its categories or entries" in caplog.text


def test_mdformat_command_line(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(JOURNAL.read_bytes())
    subprocess.run([sys.executable, "-m", "mdformat", "--extensions", "mdjournal", str(post)], check=True)
    text = read(post)
    assert text.startswith('---\nlayout: post\ntitle:  "[MLCS] My Research Journal"\n')
    assert (
        "- ✔️ [Train Short, Test Long: Attention with Linear Biases Enables Input Length Extrapolation](https://arxiv.org/abs/2108.12409) (2021)\n"
        in text
    )
    check = subprocess.run(
        [sys.executable, "-m", "mdformat", "--check", "--extensions", "mdjournal", str(post)]
    )
    assert check.returncode == 0


REFERENCES = """---
title: References
date: 2025-06-16
---

## Papers

- ✔️ [Adam][adam]

*TO READ* because [Bob][bob] said so, and {{ site.url }} too.

[adam]: https://arxiv.org/abs/1412.6980
[bob]: https://bob.example
"""


def test_reference_definitions_used_only_in_kept_paragraphs_survive() -> None:
    ours = mdformat.text(REFERENCES, extensions=["mdjournal"])
    assert "- ✔️ [Adam][adam] (2014)\n" in ours
    assert "[adam]: https://arxiv.org/abs/1412.6980\n" in ours
    assert "[bob]: https://bob.example\n" in ours


def test_a_bad_mdjournal_config_still_protects_the_post(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / ".mdjournal.toml").write_text("ignor = []\n", encoding="utf-8")
    post = tmp_path / "post.md"
    with caplog.at_level(logging.WARNING):
        out = mdformat.text(REFERENCES, extensions=["mdjournal"], _filename=str(post))
    assert out.startswith("---\ntitle: References\n")
    assert "- ✔️ [Adam][adam]\n" in out  # kept as written, not repaired
    assert "unknown key 'ignor'" in caplog.text and f"journal repairs skipped for {post}" in caplog.text


def test_excluded_posts_are_not_repaired(tmp_path: Path) -> None:
    (tmp_path / ".mdjournal.toml").write_text('exclude = ["_drafts/"]\n', encoding="utf-8")
    draft = tmp_path / "_drafts" / "post.md"
    out = mdformat.text(REFERENCES, extensions=["mdjournal"], _filename=str(draft))
    assert "- ✔️ [Adam][adam]\n" in out and out.startswith("---\ntitle: References\n")


MDFORMAT = (sys.executable, "-m", "mdformat", "--extensions", "mdjournal")
CORPUS = ROOT / "tests" / "corpus" / "posts"
# Real posts with kramdown `$$` maths (blocks, inline, in comments, \\begin{eqnarray*}),
# MathJax `$…$`, and attribute lists after headings, quotes, lists, code and images.
KRAMDOWN_POSTS = (
    "jackhanke/_posts/2023-08-05-neural-nets-from-scratch.md",
    "jackhanke/_posts/2025-01-06-vaes-from-scratch.md",
    "jackhanke/_posts/2025-06-28-attention-from-scratch.md",
    "chirpy-starter/_posts/2019-08-08-text-and-typography.md",
    "chirpy-starter/_tabs/cmd.md",
)
MATHS = re.compile(r"\$\$.*?\$\$|\$[^$\s][^$\n]*\$", re.DOTALL)  # kramdown's, MathJax's
ATTRIBUTE_LINE = re.compile(r"^[ \t>]*\{:.*\}[ \t]*$", re.MULTILINE)


def kept(text: str) -> list[str]:
    """The maths segments and attribute list lines of a post, in order."""
    return MATHS.findall(text) + ATTRIBUTE_LINE.findall(text)


def test_maths_and_attribute_lists_survive_in_real_posts(tmp_path: Path) -> None:
    posts = []
    for name in KRAMDOWN_POSTS:
        post = tmp_path / name.replace("/", "-")
        post.write_bytes((CORPUS / name).read_bytes())
        posts.append(post)
    # mdformat's HTML comparison is on: it would refuse a post whose HTML changed.
    subprocess.run([*MDFORMAT, *map(str, posts)], check=True)
    segments = changed = 0
    for name, post in zip(KRAMDOWN_POSTS, posts, strict=True):
        before, after = read(CORPUS / name), read(post)
        assert kept(after) == kept(before), name
        segments += len(kept(before))
        changed += after != before
    assert (segments, changed) == (87, 4)  # 67 maths segments, 20 attribute lists; cmd.md was tidy
    assert subprocess.run([*MDFORMAT, "--check", *map(str, posts)]).returncode == 0  # stable


def test_issue_examples() -> None:
    post = """---
title: Maths
---

Inline $$\\mathbf{x}_i \\{a\\}$$, $a_b*c$ and $(0, 1]$.

Not \\$5_, $5_ or $10_.

Nor [$1_](url) $x_2$ or [$1_][url] $x_3$.

$$
\\begin{aligned}
  a &= b_1 \\\\
- c &= d_2
\\end{aligned}
$$
where $x$ is *given*

> tip
{: .prompt-tip }

* TOC
{:toc}

![$x_1$ and y](plot.png){: width="60%" .w_75 }

- an item, $$a
  b_c$$ d
"""
    # Money is not maths: mdformat escapes its underscores as usual.
    expected = post.replace("* TOC", "- TOC")
    for money in ("5_", "10_", "1_"):
        expected = expected.replace(money, money.replace("_", "\\_"))
    ours = mdformat.text(post, extensions=["mdjournal"])
    assert ours == expected
    assert mdformat.text(ours, extensions=["mdjournal"]) == ours
    plain = mdformat.text(post)  # what mdformat alone does
    assert (
        "$$\\\\mathbf{x}\\_i {a}$$" in plain and "> {: .prompt-tip }" in plain and "- TOC\n  {:toc}" in plain
    )


CRLF_POST = (
    "---\r\ntitle: Windows\r\ntags: [maths]\r\n---\r\n\r\n"
    "| Fibre | Speed |\r\n|---|---|\r\n| $$ \\alpha $$ | fast |\r\n\r\n"
    "$$  \r\n\\sum_{i} x_i\r\n$$\r\n\r\n"
    '![plot](https://example.com/a_b.png){: width="60%" }\r\n'
)


@pytest.mark.parametrize(("end_of_line", "newline"), [("keep", "\r\n"), ("lf", "\n")])
def test_line_endings_follow_mdformats_end_of_line(tmp_path: Path, end_of_line: str, newline: str) -> None:
    post = tmp_path / "post.md"
    post.write_bytes(CRLF_POST.encode())
    mdformat.file(post, options={"end_of_line": end_of_line}, extensions=["mdjournal"])
    text = post.read_bytes().decode()
    assert text.startswith("---\r\ntitle: Windows\r\ntags: [maths]\r\n---\r\n".replace("\r\n", newline))
    assert text.count(newline) == text.count("\n")  # one kind of line ending throughout
    lf = text.replace("\r\n", "\n")
    assert "| $$ \\alpha $$ | fast |\n" in lf
    assert "\n$$  \n\\sum_{i} x_i\n$$\n" in lf
    assert '![plot](https://example.com/a_b.png){: width="60%" }\n' in lf


def test_mdformats_own_bugs_are_still_refused(tmp_path: Path) -> None:
    # mdformat closes an unclosed fence that ends the file without a final newline
    # in a way that changes the code block; alone it refuses to write, and so must we.
    damaged = "---\ntitle: Code\n---\n\n## Notes\n\n```python\nprint(1)"
    post = tmp_path / "post.md"
    post.write_text(damaged, encoding="utf-8")
    result = subprocess.run([*MDFORMAT, str(post)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "renders to different HTML" in result.stderr
    assert post.read_text(encoding="utf-8") == damaged


def test_wrapping_keeps_maths_and_attribute_lists_inline(tmp_path: Path) -> None:
    # At the start of a line, `$$ x $$` or `{: …}` would be a block of its own, and
    # mdformat would refuse the changed HTML: wrapping must not break just before them.
    text = (
        "---\ntitle: Wrap\n---\n\n"
        "Transistor density: $$ 197\\times 10^8 Tr/mm^2 $$ and `code` {: .note } more\n"
        "words $$a_1 +\n  b_2$$ end.\n"
    )
    post = tmp_path / "post.md"
    post.write_text(text, encoding="utf-8")
    subprocess.run([*MDFORMAT, "--wrap", "20", str(post)], check=True)
    wrapped = read(post)
    assert kept(wrapped) == kept(text) and len(kept(text)) == 2
    assert "density: $$ 197" in wrapped and "`code` {: .note }" in wrapped
    assert "$$a_1 +\n  b_2$$" in wrapped  # the line break in the maths is kept as written
    assert subprocess.run([*MDFORMAT, "--wrap", "20", "--check", str(post)]).returncode == 0


def test_the_html_comparison_repairs_with_the_posts_own_config(tmp_path: Path) -> None:
    # mdformat compares without the file name; from the current directory's config
    # (which switches the repairs off) the repaired post would look damaged.
    (tmp_path / ".mdjournal.toml").write_text(
        'ignore = ["MJ001", "MJ002", "MJ003", "MJ009"]\n', encoding="utf-8"
    )
    (tmp_path / "_posts").mkdir()
    (tmp_path / "_posts" / ".mdjournal.toml").write_text("ignore = []\n", encoding="utf-8")
    post = tmp_path / "_posts" / "post.md"
    post.write_bytes(JOURNAL.read_bytes())
    subprocess.run([*MDFORMAT, str(post.relative_to(tmp_path))], cwd=tmp_path, check=True)
    text = read(post)
    assert "‚úîÔ∏è" in read(JOURNAL) and "‚úîÔ∏è" not in text and text.count("- ✔️ [") == 22


def test_maths_in_a_list_keeps_its_lines_indentation() -> None:
    # mdformat indents a `*   ` item's lines by 2, not 4: the maths must not notice.
    post = "---\ntitle: List\n---\n\n*   Step:\n\n    $$\n    x_1 = a\n      + b_2\n    $$\n\n*   Two $$a\n    b_3$$ c\n"
    ours = mdformat.text(post, extensions=["mdjournal"])
    assert kept(ours) == kept(post) and len(kept(post)) == 2
    assert ours == post.replace("*   ", "- ").replace("\n    $$\n    x_1", "\n  $$\n    x_1")
    assert mdformat.text(ours, extensions=["mdjournal"]) == ours


def test_a_nul_in_a_link_is_read_as_markdown_it_reads_it() -> None:
    """markdown-it reads NUL as U+FFFD; mdjournal read "[T](\\x00)" as a link never closed (a wrong
    MJ010), so after mdformat wrote U+FFFD a new entry appeared."""
    from mdjournal.linting.linter import lint_text
    from mdjournal.parsing.journal import parse

    post = "---\ntitle: T\ndate: 2025-01-01\n---\n\n## Papers\n\n- [T](\x00)\n\n- [U](<\x00>)\n"
    journal, findings = lint_text(post)
    assert [(entry.title, entry.url) for entry in journal.entries] == [("T", "\ufffd"), ("U", "\ufffd")]
    assert [finding.code for finding in findings if finding.code == "MJ010"] == []
    out = mdformat.text(post, extensions=["mdjournal"])
    assert [(entry.title, entry.url) for entry in parse(out).entries] == [("T", "\ufffd"), ("U", "\ufffd")]
