"""The parser on the real post: every category, entry, year, URL and blurb as written."""

from __future__ import annotations

import pytest

import mdjournal
from mdjournal import Entry

# (line, read, title, url, year) for every entry, in order, as written in the post.
ENTRIES = [
    (15, True, "Neural Networks and Deep Learning", "http://neuralnetworksanddeeplearning.com/", 2015),
    (
        19,
        True,
        "Reinforcement Learning: An Introduction",
        "http://incompleteideas.net/book/the-book-2nd.html",
        2019,
    ),
    (26, True, "Auto-Encoding Variational Bayes", "https://arxiv.org/pdf/1312.6114", 2013),
    (30, True, "Attention Is All You Need", "https://arxiv.org/abs/1706.03762", 2017),
    (34, True, "Denoising Diffusion Probabilistic Models", "https://arxiv.org/abs/2006.11239", 2020),
    (
        38,
        False,
        "Mamba: Linear-Time Sequence Modeling with Selective State Spaces",
        "https://arxiv.org/abs/2312.00752",
        2023,
    ),
    (45, True, "A Survey of Large Language Models", "https://arxiv.org/abs/2303.18223", 2025),
    (
        49,
        True,
        "Chain-of-Thought Prompting Elicits Reasoning in Large Language Models",
        "https://arxiv.org/abs/2201.11903",
        2022,
    ),
    (53, True, "Why do LLMs attend to the first token?", "https://arxiv.org/pdf/2504.02732", None),
    (
        57,
        True,
        "Train Short, Test Long: Attention with Linear Biases Enables Input Length Extrapolation",
        "https://arxiv.org/abs/2108.12409",
        None,
    ),
    (
        61,
        False,
        "FlashAttention: Fast and Memory-Efficient Exact Attention with IO-Awareness",
        "https://arxiv.org/abs/2205.14135",
        2022,
    ),
    (68, True, "The Bitter Lesson", "http://www.incompleteideas.net/IncIdeas/BitterLesson.html", 2019),
    (
        72,
        True,
        "Double Descent Demystified: Identifying, Interpreting & Ablating the Sources of a Deep Learning Puzzle",
        "https://arxiv.org/abs/2303.14151",
        2023,
    ),
    (
        76,
        True,
        "The Lottery Ticket Hypothesis: Finding Sparse, Trainable Neural Networks",
        "https://arxiv.org/abs/1803.03635",
        2018,
    ),
    (80, True, "Scaling Laws for Neural Language Models", "https://arxiv.org/abs/2001.08361", 2020),
    (84, True, "How much do language models memorize?", "https://export.arxiv.org/abs/2505.24832", 2025),
    (
        88,
        True,
        "Grokking: Generalization Beyond Overfitting on Small Algorithmic Datasets",
        "https://arxiv.org/abs/2201.02177",
        None,
    ),
    (
        92,
        False,
        "The Era of 1-bit LLMs: All Large Language Models are in 1.58 Bits",
        "https://arxiv.org/abs/2402.17764",
        None,
    ),
    (99, True, "Adam: A Method for Stochastic Optimization", "https://arxiv.org/abs/1412.6980", 2014),
    (103, False, "Decoupled Weight Decay Regularization", "https://arxiv.org/pdf/1711.05101", None),
    (
        107,
        False,
        "Improving neural networks by preventing co-adaptation of feature detectors",
        "https://arxiv.org/pdf/1207.0580",
        None,
    ),
    (111, False, "Layer Normalization", "https://arxiv.org/pdf/1607.06450", None),
    (
        115,
        False,
        "Batch Normalization: Accelerating Deep Network Training by Reducing Internal Covariate Shift",
        "https://arxiv.org/abs/1502.03167",
        2015,
    ),
    (
        119,
        False,
        "Overcoming catastrophic forgetting in neural networks",
        "https://arxiv.org/pdf/1612.00796",
        2017,
    ),
    (
        123,
        False,
        "Prefix-Tuning: Optimizing Continuous Prompts for Generation",
        "https://arxiv.org/abs/2101.00190",
        2021,
    ),
    (
        127,
        False,
        "LoRA: Low-Rank Adaptation of Large Language Models",
        "https://arxiv.org/abs/2106.09685",
        2021,
    ),
    (134, False, "Classifier-Free Diffusion Guidance", "https://arxiv.org/abs/2207.12598", 2022),
    (
        138,
        False,
        "Reflexion: Language Agents with Verbal Reinforcement Learning",
        "https://arxiv.org/abs/2303.11366",
        2023,
    ),
    (145, False, "Deep Residual Learning for Image Recognition", "https://arxiv.org/abs/1512.03385", 2015),
    (
        149,
        False,
        "U-Net: Convolutional Networks for Biomedical Image Segmentation",
        "https://arxiv.org/abs/1505.04597",
        2015,
    ),
    (
        153,
        True,
        "Mastering the game of Go without human knowledge",
        "https://www.nature.com/articles/nature24270",
        2017,
    ),
    (
        157,
        False,
        "DistilBERT, a distilled version of BERT: smaller, faster, cheaper and lighter",
        "https://arxiv.org/abs/1910.01108",
        2019,
    ),
    (164, True, "Deep Differentiable Logic Gate Networks", "https://arxiv.org/abs/2210.08277", 2022),
    (165, True, "Convolutional Differentiable Logic Gate Networks", "https://arxiv.org/abs/2411.04732", 2024),
    (
        172,
        True,
        "The Superintelligent Will: Motivation and Instrumental Rationality in Advanced Artificial Agents",
        "https://link.springer.com/article/10.1007/s11023-012-9281-3",
        2012,
    ),
    (176, False, "AI 2027", "https://ai-2027.com/", 2025),
    (180, False, "SITUATIONAL AWARENESS: The Decade Ahead", "https://situational-awareness.ai/", 2024),
    (
        187,
        True,
        "A Survey on Brain-Inspired Deep Learning via Predictive Coding",
        "https://arxiv.org/pdf/2308.07870",
        None,
    ),
    (
        191,
        False,
        "Networks of Spiking Neurons: The Third Generation of Neural Network Models",
        "https://www.sciencedirect.com/science/article/pii/S0893608097000117",
        None,
    ),
    (
        198,
        False,
        "Stochastic Neighbor Embedding",
        "https://proceedings.neurips.cc/paper_files/paper/2002/file/6150ccc6069bea6b5716254057a194ef-Paper.pdf",
        None,
    ),
    (205, False, "Epoch AI", "https://epoch.ai/blog/trends-in-ai-supercomputers", None),
    (209, True, "Transformer Math 101", "https://blog.eleuther.ai/transformer-math/", None),
]

CATEGORIES = [
    ("Fundamentals", 12, 2),
    ("Seminal Architectures", 23, 4),
    ("Language Modeling", 42, 5),
    ("Training Theory and Improvements", 65, 7),
    ("How do I train my model?", 96, 8),
    ("Improvements to the Classics", 131, 2),
    ("Specific Models", 142, 4),
    ("Alternative Architectures", 161, 2),
    ("Safety & the Future", 169, 3),
    ("Biology and Evolution", 184, 2),
    ("Miscellaneous", 195, 1),
    ("Other resources", 202, 2),
]


@pytest.fixture(scope="module")
def journal(journal_text: str) -> mdjournal.Journal:
    return mdjournal.parse(journal_text)


def test_counts(journal: mdjournal.Journal) -> None:
    entries = journal.entries
    assert len(journal.categories) == 12
    assert len(entries) == 42
    assert sum(entry.read for entry in entries) == 22
    assert sum(not entry.read for entry in entries) == 20


def test_categories(journal: mdjournal.Journal) -> None:
    got = [(c.title, c.line, len(c.entries)) for c in journal.categories]
    assert got == CATEGORIES
    assert all(c.level == 2 for c in journal.categories)
    assert journal.categories[0].intro is not None
    assert (
        journal.categories[0].intro.markdown
        == '*(In the voice of an 60 year old basketball coach)* "...fundamentals."'
    )


def test_every_entry_as_written(journal: mdjournal.Journal) -> None:
    got = [(e.line, e.read, e.title, e.url, e.year) for e in journal.entries]
    assert got == ENTRIES
    assert all(e.column == 1 for e in journal.entries)


def test_damaged_check_marks_still_count_as_read(journal: mdjournal.Journal) -> None:
    marks = {e.mark for e in journal.entries if e.read}
    assert marks == {"‚úîÔ∏è"}  # ✔️ decoded as Mac Roman
    assert all(e.mark is None for e in journal.entries if not e.read)


def test_year_text_kept_as_written(journal: mdjournal.Journal) -> None:
    by_line = {e.line: e for e in journal.entries}
    assert (by_line[15].year_text, by_line[15].year_gap) == ("(2015)", " ")
    assert (by_line[49].year_text, by_line[49].year_gap) == ("(2022)", "")  # `)(2022)`
    assert by_line[53].year_text is None and by_line[53].year is None
    no_space = [e.line for e in journal.entries if e.year_text and e.year_gap != " "]
    assert no_space == [49, 61, 172]


def test_entry_spans_point_at_the_source(journal: mdjournal.Journal, journal_text: str) -> None:
    for entry in journal.entries:
        assert journal_text[entry.link.url_span.start : entry.link.url_span.end] == entry.url
        assert journal_text[entry.link.title_span.start : entry.link.title_span.end] == entry.title
        assert journal_text[entry.span.start : entry.span.end].startswith("- ")
        assert not journal_text[entry.span.start : entry.span.end].endswith(" ")
        if entry.year_span:
            assert journal_text[entry.year_span.start : entry.year_span.end] == entry.year_text


def test_to_read_blurbs(journal: mdjournal.Journal) -> None:
    to_read = [e.line for e in journal.entries if e.to_read]
    assert to_read == [
        30,
        38,
        61,
        92,
        103,
        107,
        111,
        115,
        119,
        123,
        127,
        134,
        138,
        145,
        149,
        157,
        176,
        180,
        191,
        198,
    ]
    attention = next(e for e in journal.entries if e.title == "Attention Is All You Need")
    assert attention.blurb is not None
    assert attention.blurb.markers == ("TO READ",)
    assert attention.blurb.notes.startswith("No list would be complete")
    mamba = next(e for e in journal.entries if e.title.startswith("Mamba"))
    assert mamba.blurb is not None and mamba.blurb.marker_only


def test_other_status_markers(journal: mdjournal.Journal) -> None:
    epoch = next(e for e in journal.entries if e.title == "Epoch AI")
    assert epoch.blurb is not None
    assert epoch.blurb.markers == ("TO WRITE",)
    assert not epoch.to_read


def test_shared_logic_gate_blurb(journal: mdjournal.Journal) -> None:
    first, second = (e for e in journal.entries if "Logic Gate" in e.title)
    assert first.blurb is second.blurb
    assert first.blurb is not None
    assert first.blurb.markdown.startswith("This pair of papers is one of the most exciting")
    assert first.blurb.span.line == 167


def test_every_entry_has_a_blurb(journal: mdjournal.Journal) -> None:
    assert all(isinstance(e, Entry) and e.blurb is not None for e in journal.entries)


def test_front_matter(journal: mdjournal.Journal) -> None:
    front = journal.front_matter
    assert front is not None
    assert (front.line, front.end_line) == (1, 6)
    assert front.data == {
        "layout": "post",
        "title": "[MLCS] My Research Journal",
        "date": "2025-06-16 10:58:32 -0600",
        "categories": "jekyll update",
    }
    assert front.raw.startswith("---\n") and front.raw.endswith("---\n")


def test_preamble(journal: mdjournal.Journal) -> None:
    assert journal.preamble is not None
    assert "Under Construction" in journal.preamble.raw
    assert journal.trailing is None


def test_render_is_exact(journal: mdjournal.Journal, journal_text: str) -> None:
    assert journal.render() == journal_text
    assert str(journal) == journal_text
