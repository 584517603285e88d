"""The installed entry point runs a claim end to end."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ARVODE = Path(sys.executable).parent / "arvode"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_check_json_of_first_example() -> None:
    claim = sorted(EXAMPLES.glob("*.yaml"))[0]
    done = subprocess.run([str(ARVODE), "check", "--json", str(claim)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["total"]
