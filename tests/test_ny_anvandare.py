"""What a new user ran into on a first try (a fresh clone, the README, each kind of user).

Each test is one slip a person makes, answered with one Swedish line that says what to do;
the figures are the regulation's, computed by hand beside them.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import one_line
from starlette.testclient import TestClient

from arvode import parse_day
from arvode.web.app import create_app

ROOT = Path(__file__).resolve().parent.parent
ARVODE = Path(sys.executable).parent / "arvode"
EXAMPLES = ROOT / "examples"


def arvode(*args: str | Path, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"ARVODE_RULES", "ARVODE_LEDGER"}}
    return subprocess.run([str(ARVODE), *map(str, args)], capture_output=True, text=True, check=False,
                          cwd=cwd, env=env, timeout=120)


CLAIM = """\
official: {id: p-1, income: {hourly: "300"}}
period: 2025-03
events:
  - {date: 2025-03-12, organ: kommunfullmaktige, kind: sammantrade, called: "13:00-17:00"LOST}
"""


def claim(tmp_path: Path, text: str, name: str = "mars.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------------------ an official
def test_a_tab_in_the_indent_is_named_in_swedish(tmp_path: Path) -> None:
    text = "official:\n  id: p-1\nperiod: 2025-03\nevents:\n  - date: 2025-03-12\n    organ: kf\n\tkind: x\n"
    line = one_line(arvode("check", claim(tmp_path, text)))
    assert "tabbtecken i indraget" in line
    assert "while scanning" not in line


def test_a_decimal_comma_inside_braces_gets_a_hint(tmp_path: Path) -> None:
    line = one_line(arvode("check", claim(tmp_path, CLAIM.replace("LOST", ", lost_income: {hours: 4,5}"))))
    assert line.endswith('skriv det med punkt inom citattecken, t.ex. "4.5"')
    assert ":4: events[0].lost_income.5: okänt fält" in line


def test_a_folder_given_to_check_is_one_swedish_line(tmp_path: Path) -> None:
    line = one_line(arvode("check", ".", cwd=tmp_path))
    assert line == ".: kan inte läsas: är en mapp; ange en fil"


def test_a_csv_given_to_check_is_sent_to_payroll() -> None:
    line = one_line(arvode("check", EXAMPLES / "lonekorning" / "tidrapport-2025-03.csv"))
    assert "är en CSV-fil, inte en rapport" in line
    assert "arvode payroll" in line


def test_the_templates_placeholder_id_is_refused(tmp_path: Path) -> None:
    line = one_line(arvode("check", claim(tmp_path, CLAIM.replace("p-1", "DITT-ID").replace("LOST", ""))))
    assert "official.id: DITT-ID är mallens platshållare" in line


@pytest.mark.parametrize(("text", "problem"), [
    ("2026-13-01", "2026-13-01 finns inte i kalendern"),
    ("2025-02-29", "2025-02-29 finns inte i kalendern"),
    ("2025-3-1", "väntade ett datum ÅÅÅÅ-MM-DD, t.ex. 2025-03-12, fick '2025-3-1'"),
])
def test_a_date_that_is_not_one_says_so_in_swedish(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        parse_day(text)
    assert problem in one_line(arvode("bilaga", "--date", text))


def test_a_leap_day_is_a_day() -> None:
    assert parse_day("2024-02-29") == dt.date(2024, 2, 29)


# ------------------------------------------------------------------------ KSAPU
def test_a_folder_that_is_no_rules_set_is_one_line(tmp_path: Path) -> None:
    claim(tmp_path, CLAIM.replace("LOST", ""))
    for args in (("rules", "check", tmp_path), ("check", "--rules", tmp_path, EXAMPLES / "01-ledamot-dagstak.yaml")):
        done = arvode(*args)
        assert done.returncode == 2
        assert f"{tmp_path}: är ingen regelsamling" in done.stdout + done.stderr
        assert "parameters." not in done.stdout + done.stderr


def test_bilaga_before_a_sets_first_day_names_the_set() -> None:
    line = one_line(arvode("bilaga", "--rules", "monsteras", "--date", "2010-01-01"))
    assert line.endswith("inga regler gäller 2010-01-01: regelsamlingen Mönsterås kommun gäller från 2021-01-01")


# ------------------------------------------------------------------------ payroll
def test_nothing_to_pay_writes_no_file_without_a_record_either(tmp_path: Path) -> None:
    out = tmp_path / "lon.csv"
    done = arvode("payroll", "--no-ledger", "--month", "2025-03", EXAMPLES / "19-foraldraledighet-niva2.yaml",
                  "--out", out)  # an April claim: nothing for March
    assert done.returncode == 0, done.stderr
    assert "Inget att betala för 2025-03" in done.stdout
    assert not out.exists()


def test_the_summary_names_the_earlier_months_a_run_pays(tmp_path: Path) -> None:
    ledger = tmp_path / "l.sqlite"
    assert arvode("record", "init", ledger).returncode == 0
    out = tmp_path / "lon.csv"
    # a February claim paid in the March run: 2.3.6/2.3.2 include two events (0,00), the rest is paid
    done = arvode("payroll", "--ledger", ledger, "--month", "2025-03", EXAMPLES / "11-sarskilt-beslut-ks-2025-43.yaml",
                  "--out", out)
    assert done.returncode == 0, done.stderr
    assert "Med rapporter för tidigare månader: 2025-02" in done.stdout
    with out.open(encoding="utf-8") as handle:
        assert {row["period"] for row in csv.DictReader(handle)} == {"2025-02"}


# ------------------------------------------------------------------------ the web API
def test_the_api_suggests_the_key_and_explains_json_in_swedish() -> None:
    client = TestClient(create_app())
    answer = client.post("/api/v1/check", json={"official": {"id": "p-1"}, "period": "2025-03", "events": [
        {"date": "2025-03-12", "organ": "socialnämnden", "kind": "sammantrade", "called": "09:00-12:00"}]})
    assert answer.status_code == 422
    [error] = answer.json()["errors"]
    assert error["field"] == "events[0].organ"
    assert error["message"].endswith("menade du socialnamnden (Socialnämnden)?")
    broken = client.post("/api/v1/check", content=b'{"official": 1 "period": 2}',
                         headers={"content-type": "application/json"})
    assert broken.status_code == 422
    assert broken.json()["errors"][0]["message"] == (
        "förfrågans innehåll är inte JSON: väntade ',' mellan två värden (rad 1, kolumn 16)")
    day = client.get("/api/v1/bilaga?date=2026-13-01")
    assert day.status_code == 422
    assert day.json()["errors"][0]["message"] == "2026-13-01 finns inte i kalendern"


def test_nycklar_tells_what_a_set_does_not_give_before_a_claim_is_refused() -> None:
    done = arvode("nycklar", "--rules", "umea")
    assert done.returncode == 0, done.stderr
    assert "Det här ger regelsamlingen inte (luckor)" in done.stdout
    assert "maxbelopp" in done.stdout.split("(luckor)", 1)[1]
    pitea = arvode("nycklar")
    assert "timkostnad_barntillsyn" in pitea.stdout.split("(luckor)", 1)[1]


def test_a_missing_value_names_the_field_that_needs_it(tmp_path: Path) -> None:
    # Mönsterås's sources give no travel rules (lucka): the refusal points at travel, not at the date
    text = ("official: {id: m-1, home_distance_km: 30}\nperiod: 2021-06\nevents:\n"
            '  - {date: 2021-06-15, organ: kommunstyrelsen, kind: sammantrade, called: "09:00-11:00", '
            "travel: {km: 40}}\n")
    line = one_line(arvode("check", "--rules", "monsteras", claim(tmp_path, text)))
    assert ":4: events[0].travel: regelsamlingen monsteras ger inget värde för reseersattning" in line


def test_the_bilaga_api_compares_with_another_date() -> None:
    client = TestClient(create_app())
    answer = client.get("/api/v1/bilaga", params={"date": "2025-03-01", "compare": "2025-01-01"})
    assert answer.status_code == 200
    data = answer.json()
    assert data["date"] == "2025-03-01"
    assert data["compare"]["date"] == "2025-01-01"
    # Bilaga 1 from 2025-01-01: sammanträdesersättning 1 173 on both dates
    amounts = {a["name"]: a["value"] for a in data["compare"]["amounts"]}
    assert amounts["sammantradesersattning"] == "1173"
    wrong = client.get("/api/v1/bilaga", params={"date": "2025-03-01", "compare": "2025-02-30"})
    assert wrong.status_code == 422
    assert wrong.json()["errors"] == [{"field": "compare", "message": "2025-02-30 finns inte i kalendern"}]
