"""Print a pip constraints file that pins every dependency to its declared minimum.

    python .ci/minimum_versions.py [pyproject.toml] > constraints.txt
    pip install -c constraints.txt -e '.[test]'

Every requirement in pyproject.toml's ``[project]`` dependencies and optional
dependencies must name its minimum with ``>=`` (or pin one version with ``==``, as
the lint tools are): a minimum that is never installed is never known to work, so
a requirement without one is an error here (exit 2). Environment markers are kept
(``tomli==2.0; python_version < '3.11'``), so the file fits any Python.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10 has tomli, a dependency of mdjournal there
    import tomli as tomllib

_REQUIREMENT = re.compile(
    r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[[^\]]*\])?\s*"
    r"(?P<operator>>=|==)\s*(?P<version>[^\s,;]+)\s*(?:,[^;]*)?(?P<marker>;.*)?"
)


def constraints(pyproject: Path) -> list[str]:
    """``name==minimum[; marker]`` for each requirement, one per package and marker."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = list(project.get("dependencies", []))
    for extra in project.get("optional-dependencies", {}).values():
        requirements += extra
    pins: dict[tuple[str, str], str] = {}
    for requirement in requirements:
        match = _REQUIREMENT.fullmatch(requirement.strip())
        if match is None:
            raise ValueError(f"{requirement!r} declares no minimum version ('>=X' or '==X')")
        name = re.sub(r"[-_.]+", "-", match["name"]).lower()
        marker = (match["marker"] or "").lstrip("; ").strip()
        key = (name, marker)
        if pins.setdefault(key, match["version"]) != match["version"]:
            raise ValueError(f"{name} is declared with two minimums, {pins[key]} and {match['version']}")
    return [
        f"{name}=={version}" + (f"; {marker}" if marker else "") for (name, marker), version in pins.items()
    ]


def main() -> None:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "pyproject.toml")
    try:
        lines = constraints(path)
    except ValueError as error:
        print(f"minimum_versions: {path}: {error}", file=sys.stderr)
        sys.exit(2)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
