"""Tests for mdjournal.model.identifiers: identifiers in URLs, their years, URL keys."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mdjournal.model import identifiers
from mdjournal.model.identifiers import (
    Identifier,
    arxiv_id,
    canonical_arxiv_url,
    doi,
    identify,
    normalise_url,
)

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "research-journal.md"


@pytest.fixture
def year_2026(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pin "now" so tests of two-digit years and future-year rejection are stable."""
    monkeypatch.setattr(identifiers, "CURRENT_YEAR", 2026)


# ------------------------------------------------------------------------- arXiv

ARXIV_GOOD = [
    ("https://arxiv.org/abs/2108.12409", "2108.12409", "2108.12409", 2021),
    ("https://arxiv.org/pdf/2504.02732", "2504.02732", "2504.02732", 2025),
    ("https://arxiv.org/pdf/2504.02732.pdf", "2504.02732", "2504.02732", 2025),
    ("https://arxiv.org/pdf/2504.02732v3", "2504.02732", "2504.02732", 2025),
    ("https://arxiv.org/pdf/2504.02732v3.pdf", "2504.02732", "2504.02732", 2025),
    ("https://arxiv.org/abs/1706.03762v7", "1706.03762", "1706.03762", 2017),
    ("https://arxiv.org/html/2402.17764v1", "2402.17764", "2402.17764", 2024),
    ("https://arxiv.org/html/2402.17764v1/#S3", "2402.17764", "2402.17764", 2024),
    ("https://export.arxiv.org/abs/2505.24832", "2505.24832", "2505.24832", 2025),
    ("http://arxiv.org/abs/1207.0580", "1207.0580", "1207.0580", 2012),
    ("https://www.arxiv.org/abs/1607.06450", "1607.06450", "1607.06450", 2016),
    ("arxiv.org/abs/1711.05101", "1711.05101", "1711.05101", 2017),
    ("https://arxiv.org/abs/1711.05101?context=cs", "1711.05101", "1711.05101", 2017),
    ("https://arxiv.org/abs/0704.0001", "0704.0001", "0704.0001", 2007),
    ("https://arxiv.org/abs/1412.6980", "1412.6980", "1412.6980", 2014),
    ("https://arxiv.org/abs/1501.00001", "1501.00001", "1501.00001", 2015),
    ("arXiv:2201.02177", "2201.02177", "2201.02177", 2022),
    ("https://doi.org/10.48550/arXiv.2108.12409", "2108.12409", "2108.12409", 2021),
    ("https://doi.org/10.48550/ARXIV.2108.12409", "2108.12409", "2108.12409", 2021),
    # old style
    ("https://arxiv.org/abs/hep-th/9901001", "hep-th/9901001", "hep-th/9901001", 1999),
    ("http://arxiv.org/abs/hep-th/9901001v2", "hep-th/9901001", "hep-th/9901001", 1999),
    ("https://arxiv.org/pdf/hep-th/9901001v1.pdf", "hep-th/9901001", "hep-th/9901001", 1999),
    ("https://arxiv.org/abs/math.GT/0309136", "math.GT/0309136", "math/0309136", 2003),
    ("https://arxiv.org/abs/cs/0112017", "cs/0112017", "cs/0112017", 2001),
    ("https://arxiv.org/abs/hep-th/9108001", "hep-th/9108001", "hep-th/9108001", 1991),
    ("https://arxiv.org/abs/math/0703055", "math/0703055", "math/0703055", 2007),
    ("https://doi.org/10.48550/arXiv.math/0703055", "math/0703055", "math/0703055", 2007),
]


@pytest.mark.parametrize(("url", "value", "bare", "year"), ARXIV_GOOD)
def test_arxiv_ids_and_years(url: str, value: str, bare: str, year: int) -> None:
    assert identify(url) == Identifier("arXiv id", value, year)
    assert arxiv_id(url) == bare


ARXIV_BAD = [
    "https://arxiv.org/abs/2113.12409",  # month 13
    "https://arxiv.org/abs/2100.12409",  # month 00
    "https://arxiv.org/abs/0703.1234",  # new style before April 2007
    "https://arxiv.org/abs/1412.12345",  # 5-digit number before 2015
    "https://arxiv.org/abs/1501.1234",  # 4-digit number from 2015 on
    "https://arxiv.org/abs/2108.123",  # too short
    "https://arxiv.org/abs/2108.1234567",  # too long
    "https://arxiv.org/abs/hep-th/9107001",  # before arXiv existed
    "https://arxiv.org/abs/hep-th/8901001",  # 1989
    "https://arxiv.org/abs/math/0704001",  # old style after March 2007
    "https://arxiv.org/abs/math/0313001",  # month 13
    "https://arxiv.org/list/cs.LG/recent",
    "https://arxiv.org/",
    "https://example.com/abs/1706.03762",  # not arxiv.org
    "https://notarxiv.org/abs/1706.03762",
    "https://huggingface.co/papers/1706.03762",
]


@pytest.mark.parametrize("url", ARXIV_BAD)
def test_arxiv_lookalikes_are_not_ids(url: str) -> None:
    assert arxiv_id(url) is None
    assert identify(url) is None


def test_arxiv_future_ids_rejected(year_2026: None) -> None:
    assert identify("https://arxiv.org/abs/2712.00001") == Identifier("arXiv id", "2712.00001", 2027)
    assert identify("https://arxiv.org/abs/2801.00001") is None
    assert arxiv_id("https://arxiv.org/abs/2801.00001") is None


@pytest.mark.parametrize(
    ("url", "in_2026"),
    [
        ("https://arxiv.org/abs/2801.00001", None),
        ("https://doi.org/10.48550/arXiv.2801.00001", Identifier("DOI", "10.48550/arXiv.2801.00001", None)),
    ],
)
def test_arxiv_ids_follow_the_current_year(
    url: str, in_2026: Identifier | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A memoised answer from one year is not given in another (the year is in the key)."""
    monkeypatch.setattr(identifiers, "CURRENT_YEAR", 2026)
    assert (arxiv_id(url), identify(url)) == (None, in_2026)
    monkeypatch.setattr(identifiers, "CURRENT_YEAR", 2027)
    assert (arxiv_id(url), identify(url)) == ("2801.00001", Identifier("arXiv id", "2801.00001", 2028))
    monkeypatch.setattr(identifiers, "CURRENT_YEAR", 2026)
    assert (arxiv_id(url), identify(url)) == (None, in_2026)


# -------------------------------------------------------------------------- DOIs

DOI_YEARS = [
    ("https://link.springer.com/article/10.1007/s11023-012-9281-3", "10.1007/s11023-012-9281-3", 2012),
    ("https://doi.org/10.1007/s11023-012-9281-3", "10.1007/s11023-012-9281-3", 2012),
    (
        "https://link.springer.com/content/pdf/10.1007/s10994-005-0466-3.pdf",
        "10.1007/s10994-005-0466-3",
        2005,
    ),
    ("https://www.nature.com/articles/s41586-019-1724-z", "10.1038/s41586-019-1724-z", 2019),
    ("https://doi.org/10.1038/s41586-021-03819-2", "10.1038/s41586-021-03819-2", 2021),
    ("https://doi.org/10.1016/j.neunet.2014.09.003", "10.1016/j.neunet.2014.09.003", 2014),
    ("http://dx.doi.org/10.1016/j.neunet.2014.09.003", "10.1016/j.neunet.2014.09.003", 2014),
    ("https://doi.org/10.1109/CVPR.2016.90", "10.1109/CVPR.2016.90", 2016),
    ("https://ieeexplore.ieee.org/doi/10.1109/TPAMI.2016.2577031", "10.1109/TPAMI.2016.2577031", 2016),
    ("https://direct.mit.edu/doi/10.1162/neco.1997.9.8.1735", "10.1162/neco.1997.9.8.1735", 1997),
    (
        "https://onlinelibrary.wiley.com/doi/10.1111/j.1551-6708.1990.tb00145.x/abstract",
        "10.1111/j.1551-6708.1990.tb00145.x",
        1990,
    ),
    (
        "https://www.biorxiv.org/content/10.1101/2020.01.01.123456v2.full.pdf",
        "10.1101/2020.01.01.123456",
        2020,
    ),
    ("doi:10.3389/fnins.2018.00123", "10.3389/fnins.2018.00123", 2018),
]


@pytest.mark.parametrize(("url", "value", "year"), DOI_YEARS)
def test_doi_years(url: str, value: str, year: int) -> None:
    assert identify(url) == Identifier("DOI", value, year)
    assert doi(url) == value.lower()


DOI_NO_YEAR = [
    ("https://www.nature.com/articles/nature24270", "10.1038/nature24270"),
    ("https://doi.org/10.1038/nature14539", "10.1038/nature14539"),
    ("https://dl.acm.org/doi/10.1145/3065386", "10.1145/3065386"),
    ("https://dl.acm.org/doi/pdf/10.1145/3065386", "10.1145/3065386"),
    ("https://doi.org/10.1109/5.726791", "10.1109/5.726791"),  # LeCun 1998: no year in it
    ("https://www.science.org/doi/10.1126/science.1127647", "10.1126/science.1127647"),
    ("https://link.springer.com/chapter/10.1007/978-3-319-24574-4_28", "10.1007/978-3-319-24574-4_28"),
    ("https://doi.org/10.1016/j.foo.2150.01.001", "10.1016/j.foo.2150.01.001"),  # 2150: not a year
    ("https://doi.org/10.1016/j.foo.1850.01.001", "10.1016/j.foo.1850.01.001"),  # 1850: too early
    ("https://doi.org/10.1007/s11023-150-9281-3", "10.1007/s11023-150-9281-3"),  # 2150
]


@pytest.mark.parametrize(("url", "value"), DOI_NO_YEAR)
def test_dois_without_a_year(url: str, value: str, year_2026: None) -> None:
    assert identify(url) == Identifier("DOI", value, None)


def test_doi_year_not_past_next_year(year_2026: None) -> None:
    assert identify("https://doi.org/10.1016/j.x.2027.01.001") == Identifier(
        "DOI", "10.1016/j.x.2027.01.001", 2027
    )
    assert identify("https://doi.org/10.1016/j.x.2028.01.001").year is None  # type: ignore[union-attr]


DOI_CASES = [
    ("https://doi.org/10.1007/S11023-012-9281-3", "10.1007/s11023-012-9281-3"),
    ("https://doi.org/10.1016/0893-6080%2889%2990020-8", "10.1016/0893-6080(89)90020-8"),
    ("https://dl.acm.org/doi/abs/10.1145/3065386", "10.1145/3065386"),
    ("https://onlinelibrary.wiley.com/doi/full/10.1002/anie.201915678", "10.1002/anie.201915678"),
    (
        "https://journals.aps.org/prl/abstract/10.1103/PhysRevLett.116.061102",
        "10.1103/physrevlett.116.061102",
    ),
    ("https://example.org/cite?doi=10.1000%2F182", "10.1000/182"),
    ("https://doi.org/10.48550/arXiv.2108.12409", "10.48550/arxiv.2108.12409"),
    ("https://arxiv.org/abs/2108.12409", None),
    ("https://doi.org/", None),
    ("https://doi.org/not-a-doi", None),
    ("https://example.com/10.12/x", None),  # registrant code too short
    ("https://epoch.ai/blog/trends-in-ai-supercomputers", None),
    ("", None),
]


@pytest.mark.parametrize(("url", "expected"), DOI_CASES)
def test_doi(url: str, expected: str | None) -> None:
    assert doi(url) == expected


# --------------------------------------------------------------------------- PIIs

PII_GOOD = [
    ("https://www.sciencedirect.com/science/article/pii/S0893608097000117", "S0893608097000117", 1997),
    ("https://www.sciencedirect.com/science/article/abs/pii/S0893608097000117", "S0893608097000117", 1997),
    (
        "https://www.sciencedirect.com/science/article/pii/S0893608097000117?via%3Dihub",
        "S0893608097000117",
        1997,
    ),
    ("https://linkinghub.elsevier.com/retrieve/pii/S0893608097000117", "S0893608097000117", 1997),
    ("https://www.sciencedirect.com/science/article/pii/0893608089900208", "0893608089900208", 1989),
    ("https://doi.org/10.1016/S0893-6080(97)00011-7", "S0893-6080(97)00011-7", 1997),
    ("https://doi.org/10.1016/0893-6080%2889%2990020-8", "0893-6080(89)90020-8", 1989),
    ("https://www.cell.com/neuron/fulltext/S0896-6273(17)30509-3", "S0896-6273(17)30509-3", 2017),
    (
        "https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(20)30183-5/fulltext",
        "S0140-6736(20)30183-5",
        2020,
    ),
]


@pytest.mark.parametrize(("url", "value", "year"), PII_GOOD)
def test_pii_years(url: str, value: str, year: int, year_2026: None) -> None:
    assert identify(url) == Identifier("ScienceDirect PII", value, year)


@pytest.mark.parametrize(
    ("yy", "year"), [("00", 2000), ("25", 2025), ("26", 2026), ("27", 1927), ("97", 1997)]
)
def test_pii_two_digit_years(yy: str, year: int, year_2026: None) -> None:
    url = f"https://www.sciencedirect.com/science/article/pii/S08936080{yy}000117"
    assert identify(url) == Identifier("ScienceDirect PII", f"S08936080{yy}000117", year)


PII_BAD = [
    "https://www.sciencedirect.com/science/article/pii/S0893608197000117",  # ISSN check digit
    "https://www.sciencedirect.com/science/article/pii/S08936080970001",  # too short
    "https://www.sciencedirect.com/science/article/pii/S089360809700011712",  # too long
    "https://example.com/files/S0893608097000117",  # compact form only after /pii/
    "https://www.sciencedirect.com/book/9780128015001/some-book",
]


@pytest.mark.parametrize("url", PII_BAD)
def test_pii_lookalikes(url: str) -> None:
    assert identify(url) is None


# ------------------------------------------------------------ proceedings sites

PROCEEDINGS_GOOD = [
    (
        "https://proceedings.neurips.cc/paper_files/paper/2002/file/6150ccc6069bea6b5716254057a194ef-Paper.pdf",
        "proceedings URL",
        "paper_files/paper/2002",
        2002,
    ),
    (
        "https://proceedings.neurips.cc/paper/2019/file/9015-Paper.pdf",
        "proceedings URL",
        "paper/2019",
        2019,
    ),
    (
        "https://papers.nips.cc/paper/2012/hash/c399862d3b9d6b76c8436e924a68c45b-Abstract.html",
        "proceedings URL",
        "paper/2012",
        2012,
    ),
    (
        "https://papers.nips.cc/paper_files/paper/2017/hash/3f5ee243547dee91fbd053c1c4a845aa-Abstract.html",
        "proceedings URL",
        "paper_files/paper/2017",
        2017,
    ),
    (
        "https://openaccess.thecvf.com/content_cvpr_2016/papers/He_Deep_Residual_Learning_CVPR_2016_paper.pdf",
        "CVF open access URL",
        "content_cvpr_2016",
        2016,
    ),
    (
        "https://openaccess.thecvf.com/content_ICCV_2017/papers/x.pdf",
        "CVF open access URL",
        "content_ICCV_2017",
        2017,
    ),
    (
        "https://openaccess.thecvf.com/content/CVPR2023/html/Kirillov_Segment_Anything.html",
        "CVF open access URL",
        "content/CVPR2023",
        2023,
    ),
    (
        "https://openaccess.thecvf.com/content/CVPR2023W/html/x.html",
        "CVF open access URL",
        "content/CVPR2023W",
        2023,
    ),
    (
        "https://www.cv-foundation.org/openaccess/content_cvpr_2015/papers/x.pdf",
        "CVF open access URL",
        "content_cvpr_2015",
        2015,
    ),
]


@pytest.mark.parametrize(("url", "kind", "value", "year"), PROCEEDINGS_GOOD)
def test_proceedings_years(url: str, kind: str, value: str, year: int) -> None:
    assert identify(url) == Identifier(kind, value, year)


PROCEEDINGS_BAD = [
    "https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks",
    "https://proceedings.neurips.cc/paper/1950/file/x-Paper.pdf",  # before NIPS existed
    "https://example.com/paper/2019/file/x.pdf",  # NeurIPS layout, other host
    "https://openaccess.thecvf.com/CVPR2016",  # a listing page
    "https://example.com/content_cvpr_2016/x.pdf",
    "https://proceedings.mlr.press/v139/radford21a.html",  # PMLR: volume-based
    "https://openreview.net/forum?id=YicbFdNTTy",
]


@pytest.mark.parametrize("url", PROCEEDINGS_BAD)
def test_proceedings_without_year(url: str) -> None:
    assert identify(url) is None


def test_proceedings_future_year(year_2026: None) -> None:
    assert identify("https://proceedings.neurips.cc/paper_files/paper/2027/file/x.pdf") is not None
    assert identify("https://proceedings.neurips.cc/paper_files/paper/2028/file/x.pdf") is None
    assert identify("https://openaccess.thecvf.com/content/CVPR2031/html/x.html") is None


# ------------------------------------------------------------------ ACL Anthology

ACL_GOOD = [
    ("https://aclanthology.org/P19-1001", "P19-1001", 2019),
    ("https://aclanthology.org/P19-1001/", "P19-1001", 2019),
    ("https://aclanthology.org/P19-1001.pdf", "P19-1001", 2019),
    ("https://aclanthology.org/P19-1001v2.pdf", "P19-1001", 2019),
    ("https://www.aclweb.org/anthology/P19-1001", "P19-1001", 2019),
    ("https://www.aclweb.org/anthology/J98-1001.pdf", "J98-1001", 1998),
    ("https://aclanthology.org/C65-1001.pdf", "C65-1001", 1965),
    ("https://aclanthology.org/W00-0101", "W00-0101", 2000),
    ("https://anthology.aclweb.org/P/P19/P19-1001.pdf", "P19-1001", 2019),
    ("https://aclanthology.org/2020.acl-main.1", "2020.acl-main.1", 2020),
    ("https://aclanthology.org/2020.acl-main.1.pdf", "2020.acl-main.1", 2020),
    ("https://aclanthology.org/2023.findings-emnlp.123/", "2023.findings-emnlp.123", 2023),
    ("https://www.aclweb.org/anthology/2020.emnlp-main.550.pdf", "2020.emnlp-main.550", 2020),
    ("https://doi.org/10.18653/v1/P19-1001", "P19-1001", 2019),
    ("https://doi.org/10.18653/v1/2020.acl-main.1", "2020.acl-main.1", 2020),
]


@pytest.mark.parametrize(("url", "value", "year"), ACL_GOOD)
def test_acl_ids(url: str, value: str, year: int) -> None:
    assert identify(url) == Identifier("ACL Anthology id", value, year)


ACL_BAD = [
    "https://aclanthology.org/volumes/P19-1/",
    "https://aclanthology.org/events/acl-2019/",
    "https://aclanthology.org/2020.acl-main/",
    "https://example.com/P19-1001.pdf",  # ACL-shaped id, other host
    "https://aclanthology.org/P19-10011",
]


@pytest.mark.parametrize("url", ACL_BAD)
def test_acl_lookalikes(url: str) -> None:
    assert identify(url) is None


# ------------------------------------------------------- URLs that carry no year

NO_IDENTIFIER = [
    "https://epoch.ai/blog/trends-in-ai-supercomputers",
    "https://blog.eleuther.ai/transformer-math/",
    "http://incompleteideas.net/book/the-book-2nd.html",
    "http://www.incompleteideas.net/IncIdeas/BitterLesson.html",
    "http://neuralnetworksanddeeplearning.com/",
    "https://ai-2027.com/",
    "https://situational-awareness.ai/",
    "https://lilianweng.github.io/posts/2019/05/some-post/",  # a blog date path
    "https://example.com/2019/05/12/post.html",
    "https://colah.github.io/posts/2015-08-Understanding-LSTMs/",
    "mailto:someone@example.com",
    "/relative/2019/link",
    "",
    "   ",
    "not a url at all",
]


@pytest.mark.parametrize("url", NO_IDENTIFIER)
def test_urls_without_identifier(url: str) -> None:
    assert identify(url) is None


def test_most_specific_identifier_wins() -> None:
    # An arXiv DOI is reported as the arXiv id, an Elsevier DOI holding a PII as the
    # PII, an ACL DOI as the ACL id: each of those carries a year the DOI hides.
    assert identify("https://doi.org/10.48550/arXiv.1706.03762").kind == "arXiv id"  # type: ignore[union-attr]
    assert identify("https://doi.org/10.1016/S0893-6080(97)00011-7").kind == "ScienceDirect PII"  # type: ignore[union-attr]
    assert identify("https://doi.org/10.18653/v1/P19-1001").kind == "ACL Anthology id"  # type: ignore[union-attr]


def test_identifier_is_frozen() -> None:
    ident = Identifier("DOI", "10.1000/182", None)
    with pytest.raises(AttributeError):
        ident.year = 2000  # type: ignore[misc]
    assert not hasattr(ident, "__dict__")


# ------------------------------------------------------------- the real journal

# "- ✔️ [Title](url) (2017)", "...](url)(2022)" or no year at all. Front matter and
# prose have no list-item links, so list items are all this needs to look at.
_ENTRY = re.compile(r"^\s*[-*+] .*?\]\((?P<url>[^)\s]+)\)[ \t]*(?:\((?P<year>\d{4})\))?", re.MULTILINE)


def _fixture_entries() -> list[tuple[str, int | None]]:
    text = FIXTURE.read_bytes().decode("utf-8")
    return [(m["url"], int(m["year"]) if m["year"] else None) for m in _ENTRY.finditer(text)]


FIXTURE_YEARLESS = {
    "https://arxiv.org/pdf/2504.02732": 2025,
    "https://arxiv.org/abs/2108.12409": 2021,
    "https://arxiv.org/abs/2201.02177": 2022,
    "https://arxiv.org/abs/2402.17764": 2024,
    "https://arxiv.org/pdf/1711.05101": 2017,
    "https://arxiv.org/pdf/1207.0580": 2012,
    "https://arxiv.org/pdf/1607.06450": 2016,
    "https://arxiv.org/pdf/2308.07870": 2023,
    "https://www.sciencedirect.com/science/article/pii/S0893608097000117": 1997,
    "https://proceedings.neurips.cc/paper_files/paper/2002/file/6150ccc6069bea6b5716254057a194ef-Paper.pdf": 2002,
    "https://epoch.ai/blog/trends-in-ai-supercomputers": None,
    "https://blog.eleuther.ai/transformer-math/": None,
}


def test_fixture_parses_as_expected() -> None:
    entries = _fixture_entries()
    assert len(entries) == 42  # every "](" link in the file is an entry
    assert len({url for url, _ in entries}) == len(entries)


def test_fixture_yearless_entries_get_years_from_their_urls() -> None:
    yearless = [url for url, written in _fixture_entries() if written is None]
    assert sorted(yearless) == sorted(FIXTURE_YEARLESS)
    found = {url: getattr(identify(url), "year", None) for url in yearless}
    assert found == FIXTURE_YEARLESS
    assert sum(year is not None for year in found.values()) == 10


def test_fixture_written_years_agree_with_every_dated_identifier_but_two() -> None:
    dated = [(url, written, identify(url)) for url, written in _fixture_entries() if written]
    implied = {url: (written, ident.year) for url, written, ident in dated if ident and ident.year}
    disagree = {url: years for url, years in implied.items() if years[0] != years[1]}
    assert disagree == {
        "https://arxiv.org/abs/2303.18223": (2025, 2023),
        "https://arxiv.org/pdf/1612.00796": (2017, 2016),
    }
    # 23 arXiv ids and the Springer DOI date themselves; the rest carry no year.
    assert len(implied) == 24
    undated = {url for url, _, ident in dated if not (ident and ident.year)}
    assert undated == {
        "http://neuralnetworksanddeeplearning.com/",
        "http://incompleteideas.net/book/the-book-2nd.html",
        "http://www.incompleteideas.net/IncIdeas/BitterLesson.html",
        "https://www.nature.com/articles/nature24270",
        "https://ai-2027.com/",
        "https://situational-awareness.ai/",
    }


def test_fixture_exactly_two_written_years_contradict_the_arxiv_id() -> None:
    contradictions = {
        arxiv_id(url): (written, identify(url).year)  # type: ignore[union-attr]
        for url, written in _fixture_entries()
        if written is not None and arxiv_id(url) and identify(url).year != written  # type: ignore[union-attr]
    }
    assert contradictions == {"1612.00796": (2017, 2016), "2303.18223": (2025, 2023)}


def test_fixture_springer_year_agrees() -> None:
    url = "https://link.springer.com/article/10.1007/s11023-012-9281-3"
    assert (url, 2012) in _fixture_entries()
    assert identify(url) == Identifier("DOI", "10.1007/s11023-012-9281-3", 2012)


@pytest.mark.parametrize("url", [url for url, _ in _fixture_entries()])
def test_fixture_urls_are_total(url: str) -> None:
    key = normalise_url(url)
    assert normalise_url(key) == key
    canonical = canonical_arxiv_url(url)
    if canonical is not None:
        assert canonical == f"https://arxiv.org/abs/{arxiv_id(url)}"
        assert canonical_arxiv_url(canonical) is None


# ------------------------------------------------------------ canonical_arxiv_url

CANONICAL_CASES = [
    ("https://arxiv.org/pdf/2504.02732", "https://arxiv.org/abs/2504.02732"),
    ("https://arxiv.org/pdf/2504.02732.pdf", "https://arxiv.org/abs/2504.02732"),
    ("https://arxiv.org/pdf/2504.02732v2", "https://arxiv.org/abs/2504.02732v2"),
    ("https://arxiv.org/pdf/2504.02732v2.pdf", "https://arxiv.org/abs/2504.02732v2"),
    ("https://arxiv.org/html/2402.17764v1#S2", "https://arxiv.org/abs/2402.17764v1"),
    ("http://arxiv.org/abs/1706.03762", "https://arxiv.org/abs/1706.03762"),
    ("https://export.arxiv.org/abs/2505.24832", "https://arxiv.org/abs/2505.24832"),
    ("https://www.arxiv.org/abs/1706.03762", "https://arxiv.org/abs/1706.03762"),
    ("https://arxiv.org/abs/1706.03762/", "https://arxiv.org/abs/1706.03762"),
    ("https://arxiv.org/abs/1706.03762?context=cs", "https://arxiv.org/abs/1706.03762"),
    ("arxiv.org/abs/1706.03762", "https://arxiv.org/abs/1706.03762"),
    ("arXiv:1706.03762v5", "https://arxiv.org/abs/1706.03762v5"),
    ("https://arxiv.org/pdf/hep-th/9901001v1.pdf", "https://arxiv.org/abs/hep-th/9901001v1"),
    ("https://arxiv.org/abs/math.GT/0309136", "https://arxiv.org/abs/math/0309136"),
    # already canonical
    ("https://arxiv.org/abs/1706.03762", None),
    ("https://arxiv.org/abs/1706.03762v7", None),
    ("https://arxiv.org/abs/hep-th/9901001", None),
    # not arXiv links
    ("https://doi.org/10.48550/arXiv.2108.12409", None),
    ("https://huggingface.co/papers/1706.03762", None),
    ("https://arxiv.org/list/cs.LG/recent", None),
    ("https://epoch.ai/blog/trends-in-ai-supercomputers", None),
]


@pytest.mark.parametrize(("url", "expected"), CANONICAL_CASES)
def test_canonical_arxiv_url(url: str, expected: str | None) -> None:
    assert canonical_arxiv_url(url) == expected


# ------------------------------------------------------------------ normalise_url

NORMALISE_CASES = [
    ("https://arxiv.org/abs/1706.03762", "arxiv:1706.03762"),
    ("http://arxiv.org/pdf/1706.03762v7.pdf", "arxiv:1706.03762"),
    ("https://export.arxiv.org/abs/1706.03762v2", "arxiv:1706.03762"),
    ("https://arxiv.org/html/1706.03762v1/#S3", "arxiv:1706.03762"),
    ("https://doi.org/10.48550/arXiv.1706.03762", "arxiv:1706.03762"),
    ("https://arxiv.org/abs/math.GT/0309136", "arxiv:math/0309136"),
    ("arxiv:math/0309136", "arxiv:math/0309136"),
    ("https://doi.org/10.1007/S11023-012-9281-3", "doi:10.1007/s11023-012-9281-3"),
    ("https://dx.doi.org/10.1007/s11023-012-9281-3", "doi:10.1007/s11023-012-9281-3"),
    ("https://link.springer.com/article/10.1007/s11023-012-9281-3", "doi:10.1007/s11023-012-9281-3"),
    ("https://dl.acm.org/doi/pdf/10.1145/3065386", "doi:10.1145/3065386"),
    ("https://www.nature.com/articles/nature24270", "doi:10.1038/nature24270"),
    ("https://www.sciencedirect.com/science/article/pii/S0893608097000117", "pii:S0893608097000117"),
    ("https://www.sciencedirect.com/science/article/abs/pii/S0893608097000117", "pii:S0893608097000117"),
    ("https://doi.org/10.1016/S0893-6080(97)00011-7", "pii:S0893608097000117"),
    ("https://aclanthology.org/P19-1001.pdf", "acl:P19-1001"),
    ("https://www.aclweb.org/anthology/P19-1001/", "acl:P19-1001"),
    ("https://doi.org/10.18653/v1/P19-1001", "acl:P19-1001"),
    ("https://epoch.ai/blog/trends-in-ai-supercomputers", "epoch.ai/blog/trends-in-ai-supercomputers"),
    ("https://blog.eleuther.ai/transformer-math/", "blog.eleuther.ai/transformer-math"),
    ("HTTP://WWW.Example.COM/Path/", "example.com/Path"),
    ("https://example.com:443/a", "example.com/a"),
    ("http://example.com:80/a", "example.com/a"),
    ("http://example.com:8080/a", "example.com:8080/a"),
    ("https://example.com:80/a", "example.com:80/a"),
    ("https://user:pw@example.com/a", "example.com/a"),
    ("https://example.com/a#section", "example.com/a#section"),  # a part of the page: another entry
    ("https://example.com/a.pdf#page=3", "example.com/a.pdf"),  # where to look, same paper
    ("https://example.com/a#:~:text=loss", "example.com/a"),
    ("https://example.com/?utm_source=x&utm_medium=y", "example.com"),
    ("https://example.com/a?id=3&utm_source=x&fbclid=abc", "example.com/a?id=3"),
    ("https://example.com/a?UTM_Campaign=z&b=2&a=1", "example.com/a?b=2&a=1"),
    ("https://example.com/", "example.com"),
    ("example.com/a/", "example.com/a"),
    ("  <https://example.com/a>  ", "example.com/a"),
    ("/posts/2019/05/x/", "/posts/2019/05/x"),
    ("mailto:someone@example.com", "mailto:someone@example.com"),
    ("", ""),
]


@pytest.mark.parametrize(("url", "expected"), NORMALISE_CASES)
def test_normalise_url(url: str, expected: str) -> None:
    assert normalise_url(url) == expected
    assert normalise_url(expected) == expected


def test_normalise_distinguishes_different_pages() -> None:
    assert normalise_url("https://example.com/a") != normalise_url("https://example.com/A")
    assert normalise_url("https://example.com/a?p=1") != normalise_url("https://example.com/a?p=2")
    assert normalise_url("https://arxiv.org/abs/1706.03762") != normalise_url(
        "https://arxiv.org/abs/1706.03763"
    )


# ------------------------------------------------------------------- properties


@st.composite
def new_arxiv_ids(draw: st.DrawFn) -> tuple[str, int]:
    year = draw(st.integers(2007, 2025))
    month = draw(st.integers(4 if year == 2007 else 1, 12))
    digits = 5 if year >= 2015 else 4
    number = draw(st.integers(1, 10**digits - 1))
    return f"{year % 100:02d}{month:02d}.{number:0{digits}d}", year


@st.composite
def old_arxiv_ids(draw: st.DrawFn) -> tuple[str, int]:
    year = draw(st.integers(1992, 2006))
    month = draw(st.integers(1, 12))
    archive = draw(st.sampled_from(["hep-th", "math", "cs", "cond-mat", "quant-ph", "astro-ph"]))
    number = draw(st.integers(1, 999))
    return f"{archive}/{year % 100:02d}{month:02d}{number:03d}", year


ARXIV_FORMS = [
    "https://arxiv.org/abs/{id}",
    "https://arxiv.org/abs/{id}{v}",
    "http://arxiv.org/abs/{id}",
    "https://arxiv.org/pdf/{id}",
    "https://arxiv.org/pdf/{id}.pdf",
    "https://arxiv.org/pdf/{id}{v}",
    "https://arxiv.org/pdf/{id}{v}.pdf",
    "https://arxiv.org/html/{id}{v}",
    "https://export.arxiv.org/abs/{id}",
    "https://www.arxiv.org/abs/{id}{v}/",
    "arxiv.org/abs/{id}#comments",
]


@given(
    st.one_of(new_arxiv_ids(), old_arxiv_ids()),
    st.sampled_from(ARXIV_FORMS),
    st.integers(1, 12),
)
def test_every_arxiv_form_shares_one_key(ident: tuple[str, int], form: str, version: int) -> None:
    id_, year = ident
    canonical = f"https://arxiv.org/abs/{id_}"
    url = form.format(id=id_, v=f"v{version}")
    assert normalise_url(url) == normalise_url(canonical) == f"arxiv:{id_}"
    assert normalise_url(normalise_url(url)) == normalise_url(url)
    assert arxiv_id(url) == id_
    assert identify(url) == Identifier("arXiv id", id_, year)
    rewritten = canonical_arxiv_url(url)
    assert rewritten is None or rewritten.startswith(canonical)
    assert canonical_arxiv_url(rewritten or url) is None


_label = st.from_regex(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?", fullmatch=True)
_segment = st.from_regex(r"[A-Za-z0-9._~%-]{1,12}", fullmatch=True)


@st.composite
def web_urls(draw: st.DrawFn) -> str:
    scheme = draw(st.sampled_from(["http://", "https://", ""]))
    www = draw(st.sampled_from(["", "www.", "WWW."]))
    labels = draw(st.lists(_label, min_size=1, max_size=3))
    tld = draw(st.sampled_from(["com", "org", "AI", "io", "net"]))
    port = draw(st.sampled_from(["", ":80", ":443", ":8080"])) if scheme else ""
    path = "".join("/" + s for s in draw(st.lists(_segment, max_size=4)))
    slash = draw(st.sampled_from(["", "/"]))
    params = draw(
        st.lists(
            st.tuples(st.sampled_from(["utm_source", "q", "id", "fbclid", "page"]), _segment),
            max_size=3,
        )
    )
    query = ("?" + "&".join(f"{k}={v}" for k, v in params)) if params else ""
    fragment = draw(st.sampled_from(["", "#top", "#"]))
    return f"{scheme}{www}{'.'.join(labels)}.{tld}{port}{path}{slash}{query}{fragment}"


@given(web_urls())
def test_normalise_url_is_idempotent(url: str) -> None:
    key = normalise_url(url)
    assert normalise_url(key) == key
    assert "utm_" not in key and "://" not in key
    assert ("#top" in url) == key.endswith("#top") and key.count("#") <= 1
    assert not key.startswith("www.")


@given(st.text())
def test_functions_never_raise_on_arbitrary_text(text: str) -> None:
    ident = identify(text)
    assert ident is None or isinstance(ident, Identifier)
    if ident is not None and ident.year is not None:
        assert 1900 <= ident.year <= identifiers.CURRENT_YEAR + 1
    arxiv_id(text)
    canonical_arxiv_url(text)
    doi(text)
    assert isinstance(normalise_url(text), str)


_url_alphabet = st.sampled_from(
    list("abcdefghijklmnopqrstuvwxyzABCXYZ0123456789/.:-_?#=&%()[]@ v")
    + ["https://", "arxiv.org/", "abs/", "pdf/", "doi.org/", "10.", "pii/", "S0893", "aclanthology.org/"]
)


@given(st.lists(_url_alphabet, max_size=30).map("".join))
def test_functions_never_raise_on_url_like_text(text: str) -> None:
    ident = identify(text)
    if ident is not None and ident.year is not None:
        assert 1900 <= ident.year <= identifiers.CURRENT_YEAR + 1
    arxiv_id(text)
    canonical_arxiv_url(text)
    doi(text)
    normalise_url(text)


ADVERSARIAL = [
    "https://example.com/10.1000/x" + "/full" * 4000 + "y",  # DOI tails, then no end
    "https://example.com" + "/10.1000/%20" * 2000,  # many DOI starts, none valid
    "https://www.biorxiv.org/content/10.1101/" + "v1" * 5000 + "x",
    "https://aclanthology.org" + "/2020.a" * 3000 + " ",
    "https://www.nature.com/articles/" + "a" * 20000 + "/x",
    "https://example.com/" + "0893-6080(" * 3000,
    "a." * 10000,
]


@pytest.mark.parametrize("url", ADVERSARIAL, ids=range(len(ADVERSARIAL)))
def test_long_adversarial_urls_stay_linear(url: str) -> None:
    # Quadratic regex scans take tens of seconds on these; linear ones milliseconds.
    start = time.perf_counter()
    identify(url)
    normalise_url(url)
    canonical_arxiv_url(url)
    doi(url)
    assert time.perf_counter() - start < 2.0


#: The parts of an arXiv link: the ways to write each right, then near misses.
_ARXIV_PARTS = (
    (["https://", "http://"], ["HTTPS://", "", "ftp://", "https:/"]),
    (
        ["arxiv.org", "www.arxiv.org", "WWW.ArXiv.org", "export.arxiv.org"],
        ["arxiv.com", "xarxiv.org", "arxiv.org:443"],
    ),
    (["/abs/", "/pdf/"], ["/html/", "/ABS/", "/", "/abs/arXiv:"]),
    (
        ["1706.03762", "0704.0001", "1412.6980", "hep-th/9901001", "math.GT/0309136"],
        ["1301.00001", "1713.0001", "x"],
    ),
    (["", "v2"], ["v0", "V2"]),
    (["", ".pdf"], ["/", "#top", "?x=1", " ", ".PDF"]),
)


@st.composite
def arxiv_like_urls(draw: st.DrawFn) -> str:
    """arXiv links written every right way, with at most one part subtly wrong."""
    wrong = draw(st.integers(-1, len(_ARXIV_PARTS) - 1))
    return "".join(
        draw(st.sampled_from(misses if index == wrong else rights))
        for index, (rights, misses) in enumerate(_ARXIV_PARTS)
    )


@given(arxiv_like_urls())
def test_the_usual_arxiv_shortcut_reads_what_splitting_reads(url: str) -> None:
    usual = identifiers._usual_arxiv(url)
    if usual is not None:
        split = identifiers._split(url)
        assert split is not None
        assert usual == identifiers._arxiv(split)
