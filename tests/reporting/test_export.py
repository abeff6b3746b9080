"""``mdjournal export``: BibTeX read back by a BibTeX parser, CSL-JSON checked against the schema."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import sys
from pathlib import Path

import pytest

from tests.conftest import JOURNAL, one_line_error
from tests.conftest import run_cli as run

SCHEMA = Path(__file__).parent.parent / "schemas" / "csl" / "csl-data.json"
#: Entries of the sample post, spot-checked: (title, year, arXiv id) in file order.
SOME = {
    3: ("Attention Is All You Need", 2017, "1706.03762"),
    8: ("Why do LLMs attend to the first token?", None, "2504.02732"),
    30: ("Mastering the game of Go without human knowledge", 2017, None),
    41: ("Transformer Math 101", None, None),
}


def _export(*args: str) -> str:
    code, out, err = run("export", *args)
    assert (code, err) == (0, ""), err
    return out


@pytest.fixture(scope="module")
def bibtex() -> str:
    return _export("--to", "bibtex", str(JOURNAL))


@pytest.fixture(scope="module")
def jsonl() -> list[dict[str, object]]:
    return [json.loads(line) for line in _export("--to", "jsonl", str(JOURNAL)).splitlines()]


def test_bibtex_reads_back(bibtex: str, jsonl: list[dict[str, object]]) -> None:
    bibtexparser = pytest.importorskip("bibtexparser")
    from bibtexparser.middlewares import LatexDecodingMiddleware

    library = bibtexparser.parse_string(bibtex, append_middleware=[LatexDecodingMiddleware()])
    assert library.failed_blocks == []
    entries = library.entries
    assert len(entries) == 42 == len({entry.key for entry in entries})
    assert [entry["title"] for entry in entries] == [record["title"] for record in jsonl]
    assert [
        entry.fields_dict["year"].value if "year" in entry.fields_dict else None for entry in entries
    ] == [str(record["year"]) if record["year"] else None for record in jsonl]
    eprints = [
        entry.fields_dict["eprint"].value if "eprint" in entry.fields_dict else None for entry in entries
    ]
    assert eprints == [record["arxiv"] for record in jsonl] and sum(e is not None for e in eprints) == 31
    for index, (title, year, arxiv) in SOME.items():
        entry = entries[index]
        assert entry["title"] == title and eprints[index] == arxiv
        assert entry.fields_dict.get("year") is None if year is None else entry["year"] == str(year)
    attention = entries[3]
    assert (attention.key, attention.entry_type, attention["archivePrefix"]) == (
        "attention2017",
        "misc",
        "arXiv",
    )
    assert attention["keywords"] == "Seminal Architectures" and attention["readstatus"] == "read"
    assert attention["annote"].startswith("No list would be complete")
    go = entries[30]
    assert (go.entry_type, go["doi"]) == ("article", "10.1038/nature24270")
    assert "readstatus" not in entries[5].fields_dict  # Mamba: not read


def test_bibtex_keeps_acronyms_and_names_from_lower_casing(bibtex: str) -> None:
    assert (
        "title = {{DistilBERT}, a distilled version of {BERT}: smaller, faster, cheaper and lighter}"
        in bibtex
    )
    assert "title = {{LoRA}: {Low-Rank} Adaptation of Large Language Models}" in bibtex
    assert "title = {{U-Net}: Convolutional Networks for Biomedical Image Segmentation}" in bibtex
    assert "title = {Attention Is All You Need}" in bibtex  # a capital that starts a word is the style's


def test_bibtex_escapes_latex(bibtex: str) -> None:
    assert "Identifying, Interpreting \\& Ablating" in bibtex
    assert "keywords = {Safety \\& the Future}" in bibtex
    assert "url = {https://arxiv.org/abs/1706.03762}" in bibtex  # verbatim


def test_bibtex_special_characters(tmp_path: Path) -> None:
    pytest.importorskip("bibtexparser")
    post = tmp_path / "post.md"
    post.write_text(
        "---\ntitle: T\n---\n\n## Théorie & 100%\n\n"
        "- ✔️ [Gödel, Escher, Bach: 50% of $x_1$ {braces} #1](https://example.org/a_b?x=1%202) (1979)\n\n"
        "Über-good ~ ^ _.\n\n"
        "- [Gödel again](https://example.org/c) (1979)\n\n"
        "- [NeRF--: no camera poses 🚀](https://arxiv.org/abs/2102.07064) (2021)\n",
        encoding="utf-8",
    )
    out = _export("--to", "bibtex", str(post))
    assert 'title = {G\\"odel, Escher, Bach: 50\\% of \\$x\\_1\\$ \\{braces\\} \\#1}' in out
    assert "keywords = {Th\\'eorie \\& 100\\%}" in out
    assert "url = {https://example.org/a_b?x=1%202}" in out
    assert "@misc{godel1979," in out and "@misc{godel1979b," in out  # unique keys
    assert "title = {{NeRF}-{}-: no camera poses 🚀}" in out  # not an en dash; no LaTeX for emoji


def test_csl_json_is_valid(jsonl: list[dict[str, object]]) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    items = json.loads(_export("--to", "csl-json", str(JOURNAL)))
    jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8"))).validate(items)
    assert len(items) == 42 and [item["id"] for item in items] == [record["key"] for record in jsonl]
    attention = items[3]
    assert attention == {
        "id": "attention2017",
        "type": "article",
        "title": "Attention Is All You Need",
        "URL": "https://arxiv.org/abs/1706.03762",
        "issued": {"date-parts": [[2017]]},
        "publisher": "arXiv",
        "number": "arXiv:1706.03762",
        "keyword": "Seminal Architectures",
        "note": attention["note"],
        "custom": {"read": True, "to_read": True},
    }
    assert "issued" not in items[8]  # no year written: none invented
    assert {item["type"] for item in items} == {
        "article",
        "article-journal",
        "book",
        "paper-conference",
        "webpage",
    }


def test_schema_rejects_what_it_should() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert not validator.is_valid([{"id": "x", "type": "article", "read": True}])  # no such field


def test_csv_and_filters() -> None:
    rows = list(csv.DictReader(io.StringIO(_export("--to", "csv", "--unread", str(JOURNAL)))))
    assert len(rows) == 20 and {row["read"] for row in rows} == {"false"}
    assert rows[0]["title"].startswith("Mamba") and rows[0]["arxiv"] == "2312.00752"
    one = _export("--to", "jsonl", "--category", "fundamentals", "--read", str(JOURNAL)).splitlines()
    assert [json.loads(line)["key"] for line in one] == ["neural2015", "reinforcement2019"]


def test_deterministic_and_to_a_file(tmp_path: Path, bibtex: str) -> None:
    pytest.importorskip("bibtexparser")
    out = tmp_path / "refs.bib"
    assert run("export", "--to", "bibtex", "-o", str(out), str(JOURNAL)) == (0, "", "")
    assert out.read_bytes() == bibtex.encode("utf-8")
    umask = os.umask(0o022)
    os.umask(umask)
    assert stat.S_IMODE(out.stat().st_mode) == 0o666 & ~umask  # as any new file
    assert [path.name for path in tmp_path.iterdir()] == ["refs.bib"]  # no temporary file left
    assert _export("--to", "bibtex", str(JOURNAL)) == bibtex


def test_unwritable_output(tmp_path: Path) -> None:
    code, out, err = run("export", "--to", "csv", "-o", str(tmp_path / "no" / "refs.csv"), str(JOURNAL))
    assert "cannot write" in one_line_error(code, out, err)


def test_without_bibtexparser_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in [name for name in sys.modules if name.partition(".")[0] == "bibtexparser"] + ["bibtexparser"]:
        monkeypatch.setitem(sys.modules, name, None)  # as if it were not installed
    code, out, err = run("export", "--to", "bibtex", str(JOURNAL))
    assert one_line_error(code, out, err) == "--to bibtex needs bibtexparser: pip install 'mdjournal[bibtex]'"


def test_control_characters_kept_exactly_when_piped(tmp_path: Path) -> None:
    post = tmp_path / "post.md"
    post.write_text("## A\n\n- [T](https://example.org) (2020)\n\nRed \x1b[31mnote\u202e\n", encoding="utf-8")
    assert ",Red \x1b[31mnote\u202e," in _export("--to", "csv", str(post))
    assert '"Red \\u001b[31mnote\\u202e"' in _export("--to", "jsonl", str(post))
