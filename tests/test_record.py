"""The payroll record (issue #10): nothing paid twice, nothing taken back by mistake.

Each test names the defect it guards against; every one of them failed on the
ledger that computed a month from whatever files were on the command line.
Concurrency and kills use real processes through the installed ``arvode``.
"""

from __future__ import annotations

import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import unicodedata
import xml.dom.minidom
from decimal import Decimal
from pathlib import Path

import pytest

from arvode import Rules
from arvode.claims.batch import load_batch
from arvode.output.export import Export, ExportError
from arvode.payroll.record import Record, RecordError
from arvode.payroll.run import run_payroll

ARVODE = Path(sys.executable).parent / "arvode"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def arvode(*args: str | Path, cwd: Path | None = None, env: dict[str, str] | None = None,
           timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ARVODE), *map(str, args)], capture_output=True, text=True, check=False,
                          cwd=cwd, env=env, timeout=timeout)


def rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))


def total(path: Path) -> Decimal:
    return sum((Decimal(r["amount"]) for r in rows(path)), Decimal(0))


MARCH = """\
official: {id: p-1, income: {hourly: "300"}}
period: 2025-03
events:
  - {date: 2025-03-12, organ: kommunfullmaktige, kind: sammantrade, called: "13:00-17:00", lost_income: {amount: "3000.00"}}
"""
# 1 173 (2.2.1) + 3 000 (2.2.2, under 1/1 × 3 360) + 4,5 % × 3 000 = 135 (4.2): 4 308,00


def record_at(path: Path) -> Path:
    Record.create(path).close()
    return path


# ---------------------------------------------------------------- finding and opening the record
def test_payroll_without_a_record_is_refused_not_started_afresh(tmp_path: Path) -> None:
    claim = write(tmp_path, "m.yaml", MARCH)
    env = {k: v for k, v in os.environ.items() if k != "ARVODE_LEDGER"}
    done = arvode("payroll", "--month", "2025-03", claim, cwd=tmp_path, env=env)
    assert done.returncode == 2
    assert "ingen liggare angiven" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.glob("*.sqlite"))  # nothing was created behind the operator's back


@pytest.mark.parametrize("kind", ["empty", "foreign", "garbage", "other-schema", "missing"])
def test_a_file_that_is_not_a_record_is_refused(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "liggare.sqlite"
    if kind == "empty":
        path.write_bytes(b"")  # a failed restore
    elif kind == "foreign":
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE t (x)")
        db.commit()
        db.close()
    elif kind == "garbage":
        path.write_bytes(os.urandom(8192))
    elif kind == "other-schema":
        Record.create(path).close()
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 99")
        db.close()
    before = path.read_bytes() if path.exists() else None
    claim = write(tmp_path, "m.yaml", MARCH)
    done = arvode("payroll", "--month", "2025-03", claim, "--ledger", path)
    assert done.returncode == 2, done.stdout
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith(f"{path}: ")
    assert "Traceback" not in done.stderr
    assert (path.read_bytes() if path.exists() else None) == before  # never silently replaced


def test_the_record_is_found_by_config_file_or_environment_and_named(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "liggare.sqlite")
    claim = write(tmp_path, "m.yaml", MARCH)
    (tmp_path / "arvode.toml").write_text('record = "liggare.sqlite"\n', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "ARVODE_LEDGER"}
    done = arvode("payroll", "--month", "2025-03", claim, cwd=tmp_path, env=env)
    assert done.returncode == 0, done.stderr
    assert f"Liggare: {ledger} (från {tmp_path / 'arvode.toml'})" in done.stdout
    elsewhere = tmp_path / "annan"
    elsewhere.mkdir()
    done = arvode("payroll", "--month", "2025-03", claim, cwd=elsewhere, env={**env, "ARVODE_LEDGER": str(ledger)})
    assert done.returncode == 0, done.stderr
    assert "miljövariabeln ARVODE_LEDGER" in done.stdout
    assert "Inget att betala: 2025-03 är redan betald i körning 1" in done.stdout


def test_record_init_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "l.sqlite"
    assert arvode("record", "init", path).returncode == 0
    again = arvode("record", "init", path)
    assert again.returncode == 2
    assert "finns redan" in again.stderr


def test_a_record_that_cannot_be_written_is_one_line(tmp_path: Path, rules: Rules) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    batch = load_batch([write(tmp_path, "m.yaml", MARCH)], rules)
    record = Record(ledger)
    record._db.close()
    record._db = sqlite3.connect(f"{ledger.absolute().as_uri()}?mode=ro", uri=True, isolation_level=None)
    with pytest.raises(RecordError, match="kan inte skriva till liggaren"):
        run_payroll(batch, rules, "2025-03", record)
    record.close()


# ---------------------------------------------------------------- concurrency
def _many(folder: Path, officials: int = 300) -> list[Path]:
    lines = ["official_id,period,date,organ,kind,called,lost_hours,income_hourly"]
    for n in range(officials):
        for day in (3, 10, 17):
            lines.append(f"p-{n},2025-03,2025-03-{day:02d},socialnamnden,sammantrade,09:00-12:00,3,250")
    events = folder / "tidrapport.csv"
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    register = write(folder, "register.yaml", "officials:\n" + "".join(
        f"  - official: {{id: r-{n}, assignments: [{{role: revisionen.revisor, from: 2024-01-01}}]}}\n"
        for n in range(40)))
    return [events, register]


def test_two_runs_started_together_never_pay_twice(tmp_path: Path) -> None:
    inputs = _many(tmp_path)
    # Each official: 3 × (1 173 + 3 h × 250 = 750 + 4,5 % × 750 = 33,75) = 5 870,25; 300 officials.
    # Each revisor 3,5 % × 1 002 100 = 35 073,50 / 12 = 2 922,79 (March, not December).
    expected = 300 * Decimal("5870.25") + 40 * Decimal("2922.79")
    for trial in range(8):
        ledger = record_at(tmp_path / f"l{trial}.sqlite")
        args = [str(ARVODE), "payroll", "--month", "2025-03", *map(str, inputs), "--ledger", str(ledger),
                "--quiet"]
        procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for _ in range(2)]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
        with Record(ledger) as record:
            runs = record.runs()
            assert [r.total for r in runs] == [expected], f"trial {trial}: {runs}"
            assert sum(Decimal(o) / 100 for (o,) in record._db.execute("SELECT amount_ore FROM booked")) == expected
            assert record.open_debts() == []


# ---------------------------------------------------------------- inputs left out, replaced, repeated
def test_an_input_left_out_of_a_later_run_changes_nothing(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    march = write(tmp_path, "p1-mars.yaml", MARCH)
    register = write(tmp_path, "register.yaml", """\
        officials:
          - official: {id: p-2, assignments: [{role: kultur_och_fritidsnamnden.ordforande, from: 2023-01-01}]}
    """)
    events = tmp_path / "mars.csv"
    events.write_text("official_id,period,date,organ,kind,called\n"
                      "p-3,2025-03,2025-03-12,socialnamnden,sammantrade,13:00-17:00\n", encoding="utf-8")
    assert arvode("payroll", "--month", "2025-03", march, register, events, "--ledger", ledger).returncode == 0
    april = write(tmp_path, "p1-april.yaml", MARCH.replace("2025-03", "2025-04"))
    out = tmp_path / "april.csv"
    done = arvode("payroll", "--month", "2025-04", april, "--ledger", ledger, "--out", out)
    assert done.returncode == 0, done.stderr
    # Only April is paid: p-1's April claim (4 308,00) and p-2's twelfth (22 % × 1 002 100 / 12 = 18 371,83).
    # March's claim file and CSV were left out: no correction of March, no recovery plan.
    assert {r["kind"] for r in rows(out)} == {"betalning"}
    assert {r["period"] for r in rows(out)} == {"2025-04"}
    assert total(out) == Decimal("4308.00") + Decimal("18371.83")
    with Record(ledger) as record:
        assert record.open_debts() == []


def test_a_new_version_of_a_claim_replaces_the_old_and_is_corrected(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    march = write(tmp_path, "p1-mars.yaml", MARCH)
    assert arvode("payroll", "--month", "2025-03", march, "--ledger", ledger).returncode == 0
    # the corrected claim, under another file name: the lost income was 2 000, not 3 000
    fixed = write(tmp_path, "p1-mars-rattad.yaml", MARCH.replace('"3000.00"', '"2000.00"'))
    out = tmp_path / "april.csv"
    done = arvode("payroll", "--month", "2025-04", fixed, "--ledger", ledger, "--out", out,
                  "--aterkrav-manader", "1")
    assert done.returncode == 0, done.stderr
    assert "ny version (ersätter version 1)" in done.stdout
    # 2.2.2: 2 000 − 3 000 = −1 000; 4.2: 4,5 % × 2 000 = 90 − 135 = −45
    assert sorted((r["type"], r["amount"]) for r in rows(out)) == [
        ("forlorad_arbetsinkomst", "-1000.00"), ("forlorad_pensionsforman", "-45.00")]


def test_the_same_export_saved_under_two_names_is_paid_once(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    text = ("official_id,period,date,organ,kind,called\n"
            "p-3,2025-03,2025-03-12,socialnamnden,sammantrade,13:00-17:00\n")
    first = tmp_path / "tidrapport.csv"
    second = tmp_path / "tidrapport (1).csv"
    first.write_text(text, encoding="utf-8")
    second.write_text(text, encoding="utf-8")
    both = arvode("payroll", "--month", "2025-03", first, second, "--ledger", ledger)
    assert both.returncode == 2
    assert "samma innehåll som" in both.stderr
    assert arvode("payroll", "--month", "2025-03", first, "--ledger", ledger).returncode == 0
    out = tmp_path / "april.csv"
    again = arvode("payroll", "--month", "2025-04", second, "--ledger", ledger, "--out", out)
    assert again.returncode == 0, again.stderr
    assert "samma fil" in again.stdout
    assert not out.exists()  # nothing to pay in April: no file
    # Same rows in a file that differs (another official's row added): the unit is recognised.
    third = tmp_path / "tidrapport-igen.csv"
    third.write_text(text + "p-4,2025-03,2025-03-13,socialnamnden,sammantrade,13:00-14:00\n", encoding="utf-8")
    done = arvode("payroll", "--month", "2025-04", third, "--ledger", ledger, "--out", out)
    assert done.returncode == 0, done.stderr
    assert "p-3 2025-03: samma innehåll" in done.stdout
    # only p-4's late March meeting is new: 60 min is "upp till 1 timme", ½ × 1 173 = 586,50
    assert [(r["official"], r["period"], r["amount"]) for r in rows(out)] == [("p-4", "2025-03", "586.50")]


def test_an_event_repeated_in_the_next_months_claim_is_paid_once(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    assert arvode("payroll", "--month", "2025-03", write(tmp_path, "mars.yaml", MARCH), "--ledger", ledger).returncode == 0
    april = write(tmp_path, "april.yaml", """\
        official: {id: p-1, income: {hourly: "300"}}
        period: 2025-04
        events:
          - {date: 2025-03-12, organ: kommunfullmaktige, kind: sammantrade, called: "13:00-17:00", lost_income: {amount: "3000.00"}}
          - {date: 2025-04-09, organ: kommunfullmaktige, kind: sammantrade, called: "13:00-14:00"}
    """)
    out = tmp_path / "april.csv"
    done = arvode("payroll", "--month", "2025-04", april, "--ledger", ledger, "--out", out)
    assert done.returncode == 0, done.stderr
    # Only the new meeting: 1 h is up to 1 hour → ½ × 1 173 = 586,50
    assert total(out) == Decimal("586.50")
    assert "samma händelse finns redan i" in done.stdout
    assert f"{tmp_path / 'mars.yaml'}:4" in done.stdout  # the event's line in March's claim


# ---------------------------------------------------------------- look-alike ids
@pytest.mark.parametrize(
    ("first", "second", "problem"),
    [
        ("p-1", "P-1", "liknar"),
        ("p-1", "ｐ-1", "liknar"),  # fullwidth p
        ("p-1", "p-1\u200b", "osynligt tecken"),  # trailing zero-width space
        ("p-1", "p-\u00001", "NUL-byte"),
    ],
    ids=["case", "fullwidth", "zero-width-space", "nul"],
)
def test_look_alike_ids_are_refused(tmp_path: Path, first: str, second: str, problem: str) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    a = tmp_path / "a.csv"
    b = tmp_path / "b.csv"
    a.write_text(f"official_id,period,date,organ,kind,called\n{first},2025-03,2025-03-12,socialnamnden,sammantrade,"
                 "13:00-17:00\n", encoding="utf-8")
    b.write_text(f"official_id,period,date,organ,kind,called\n{second},2025-03,2025-03-13,socialnamnden,sammantrade,"
                 "13:00-17:00\n", encoding="utf-8")
    together = arvode("payroll", "--month", "2025-03", a, b, "--ledger", ledger)
    assert together.returncode == 2
    assert problem in together.stderr
    assert len(together.stderr.strip().splitlines()) == 1
    assert arvode("payroll", "--month", "2025-03", a, "--ledger", ledger).returncode == 0
    later = arvode("payroll", "--month", "2025-04", b, "--ledger", ledger)
    assert later.returncode == 2
    assert problem in later.stderr
    if problem == "liknar":
        assert f"{a}:2" in later.stderr  # where the record has the first spelling
        assert f"{b}:2" in later.stderr  # and where the second stands


def test_nfc_and_nfd_spellings_are_one_official(tmp_path: Path, rules: Rules) -> None:
    composed = unicodedata.normalize("NFC", "på-1")
    decomposed = unicodedata.normalize("NFD", "på-1")
    assert composed != decomposed
    claim = write(tmp_path, "r.yaml", f"""\
        officials:
          - official: {{id: {decomposed}, assignments: [{{role: revisionen.revisor, from: 2024-01-01}}]}}
    """)
    events = tmp_path / "e.csv"
    events.write_text(f"official_id,period,date,organ,kind,called\n{composed},2025-03,2025-03-12,revisionen,"
                      "revision,13:00-17:00\n", encoding="utf-8")
    run = run_payroll(load_batch([claim, events], rules), rules, "2025-03")
    assert [r.official for r in run.results] == [composed]  # one official, not two
    # The revisor's revision meeting is included in nivå 4's årsarvode? No: nivå 4 includes
    # överläggning, presidiemöte, protokolljustering only, so the meeting pays 1/1 × 1 173.
    assert sum((l.amount for l in run.lines if l.type == "sammantradesersattning"), Decimal(0)) == Decimal("1173.00")


# ---------------------------------------------------------------- caps across claims
def test_a_late_event_gets_what_is_left_of_its_days_caps(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    assert arvode("payroll", "--month", "2025-03", write(tmp_path, "mars.yaml", MARCH), "--ledger", ledger).returncode == 0
    april = write(tmp_path, "april.yaml", """\
        official: {id: p-1, income: {hourly: "300"}}
        period: 2025-04
        events:
          - {date: 2025-03-12, organ: socialnamnden, kind: sammantrade, called: "08:00-11:00",
             lost_income: {amount: "1000.00"}, reported: 2025-04-02}
    """)
    out = tmp_path / "april.csv"
    done = arvode("payroll", "--month", "2025-04", april, "--ledger", ledger, "--out", out)
    assert done.returncode == 0, done.stderr
    paid = {r["type"]: r for r in rows(out)}
    # 2.2.1: KF already got the day's whole 1 173 in March: 0,00 left.
    assert paid["sammantradesersattning"]["amount"] == "0.00"
    assert ("1 173,00 kr redan ersatt denna dag (varav 1 173,00 kr i rapporten för 2025-03)"
            in paid["sammantradesersattning"]["text"])
    # 2.2.2: maxbelopp 3 360 per day, 3 000 paid in March: 360 left of the 1 000 claimed.
    assert paid["forlorad_arbetsinkomst"]["amount"] == "360.00"
    assert "3 000,00 kr redan ersatt denna dag (varav 3 000,00 kr i rapporten för 2025-03)" in paid[
        "forlorad_arbetsinkomst"]["text"]
    # 4.2: 4,5 % × 360 = 16,20
    assert paid["forlorad_pensionsforman"]["amount"] == "16.20"
    assert {r["kind"] for r in rows(out)} == {"betalning"}  # March is not touched


def test_one_partigruppmote_per_kf_sammantrade_across_claims(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    march = write(tmp_path, "mars.yaml", """\
        official: {id: p-5}
        period: 2025-03
        events:
          - {date: 2025-03-20, organ: kommunfullmaktige, kind: partigruppmote, attended: "18:00-19:00", for_meeting: 2025-03-24}
    """)
    assert arvode("payroll", "--month", "2025-03", march, "--ledger", ledger).returncode == 0
    april = write(tmp_path, "april.yaml", """\
        official: {id: p-5}
        period: 2025-04
        events:
          - {date: 2025-03-21, organ: kommunfullmaktige, kind: partigruppmote, attended: "18:00-19:00",
             for_meeting: 2025-03-24, reported: 2025-04-01}
    """)
    done = arvode("payroll", "--month", "2025-04", april, "--ledger", ledger)
    assert done.returncode == 0, done.stderr
    assert "Inget att betala" in done.stdout
    with Record(ledger) as record:
        assert record.last_run_of("2025-04") is None


def test_a_substitutes_tillfalligt_arvode_is_checked_against_recorded_absences(tmp_path: Path, rules: Rules) -> None:
    register = write(tmp_path, "register.yaml", """\
        officials:
          - official:
              id: p-9
              assignments: [{role: kultur_och_fritidsnamnden.ordforande, from: 2023-01-01}]
              absences: [{from: 2025-03-01, to: 2025-04-15, reason: sjukdom}]
          - official:
              id: p-8
              assignments: [{role: miljo_och_tillsynsnamnden.ordforande, from: 2023-01-01}]
          - official:
              id: s-1
              assignments: [{role: kultur_och_fritidsnamnden.ordforande, from: 2025-03-01, to: 2025-04-15, acting_for: p-9}]
          - official:
              id: s-2
              assignments: [{role: miljo_och_tillsynsnamnden.ordforande, from: 2025-03-01, acting_for: p-8}]
          - official:
              id: s-3
              assignments: [{role: miljo_och_tillsynsnamnden.ordforande, from: 2025-03-01, acting_for: p-77}]
    """)
    with Record.create(tmp_path / "l.sqlite") as record:
        run = run_payroll(load_batch([register], rules), rules, "2025-03", record)
    by = {r.official: r for r in run.results}
    # s-1: p-9 is absent 46 days (> 30): paid, 22 % × 1 002 100 / 12 = 18 371,83
    assert by["s-1"].total == Decimal("18371.83")
    assert "kontrollerat: p-9 är frånvarande mer än 30 dagar" in by["s-1"].lines[0].text
    # s-2: p-8 has no recorded absence: nothing, and the line says why
    assert by["s-2"].total == Decimal("0")
    assert "ingen frånvaro över 30 dagar registrerad för p-8" in by["s-2"].lines[0].text
    # s-3: p-77 is not in the record: paid (17 % × 1 002 100 / 12 = 14 196,42), said to be unchecked
    assert by["s-3"].total == Decimal("14196.42")
    assert "kunde inte kontrolleras: p-77 finns inte i liggaren" in by["s-3"].lines[0].text


# ---------------------------------------------------------------- exports
@pytest.mark.parametrize("target", ["folder", "no-folder", "record", "input"])
def test_unsafe_output_paths_are_refused_before_anything_is_booked(tmp_path: Path, target: str) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    claim = write(tmp_path, "m.yaml", MARCH)
    out = {"folder": tmp_path, "no-folder": tmp_path / "saknas" / "lon.csv", "record": ledger,
           "input": claim}[target]
    done = arvode("payroll", "--month", "2025-03", claim, "--ledger", ledger, "--out", out)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    with Record(ledger) as record:
        assert record.runs() == []
    assert claim.read_text(encoding="utf-8") == MARCH


def test_exports_get_the_usual_file_mode(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    out = tmp_path / "lon.csv"
    done = subprocess.run([str(ARVODE), "payroll", "--month", "2025-03", str(write(tmp_path, "m.yaml", MARCH)),
                           "--ledger", str(ledger), "--out", str(out)], capture_output=True, text=True,
                          check=False, preexec_fn=lambda: os.umask(0o022))
    assert done.returncode == 0, done.stderr
    assert out.stat().st_mode & 0o777 == 0o644


def test_a_failed_write_books_nothing(tmp_path: Path, rules: Rules, monkeypatch: pytest.MonkeyPatch) -> None:
    """A full disk while writing the export: the run is not booked (the files come first)."""
    batch = load_batch([write(tmp_path, "m.yaml", MARCH)], rules)

    def full(_fd: int) -> None:
        raise OSError(28, "No space left on device")

    with Record.create(tmp_path / "l.sqlite") as record:
        monkeypatch.setattr(os, "fsync", full)
        with pytest.raises(ExportError, match="No space left on device"):
            run_payroll(batch, rules, "2025-03", record, exports=[Export("csv", tmp_path / "lon.csv")])
        monkeypatch.undo()
        assert record.runs() == []
        assert record.units() == []
    assert not list(tmp_path.glob(".lon.csv*"))


def test_dry_run_writes_the_files_and_books_nothing(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    out = tmp_path / "forhands.csv"
    done = arvode("payroll", "--month", "2025-03", write(tmp_path, "m.yaml", MARCH), "--ledger", ledger,
                  "--out", out, "--dry-run")
    assert done.returncode == 0, done.stderr
    assert "förhandsgranskning: inget är bokfört" in done.stdout
    assert total(out) == Decimal("4308.00")
    with Record(ledger) as record:
        assert record.runs() == []
        assert record.units() == []


_KILL_AT = {
    # Die at a moment of the run: before the commit, between commit and rename, after the rename.
    "before-commit": "arvode.payroll.record.Record.finish_run",
    "after-commit": "arvode.payroll.run.finish",
    "after-rename": "arvode.payroll.record.Record.mark_exported",
}


def _killed_run(args: list[str], point: str) -> subprocess.CompletedProcess[str]:
    module, _, name = _KILL_AT[point].rpartition(".")
    owner_module, _, owner = module.rpartition(".") if module.endswith("Record") else (module, "", "")
    script = textwrap.dedent(f"""
        import importlib, os, signal, sys
        def die(*a, **k):
            os.kill(os.getpid(), signal.SIGKILL)
        target = importlib.import_module({(owner_module if owner else module)!r})
        {"target = getattr(target, " + repr(owner) + ")" if owner else ""}
        setattr(target, {name!r}, die)
        from arvode.cli import main
        sys.exit(main({args!r}))
    """)
    return subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120)


@pytest.mark.parametrize("point", list(_KILL_AT))
def test_a_run_killed_at_each_moment_is_finished_or_redone_exactly_once(tmp_path: Path, point: str) -> None:
    inputs = _many(tmp_path, officials=30)
    reference = record_at(tmp_path / "ref.sqlite")
    ref_out = tmp_path / "ref.csv"
    assert arvode("payroll", "--month", "2025-03", *inputs, "--ledger", reference, "--out", ref_out).returncode == 0
    ledger = record_at(tmp_path / "l.sqlite")
    out = tmp_path / "lon.csv"
    args = ["payroll", "--month", "2025-03", *map(str, inputs), "--ledger", str(ledger), "--out", str(out)]
    killed = _killed_run(args, point)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    with Record(ledger) as record:  # the moment it died
        assert len(record.runs()) == (0 if point == "before-commit" else 1)
        assert len(record.pending_exports()) == (0 if point == "before-commit" else 1)
    assert out.exists() == (point == "after-rename")
    again = arvode(*args)
    assert again.returncode == 0, again.stderr
    assert rows(out) == rows(ref_out)
    with Record(ledger) as record, Record(reference) as ref:
        assert record.booked() == ref.booked()
        assert [r.total for r in record.runs()] == [r.total for r in ref.runs()]
        assert record.pending_exports() == []


def test_a_lost_export_after_the_commit_is_reported_with_the_remedy(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    out = tmp_path / "lon.csv"
    args = ["payroll", "--month", "2025-03", str(write(tmp_path, "m.yaml", MARCH)), "--ledger", str(ledger),
            "--out", str(out)]
    assert _killed_run(args, "after-commit").returncode == -signal.SIGKILL
    for temp in tmp_path.glob(".lon.csv.arvode-*.tmp"):
        temp.unlink()  # the temporary file is lost too
    status = arvode("record", "status", "--ledger", ledger)
    assert status.returncode == 0
    assert f"körning 1: exportfilen {out} finns inte" in status.stderr
    assert f"--reexport 1 --out {out}" in status.stderr
    redo = arvode("payroll", "--month", "2025-03", "--reexport", "1", "--ledger", ledger, "--out", out)
    assert redo.returncode == 0, redo.stderr
    assert total(out) == Decimal("4308.00")


def test_runs_killed_at_random_moments_pay_exactly_what_one_run_would(tmp_path: Path) -> None:
    inputs = _many(tmp_path, officials=150)
    reference = record_at(tmp_path / "ref.sqlite")
    ref_out, ref_xml = tmp_path / "ref.csv", tmp_path / "ref.xml"
    started = time.perf_counter()
    assert arvode("payroll", "--month", "2025-03", *inputs, "--ledger", reference, "--out", ref_out,
                  "--paxml", ref_xml).returncode == 0
    span = time.perf_counter() - started
    rng = random.Random(10)
    for trial in range(10):
        ledger = record_at(tmp_path / f"l{trial}.sqlite")
        out, xml_out = tmp_path / f"lon{trial}.csv", tmp_path / f"lon{trial}.xml"
        args = [str(ARVODE), "payroll", "--month", "2025-03", *map(str, inputs), "--ledger", str(ledger),
                "--out", str(out), "--paxml", str(xml_out)]
        proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.1, span))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        again = subprocess.run(args, capture_output=True, text=True, check=False, timeout=120)
        assert again.returncode == 0, again.stderr
        assert rows(out) == rows(ref_out), f"trial {trial}"
        xml.dom.minidom.parse(str(xml_out))  # well-formed, complete
        with Record(ledger) as record, Record(reference) as ref:
            assert record.booked() == ref.booked(), f"trial {trial}"
            assert [r.total for r in record.runs()] == [r.total for r in ref.runs()]


def test_import_then_run_from_the_record_alone(tmp_path: Path) -> None:
    ledger = record_at(tmp_path / "l.sqlite")
    claim = write(tmp_path, "m.yaml", MARCH)
    imported = arvode("record", "import", claim, "--ledger", ledger)
    assert imported.returncode == 0, imported.stderr
    assert "p-1 2025-03: ny" in imported.stdout
    out = tmp_path / "lon.csv"
    done = arvode("payroll", "--month", "2025-03", "--ledger", ledger, "--out", out)
    assert done.returncode == 0, done.stderr
    assert total(out) == Decimal("4308.00")
    assert "körning 1" in done.stdout


def test_a_record_run_equals_per_claim_check_for_independent_claims(tmp_path: Path, rules: Rules) -> None:
    """Claims that do not depend on other claims are paid exactly what ``arvode check`` gives them."""
    from arvode import calculate, load_claim

    examples = Path(__file__).resolve().parent.parent / "examples"
    for period in ("2025-03", "2025-05"):
        claims = [p for p in sorted(examples.glob("0*.yaml")) if load_claim(p, rules).period == period]
        assert claims
        with Record.create(tmp_path / f"{period}.sqlite") as record:
            run = run_payroll(load_batch(claims, rules), rules, period, record)
        for path in claims:
            single = calculate(load_claim(path, rules), rules)
            paid = sum((l.amount for l in run.lines if l.official == single.official), Decimal(0))
            assert paid == single.total, path.name
