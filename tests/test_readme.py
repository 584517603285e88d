"""The README's first two commands are the ones a new machine runs; they must stay true.

The first installs and runs the main job on the bundled rules and examples, the second
installs and runs the whole suite, and is what ``.ci/run`` runs verbatim.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _first_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    head = text.split("\n## ", 1)[0]  # before the first section: the title, a paragraph, the two commands
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", head, flags=re.DOTALL)]


def test_the_readme_opens_with_two_one_line_commands() -> None:
    commands = _first_commands()
    assert len(commands) == 2
    assert all("\n" not in command for command in commands)
    install, suite = commands
    assert install.startswith("python3 -m venv .venv && .venv/bin/pip install -q . && ")
    assert suite == "python3 -m venv .venv && .venv/bin/pip install -q '.[test]' && .venv/bin/python -m pytest"


def test_ci_runs_the_readmes_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    assert ci[-1] == _first_commands()[1]


def test_the_first_command_runs_the_main_job(tmp_path: Path) -> None:
    """Its arvode part, through the installed entry point, in a fresh folder."""
    install = _first_commands()[0]
    steps = [step.strip() for step in install.split("&&")][2:]  # after creating and filling the venv
    bindir = Path(sys.executable).parent
    for step in steps:
        argv = shlex.split(step)
        assert argv[0] == ".venv/bin/arvode"
        done = subprocess.run([str(bindir / "arvode"), *argv[1:]], cwd=tmp_path, capture_output=True, text=True,
                              check=False, timeout=120)
        assert done.returncode == 0, done.stderr
    assert "Summa" in done.stdout
    assert "Sammanträdesersättning" in done.stdout


def test_the_smallest_claim_in_kom_igang_pays_what_the_readme_says(tmp_path: Path) -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"Det minsta som behövs:\n\n```yaml\n(.*?)```", text, flags=re.DOTALL)
    assert found is not None
    claim = tmp_path / "mars.yaml"
    claim.write_text(found.group(1), encoding="utf-8")
    done = subprocess.run([str(Path(sys.executable).parent / "arvode"), "check", str(claim)],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    # 2.2.1: 4 h > 1 h, 1/1 × 1 173; 2.2.2: 4,5 h × 310 = 1 395 (under 3 360); 4.2: 4,5 % × 1 395 = 62,775 → 62,78
    for figure in ("1 173,00 kr", "1 395,00 kr", "62,78 kr", "2 630,78 kr"):
        assert figure in done.stdout
    assert "Ej ersatt" not in done.stdout
    prose = text[found.end():found.end() + 400]
    for figure in ("1 173,00 kr", "1 395,00 kr", "62,78 kr"):
        assert figure in prose
