"""What the CLI tests share: how a refusal must look (one line on stderr, exit 2, no traceback)."""

from __future__ import annotations

import subprocess


def one_line(done: subprocess.CompletedProcess[str]) -> str:
    """The single line a refused command prints, after checking that it is one."""
    assert done.returncode == 2, done.stdout
    assert "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    return lines[0]
