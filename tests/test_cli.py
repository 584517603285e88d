"""The installed ``arvode`` command, run as a user runs it (a subprocess).

Bad input must give exit status 2 and exactly one stderr line
``file:line: field: problem``, never a traceback and never a partial result.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ARVODE = Path(sys.executable).parent / "arvode"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE = EXAMPLES / "01-ledamot-dagstak.yaml"
AMOUNT = re.compile(r"^-?\d+\.\d{2}$")


def arvode(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(ARVODE), *args], capture_output=True, text=True, cwd=cwd, timeout=60, check=False
    )


def test_the_entry_point_is_installed() -> None:
    assert ARVODE.exists(), f"{ARVODE}: pip install the project first"


def test_check_explains_in_text() -> None:
    done = arvode("check", str(EXAMPLE))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    out = done.stdout
    assert out.startswith("p-1042 Anna Andersson — mars 2025")
    assert "Summa per typ:" in out
    # 2 052.75 + 782.00 + 1 395.00 + 167.40 + 62.78 = 4 459.93 (hand arithmetic in the example)
    assert re.search(r"^  Summa +4 459,93 kr$", out, re.MULTILINE)
    assert "Ej ersatt (betalas inte; skälet står under raden):" in out


def test_check_json_is_the_contract() -> None:
    done = arvode("check", "--json", str(EXAMPLE))
    assert done.returncode == 0, done.stderr

    def no_float(text: str) -> None:
        raise AssertionError(f"float in JSON: {text}")

    data = json.loads(done.stdout, parse_float=no_float)
    assert list(data) == ["official", "period", "lines", "rejected", "totals"]
    assert (data["official"], data["period"]) == ("p-1042", "2025-03")
    for line in data["lines"]:
        assert {"type", "amount", "rule", "text"} <= set(line)
        assert AMOUNT.match(line["amount"])
    assert all(AMOUNT.match(v) for v in data["totals"].values())
    assert data["totals"]["total"] == "4459.93"


def test_check_several_claims_gives_a_json_list() -> None:
    done = arvode("check", "--json", str(EXAMPLE), str(EXAMPLES / "06-forrattningar.yaml"))
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [d["totals"]["total"] for d in data] == ["4459.93", "2248.25"]


def test_check_from_another_directory_uses_the_bundled_rules(tmp_path: Path) -> None:
    (tmp_path / "claim.yaml").write_text(
        "official: {id: p-7}\nperiod: 2025-03\nevents:\n"
        '  - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "13:00-13:45"}\n',
        encoding="utf-8",
    )
    done = arvode("check", "--json", "claim.yaml", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["total"] == "586.50"  # 45 min: 1/2 × 1173


def test_check_with_another_rules_folder(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    from arvode import bundled_rules_dir

    shutil.copytree(bundled_rules_dir(), rules)
    bilaga = rules / "bilaga1.yaml"
    text = bilaga.read_text(encoding="utf-8")
    old = '2025-01-01: {value: "1173",'
    assert old in text
    bilaga.write_text(text.replace(old, '2025-01-01: {value: "1000",', 1), encoding="utf-8")
    claim = tmp_path / "claim.yaml"
    claim.write_text(
        "official: {id: p-7}\nperiod: 2025-03\nevents:\n"
        '  - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00"}\n',
        encoding="utf-8",
    )
    done = arvode("check", "--json", "--rules", str(rules), str(claim))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["total"] == "1000.00"


def test_python_dash_m_arvode() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "arvode", "check", "--json", str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["totals"]["total"] == "4459.93"


# ---------------------------------------------------------------- bad input
GOOD = """\
official:
  id: p-1
  income: {hourly: "300.00"}
period: 2025-03
events:
  - date: 2025-03-12
    organ: socialnamnden
    kind: sammantrade
    called: "13:00-16:00"
    attended: "13:00-15:30"
    lost_income: {hours: "3"}
"""

BAD = [
    # (id, old, new, line, field, problem)
    (
        "unknown-organ",
        "organ: socialnamnden",
        "organ: pitea_hamn_ab",
        7,
        "events[0].organ",
        "okänt organ",
    ),
    ("unknown-kind", "kind: sammantrade", "kind: kick_off", 8, "events[0].kind", "okänd sammanträdestyp"),
    (
        "end-before-start",
        'attended: "13:00-15:30"',
        'attended: "15:30-13:00"',
        10,
        "events[0].attended",
        "sluttiden måste vara efter starttiden",
    ),
    (
        "negative-hours",
        '{hours: "3"}',
        '{hours: "-3"}',
        11,
        "events[0].lost_income.hours",
        "måste vara minst 0",
    ),
    (
        "float-money",
        '{hours: "3"}',
        "\n      amount: 310.5",
        12,
        "events[0].lost_income.amount",
        "310.5 är ett flyttal",
    ),
    (
        "malformed-yaml",
        '{hours: "3"}',
        '{hours: "3" amount: "900"}',
        11,
        "events[0].lost_income",
        "ogiltig YAML",
    ),
    (
        "python-tag",
        "  id: p-1",
        '  id: !!python/object/apply:os.system ["touch {marker}"]',
        2,
        "official.id",
        "osäker eller okänd YAML",
    ),
    ("huge-amount", '{hours: "3"}', '{amount: "99999999999999999999999999999999.00"}', 11,
     "events[0].lost_income.amount", "för stort"),
    ("exponent-hours", '{hours: "3"}', '{hours: "1e400"}', 11, "events[0].lost_income.hours", "utan exponent"),
    ("three-decimals", '{hours: "3"}', '{amount: "12.345"}', 11, "events[0].lost_income.amount",
     "fler än två decimaler"),
    ("huge-income", 'income: {hourly: "300.00"}', 'income: {hourly: "1e400"}', 3, "official.income.hourly",
     "utan exponent"),
    (
        "no-rules-in-force",
        "date: 2025-03-12",
        "date: 2024-12-31",
        6,
        "events[0].date",
        "inga regler gäller 2024-12-31",
    ),
]


@pytest.mark.parametrize(
    ("old", "new", "line", "field", "problem"), [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_bad_input_is_one_located_line_and_exit_2(
    tmp_path: Path, old: str, new: str, line: int, field: str, problem: str
) -> None:
    marker = tmp_path / "ran"
    claim = tmp_path / "claim.yaml"
    assert old in GOOD
    claim.write_text(GOOD.replace(old, new.replace("{marker}", str(marker)), 1), encoding="utf-8")
    done = arvode("check", "--json", str(claim))
    assert done.returncode == 2
    assert done.stdout == ""  # never a partial result
    assert "Traceback" not in done.stderr
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"{claim}:{line}: {field}: "), lines[0]
    assert problem in lines[0]
    assert not marker.exists()


def test_the_claim_before_the_rules_in_force_works_on_the_first_day(tmp_path: Path) -> None:
    claim = tmp_path / "claim.yaml"
    claim.write_text(GOOD.replace("date: 2025-03-12", "date: 2025-01-01"), encoding="utf-8")
    done = arvode("check", "--json", str(claim))
    assert done.returncode == 0, done.stderr
    # 3 h: 1/1 × 1173 = 1173.00; 3 × 300 = 900.00; 4.2: 4.5 % × 900 = 40.50
    assert json.loads(done.stdout)["totals"]["total"] == "2113.50"


def test_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "saknas.yaml"
    done = arvode("check", str(missing))
    assert done.returncode == 2
    assert done.stdout == ""
    # no line or field exists in a file that does not exist: file and problem
    assert done.stderr.splitlines() == [f"{missing}: filen finns inte"]


def test_one_bad_claim_among_several_prints_no_result(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(GOOD.replace("kind: sammantrade", "kind: fest"), encoding="utf-8")
    done = arvode("check", "--json", str(EXAMPLE), str(bad))
    assert done.returncode == 2
    assert done.stdout == ""
    # the engine's message names the key; the CLI adds where every key is listed (no key is near 'fest')
    (line,) = done.stderr.splitlines()
    assert line.startswith(f"{bad}:8: events[0].kind: ")
    assert "'fest'" in line
    assert line.endswith(" — arvode nycklar visar alla nycklar")


def test_a_rules_folder_that_does_not_exist(tmp_path: Path) -> None:
    done = arvode("check", "--rules", str(tmp_path / "nowhere"), str(EXAMPLE))
    assert done.returncode == 2
    assert done.stderr.splitlines() == [f"{tmp_path / 'nowhere'}: inte en mapp med regler"]
    assert "Traceback" not in done.stderr
