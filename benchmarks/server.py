"""Time ``mdjournal server`` from a one-character ``didChange`` to its ``publishDiagnostics``.

    python benchmarks/server.py [FILE...] [--runs N]

With no FILE: the sample post, and a 10,000-entry journal written by generate.py.
The server runs as editors run it (``mdjournal server`` over stdio) with its debounce
set to 0 (``initializationOptions.debounceMs``), so each figure is what the server
adds to the debounce (100 ms by default). Each run types one character in the middle
of the post (and the next run deletes it), as a person would; the median and the
slowest run are printed. On a shared machine absolute times move with the load, so
each run is followed by the baseline, a whole ``lint_text`` of the post in this
process (what ``mdjournal lint`` does once started), and the ratio of the medians
is printed too: it holds on any machine. A benchmark, not a test: nothing here runs
in CI.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from mdjournal.linting.linter import lint_text

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "research-journal.md"
GENERATE = Path(__file__).resolve().parent / "generate.py"


class Client:
    """A minimal LSP client over the server's standard input and output."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "mdjournal", "server"], stdin=subprocess.PIPE, stdout=subprocess.PIPE
        )
        self._id = 0

    def send(self, method: str, params: Any, *, request: bool = False) -> None:
        message: dict[str, Any] = {"jsonrpc": "2.0", "method": method, "params": params}
        if request:
            self._id += 1
            message["id"] = self._id
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n%s" % (len(body), body))
        self.process.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.process.stdout is not None
        length = 0
        while (line := self.process.stdout.readline().strip()) != b"":
            if line.lower().startswith(b"content-length:"):
                length = int(line.split(b":")[1])
        message: dict[str, Any] = json.loads(self.process.stdout.read(length))
        return message

    def wait_for(self, predicate: Any) -> dict[str, Any]:
        while not predicate(message := self.receive()):
            pass
        return message

    def diagnostics(self, version: int) -> int:
        message = self.wait_for(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics" and m["params"].get("version") == version
            )
        )
        return len(message["params"]["diagnostics"])

    def close(self) -> None:
        self.send("shutdown", None, request=True)
        self.wait_for(lambda m: "id" in m and "method" not in m)
        self.send("exit", None)
        self.process.wait(timeout=30)


def measure(path: Path, runs: int) -> tuple[int, list[float], list[float]]:
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    line = len(lines) // 2
    while not lines[line].startswith("- "):  # an entry's line, in the middle of the post
        line += 1
    uri = path.resolve().as_uri()
    client = Client()
    client.send(
        "initialize",
        {"processId": None, "rootUri": None, "capabilities": {}, "initializationOptions": {"debounceMs": 0}},
        request=True,
    )
    client.wait_for(lambda m: m.get("id") == 1)
    client.send("initialized", {})
    client.send(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}},
    )
    found = client.diagnostics(1)
    times, baseline = [], []
    for run in range(runs):
        version = run + 2
        at = {"line": line, "character": 4}
        change = (
            {"range": {"start": at, "end": at}, "text": "x"}
            if run % 2 == 0
            else {"range": {"start": at, "end": {"line": line, "character": 5}}, "text": ""}
        )
        start = time.perf_counter()
        client.send(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
        )
        client.diagnostics(version)
        times.append(time.perf_counter() - start)
        start = time.perf_counter()
        lint_text(text)
        baseline.append(time.perf_counter() - start)
    client.close()
    return found, times, baseline


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument(
        "--runs", type=int, default=0, help="changes per file (default: 31 for small, 7 for large)"
    )
    options = parser.parse_args()
    files = options.files
    if not files:
        big = Path(tempfile.gettempdir()) / "mdjournal-server-bench-10000.md"
        if not big.exists():
            subprocess.run([sys.executable, str(GENERATE), "10000", "-o", str(big)], check=True)
        files = [FIXTURE, big]
    for path in files:
        runs = options.runs or (31 if path.stat().st_size < 200_000 else 7)
        found, times, baseline = measure(path, runs)
        median, lint = statistics.median(times), statistics.median(baseline)
        print(
            f"{path.name}: {path.stat().st_size / 1e6:.2f} MB, {found} diagnostics; didChange -> publishDiagnostics "
            f"over {runs} changes: median {median * 1000:.1f} ms, slowest {max(times) * 1000:.1f} ms "
            f"(beyond the debounce); a whole lint in-process {lint * 1000:.1f} ms: {median / lint:.2f}x"
        )


if __name__ == "__main__":
    main()
