"""The examples: each one's ``arvode check --json`` output equals its committed snapshot.

The snapshots (``examples/NN-name.expected.json``) were verified by hand; the
arithmetic is in each example's comments. ``python examples/regenerate.py``
rewrites them. Independently of the snapshots, ``HAND`` below repeats the hand
arithmetic of the core examples, so a snapshot regenerated without checking
still has to agree with the regulation.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from arvode.cli import main

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ALL = sorted(EXAMPLES.glob("*.yaml"))


def check_json(path: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """``arvode check --json PATH`` in this process (the CLI's own code path)."""
    assert main(["check", "--json", str(path)]) == 0
    out = capsys.readouterr().out
    data: dict[str, Any] = json.loads(out, parse_float=_no_float)
    return data


def _no_float(text: str) -> Any:
    raise AssertionError(f"a JSON float in the output: {text}")


def test_there_are_core_examples() -> None:
    names = {p.name for p in ALL}
    assert set(HAND) <= names


@pytest.mark.parametrize("example", ALL, ids=[p.name for p in ALL])
def test_example_names(example: Path) -> None:
    # NN-short-swedish-name.yaml
    assert re.fullmatch(r"[0-9]{2}-[a-z0-9]+(-[a-z0-9]+)*\.yaml", example.name)


@pytest.mark.parametrize("example", ALL, ids=[p.name for p in ALL])
def test_example_matches_its_snapshot(example: Path, capsys: pytest.CaptureFixture[str]) -> None:
    expected = example.with_name(example.stem + ".expected.json")
    if not expected.exists():
        pytest.fail(
            f"{expected.name} is missing: verify the example's amounts by hand, then run "
            f"`python examples/regenerate.py {example.name}`"
        )
    assert check_json(example, capsys) == json.loads(expected.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- the hand arithmetic
# (event, type, amount) of every line, in output order; then rejected (event, rule).
# Bilaga 1 from 2025-01-01: sammanträdesersättning 1 173, förrättningsersättning 782,
# maxbelopp 3 360. 1/8 × 782 = 97.75; 1/4 × 782 = 195.50; 1/2 × 1173 = 586.50.
S, F, L = "sammantradesersattning", "forrattningsersattning", "forlorad_arbetsinkomst"
P, V = "forlorad_pensionsforman", "forlorad_semesterersattning"
A, R = "arsarvode", "reseersattning"

HAND: dict[str, dict[str, Any]] = {
    "01-ledamot-dagstak.yaml": {
        "lines": [
            (0, S, "1173.00"),  # kallelse 4 h > 1 h: 1/1 × 1173
            (0, L, "1395.00"),  # 4.5 h × 310.00, under the 3360 cap
            (1, F, "0.00"),  # protokolljustering 195.50, day cap 1173 − 1173 = 0
            (2, F, "293.25"),  # 2 h 10 min → 3 started hours × 97.75
            (3, F, "195.50"),  # 1 h 30 min → 2 × 97.75
            (5, S, "586.50"),  # 45 min: 1/2 × 1173
            (6, F, "293.25"),  # 2 h 30 min → 3 × 97.75
            (7, S, "293.25"),  # 1173 capped: 1173 − 586.50 − 293.25 = 293.25
            (None, P, "62.78"),  # 4.5 % × 1395 = 62.775 → 62.78
            (None, V, "167.40"),  # 12 % × 1395
        ],
        "rejected": [(4, "2.1.2")],
        "total": "4459.93",
    },
    "02-ersattare.yaml": {
        "lines": [
            (0, S, "1173.00"),  # uncalled, served 1 h 40 min
            (0, L, "700.00"),  # 2.5 h × 280.00
            (1, S, "586.50"),  # uncalled, served 40 min: 1/2
            (2, S, "0.00"),  # not serving: travel only (2.1.1)
            (2, L, "0.00"),
            (3, S, "1173.00"),  # specially called: kallelse 3 h
            (4, S, "1173.00"),  # left after 50 min, kallelse 4 h counts (2.2)
            (5, S, "1173.00"),  # kallelse 1 h, served 1 h 20 min
            (None, P, "31.50"),  # 4.5 % × 700
        ],
        "rejected": [],
        "total": "6010.00",
    },
    "03-forlorad-arbetsinkomst-timlon.yaml": {
        "lines": [
            (0, S, "586.50"),
            (0, L, "1680.00"),  # 4 × 512 = 2048 → cap 1/2 × 3360
            (1, S, "1173.00"),
            (1, L, "3360.00"),  # 8 × 512 = 4096 → cap 1/1
            (2, F, "97.75"),
            (2, L, "3360.00"),  # partigruppmöte: cap 1/1 even for 45 min; 7 × 512 = 3584
            (3, F, "195.50"),
            (3, L, "840.00"),  # protokolljustering: 2 × 512 = 1024 → cap 1/4 × 3360
            (4, F, "97.75"),
            (4, L, "1536.00"),  # 3 × 512 = 1536 ≤ 1/2 × 3360
            (5, F, "782.00"),  # 7 h 45 min → 8 × 97.75
            (5, L, "3360.00"),
            (6, S, "1173.00"),
            (6, L, "2048.00"),  # 4 × 512
            (7, S, "0.00"),  # daily fee cap reached
            (7, L, "1312.00"),  # daily loss cap: 3360 − 2048
            (8, F, "293.25"),
            (8, L, "0.00"),  # free time
            # 4.5 % × 17496 = 787.32, borne per organ (section 1): SN 10776, KF 4672, KS 2048
            (None, P, "484.92"),  # 4.5 % × 10776
            (None, P, "210.24"),  # 4.5 % × 4672
            (None, P, "92.16"),  # 4.5 % × 2048
            # 12 % × 17496 = 2099.52, likewise
            (None, V, "1293.12"),  # 12 % × 10776
            (None, V, "560.64"),  # 12 % × 4672
            (None, V, "245.76"),  # 12 % × 2048
        ],
        "rejected": [],
        "total": "24781.59",
    },
    "04-forlorad-arbetsinkomst-arsinkomst.yaml": {
        "lines": [
            (0, S, "1173.00"),
            (0, L, "1750.00"),  # 455000 / 260
            (1, S, "586.50"),
            (1, L, "1680.00"),  # 1750 → cap 1/2 × 3360
            (2, S, "586.50"),  # day fee cap: 1173 − 586.50
            (2, L, "70.00"),  # what is left of the day's 1750
            (3, F, "195.50"),
            (3, L, "437.50"),  # 2 h × 455000 / 260 / 8 = 2 × 218.75
            (4, F, "195.50"),
            (4, L, "765.63"),  # 3.5 × 218.75 = 765.625 → 765.63
            # 4.5 % × 4703.13 = 211.64085 → 21164 öre, borne per organ by largest remainder:
            (None, P, "136.04"),  # KS: 21164 × 3023.13 / 4703.13 = 13604.03 → 13604
            (None, P, "75.60"),  # BUN: 21164 × 1680 / 4703.13 = 7559.97 → 7559 + the öre left over
        ],
        "rejected": [],
        "total": "7651.77",
    },
    "05-sen-begaran.yaml": {
        "lines": [
            (0, S, "1173.00"),  # reported on the last day, 2025-10-10
            (0, L, "900.00"),  # 3 × 300
            (3, S, "1173.00"),
            (None, P, "40.50"),  # 4.5 % × 900
        ],
        "rejected": [(2, "6.1"), (1, "6.1")],  # in date order: 03-31, then 04-09
        "total": "3286.50",
    },
    "06-forrattningar.yaml": {
        "lines": [
            (0, F, "195.50"),
            (1, F, "97.75"),  # 60 min → 1 started hour
            (2, F, "195.50"),  # 61 min → 2
            (3, F, "293.25"),  # 2 h 15 min → 3
            (5, F, "195.50"),
            (7, F, "782.00"),  # 8 started hours
            (8, F, "195.50"),
            (9, F, "195.50"),  # day reaches exactly 1173.00
            (10, F, "0.00"),  # nothing left under the daily cap
            (11, F, "97.75"),
        ],
        "rejected": [(4, "2"), (6, "2.1.2"), (12, "2.1.2")],
        "total": "2248.25",
    },
    "16-sarskilt-beslut-upphor.yaml": {
        "lines": [
            (0, S, "0.00"),  # BUN sammanträde, nivå 2 under KS 2024-03-04 § 27 (2.3.2)
            (1, S, "1173.00"),  # KS sammanträde after the decision lapsed: nivå 3 pays it
            (None, A, "40407.26"),  # 75 %: 62 631,25 × 20/31 (days 1–20, 2.3 / 3.7)
            (None, A, "5333.76"),  # KS 2:e vice 18 %: 15 031,50 − round(20/31 × 15 031,50)
        ],
        "rejected": [],
        "total": "46914.02",
    },
    "17-sarskilt-beslut-namndinterna.yaml": {
        "lines": [
            (0, S, "0.00"),  # KS sammanträde: nämndinternt under § 43 (KSAPU part of KS), 2.3.2
            (0, L, "0.00"),
            (0, R, "69.60"),  # costs still paid (2.3): 24 km × 2,90
            (1, S, "0.00"),  # KSAPU sammanträde, own organ
            (2, S, "1173.00"),  # KF sammanträde: not part of KS
            (2, L, "2450.00"),  # 7 h × 350
            (2, R, "69.60"),
            (None, P, "110.25"),  # 4,5 % × 2 450
            (None, A, "44259.42"),  # 53 % × 1 002 100 / 12 = 44 259,4167
        ],
        "rejected": [],
        "total": "48131.87",
    },
    "18-sjuklon-kort-sjukdom.yaml": {
        "lines": [
            (None, A, "83508.33"),  # 1 002 100 / 12
            (None, "franvaroavdrag", "-26938.17"),  # round(19/31 × T) − round(9/31 × T), 3.5
            (None, "sjuklon", "19395.48"),  # 80 % × 9/31 × 83 508,33 (sick days 2–10)
        ],
        "rejected": [],
        "total": "75965.64",
    },
    "19-foraldraledighet-niva2.yaml": {
        "lines": [
            (None, A, "39248.92"),  # 470 987 / 12
            (None, "franvaroavdrag", "-22241.05"),  # T − round(13/30 × T), 3.6
            (None, "foraldraersattning", "2224.11"),  # 10 % × 17/30 × 39 248,92
        ],
        "rejected": [],
        "total": "19231.98",
    },
}


@pytest.mark.parametrize("name", sorted(HAND))
def test_example_agrees_with_hand_arithmetic(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    hand = HAND[name]
    got = check_json(EXAMPLES / name, capsys)
    assert [(line.get("event"), line["type"], line["amount"]) for line in got["lines"]] == hand[
        "lines"
    ]
    assert [(r["event"], r["rule"]) for r in got["rejected"]] == hand["rejected"]
    assert got["totals"]["total"] == hand["total"]
    # The hand lines add up to the hand total.
    assert sum(Decimal(a) for _, _, a in hand["lines"]) == Decimal(hand["total"])


@pytest.mark.parametrize("name", sorted(HAND))
def test_core_example_comments_state_the_total(name: str) -> None:
    """The arithmetic in the comments ends in the same total (Swedish notation)."""
    total = Decimal(HAND[name]["total"])
    whole, cents = f"{total:.2f}".split(".")
    swedish = f"{int(whole):,}".replace(",", " ") + "," + cents
    assert swedish in (EXAMPLES / name).read_text(encoding="utf-8")


# ---------------------------------------------------------------- regenerate.py
def _regenerate() -> ModuleType:
    spec = importlib.util.spec_from_file_location("regenerate", EXAMPLES / "regenerate.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_regenerate_writes_the_cli_output_beside_the_example(tmp_path: Path) -> None:
    regenerate = _regenerate()
    copy = tmp_path / "01-ledamot-dagstak.yaml"
    shutil.copy(EXAMPLES / copy.name, copy)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert regenerate.main([str(copy)]) == 0
    written = tmp_path / "01-ledamot-dagstak.expected.json"
    assert "written" in out.getvalue()
    committed = EXAMPLES / written.name
    assert written.read_text(encoding="utf-8") == committed.read_text(encoding="utf-8")
    # A second run changes nothing.
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        regenerate.main([str(copy)])
    assert "unchanged" in out.getvalue()


def test_regenerate_refuses_a_claim_that_does_not_check(tmp_path: Path) -> None:
    regenerate = _regenerate()
    bad = tmp_path / "99-trasig.yaml"
    bad.write_text("official: {id: x}\nperiod: 2025-03\nevents:\n  - {date: 2025-03-03}\n")
    with pytest.raises(SystemExit, match=re.escape("99-trasig.yaml: arvode check exited 2")):
        regenerate.main([str(bad)])
    assert not (tmp_path / "99-trasig.expected.json").exists()


def test_regenerate_is_documented_as_one_command() -> None:
    doc = (EXAMPLES / "regenerate.py").read_text(encoding="utf-8")
    assert "python examples/regenerate.py" in doc
