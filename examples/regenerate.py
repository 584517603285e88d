"""Rewrite the expected output of the examples.

Usage, from anywhere::

    python examples/regenerate.py                 # every examples/*.yaml
    python examples/regenerate.py 03-forlorad-arbetsinkomst-timlon.yaml

For each ``NN-name.yaml`` this writes ``NN-name.expected.json`` beside it: exactly
what ``arvode check --json NN-name.yaml`` prints (bundled Piteå rules).
``tests/test_examples.py`` compares every example with its expected file.

The expected files are snapshots that were checked by hand: each example's
comments show the arithmetic from the regulation and Bilaga 1 behind every
amount. After regenerating, read ``git diff examples/`` and redo the hand
arithmetic for every amount that changed before committing; a snapshot that
merely agrees with the engine proves nothing.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

EXAMPLES = Path(__file__).resolve().parent
SUFFIX = ".expected.json"


def expected_path(example: Path) -> Path:
    """``NN-name.yaml`` → ``NN-name.expected.json``."""
    return example.with_name(example.stem + SUFFIX)


def check_json(example: Path) -> str:
    """What ``arvode check --json EXAMPLE`` prints, run in this process."""
    from arvode.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(["check", "--json", str(example)])
    if status != 0:
        raise SystemExit(f"{example.name}: arvode check exited {status}: {err.getvalue().strip()}")
    return out.getvalue()


def examples(names: list[str]) -> list[Path]:
    if not names:
        return sorted(EXAMPLES.glob("*.yaml"))
    chosen = []
    for name in names:
        path = Path(name)
        if not path.exists():
            path = EXAMPLES / path.name
        if not path.is_file() or path.suffix != ".yaml":
            raise SystemExit(f"{name}: not an example file (examples/NN-name.yaml)")
        chosen.append(path.resolve())
    return chosen


def main(argv: list[str]) -> int:
    for example in examples(argv):
        target = expected_path(example)
        text = check_json(example)
        old = target.read_text(encoding="utf-8") if target.exists() else None
        if old == text:
            print(f"unchanged  {target.name}")
            continue
        target.write_text(text, encoding="utf-8")
        print(f"{'written' if old is None else 'CHANGED'}    {target.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
