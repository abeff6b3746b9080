"""Time mdjournal against a plain markdown-it-py parse, mdformat and other Markdown linters.

    python benchmarks/run.py [--sizes 100,1000,10000] [--runs 5] [--only lint,fix,...]
                             [--seed S] [--slow-limit SECONDS] [--json FILE]
    python benchmarks/run.py --startup [--runs 15]

Every tool runs as a whole process, since that is what a user, an editor or pre-commit
waits for: start-up and imports included. The runs are interleaved (run 1 of every
tool on every input, then run 2, ...) so that a change in machine load hits all tools
alike, and each figure is the median of the runs, which one slow run cannot move. The
targets are ratios to the markdown-it-py parse process measured in the same run, so
they hold on any machine; absolute seconds are only comparable on one machine.

It is a benchmark, not a test: nothing here runs in CI. Unix only (os.wait4).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "research-journal.md"
GENERATE = Path(__file__).resolve().parent / "generate.py"

BASELINE = "markdown-it"
MARKDOWN_IT = (
    "import sys; from markdown_it import MarkdownIt; "
    "MarkdownIt('commonmark').parse(open(sys.argv[1], encoding='utf-8').read())"
)

TARGET_LINT = 1.0  # mdjournal lint / markdown-it parse, largest N
TARGET_FIX = 1.5  # mdjournal fmt --fix / markdown-it parse, largest N
TARGET_LINEAR = 1.2  # time grows at most 1.2 × as fast as the input: 12 for 1,000 -> 10,000
TARGET_PEAK_MIB = 150  # mdjournal lint, largest N
TARGET_STARTUP = 2.0  # mdjournal lint / markdown-it parse, on the seed fixture: start-up
TARGET_STARTUP_MDFORMAT = 0.9  # mdjournal lint / mdformat --check, on the seed fixture
TARGET_JOBS = 1.6  # lint of many files: --jobs 1 / the default (one job per CPU)
TARGET_CALLS = 10  # lint of many files: one call per file / one call for all


@dataclass(frozen=True)
class Tool:
    """A command to time; the input file's name is appended to ``command``."""

    key: str  # what --only takes
    label: str
    command: tuple[str, ...]
    writes: bool = False  # rewrites its input, so it gets a fresh copy each run


@dataclass(frozen=True)
class Input:
    """One file every tool runs on."""

    name: str
    entries: int | None  # None: the seed fixture, whose count is whatever the real post has
    path: Path

    @property
    def size(self) -> int:
        return self.path.stat().st_size


@dataclass(frozen=True)
class Sample:
    """One timed run of one process."""

    seconds: float
    peak_kib: int
    exit_code: int
    killed: bool


@dataclass
class Result:
    """Every run of one tool on one input, and why it stopped early if it did."""

    samples: list[Sample] = field(default_factory=list)
    stopped: str | None = None  # "error", "too slow" or "skipped"
    note: str = ""

    @property
    def seconds(self) -> float | None:
        """The median time, or None when there is no complete run to take it from."""
        return statistics.median(s.seconds for s in self.samples) if self.stopped is None else None

    @property
    def peak_mib(self) -> float | None:
        return max(s.peak_kib for s in self.samples) / 1024 if self.stopped is None else None


def main() -> None:
    args = parse_args()
    tools, missing = available_tools(args.only)
    for note in missing:
        print(f"skipped: {note}")
    with tempfile.TemporaryDirectory(prefix="mdjournal-bench-") as folder:
        cache_bytecode(Path(folder))
        inputs = make_inputs(Path(folder), args.sizes, args.seed)
        results = measure_all(tools, inputs, Path(folder), args.runs, args.slow_limit)
        print(header(args.runs, args.seed))
        for item in inputs:
            print()
            print(table(item, tools, results))
        many = None
        if args.copies and any(tool.key == "lint" for tool in tools):
            many = measure_many(Path(folder), args.copies, args.runs)
            print()
            print(many_table(many))
        print()
        print(targets(inputs, results, many))
        if args.json is not None:
            save_json(args.json, args, tools, inputs, results, many)
    sys.exit(1 if any(r.stopped == "error" for r in results.values()) else 0)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--sizes",
        type=sizes,
        default=[100, 1000, 10000],
        help="entries per generated journal (100,1000,10000)",
    )
    parser.add_argument(
        "--runs", type=int, help="runs per tool and input; the median is shown (5; 15 with --startup)"
    )
    parser.add_argument(
        "--startup",
        action="store_true",
        help="only the start-up targets: the sample post with markdown-it, mdformat --check and "
        "mdjournal lint (no generated journal, no folder of copies)",
    )
    parser.add_argument(
        "--only",
        type=lambda text: {key.strip() for key in text.split(",")},
        help=f"comma-separated tools among {', '.join(tool.key for tool in all_tools())}; "
        f"{BASELINE} always runs, as every ratio is to it",
    )
    parser.add_argument("--seed", type=int, default=0, help="seed of the generated journals (0)")
    parser.add_argument(
        "--slow-limit",
        type=float,
        default=120.0,
        metavar="SECONDS",
        help="stop a tool's first run on an input after this long, then skip its other runs "
        "on it and on larger inputs (120)",
    )
    parser.add_argument(
        "--copies",
        type=int,
        default=500,
        help="copies of the seed fixture in one folder, for linting many files (500; 0: skip)",
    )
    parser.add_argument("--json", type=Path, metavar="FILE", help="also save the raw numbers here")
    args = parser.parse_args()
    if args.startup:
        args.sizes, args.only, args.copies = [], {"lint", "mdformat"}, 0
    args.runs = args.runs if args.runs is not None else 15 if args.startup else 5
    unknown = (args.only or set()) - {tool.key for tool in all_tools()}
    if unknown:
        parser.error(f"unknown tool(s) for --only: {', '.join(sorted(unknown))}")
    if args.runs < 1:
        parser.error("--runs must be 1 or more")
    return args


def sizes(text: str) -> list[int]:
    """Parse --sizes, ``100,1000,10000`` (``10_000`` is fine too)."""
    counts = sorted({int(part) for part in text.split(",") if part.strip()})
    if not counts or counts[0] < 1:
        raise argparse.ArgumentTypeError("sizes must be whole numbers of entries, 1 or more")
    return counts


def all_tools() -> list[Tool]:
    """Every tool the benchmark knows, installed or not, in the order they run and print."""
    python = sys.executable
    return [
        Tool(BASELINE, "markdown-it-py parse", (python, "-c", MARKDOWN_IT)),
        Tool("lint", "mdjournal lint", (python, "-m", "mdjournal", "lint")),
        Tool("check", "mdjournal fmt --check", (python, "-m", "mdjournal", "fmt", "--check")),
        Tool("fix", "mdjournal fmt --fix", (python, "-m", "mdjournal", "fmt", "--fix"), writes=True),
        # Plain mdformat: without --no-extensions it would load every installed plugin, mdjournal's own included.
        Tool("mdformat", "mdformat --check", (python, "-m", "mdformat", "--check", "--no-extensions")),
        Tool("markdownlint-cli2", "markdownlint-cli2", ("markdownlint-cli2",)),
        Tool("pymarkdown", "pymarkdown scan", ("pymarkdown", "scan")),
    ]


EXTERNAL = {
    "markdownlint-cli2": ("MDJOURNAL_BENCH_MARKDOWNLINT", "npm install -g markdownlint-cli2"),
    "pymarkdown": ("MDJOURNAL_BENCH_PYMARKDOWN", "pip install pymarkdownlnt"),
}


def available_tools(only: set[str] | None) -> tuple[list[Tool], list[str]]:
    """The tools to run, with the external ones resolved; and a note for each one not found."""
    tools: list[Tool] = []
    missing: list[str] = []
    for tool in all_tools():
        if only is not None and tool.key != BASELINE and tool.key not in only:
            continue
        if tool.key in EXTERNAL:
            variable, install = EXTERNAL[tool.key]
            program = shutil.which(os.environ.get(variable) or tool.command[0])
            if program is None:
                missing.append(f"{tool.key} not found ({install}, or set {variable})")
                continue
            tool = replace(tool, command=(program, *tool.command[1:]))
        tools.append(tool)
    return tools, missing


def cache_bytecode(folder: Path) -> None:
    """Let every Python child read and write .pyc files, kept in ``folder``, not the repository.

    With PYTHONDONTWRITEBYTECODE set (as in some containers), an editable mdjournal
    would compile its sources in every process while pip-installed tools read the
    .pyc files written at install: tens of milliseconds against mdjournal alone.
    With one cache for all, filled by the untimed warm-up runs, every tool starts
    as it would after a normal install.
    """
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    os.environ["PYTHONPYCACHEPREFIX"] = str(folder / "pycache")


def make_inputs(folder: Path, counts: Sequence[int], seed: int) -> list[Input]:
    """The seed fixture and a generated journal per size, smallest first.

    generate.py runs as its own process rather than imported: on Linux a child's
    peak memory starts from its parent's resident size (fork copies the page tables),
    so this process must stay small for the children's peaks to be their own.
    """
    shutil.copyfile(FIXTURE, folder / "seed-fixture.md")
    inputs = [Input("seed fixture", None, folder / "seed-fixture.md")]
    for count in counts:
        path = folder / f"journal-{count}.md"
        command = [sys.executable, str(GENERATE), str(count), "--seed", str(seed), "-o", str(path)]
        subprocess.run(command, check=True)
        inputs.append(Input(f"{count:,} entries", count, path))
    return sorted(inputs, key=lambda item: item.size)


def measure_all(
    tools: list[Tool], inputs: list[Input], folder: Path, runs: int, slow_limit: float
) -> dict[tuple[str, str], Result]:
    """Run every tool on every input ``runs`` times, interleaved, and collect the samples.

    The loop order (run, input, tool) spreads any drift in machine load over every
    tool and size, so ratios and the growth from one size to the next stay fair.
    """
    results = {(item.name, tool.key): Result() for item in inputs for tool in tools}
    scratch = folder / "scratch"
    scratch.mkdir()
    for tool in tools:  # one untimed run each, to fill the disk and bytecode caches
        run_once(tool, inputs[0].path, scratch, slow_limit)
    for run in range(runs):
        for index, item in enumerate(inputs):
            for tool in tools:
                result = results[item.name, tool.key]
                smaller = results[inputs[index - 1].name, tool.key] if index else None
                if result.stopped is None and smaller and smaller.stopped in ("too slow", "skipped"):
                    result.stopped, result.note = "skipped", "skipped: too slow on a smaller input"
                if result.stopped is not None:
                    continue
                limit = None if result.samples else slow_limit  # the first run showed it finishes
                sample = run_once(tool, item.path, scratch, limit)
                result.samples.append(sample)
                judge(result, sample, slow_limit)
                progress(run, runs, item, tool, sample)
    return results


def run_once(tool: Tool, path: Path, scratch: Path, limit: float | None) -> Sample:
    """Run the tool on ``path`` (on a fresh copy, if it writes), timed as a whole process."""
    if tool.writes:
        copy = scratch / path.name
        shutil.copyfile(path, copy)  # before the clock starts
        path = copy
    return timed([*tool.command, path.name], path.parent, limit)


def timed(command: list[str], cwd: Path, limit: float | None) -> Sample:
    """Wall time from spawn to exit, and the child's own peak resident memory.

    The child is waited for without being reaped (WNOWAIT), so the clock stops at
    its exit and a watchdog can kill it at ``limit`` (if any) without any risk of
    hitting a reused process id; os.wait4 then reaps it and gives that one child's
    rusage (RUSAGE_CHILDREN would mix all children together).
    """
    lock = threading.Lock()
    state = {"done": False, "killed": False}
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )

    def watchdog() -> None:
        with lock:
            if not state["done"]:
                os.kill(process.pid, signal.SIGKILL)
                state["killed"] = True

    timer = None if limit is None else threading.Timer(limit, watchdog)
    if timer is not None:
        timer.start()
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
    seconds = time.perf_counter() - start
    with lock:
        state["done"] = True
    if timer is not None:
        timer.cancel()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)  # so Popen never waits for it again
    return Sample(seconds, peak_kib(usage.ru_maxrss), process.returncode, state["killed"])


def peak_kib(maxrss: int) -> int:
    """ru_maxrss in KiB: Linux reports KiB, macOS bytes."""
    return maxrss // 1024 if sys.platform == "darwin" else maxrss


def judge(result: Result, sample: Sample, limit: float) -> None:
    """Stop a tool early on an input when its first run was killed, or any run failed.

    Exit 0 and 1 are both fine (a linter that finds problems exits 1); anything else,
    or a signal, is an error, and running it again would only fail again.
    """
    if sample.killed:
        result.stopped, result.note = "too slow", f"stopped after {limit:g} s; other runs skipped"
    elif sample.exit_code not in (0, 1):
        result.stopped, result.note = "error", f"error: exit code {sample.exit_code}"


def progress(run: int, runs: int, item: Input, tool: Tool, sample: Sample) -> None:
    """One line on stderr per run, so a long benchmark shows it is alive."""
    print(
        f"run {run + 1}/{runs}  {item.name:<14} {tool.label:<22} {sample.seconds:8.3f} s "
        f"{sample.peak_kib / 1024:7.1f} MiB  exit {sample.exit_code}",
        file=sys.stderr,
    )


def header(runs: int, seed: int) -> str:
    """What the numbers were measured on, and the memory floor every child inherits."""
    own = peak_kib(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
    return (
        f"## mdjournal benchmark: median of {runs} run{'s' if runs > 1 else ''}, seed {seed}\n\n"
        f"Python {platform.python_version()} on {platform.platform()}, {os.cpu_count()} CPUs. "
        f"Peaks have a floor of this harness's own {own:.0f} MiB (Linux counts a child's memory from the fork)."
    )


@dataclass
class Many:
    """``mdjournal lint`` over a folder of copies of the seed fixture, three ways."""

    copies: int
    together: list[float] = field(default_factory=list)  # one call, the default jobs (one per CPU)
    serial: list[float] = field(default_factory=list)  # one call, --jobs 1
    separate: float | None = None  # one call per file, one after another (measured once)

    def median(self, runs: list[float]) -> float | None:
        return statistics.median(runs) if runs else None


def measure_many(folder: Path, copies: int, runs: int) -> Many:
    """Lint ``copies`` copies of the fixture in one call with one job per CPU (the
    default) and with ``--jobs 1``, interleaved, ``runs`` times; and once as one call
    per file, which is what a loop in a shell script or an editor would do."""
    many = folder / "many"
    many.mkdir()
    for number in range(copies):
        shutil.copyfile(FIXTURE, many / f"post-{number:04}.md")
    lint = (sys.executable, "-m", "mdjournal", "lint")
    result = Many(copies)
    for run in range(runs):
        for label, extra, times in (
            ("one per CPU", (), result.together),
            ("--jobs 1", ("--jobs", "1"), result.serial),
        ):
            sample = timed([*lint, *extra, "many"], folder, None)
            times.append(sample.seconds)
            print(
                f"run {run + 1}/{runs}  {copies} files, {label:<12} {sample.seconds:8.3f} s", file=sys.stderr
            )
    start = time.perf_counter()
    for path in sorted(many.iterdir()):
        timed([*lint, path.name], many, None)
    result.separate = time.perf_counter() - start
    print(f"{copies} separate calls: {result.separate:.1f} s", file=sys.stderr)
    return result


def many_table(many: Many) -> str:
    """Linting many files: the three ways, as seconds and as files per second."""
    rows = [
        (f"one call, one job per CPU ({os.cpu_count()} CPUs)", many.median(many.together)),
        ("one call, --jobs 1", many.median(many.serial)),
        (f"{many.copies} calls, one per file (one run)", many.separate),
    ]
    lines = [
        f"### {many.copies} copies of the seed fixture in one folder",
        "",
        "| mdjournal lint | seconds | files/s |",
        "|---|--:|--:|",
    ]
    for label, seconds in rows:
        if seconds is not None:
            lines.append(f"| {label} | {seconds:.3f} | {many.copies / seconds:.0f} |")
    return "\n".join(lines)


def table(item: Input, tools: list[Tool], results: dict[tuple[str, str], Result]) -> str:
    """A Markdown table of one input's results, each also as a ratio to the baseline."""
    megabytes = item.size / 1e6
    lines = [
        f"### {item.name} ({megabytes:.3f} MB)",
        "",
        "| tool | seconds | MB/s | peak MiB | × markdown-it time | × markdown-it peak | note |",
        "|---|--:|--:|--:|--:|--:|---|",
    ]
    base = results[item.name, BASELINE]
    for tool in tools:
        lines.append(f"| {tool.label} | {' | '.join(row(results[item.name, tool.key], base, megabytes))} |")
    return "\n".join(lines)


def row(result: Result, base: Result, megabytes: float) -> list[str]:
    """The figures of one table row; a run stopped at the limit still gives lower bounds."""
    seconds, peak = result.seconds, result.peak_mib
    if seconds is not None and peak is not None:
        return [
            f"{seconds:.3f}",
            f"{megabytes / seconds:.3g}",
            f"{peak:.0f}",
            ratio(seconds, base.seconds),
            ratio(peak, base.peak_mib),
            "",
        ]
    if result.stopped == "too slow":
        least = result.samples[-1].seconds
        return [
            f"> {least:.3f}",
            f"< {megabytes / least:.3g}",
            "-",
            "-" if base.seconds is None else f"> {ratio(least, base.seconds)}",
            "-",
            result.note,
        ]
    return ["-", "-", "-", "-", "-", result.note]


def ratio(value: float, base: float | None) -> str:
    return "-" if base is None else f"{value / base:.2f}×"


def targets(inputs: list[Input], results: dict[tuple[str, str], Result], many: Many | None = None) -> str:
    """The issue's targets, each checked against this run's numbers: ok or MISSED."""
    lines = ["### Targets", ""]

    def seconds(item: Input, key: str) -> float | None:
        result = results.get((item.name, key))
        return None if result is None else result.seconds

    fixture = next((item for item in inputs if item.entries is None), None)
    if fixture is not None:  # start-up: on a 10 KB post nearly all the time is start-up
        lint = seconds(fixture, "lint")
        for key, label, limit in (
            (BASELINE, "markdown-it", TARGET_STARTUP),
            ("mdformat", "mdformat --check", TARGET_STARTUP_MDFORMAT),
        ):
            other = seconds(fixture, key)
            ratio = lint / other if lint and other else None
            lines.append(check(f"mdjournal lint / {label}, {fixture.name}", ratio, limit))
    generated = [item for item in inputs if item.entries is not None]
    if not generated:
        return "\n".join(lines)
    large = generated[-1]
    base = seconds(large, BASELINE)
    lint, fix = seconds(large, "lint"), seconds(large, "fix")
    lines.append(
        check(
            f"mdjournal lint / markdown-it, {large.name}", lint / base if lint and base else None, TARGET_LINT
        )
    )
    lines.append(
        check(
            f"mdjournal fmt --fix / markdown-it, {large.name}",
            fix / base if fix and base else None,
            TARGET_FIX,
        )
    )
    if len(generated) > 1:
        small = generated[-2]
        assert small.entries is not None and large.entries is not None
        limit = TARGET_LINEAR * large.entries / small.entries
        for key, label in (("lint", "mdjournal lint"), ("fix", "mdjournal fmt --fix")):
            big, little = seconds(large, key), seconds(small, key)
            growth = big / little if big and little else None
            lines.append(check(f"{label} time, {large.name} / {small.name}", growth, limit))
    lint_result = results.get((large.name, "lint"))
    peak = None if lint_result is None else lint_result.peak_mib
    lines.append(check("mdjournal lint peak memory, MiB", peak, TARGET_PEAK_MIB))
    if many is not None:
        together, serial = many.median(many.together), many.median(many.serial)
        speedup = serial / together if serial and together else None
        lines.append(check_at_least(f"{many.copies} files: --jobs 1 / one job per CPU", speedup, TARGET_JOBS))
        calls = many.separate / together if many.separate and together else None
        lines.append(
            check_at_least(f"{many.copies} files: one call per file / one call", calls, TARGET_CALLS)
        )
    return "\n".join(lines)


def check(label: str, value: float | None, limit: float) -> str:
    if value is None:
        return f"- {label}: n/a, not measured (target ≤ {limit:g})"
    return f"- {label}: {value:.2f} (target ≤ {limit:g}) {'ok' if value <= limit else 'MISSED'}"


def check_at_least(label: str, value: float | None, least: float) -> str:
    if value is None:
        return f"- {label}: n/a, not measured (target ≥ {least:g})"
    return f"- {label}: {value:.2f} (target ≥ {least:g}) {'ok' if value >= least else 'MISSED'}"


def save_json(
    path: Path,
    args: argparse.Namespace,
    tools: list[Tool],
    inputs: list[Input],
    results: dict[tuple[str, str], Result],
    many: Many | None,
) -> None:
    """Every sample, for comparing runs later; times in seconds, memory in KiB."""
    data = {
        "python": sys.version,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "runs": args.runs,
        "seed": args.seed,
        "slow_limit": args.slow_limit,
        "inputs": [
            {
                "name": item.name,
                "entries": item.entries,
                "bytes": item.size,
                "tools": [
                    {
                        "tool": tool.key,
                        "command": [*tool.command, item.path.name],
                        "stopped": results[item.name, tool.key].stopped,
                        "median_seconds": results[item.name, tool.key].seconds,
                        "samples": [asdict(sample) for sample in results[item.name, tool.key].samples],
                    }
                    for tool in tools
                ],
            }
            for item in inputs
        ],
        "many_files": None if many is None else asdict(many),
    }
    path.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
