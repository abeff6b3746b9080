"""Records as BibTeX, written with bibtexparser (``pip install 'mdjournal[bibtex]'``).

bibtexparser does the writing (enclosing, alignment) and, through pylatexenc, the
escaping of LaTeX's special characters and of non-ASCII text in the fields a
bibliography prints (``&`` → ``\\&``, ``é`` → ``\\'e``; an emoji, which has no LaTeX
command, stays as it is). URLs, DOIs and eprints stay as written: biblatex and the
url package read those verbatim.

Entry types: an arXiv preprint is ``@misc`` with ``eprint`` and
``archivePrefix = {arXiv}`` (as arXiv's own BibTeX is), a DOI or PII names an
``@article``, a proceedings URL an ``@inproceedings``, a ``/book/`` URL a ``@book``,
anything else ``@misc``. Acronyms and names in titles are braced against the
style's lower-casing (:func:`protect_capitals`). The category is in ``keywords``, the blurb in ``annote``
(not ``note``, which styles print in the reference list), and read entries carry
``readstatus = {read}``, JabRef's field for it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mdjournal.reporting.records import ARTICLE, BOOK, PAPER, Record

if TYPE_CHECKING:
    import bibtexparser.model

_ENTRY_TYPES = {ARTICLE: "article", PAPER: "inproceedings", BOOK: "book"}


def bibtex_text(found: Sequence[Record]) -> str:
    """The records as a BibTeX file (raises ImportError without bibtexparser)."""
    from bibtexparser.entrypoint import write_string
    from bibtexparser.library import Library
    from bibtexparser.middlewares import LatexEncodingMiddleware
    from bibtexparser.writer import BibtexFormat
    from pylatexenc.latexencode import RULE_REGEX, UnicodeToLatexConversionRule, UnicodeToLatexEncoder

    library = Library([_entry(record) for record in found])
    # Escape the printed fields only; the verbatim ones are added after. "--" would
    # print as a dash ("NeRF--" as "NeRF–"), so the hyphens are kept apart. A
    # character LaTeX has no command for (an emoji) is kept as it is, without a
    # warning per entry: biber and modern LaTeX read UTF-8.
    hyphens = UnicodeToLatexConversionRule(RULE_REGEX, [(re.compile(r"-(?=-)"), "-{}")])
    encoder = UnicodeToLatexEncoder(
        conversion_rules=[hyphens, "defaults"], unknown_char_policy="keep", unknown_char_warning=False
    )
    library = LatexEncodingMiddleware(encoder=encoder).transform(library)
    for entry, record in zip(library.entries, found, strict=True):
        entry["title"] = protect_capitals(entry["title"])
        _add_verbatim(entry, record)
    layout = BibtexFormat()  # type: ignore[no-untyped-call]
    layout.indent = "  "
    layout.block_separator = "\n"
    text: str = write_string(library, bibtex_format=layout)
    return text.strip("\n") + "\n" if found else ""


def _entry(record: Record) -> bibtexparser.model.Entry:
    from bibtexparser.model import Entry, Field

    fields = [Field("title", record.title)]
    if record.year is not None:
        fields.append(Field("year", str(record.year)))
    fields.append(Field("keywords", record.category))
    if record.note:
        fields.append(Field("annote", record.note))
    return Entry(_ENTRY_TYPES.get(record.kind, "misc"), record.key, fields)


# A word (hyphenated parts together) that is not part of a LaTeX command.
_WORD = re.compile(r"(?<![\\\w{])[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")


def protect_capitals(title: str) -> str:
    """The LaTeX title with each word that has a capital past its first letter in braces.

    Bibliography styles lower-case titles ("Attention is all you need"); braces keep
    what must not be: acronyms and names such as ``{BERT}``, ``{LLMs}``, ``{LoRA}``,
    ``{U-Net}``. A capital that only starts a word is left to the style.
    """
    return _WORD.sub(lambda m: f"{{{m[0]}}}" if any(c.isupper() for c in m[0][1:]) else m[0], title)


def _add_verbatim(entry: bibtexparser.model.Entry, record: Record) -> None:
    from bibtexparser.model import Field

    if record.arxiv:
        entry.set_field(Field("eprint", record.arxiv))
        entry.set_field(Field("archivePrefix", "arXiv"))
    if record.doi:
        entry.set_field(Field("doi", record.doi))
    entry.set_field(Field("url", record.url))
    if record.read:
        entry.set_field(Field("readstatus", "read"))
