"""mdformat plugin: mdformat formats the post, mdjournal repairs it, conventions survive.

Registered as ``mdjournal`` under the ``mdformat.parser_extension`` entry point, so
``mdformat --extensions mdjournal post.md`` (and plain ``mdformat``, which enables
installed plugins) applies mdjournal's safe fixes to Jekyll posts. What it does:

* Before markdown-it parses, the source is repaired with :func:`~mdjournal.fixing.fixer.fix_text`
  (safe fixes only, with the post's mdjournal config) and kept in the markdown-it
  ``env``.
* Front matter is parsed as one block and rendered from its source slice: mdformat
  alone would turn ``---`` into a thematic break and the YAML into a heading.
* Entry heads (``- ✔️ [Title](url) (2017)``), blurb paragraphs that open with a
  status marker (``*TO READ*``) and paragraphs holding Liquid tags are rendered from
  their source too, so the read mark, the year after the link, the markers and
  ``{{ site.url }}`` are never escaped or rewritten.
* Kramdown and MathJax maths (``$$…$$`` blocks and inline, ``$…$`` by pandoc's rule:
  no space inside the dollars, no digit after the closing one), ``\\$``, and
  kramdown attribute lists (``{: .prompt-tip }``, ``{:toc}`` on a line of their own,
  ``![a](b.png){: width="60%" }`` after a span) are parsed as tokens and rendered
  exactly as written. An attribute list or maths block ends a paragraph, quote or
  list without a blank line, as in kramdown, and stays against its neighbours (no
  blank line is added where there was none), so it keeps styling the block it follows.
* mdformat's HTML comparison stays on (no ``CHANGES_AST``): it renders the input and
  the output with this plugin, and this plugin repairs both before parsing, so
  the comparison covers everything except the repairs, and a post that mdformat
  itself would damage is refused as without the plugin. The comparison gets no
  file name from mdformat; it is known from the texts of the file formatted last
  (see :class:`_LastFile`), so both sides are repaired with the file's own config.
  On top of that (and for ``mdformat.text``, which does not compare), the formatted
  post must have the same categories and entries (same papers, same read state);
  if it does not, the post is returned unformatted and a warning is logged.

Line endings are mdformat's business: it parses with LF and writes the
``--end-of-line`` it is given, front matter included: ``keep`` writes a CRLF post
back with CRLF throughout, the default ``lf`` writes LF throughout.

Only Markdown with Jekyll front matter is treated as a journal; a README formatted
in the same run is left to mdformat alone. ``mdjournal fmt`` stays lossless: this
plugin is for people who already want mdformat's normalisation.
"""

from __future__ import annotations

import logging
import re
from bisect import bisect_right
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.rules_inline import StateInline
    from markdown_it.token import Token
    from mdformat.renderer import RenderContext, RenderTreeNode

    from mdjournal.config.settings import Config
    from mdjournal.fixing.fixer import Shape

ENV_KEY = "mdjournal"
FRONT_MATTER = "mdjournal_front_matter"
VERBATIM_BLOCK = "mdjournal_verbatim_block"
VERBATIM_INLINE = "mdjournal_verbatim"
LOGGER = logging.getLogger("mdformat.renderer")


@dataclass
class _LastFile:
    """The texts mdformat parsed and wrote for the file it formatted last.

    mdformat's HTML comparison parses the input and the output again without the
    file's name; its command line runs it right after formatting that file. Knowing
    the name, the comparison repairs both with the file's own mdjournal config, as
    formatting did, instead of the config found from the current directory.
    """

    name: str = ""
    texts: set[str] = field(default_factory=set)

    def remember(self, name: str, text: str) -> None:
        if name != self.name:
            self.name, self.texts = name, set()
        self.texts.add(text)

    def name_of(self, text: str) -> str:
        return self.name if text in self.texts else ""


_LAST_FILE = _LastFile()


@dataclass(frozen=True)
class _PostState:
    """What the renderer needs to know about the repaired post."""

    name: str
    original: str
    shape: Shape
    config: Config
    front_matter_last: int  # 0-based index of the closing --- line
    verbatim: frozenset[int]  # 0-based first lines of paragraphs to keep as written
    lines: tuple[str, ...]  # of the repaired text, which token maps index


def update_mdit(mdit: MarkdownIt) -> None:
    """Repair the source before parsing; parse front matter, maths and attribute lists whole."""
    if "mdjournal_repair" in mdit.core.ruler.get_all_rules():
        return
    mdit.core.ruler.after("normalize", "mdjournal_repair", _repair)
    mdit.block.ruler.before("table", "mdjournal_front_matter", _front_matter, {"alt": []})
    # A maths block or an attribute list line ends a paragraph, a quote or a list
    # without a blank line, as in kramdown: `> tip` then `{: .prompt-tip }` styles
    # the quote, it is not a line of it.
    mdit.block.ruler.before(
        "lheading", VERBATIM_BLOCK, _verbatim_block, {"alt": ["paragraph", "reference", "blockquote", "list"]}
    )
    mdit.inline.ruler.before("escape", VERBATIM_INLINE, _verbatim_inline)
    mdit.core.ruler.after("inline", "mdjournal_image_alt", _verbatim_alt_as_text)
    for name in (FRONT_MATTER, VERBATIM_BLOCK, VERBATIM_INLINE):
        mdit.add_render_rule(name, _render_html)
    if mdit.renderer.__output__ == "md":
        _check_structure_after(mdit)


def _repair(state: StateCore) -> None:
    from mdjournal.config.settings import Config, ConfigError
    from mdjournal.fixing.fixer import fix_text, shape
    from mdjournal.linting.selection import Configs, Settings
    from mdjournal.parsing.front_matter import front_matter_lines
    from mdjournal.parsing.journal import parse
    from mdjournal.text.files import STDIN, STDIN_NAME
    from mdjournal.text.source import Source

    if front_matter_lines(Source(state.src)) is None:
        return  # not a Jekyll post: leave it to mdformat
    options = state.md.options.get("mdformat", {})
    if "filename" in options:
        filename = str(options["filename"] or "")
        _LAST_FILE.remember(filename, state.src)
    else:  # mdformat's HTML comparison
        filename = _LAST_FILE.name_of(state.src)
    on_stdin = filename in ("", STDIN)
    name = STDIN_NAME if on_stdin else filename
    try:
        config = Configs(Settings()).for_path("post.md" if on_stdin else filename)
        repair = on_stdin or not config.excluded(filename)
    except ConfigError as error:
        # Still a post to protect (front matter, entries), just not one to repair.
        LOGGER.warning(f"mdjournal: {error}; journal repairs skipped for {name}")
        config, repair = Config(), False
    if repair:
        result = fix_text(state.src, config, None if on_stdin else filename)
        text, original_shape = result.text, result.shape
    else:
        text, original_shape = state.src, shape(parse(state.src, **config.parse_options))
    repaired = parse(text, **config.parse_options)
    assert repaired.front_matter is not None
    verbatim = {entry.line - 1 for entry in repaired.entries}
    verbatim |= {
        entry.blurb.span.line - 1 for entry in repaired.entries if entry.blurb and entry.blurb.markers
    }
    state.env[ENV_KEY] = _PostState(
        name=name,
        original=state.src,
        shape=original_shape,
        config=config,
        front_matter_last=repaired.front_matter.end_line - 1,
        verbatim=frozenset(verbatim),
        lines=tuple(text.split("\n")),
    )
    state.src = text


def _front_matter(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    post = state.env.get(ENV_KEY)
    if start_line != 0 or post is None:
        return False
    if silent:
        return True
    last = post.front_matter_last
    token: Token = state.push(FRONT_MATTER, "", 0)
    token.block = True
    token.map = [0, last + 1]
    token.content = state.getLines(0, last + 1, 0, False)
    state.line = last + 1
    return True


def _render_front_matter(node: RenderTreeNode, context: RenderContext) -> str:
    return str(node.content)


# Kramdown's block attribute list (`{: .prompt-tip }`, `{:toc}`) or definition
# (`{:ref: .class}`) on a line of its own.
ATTRIBUTE_LINE = re.compile(r"\{:(?:\\.|[^\\}\n])*\}[ \t]*")
# The same within a paragraph, after a span or an image: `![a](b.png){: width="60%" }`.
ATTRIBUTE_SPAN = re.compile(r"\{:(?:\\.|[^\\}\n])*\}")
ESCAPE_OR_DOLLAR = re.compile(r"\\.|\$", re.DOTALL)
# Placeholders. A paragraph's text may not hold NUL (mdformat's wrap point), so a
# line break inside inline maths, restored after mdformat's line handling, is a
# Unicode noncharacter; between blocks, NUL cannot clash: markdown-it turns it to U+FFFD.
NEWLINE = "\ufdd0"
WRAP_POINT = "\x00"  # where mdformat may break a line when it wraps (--wrap N)
ATTACH_BEFORE = "\x00b"  # no blank line between this block and the one before
ATTACH_AFTER = "\x00a"  # no blank line between this block and the one after
# The blank line (in a quote: `>`) mdformat puts between blocks, before or after one.
ATTACHED = re.compile(rf"\n(?:[ >]*\n)?([ >]*){ATTACH_BEFORE}|{ATTACH_AFTER}\n(?:[ >]*\n)?")


def _verbatim_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """A `$$` maths block or an attribute list line, kept as written."""
    if ENV_KEY not in state.env or state.sCount[start_line] - state.blkIndent >= 4:
        return False
    line = state.src[state.bMarks[start_line] + state.tShift[start_line] : state.eMarks[start_line]]
    if ATTRIBUTE_LINE.fullmatch(line):
        last: int | None = start_line
    elif line.startswith("$$"):
        last = _maths_last_line(state, start_line, end_line, line[2:].rstrip())
    else:
        return False
    if last is None:
        return False
    if silent:
        return True
    token: Token = state.push(VERBATIM_BLOCK, "", 0)
    token.block = True
    token.map = [start_line, last + 1]
    token.content = state.getLines(start_line, last + 1, state.blkIndent, False)
    # Kramdown reads an attribute list, or maths, written against a block as part of
    # it; mdformat would put a blank line between.
    token.meta = {
        "before": start_line > 0 and not state.isEmpty(start_line - 1),
        "after": last + 1 < end_line and not state.isEmpty(last + 1),
    }
    state.line = last + 1
    return True


def _maths_last_line(state: StateBlock, start_line: int, end_line: int, rest: str) -> int | None:
    """The line closing a maths block opened by `$$` + rest, or None if it is not a block."""
    if rest.endswith("$$"):
        return start_line
    if "$$" in rest:
        return None  # `$$x$$ and more`: maths inside a paragraph
    for line in range(start_line + 1, end_line):
        if state.isEmpty(line):
            continue
        if state.sCount[line] < state.blkIndent:
            return None
        text = state.src[state.bMarks[line] + state.tShift[line] : state.eMarks[line]].rstrip()
        if "$$" in text:
            return line if text.endswith("$$") else None
    return None


def _verbatim_inline(state: StateInline, silent: bool) -> bool:
    """Inline `$$…$$` / `$…$` maths, an attribute list, or `\\$`, kept as written."""
    if ENV_KEY not in state.env:
        return False
    src, pos = state.src, state.pos
    end: int | None = None
    if src.startswith("\\$", pos):
        end = pos + 2  # an escaped dollar must stay escaped, or it would open maths
    elif src.startswith("{:", pos):
        span = ATTRIBUTE_SPAN.match(src, pos)
        end = span.end() if span else None
    elif src.startswith("$", pos):
        end = _maths_end(src, pos)
    if end is None:
        return False
    if not silent:
        token = state.push(VERBATIM_INLINE, "", 0)
        token.content = src[pos:end]
    state.pos = end
    return True


def _maths_end(src: str, pos: int) -> int | None:
    """Where inline maths opened at pos ends: kramdown's `$$…$$`, MathJax's `$…$`."""
    if src.startswith("$$", pos):
        close = src.find("$$", pos + 2)
        return close + 2 if close > pos + 2 else None
    # Pandoc's rule: no space inside either dollar, no digit after the closing one, so
    # `$5 and $10` is money.
    first = src[pos + 1 : pos + 2]
    closers = _closers(src)
    at = bisect_right(closers, pos + 1)
    if not first or first.isspace() or first == "$" or at == len(closers):
        return None
    close = closers[at]
    # Never out of a link's text: in `[cost $5](url) and $x$` or `[cost $5][ref] ...`
    # the brackets make a link (`$(0, 1]$` is maths).
    depth = 0
    for index in range(pos + 1, close) if "](" in src[pos:close] or "][" in src[pos:close] else ():
        depth += (src[index] == "[") - (src[index] == "]")
        if depth < 0 and src[index + 1] in "([":
            return None
    return close + 1


@lru_cache(maxsize=16)
def _closers(src: str) -> tuple[int, ...]:
    """Where `$…$` maths may close in an inline text: unescaped `$`, after a non-space, before no digit.

    Found once per text: scanning on from every `$` took 11 s for a paragraph of
    2,000 `$5` amounts (0.02 s without the plugin).
    """
    return tuple(
        match.start()
        for match in ESCAPE_OR_DOLLAR.finditer(src)
        if match.group() == "$"
        and match.start() > 0
        and not src[match.start() - 1].isspace()
        and not src[match.start() + 1 : match.start() + 2].isdigit()
    )


def _verbatim_alt_as_text(state: StateCore) -> None:
    """In an image's description, kept text is plain text (mdformat writes that as is)."""
    images = (token for block in state.tokens for token in block.children or () if token.type == "image")
    for image in images:
        for child in image.children or ():
            if child.type == VERBATIM_INLINE:
                child.type = "text"


def _render_verbatim_block(node: RenderTreeNode, context: RenderContext) -> str:
    before = ATTACH_BEFORE if node.meta.get("before") else ""
    after = ATTACH_AFTER if node.meta.get("after") else ""
    first_line = node.map[0] if node.map else None
    return f"{before}{_indented_as_written(node.content, first_line, node, context)}{after}"


def _render_verbatim_inline(node: RenderTreeNode, context: RenderContext) -> str:
    paragraph = node.parent.parent if node.parent else None
    first_line = None
    if node.parent and paragraph and paragraph.type == "paragraph" and paragraph.map:
        before = node.parent.content[: node.parent.content.find(node.content)]
        first_line = paragraph.map[0] + before.count("\n")
    return _indented_as_written(node.content, first_line, node, context).replace("\n", NEWLINE)


def _indented_as_written(
    text: str, first_line: int | None, node: RenderTreeNode, context: RenderContext
) -> str:
    """Kept text whose later lines will be indented as in the source once in their list.

    markdown-it gives a list item's lines without the item's indent, and mdformat
    indents them by its own width (2 for `- `), so `*   $$` maths would lose two
    spaces a line. Each later line is written as the source has it, less the
    indent mdformat will add; lines that do not match the source, or have less
    indent, or sit in a quote (whose `> ` mdformat writes itself), stay as parsed.
    """
    post: _PostState | None = context.env.get(ENV_KEY)
    lines = text.split("\n")
    if post is None or first_line is None or len(lines) == 1:
        return text
    ancestor = node.parent
    while ancestor is not None:
        if ancestor.type == "blockquote":
            return text
        ancestor = ancestor.parent
    indent = " " * context.env["indent_width"]
    source = post.lines[first_line : first_line + len(lines)]
    for index in range(1, min(len(lines), len(source))):
        line, written = lines[index].lstrip(" "), source[index].lstrip(" ")
        margin = len(source[index]) - len(written)
        if margin >= len(indent) and written.startswith(line):
            lines[index] = " " * (margin - len(indent)) + line
    return "\n".join(lines)


def _no_break_before_block(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    """Never wrap a line just before `$$ x $$` or `{: …}`: at a line start, that is a block."""
    following = node.next_sibling
    if (
        text.endswith(WRAP_POINT)
        and following is not None
        and following.type == VERBATIM_INLINE
        and following.content.startswith(("$$", "{:"))
    ):
        return text[: -len(WRAP_POINT)] + " "
    return text


def _attach(text: str, node: RenderTreeNode, context: RenderContext) -> str:
    """Join attached blocks to their neighbours without the blank line mdformat adds."""
    text = ATTACHED.sub(lambda match: f"\n{match.group(1) or ''}", text)
    return text.replace(ATTACH_BEFORE, "").replace(ATTACH_AFTER, "")


def _render_html(
    self: Any, tokens: Sequence[Token], index: int, options: Mapping[str, Any], env: MutableMapping[str, Any]
) -> str:
    """For mdformat's HTML comparison: kept text must come out exactly as it went in."""
    from markdown_it.common.utils import escapeHtml

    token = tokens[index]
    tag = "pre" if token.block else "code"
    return f'<{tag} class="{token.type}">{escapeHtml(token.content)}</{tag}>'


def _render_paragraph(node: RenderTreeNode, context: RenderContext) -> str:
    from mdformat.renderer import DEFAULT_RENDERERS

    post = context.env.get(ENV_KEY)
    inline = node.children[0] if node.children else None
    text = inline.content if inline is not None else ""
    if post is not None and node.map and (node.map[0] in post.verbatim or "{{" in text or "{%" in text):
        # mdformat writes the link reference definitions its own renderers saw used;
        # these links are not rendered by it, so say they are used, or they are lost.
        for child in inline.walk() if inline is not None else ():
            if child.meta.get("label"):
                context.env["used_refs"].add(child.meta["label"])
        return text
    return DEFAULT_RENDERERS["paragraph"](node, context).replace(NEWLINE, "\n")


def _check_structure_after(mdit: MarkdownIt) -> None:
    """Wrap the renderer so the finished text (references included) is checked."""
    render: Callable[..., str] = mdit.renderer.render

    def checked(
        tokens: Sequence[Token], options: Mapping[str, Any], env: MutableMapping[str, Any], **kwargs: Any
    ) -> str:
        text = render(tokens, options, env, **kwargs)
        post: _PostState | None = env.get(ENV_KEY)
        if post is None or not kwargs.get("finalize", True):
            return text
        if not _same_structure(post, text):
            LOGGER.warning(
                f"mdjournal: formatting {post.name} would change its categories or entries, so it was left "
                "unformatted (please report this with the file)"
            )
            text = post.original
        _LAST_FILE.remember(str(options.get("mdformat", {}).get("filename") or ""), text)
        return text

    mdit.renderer.render = checked  # type: ignore[method-assign]


def _same_structure(post: _PostState, text: str) -> bool:
    """Does the formatted text have the categories and entries the input had?"""
    from mdjournal.fixing.fixer import shape
    from mdjournal.parsing.journal import parse

    return shape(parse(text, **post.config.parse_options)) == post.shape


RENDERERS = {
    FRONT_MATTER: _render_front_matter,
    VERBATIM_BLOCK: _render_verbatim_block,
    VERBATIM_INLINE: _render_verbatim_inline,
    "paragraph": _render_paragraph,
}
POSTPROCESSORS = {"root": _attach, "text": _no_break_before_block, "softbreak": _no_break_before_block}
