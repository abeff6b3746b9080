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
* Repairs change the rendered HTML, so the plugin declares ``CHANGES_AST`` and runs
  mdjournal's own check instead of mdformat's HTML comparison: the formatted post
  must have the same categories and entries (same papers, same read state). If it
  does not, the post is returned unformatted and a warning is logged.

Only Markdown with Jekyll front matter is treated as a journal; a README formatted
in the same run is left to mdformat alone. ``mdjournal fmt`` stays lossless: this
plugin is for people who already want mdformat's normalisation.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, MutableMapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import StateBlock
    from markdown_it.rules_core import StateCore
    from markdown_it.token import Token
    from mdformat.renderer import RenderContext, RenderTreeNode

    from mdjournal.config.settings import Config
    from mdjournal.fixing.fixer import Shape

CHANGES_AST = True
ENV_KEY = "mdjournal"
FRONT_MATTER = "mdjournal_front_matter"
LOGGER = logging.getLogger("mdformat.renderer")


@dataclass(frozen=True)
class _PostState:
    """What the renderer needs to know about the repaired post."""

    name: str
    original: str
    shape: Shape
    config: Config
    front_matter_last: int  # 0-based index of the closing --- line
    verbatim: frozenset[int]  # 0-based first lines of paragraphs to keep as written


def update_mdit(mdit: MarkdownIt) -> None:
    """Repair the source before parsing, and parse Jekyll front matter as one block."""
    if "mdjournal_repair" in mdit.core.ruler.get_all_rules():
        return
    mdit.core.ruler.after("normalize", "mdjournal_repair", _repair)
    mdit.block.ruler.before("table", "mdjournal_front_matter", _front_matter, {"alt": []})
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
    filename = str(options.get("filename") or "")
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
    return DEFAULT_RENDERERS["paragraph"](node, context)


def _check_structure_after(mdit: MarkdownIt) -> None:
    """Wrap the renderer so the finished text (references included) is checked."""
    render: Callable[..., str] = mdit.renderer.render

    def checked(
        tokens: Sequence[Token], options: Mapping[str, Any], env: MutableMapping[str, Any], **kwargs: Any
    ) -> str:
        text = render(tokens, options, env, **kwargs)
        post: _PostState | None = env.get(ENV_KEY)
        if post is None or not kwargs.get("finalize", True) or _same_structure(post, text):
            return text
        LOGGER.warning(
            f"mdjournal: formatting {post.name} would change its categories or entries, so it was left "
            "unformatted (please report this with the file)"
        )
        return post.original

    mdit.renderer.render = checked  # type: ignore[method-assign]


def _same_structure(post: _PostState, text: str) -> bool:
    """Does the formatted text have the categories and entries the input had?"""
    from mdjournal.fixing.fixer import shape
    from mdjournal.parsing.journal import parse

    return shape(parse(text, **post.config.parse_options)) == post.shape


RENDERERS = {FRONT_MATTER: _render_front_matter, "paragraph": _render_paragraph}
