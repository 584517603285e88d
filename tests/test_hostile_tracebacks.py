"""Every failure is one located line and exit status 2, never a traceback (issue #11, item 6).

Each case raised a traceback or an unlocated message before: a month or a year
outside the calendar, a CSV saved by Excel as Windows-1252 or UTF-16, NUL bytes,
a header of 100 000 columns (quadratic), a corrupt or foreign record.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
from cli_helpers import one_line

ARVODE = Path(sys.executable).parent / "arvode"
EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "12-ordforande-avgar.yaml"
HEAD = "official_id;period;date;organ;kind;called;official_name\n"


def arvode(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ARVODE), *map(str, args)], capture_output=True, text=True, check=False, timeout=60)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("year", EXAMPLE, "--year", "-1"), "--year: väntade ett år"),
        (("year", EXAMPLE, "--year", "99999"), "utanför 1900–2200"),
        (("pension", "--year", "0", EXAMPLE), "utanför 1900–2200"),
        (("payroll", "--month", "0000-01", "--no-ledger", EXAMPLE), "--month"),
        (("payroll", "--month", "9999-12", "--no-ledger", EXAMPLE), "utanför 1900–2200"),
        (("bilaga", "--date", "9999-12-31"), "--date"),
        (("aterbetalning", "100", "--from", "9999-12"), "--from"),
        (("aterbetalning", "1e5"), "exponent"),
        (("payroll",), "--month"),
        (("check",), "RAPPORT.yaml"),
    ],
)
def test_arguments_outside_what_can_be_computed(args: tuple[str | Path, ...], expected: str) -> None:
    assert expected in one_line(arvode(*args))


def test_a_claim_period_or_date_outside_the_calendar(tmp_path: Path) -> None:
    claim = tmp_path / "far.yaml"
    claim.write_text('official: {id: p-1}\nperiod: 2025-03\nevents:\n  - {date: 9999-12-31, organ: kommunfullmaktige,'
                     ' kind: sammantrade, called: "13:00-17:00"}\n', encoding="utf-8")
    assert one_line(arvode("check", claim)).startswith(f"{claim}:4: events[0].date: år 9999")
    claim.write_text("official: {id: p-1}\nperiod: 9999-12\nevents: []\n", encoding="utf-8")
    assert one_line(arvode("check", claim)).startswith(f"{claim}:2: period:")


def test_a_windows_1252_csv_is_refused_with_its_line_and_read_when_named(tmp_path: Path) -> None:
    path = tmp_path / "tidrapport.csv"
    path.write_bytes((HEAD + "p-1;2025-03;2025-03-12;socialnamnden;sammantrade;13:00-17:00;Åsa Öberg\n")
                     .encode("cp1252"))
    line = one_line(arvode("payroll", "--month", "2025-03", "--no-ledger", path))
    assert line.startswith(f"{path}:2: filen är inte UTF-8 (byte 0xC5)")
    assert "Windows-1252" in line
    assert "--encoding cp1252" in line
    done = arvode("payroll", "--month", "2025-03", "--no-ledger", "--encoding", "cp1252", path)
    assert done.returncode == 0, done.stderr
    assert "summa 1 173,00 kr" in done.stdout


def test_a_utf16_csv_from_excel_is_read(tmp_path: Path) -> None:
    path = tmp_path / "tidrapport.csv"
    path.write_bytes((HEAD + "p-1;2025-03;2025-03-12;socialnamnden;sammantrade;13:00-17:00;Åsa Öberg\n")
                     .encode("utf-16"))
    done = arvode("payroll", "--month", "2025-03", "--no-ledger", path)
    assert done.returncode == 0, done.stderr
    assert "summa 1 173,00 kr" in done.stdout


def test_nul_bytes_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "tidrapport.csv"
    path.write_text(HEAD + "p-1;2025-03;2025-03-12;socialnamnden;sammantrade;13:00-17:00;Å\x00sa\n",
                    encoding="utf-8")
    assert one_line(arvode("payroll", "--month", "2025-03", "--no-ledger", path)).startswith(
        f"{path}:2: filen innehåller en NUL-byte")


def test_a_header_of_100000_columns_is_refused_at_once(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_text(",".join(f"c{i}" for i in range(100_000)) + "\n", encoding="utf-8")
    started = time.perf_counter()
    line = one_line(arvode("payroll", "--month", "2025-03", "--no-ledger", path))
    assert time.perf_counter() - started < 5
    assert line.startswith(f"{path}:1: 100000 kolumner")


def test_an_unknown_encoding_is_one_line(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text(HEAD, encoding="utf-8")
    assert "okänd teckenkodning" in one_line(arvode("payroll", "--month", "2025-03", "--no-ledger",
                                                    "--encoding", "klingon", path))


def test_swedish_excel_decimal_commas_are_read(tmp_path: Path) -> None:
    path = tmp_path / "tidrapport.csv"
    path.write_text("official_id;period;date;organ;kind;called;lost_hours;income_hourly\n"
                    "p-1;2025-03;2025-03-12;socialnamnden;sammantrade;13:00-17:00;2,5;310,50\n", encoding="utf-8")
    done = arvode("payroll", "--month", "2025-03", "--no-ledger", path)
    assert done.returncode == 0, done.stderr
    # 1 173 + 2,5 × 310,50 = 776,25 + 4,5 % × 776,25 = 34,93125 → 34,93: 1 984,18
    assert "summa 1 984,18 kr" in done.stdout


@pytest.mark.parametrize(("cell", "problem"), [
    ("²", "väntade ett heltal, fick texten '²'"),
    ("١", "väntade ett heltal, fick texten '١'"),
    ("9" * 5000, "väntade ett heltal, fick texten '999"),
    ("9" * 20, "99999999999999999999 är för stort"),
], ids=["superscript-two", "arabic-indic-one", "5000-digits", "20-digits"])
def test_a_whole_number_cell_that_only_looks_like_digits(tmp_path: Path, cell: str, problem: str) -> None:
    # Found by the fuzz (test_hostile_fuzz.py): str.isdigit() passed "²" to int(), a traceback; it
    # read "١" as 1, where a claim file refuses it; 5 000 nines passed int()'s 4 300-digit limit.
    path = tmp_path / "tidrapport.csv"
    path.write_text(HEAD.replace("\n", ";lost_vacation_days\n")
                    + f"p-1;2025-03;2025-03-12;socialnamnden;sammantrade;13:00-17:00;Åsa;{cell}\n", encoding="utf-8")
    line = one_line(arvode("payroll", "--month", "2025-03", "--no-ledger", path))
    assert line.startswith(f"{path}:2: lost_vacation_days: {problem}")


@pytest.mark.parametrize("encoding", ["punycode", "undefined"])
def test_a_codec_that_fails_without_a_position_is_one_line(tmp_path: Path, encoding: str) -> None:
    # Found by the fuzz: these codecs raise UnicodeError, not UnicodeDecodeError: a traceback.
    path = tmp_path / "t.csv"
    path.write_text(HEAD + "p-1;2025-03;2025-03-12;socialnamnden;sammantrade;13:00-17:00;Asa\n", encoding="ascii")
    assert one_line(arvode("payroll", "--month", "2025-03", "--no-ledger", "--encoding", encoding, path)) == (
        f"{path}: filen kan inte läsas som {encoding} (eller ange teckenkodningen, t.ex. --encoding cp1252)")


@pytest.mark.parametrize("args", [
    ("check", "{long}"), ("check", "--rules", "{long}", EXAMPLE), ("specifikation", EXAMPLE, "--html", "{long}"),
    ("payroll", "--month", "2025-03", "--no-ledger", "{long}"),
    ("payroll", "--month", "2025-03", "--no-ledger", EXAMPLE, "--out", "{long}"),
    ("payroll", "--month", "2025-03", "--ledger", "{long}", EXAMPLE), ("rules", "check", "{long}"),
    ("exempel", "--till", "{long}"), ("testfall", "{long}"),
], ids=["check", "rules", "html", "input", "out", "ledger", "rules-check", "exempel", "testfall"])
def test_a_path_too_long_for_the_file_system_is_one_line(args: tuple[str | Path, ...]) -> None:
    # Found by the fuzz: Path.is_dir() and friends raise ENAMETOOLONG, which was a traceback.
    long = "x" * 5000
    line = one_line(arvode(*(long if a == "{long}" else a for a in args)))
    assert line.startswith(f"{long}: ")


@pytest.mark.parametrize(("args", "expected"), [
    (("payroll", "--month", "2025-03", "--no-ledger", ""), '"": tom sökväg: ange en fil eller en mapp'),
    (("check", "--rules", "", EXAMPLE), '"": tom regelmapp: ange en mapp eller en medföljande regelsamling'),
    (("rules", "check", ""), '"": tom regelmapp'),
], ids=["payroll-input", "rules", "rules-check"])
def test_an_empty_path_is_not_the_working_folder(tmp_path: Path, args: tuple[str | Path, ...],
                                                expected: str) -> None:
    # Found by the fuzz: Path("") is ".", so an unset "$MAPP" imported every file under the working
    # folder into the payroll run (and the record), and an unset "$REGLER" read its YAML as rules.
    (tmp_path / "tidrapport.csv").write_text(HEAD + "p-1;2025-03;2025-03-12;socialnamnden;sammantrade;13:00-17:00;A\n",
                                           encoding="utf-8")
    done = subprocess.run([str(ARVODE), *map(str, args)], capture_output=True, text=True, check=False, timeout=60,
                          cwd=tmp_path)
    assert one_line(done).startswith(expected)
