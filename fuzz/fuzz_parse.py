"""Fuzz target (atheris): any bytes, through everything mdjournal does with a post.

For each input it checks what mdjournal promises for every input, not for the
posts its authors thought of:

* reading: the bytes are a post (strict UTF-8) or a :class:`~mdjournal.text.files.JournalError`
  with one line that names the file; nothing else escapes;
* parsing is lossless: ``parse(text).render() == text`` (the bytes are also
  decoded with replacement characters, so invalid UTF-8 still exercises the parser);
* lint never fails, its findings point inside the text, and the text report holds
  no raw control character (nothing from the post can drive the terminal);
* fixing never fails, keeps the post's categories and entries, and fixing the
  fixed text again changes nothing.

Run it (not in CI; atheris needs its own environment)::

    python3 -m venv /tmp/fuzz && /tmp/fuzz/bin/pip install atheris -e .
    mkdir -p fuzz/corpus && cp fixtures/*.md fixtures/corners/* fuzz/corpus/
    /tmp/fuzz/bin/python fuzz/fuzz_parse.py fuzz/corpus -max_total_time=600

Every option after the corpus folder is libFuzzer's (``-jobs=2``, ``-max_len=4096``,
``-dict=...``). A crash leaves its input in ``crash-<sha1>``; replay it with
``python fuzz/fuzz_parse.py crash-<sha1>``. ``python fuzz/fuzz_parse.py --self-test``
runs the same checks without atheris on the fixtures and a few nasty inputs.
"""

from __future__ import annotations

import contextlib
import re
import sys
from contextlib import AbstractContextManager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MAX_LEN = 1 << 16  # longer inputs only slow the search down; the tests cover big posts
#: What a terminal acts on, besides the report's own line breaks and tabs (see reporting.printable).
TERMINAL_CONTROLS = re.compile("[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069]")


def _instrumented() -> AbstractContextManager[object]:
    """Coverage for libFuzzer when fuzzing; plain imports for --self-test and for tests importing this file."""
    if __name__ != "__main__" or "--self-test" in sys.argv:
        return contextlib.nullcontext()
    import atheris

    return atheris.instrument_imports(include=["mdjournal", "markdown_it", "mdurl"])  # type: ignore[no-any-return]


with _instrumented():
    from mdjournal.fixing.fixer import MAX_ROUNDS, fix_text, shape
    from mdjournal.linting.linter import lint_text
    from mdjournal.parsing.journal import parse
    from mdjournal.reporting.formats import FileFindings, render
    from mdjournal.text.files import JournalError, decode


def check(data: bytes) -> None:
    """Raise ``AssertionError`` (or whatever mdjournal raises) if any promise is broken for ``data``."""
    if len(data) > MAX_LEN:
        return
    try:
        text = decode(data, "fuzz.md", file=True)
    except JournalError as error:
        message = str(error)
        assert message.startswith("fuzz.md: ") and message.isprintable(), message
        text = data.decode("utf-8", "replace")
    journal = parse(text)
    assert journal.render() == text, "parse(text).render() != text"
    _, findings = lint_text(text)
    for finding in findings:
        assert 0 <= finding.span.start <= finding.span.end <= len(text), finding
    report = render("text", [FileFindings("fuzz.md", findings)])
    assert not TERMINAL_CONTROLS.search(report), repr(report)
    result = fix_text(text)
    assert parse(result.text).render() == result.text
    assert shape(parse(result.text)) == shape(journal), "fixing changed the categories or entries"
    if result.rounds < MAX_ROUNDS:
        assert fix_text(result.text).text == result.text, "fixing the fixed text changed it again"


NASTY = [
    b"",
    b"\xef\xbb\xbf",
    b"---\n---\n",
    b"## P\r\n\r\n- [A](https://arxiv.org/abs/1706.03762)\r\n",
    b"## P\n\n" + b"- " * 5000 + b"x\n",
    b">" * 5000 + b" x\n",
    b"## P\n\n- [A \x1b[31m](https://a.b) \x07\n",
    "## P\n\n- ‚úîÔ∏è [A](https://arxiv.org/abs/2108.12409)\n".encode(),
    b"caf\xe9\n",
    b"\x89PNG\r\n\x1a\n\x00",
]


def self_test(paths: list[str]) -> int:
    """The checks on the fixtures, the given files and :data:`NASTY`, without atheris."""
    inputs = [Path(name).read_bytes() for name in paths] or [
        path.read_bytes() for path in sorted((ROOT / "fixtures").rglob("*")) if path.is_file()
    ]
    for data in [*inputs, *NASTY]:
        check(data)
    print(f"self-test: {len(inputs) + len(NASTY)} inputs, every check held")
    return 0


def main() -> int:
    if "--self-test" in sys.argv[1:]:
        return self_test([arg for arg in sys.argv[1:] if arg != "--self-test"])
    import atheris

    atheris.Setup(sys.argv, check)
    atheris.Fuzz()
    return 0


if __name__ == "__main__":
    sys.exit(main())
