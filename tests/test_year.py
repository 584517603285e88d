"""``arvode year``: a year month by month, through the library and the installed command."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import ClaimError, Rules, load_claim
from arvode.calculation.year import year_statement

ARVODE = Path(sys.executable).parent / "arvode"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_year_of_the_ks_2025_43_official(rules: Rules) -> None:
    claim = load_claim(EXAMPLES / "11-sarskilt-beslut-ks-2025-43.yaml", rules)
    statement = year_statement([claim], rules, 2025)
    totals = [m.totals for m in statement.months]
    # January: KSAPU 10 856,08 + gruppledare 29 286,37 (no decision yet)
    assert totals[0]["arsarvode"] == Decimal("10856.08")
    assert totals[0]["gruppledararvode"] == Decimal("29286.37")
    # March–November: the decision alone, 531 113 / 12 = 44 259,42
    assert {t["arsarvode"] for t in totals[2:11]} == {Decimal("44259.42")}
    assert "gruppledararvode" not in totals[5]
    # December takes the rest of the decision's year: 531 113,00 − 11 × 44 259,42 = 44 259,38
    assert totals[11]["arsarvode"] == Decimal("44259.38")
    assert statement.from_claims == (False, True, *([False] * 10))


def test_claims_of_two_officials_are_refused(rules: Rules) -> None:
    one = load_claim(EXAMPLES / "12-ordforande-avgar.yaml", rules)
    other = load_claim(EXAMPLES / "13-ny-ordforande.yaml", rules)
    with pytest.raises(ClaimError, match="mer än en ledamot"):
        year_statement([one, other], rules, 2025)


def test_cli_year_json() -> None:
    done = subprocess.run(
        [str(ARVODE), "year", "--json", "--year", "2025", str(EXAMPLES / "14-franvaro-sjukdom-niva2.yaml")],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    months = {m["period"]: m["totals"] for m in data["months"]}
    # SN ordförande 47 599,75 a month; June wholly absent (see the example's comments)
    assert months["2025-03"]["total"] == "47599.75"
    assert months["2025-06"]["franvaroavdrag"] == "-47599.75"
    assert months["2025-06"]["sjuklon"] == "6981.29"  # 2 538,65 + 4 442,64


def test_cli_year_text() -> None:
    done = subprocess.run(
        [str(ARVODE), "year", "--year", "2025", str(EXAMPLES / "13-ny-ordforande.yaml")],
        capture_output=True, text=True, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "år 2025" in done.stdout
    assert done.stdout.count("\n") > 14
