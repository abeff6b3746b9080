"""Write a realistic synthetic research journal of N entries, the same one for the same seed.

    python benchmarks/generate.py N [--seed S] [-o FILE]

The benchmark needs posts far larger than the real one (fixtures/research-journal.md,
42 entries) that still look like it, so that every tool meets the constructs it meets
in practice, in about the same proportions: front matter, a preamble, `## ` categories
of 20-60 entries, entries like `- ✔️ [Title](https://arxiv.org/abs/1706.03762) (2017)`
followed by a blurb, 60% read, a fifth without a year, some mojibake marks (`‚úîÔ∏è`),
`*TO READ*` blurbs, shared blurbs, a code block every 50 entries, Liquid tags and
inline HTML. It comes to about 340 bytes an entry (10,000 entries: 3.4 MB).

Everything random goes through one `random.Random(seed)`, so a given (N, seed) always
gives the same bytes, and numbers measured on different days are comparable.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

READ_MARK = "✔️"
MOJIBAKE_MARK = "‚úîÔ∏è"  # ✔️ as UTF-8 read back as Mac OS Roman, as in the real post

FRONT_MATTER = """\
---
layout: post
title:  "[MLCS] My Research Journal"
date:   2025-06-16 10:58:32 -0600
categories: jekyll update
---

🚧 Under Construction 🚧

This post serves as a single, one-stop-shop for the ML research I have read and want to read. \
The resources are organized into categories, and preceded with a check mark (✔️) if I have read \
them. I also add a short blurb about my thoughts on the paper.

"""

TOPICS = [
    "Fundamentals",
    "Seminal Architectures",
    "Language Modeling",
    "Training Theory and Improvements",
    "How do I train my model?",
    "Improvements to the Classics",
    "Specific Models",
    "Alternative Architectures",
    "Safety & the Future",
    "Biology and Evolution",
    "Reinforcement Learning",
    "Generative Models",
    "Computer Vision",
    "Interpretability",
    "Optimization",
    "Efficient Inference",
    "Retrieval and Memory",
    "Agents and Tool Use",
    "Graph Neural Networks",
    "Probabilistic Methods",
    "Robotics",
    "Speech and Audio",
    "Datasets and Benchmarks",
    "Miscellaneous",
]

INTROS = [
    "Modern deep learning does have its superstars.",
    "The papers that everything else in this post builds on.",
    "I am particularly interested in the empirical laws that govern neural network training.",
    "Neural networks are amazing, but there are other architectures out there. Can anything do better?",
    "Some models get all the attention.",
    "This section contains various improvements to architectures.",
    "And finally the papers that don't fit anywhere else.",
]

ADJECTIVES = [
    "Sparse",
    "Efficient",
    "Scalable",
    "Robust",
    "Linear",
    "Deep",
    "Shallow",
    "Hierarchical",
    "Causal",
    "Contrastive",
    "Self-Supervised",
    "Implicit",
    "Adaptive",
    "Stochastic",
    "Differentiable",
    "Recurrent",
    "Latent",
    "Conditional",
    "Neural",
    "Probabilistic",
    "Equivariant",
    "Multimodal",
    "Federated",
    "Continual",
    "Bayesian",
    "Modular",
    "Generative",
    "Discrete",
]

NOUNS = [
    "Transformers",
    "Attention",
    "Networks",
    "Embeddings",
    "Representations",
    "Autoencoders",
    "Priors",
    "Policies",
    "Optimizers",
    "Gradients",
    "Tokenizers",
    "Kernels",
    "Graphs",
    "Experts",
    "Agents",
    "Memories",
    "Retrievers",
    "Diffusion",
    "Flows",
    "Features",
    "Circuits",
    "Adapters",
    "Rewards",
    "Objectives",
    "Ensembles",
    "Codebooks",
    "Layers",
    "Activations",
]

TASKS = [
    "Language Modeling",
    "Image Generation",
    "Protein Folding",
    "Code Synthesis",
    "Machine Translation",
    "Speech Recognition",
    "Video Prediction",
    "Theorem Proving",
    "Question Answering",
    "Object Detection",
    "Long-Context Reasoning",
    "Offline Reinforcement Learning",
    "Few-Shot Classification",
    "Text-to-Image Synthesis",
    "Planning",
    "Instruction Following",
    "Program Repair",
    "Weather Forecasting",
    "Tabular Data",
]

PREFIXES = [
    "Flash",
    "Mega",
    "Hyper",
    "Retro",
    "Lo",
    "Q",
    "Meta",
    "Mix",
    "Long",
    "Fast",
    "Tiny",
    "Struct",
    "Omni",
    "Dyna",
    "Uni",
    "Deep",
    "Self",
    "Graph",
]
SUFFIXES = [
    "Former",
    "Net",
    "Attention",
    "Diff",
    "LM",
    "BERT",
    "GAN",
    "RA",
    "Mamba",
    "Flow",
    "Mixer",
    "Fusion",
    "Search",
    "Coder",
    "Vision",
]

TITLE_PATTERNS = [
    "{adj} {noun} for {task}",
    "{method}: {adj} {noun} with {noun2}",
    "On the {adj2} Limits of {adj} {noun}",
    "{adj} {noun} Are All You Need",
    "Towards {adj} {task}",
    "{method}: Scaling {adj} {noun} to {task}",
    "A Survey of {adj} {noun} for {task}",
    "Rethinking {noun} in {adj} {noun2}",
    "{method}: Fast and Memory-Efficient {noun} with {adj} {noun2}",
    "Why Do {adj} {noun} Generalize? Evidence from {task}",
]

SENTENCES = [
    "This paper convinced me that {adj_l} {noun_l} are more than a curiosity, and I have been thinking about it ever since.",
    "I implemented the core idea from scratch in an afternoon, and the results matched the paper more closely than I expected.",
    "The ablations on {task_l} are the real contribution here; the headline number matters much less than the trends.",
    "It is hard to understate how influential {method} was, and the appendix alone is worth the read.",
    "My friend Dan and I tried to reproduce the main figure on a single GPU and got within a few points of it.",
    "The first page plots perfectly conveyed the results, which is rarer than it should be.",
    "I gave a full presentation on this paper to the NU AI Journal Club, and the discussion ran well over time.",
    "The math is heavier than it needs to be, but the intuition behind {noun_l} comes through once you work the examples.",
    "Training on CPU-only was brutal, but it made every design choice in {method} feel earned.",
    "It seems very... hacky, yet nobody has found anything that beats it on {task_l} at this scale.",
    "I still have professors that haven't read this one, and it shows.",
    "The scaling curves over {num} orders of magnitude are the part I keep coming back to.",
    "Reading it right after the original {noun_l} paper made both of them click for me.",
    "The authors are refreshingly honest about where {method} fails, which made me trust the rest of it.",
    "If you have ever sat through an introductory machine learning course, you have seen the overfitting diagram, and this paper shows how simple and how wrong that story is for {adj_l} {noun_l}.",
    "All the different design choices inspired me to choose my own and try them out on {task_l}, and a post on this effort is coming soon.",
    "When I programmed {method} myself I had to sit down and derive the gradients by hand, which was a pain but taught me more than the paper did.",
    "The global updates of backprop do feel very artificial, and the focus on local updates in {method} is very intriguing to me.",
    "Even with the huge cost to training time, the speed of inference on {task_l} should catch any researcher's eye, and I plan to make an animation of it.",
    "One of the most impressive things here is predicting the final performance of a model from runs about {num} orders of magnitude smaller.",
]

CODE_BLOCKS = [
    "```python\nimport torch\n\nx = torch.randn(8, 512)\nweights = torch.softmax(x @ x.T / 512**0.5, dim=-1)\nprint(weights.sum(dim=-1))\n```\n",
    "```python\ndef lr(step, warmup=4000, d_model=512):\n    return d_model**-0.5 * min(step**-0.5, step * warmup**-1.5)\n```\n",
    "```bash\npython train.py --layers 12 --heads 8 --lr 3e-4 --batch-size 64\n```\n",
    "```markdown\n- ✔️ [An entry inside a code block](https://arxiv.org/abs/1234.56789) (2020)\n\n*TO READ*\n```\n",
]

BLOGS = ["lilianweng.github.io/posts", "colah.github.io/posts", "karpathy.github.io", "distill.pub"]


class Journal:
    """The state one generated post needs: its random stream and what it has already used."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.titles: set[str] = set()
        self.arxiv_ids: set[str] = set()

    def title(self) -> str:
        """A paper title from the word lists, never one used before (duplicates are a lint finding)."""
        while True:
            title = self.rng.choice(TITLE_PATTERNS).format(
                adj=self.rng.choice(ADJECTIVES),
                adj2=self.rng.choice(ADJECTIVES),
                noun=self.rng.choice(NOUNS),
                noun2=self.rng.choice(NOUNS),
                task=self.rng.choice(TASKS),
                method=self.method(),
            )
            if title not in self.titles:
                self.titles.add(title)
                return title

    def method(self) -> str:
        """A model name such as FlashFormer-2."""
        name = self.rng.choice(PREFIXES) + self.rng.choice(SUFFIXES)
        return name + (f"-{self.rng.randint(2, 4)}" if self.rng.random() < 0.2 else "")

    def arxiv_id(self) -> tuple[str, int]:
        """A fresh arXiv id and its year: YYMM.NNNN before 2015, YYMM.NNNNN since."""
        while True:
            year = self.rng.randint(2012, 2025)
            month = self.rng.randint(1, 6 if year == 2025 else 12)  # the post is dated June 2025
            number = self.rng.randint(1, 9999 if year < 2015 else 7000 + 1800 * (year - 2015))
            identifier = f"{year % 100:02d}{month:02d}.{number:0{4 if year < 2015 else 5}d}"
            if identifier not in self.arxiv_ids:
                self.arxiv_ids.add(identifier)
                return identifier, year

    def url(self, title: str) -> tuple[str, int]:
        """The paper's link and the year it dates it to; mostly arXiv, in its various spellings."""
        roll = self.rng.random()
        if roll < 0.88:
            identifier, year = self.arxiv_id()
            style = self.rng.random()
            if style < 0.80:
                return f"https://arxiv.org/abs/{identifier}", year
            if style < 0.95:
                return f"https://arxiv.org/pdf/{identifier}", year
            if style < 0.97:
                return f"https://export.arxiv.org/abs/{identifier}", year
            return f"http://arxiv.org/abs/{identifier}", year
        year = self.rng.randint(2012, 2025)
        slug = "-".join(title.lower().replace(":", "").replace("?", "").split()[:5])
        if roll < 0.92:
            return (
                f"https://doi.org/10.1145/{self.rng.randint(3000000, 3700000)}.{self.rng.randint(3000000, 3700000)}",
                year,
            )
        if roll < 0.96:
            token = "".join(
                self.rng.choices("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", k=10)
            )
            return f"https://openreview.net/forum?id={token}", year
        if roll < 0.98:
            return f"https://{self.rng.choice(BLOGS)}/{year}-{self.rng.randint(1, 12):02d}-{slug}/", year
        digest = "".join(self.rng.choices("0123456789abcdef", k=32))
        return f"https://proceedings.neurips.cc/paper/{year}/hash/{digest}-Abstract.html", year

    def entry_line(self, read: bool) -> str:
        """One entry's line: bullet, mark, link, year, in the mix of spellings the real post has."""
        title = self.title()
        url, year = self.url(title)
        bullet = self.rng.choices("-*+", weights=(92, 5, 3))[0]
        mark = ""
        if read:
            mark = (MOJIBAKE_MARK if self.rng.random() < 0.03 else READ_MARK) + " "
        roll = self.rng.random()
        if roll < 0.20:
            year_text = ""  # a fifth have no year
        elif roll < 0.23:
            year_text = f"({year})"  # glued to the link, as in the real post
        elif roll < 0.27:
            year_text = f" ({year + self.rng.choice((-1, 1))})"  # the published year, not the preprint's
        else:
            year_text = f" ({year})"
        trailing = " " if self.rng.random() < 0.08 else ""
        return f"{bullet} {mark}[{title}]({url}){year_text}{trailing}\n"

    def sentence(self) -> str:
        """One sentence of a reader's notes."""
        return self.rng.choice(SENTENCES).format(
            adj_l=self.rng.choice(ADJECTIVES).lower(),
            noun_l=self.rng.choice(NOUNS).lower(),
            task_l=self.rng.choice(TASKS).lower(),
            method=self.method(),
            num=self.rng.randint(3, 9),
        )

    def paragraph(self) -> str:
        """1-3 sentences, now and then with a Liquid tag or inline HTML, as blog posts have."""
        sentences = [self.sentence() for _ in range(self.rng.choices((1, 2, 3), weights=(2, 4, 4))[0])]
        roll = self.rng.random()
        if roll < 0.01:
            sentences.append(
                "More in [my notes]({{ site.url }}/notes/" + str(self.rng.randint(1, 999)) + "/)."
            )
        elif roll < 0.015:
            sentences.append("The template is {% raw %}`{{ model.name }}`{% endraw %} in the repository.")
        elif roll < 0.03:
            sentences.append("The loss drops by 3<sup>rd</sup> order, see <kbd>Fig. 2</kbd>.")
        trailing = " " if self.rng.random() < 0.08 else ""
        return " ".join(sentences) + trailing + "\n"

    def blurb(self, read: bool) -> str:
        """What follows an entry: notes for read papers, *TO READ* for the rest, with the usual slips."""
        roll = self.rng.random()
        if not read:
            if roll < 0.02:
                return self.paragraph()  # notes on an unread paper
            if roll < 0.05:
                return "*TO READ* " + self.paragraph()
            return "*TO READ*\n"
        if roll < 0.02:
            return "*TO READ* " + self.paragraph()  # read, but the marker was never removed
        if roll < 0.50:
            return self.paragraph() + "\n" + self.paragraph()
        return self.paragraph()

    def category(self, index: int, size: int, first: int) -> str:
        """A `## ` category with an intro line and ``size`` entries, numbered from ``first``."""
        topic = TOPICS[index % len(TOPICS)]
        heading = topic if index < len(TOPICS) else f"{topic}, part {index // len(TOPICS) + 1}"
        parts = [f"## {heading}\n{self.rng.choice(INTROS)}\n\n"]
        number = first
        while number < first + size:
            read = self.rng.random() < 0.60
            count = 2 if read and number + 1 < first + size and self.rng.random() < 0.05 else 1
            parts.extend(self.entry_line(read) for _ in range(count))  # two: a pair under one blurb
            parts.append("\n" + self.blurb(read) + "\n")
            if (number + count) // 50 > number // 50:  # a code block after every 50th entry
                parts.append(self.rng.choice(CODE_BLOCKS) + "\n")
            number += count
        return "".join(parts)


def generate(n: int, seed: int = 0) -> str:
    """The text of a journal of exactly ``n`` entries, always the same for the same seed."""
    journal = Journal(seed)
    parts = [FRONT_MATTER]
    done = index = 0
    while done < n:
        size = min(n - done, journal.rng.randint(20, 60))
        parts.append(journal.category(index, size, done))
        done += size
        index += 1
    return "".join(parts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("n", type=int, metavar="N", help="number of entries")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default: 0)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here instead of stdout")
    args = parser.parse_args()
    if args.n < 0:
        parser.error("N must be 0 or more")
    data = generate(args.n, args.seed).encode("utf-8")
    if args.output is None:
        sys.stdout.buffer.write(data)
    else:
        args.output.write_bytes(data)


if __name__ == "__main__":
    main()
