"""The record's schema 2: rule values stored once, and a schema-1 record migrated in place.

A municipality may already have a record written by schema 1 (every paid line
carrying its rule values in full). Opening it must migrate it in one
transaction, losing nothing: the same lines come back, re-exports are byte for
byte what the run wrote, and a migration that is refused or killed half-way
leaves the schema-1 record exactly as it was. The schema-1 records here are
built with schema 1's own DDL (frozen below) and lines as schema 1 wrote them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from arvode import Rules
from arvode.claims.batch import load_batch
from arvode.output.export import Export, write_temp
from arvode.payroll.record import APPLICATION_ID, SCHEMA_VERSION, Record, RecordError
from arvode.payroll.run import PayLine, PayrollRun, reexport, run_payroll

ARVODE = Path(sys.executable).parent / "arvode"

#: Schema 1 exactly as arvode created it (user_version 1).
V1_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) STRICT;
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    imported TEXT NOT NULL
) STRICT;
CREATE INDEX sources_sha ON sources (sha256);
CREATE TABLE units (
    id INTEGER PRIMARY KEY,
    official TEXT NOT NULL,
    period TEXT NOT NULL,
    stream TEXT NOT NULL,
    version INTEGER NOT NULL,
    received INTEGER NOT NULL,
    current INTEGER NOT NULL,
    content TEXT NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources (id),
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    events INTEGER NOT NULL,
    raw TEXT NOT NULL
) STRICT;
CREATE INDEX units_official ON units (official, current);
CREATE TABLE register (
    id INTEGER PRIMARY KEY,
    official TEXT NOT NULL,
    version INTEGER NOT NULL,
    current INTEGER NOT NULL,
    content TEXT NOT NULL,
    source_id INTEGER NOT NULL REFERENCES sources (id),
    file TEXT NOT NULL,
    line INTEGER NOT NULL,
    raw TEXT NOT NULL
) STRICT;
CREATE INDEX register_official ON register (official, current);
CREATE TABLE idents (
    key TEXT PRIMARY KEY,
    spelling TEXT NOT NULL,
    file TEXT NOT NULL,
    line INTEGER NOT NULL
) STRICT;
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    month TEXT NOT NULL,
    created TEXT NOT NULL,
    rules TEXT NOT NULL,
    rules_sha256 TEXT NOT NULL,
    lines INTEGER NOT NULL,
    total_ore INTEGER NOT NULL
) STRICT;
CREATE TABLE paid (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    official TEXT NOT NULL,
    period TEXT NOT NULL,
    lines TEXT NOT NULL
) STRICT;
CREATE INDEX paid_run ON paid (run_id);
CREATE TABLE booked (
    official TEXT NOT NULL,
    period TEXT NOT NULL,
    type TEXT NOT NULL,
    organ TEXT NOT NULL,
    rule TEXT NOT NULL,
    amount_ore INTEGER NOT NULL,
    run_id INTEGER NOT NULL,
    PRIMARY KEY (official, period, type, organ, rule)
) STRICT, WITHOUT ROWID;
CREATE TABLE debts (
    id INTEGER PRIMARY KEY,
    official TEXT NOT NULL,
    created_month TEXT NOT NULL,
    run_id INTEGER NOT NULL,
    parts TEXT NOT NULL,
    deducted INTEGER NOT NULL DEFAULT 0,
    last_month TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE TABLE exports (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    format TEXT NOT NULL,
    path TEXT NOT NULL,
    temp TEXT NOT NULL,
    sha256 TEXT NOT NULL,
    done INTEGER NOT NULL
) STRICT;
"""
_V1_TABLES = ("meta", "sources", "units", "register", "idents", "runs", "booked", "debts", "exports")
_KINDS = ("sammantrade", "protokolljustering", "uppdrag", "utbildning", "utskott")
_ORGANS = ("kommunfullmaktige", "socialnamnden", "kultur_och_fritidsnamnden", "barn_och_utbildningsnamnden")


def _inputs(folder: Path, officials: int) -> list[Path]:
    """Four events per official (meetings, justeringar, förrättningar, lost income) and a register."""
    lines = ["official_id,period,date,organ,kind,called,attended,lost_hours,income_hourly"]
    for n in range(officials):
        for e in range(4):
            kind = _KINDS[(n + e) % len(_KINDS)]
            called = f"{9 + e}:00-{11 + e}:00" if kind in ("sammantrade", "utskott") else ""
            attended = f"{9 + e}:00-{10 + e}:30" if kind in ("uppdrag", "utbildning") else ""
            lines.append(f"p-{n},2025-03,2025-03-{3 + 5 * e:02d},{_ORGANS[(n + e) % len(_ORGANS)]},{kind},"
                         f"{called},{attended},{e % 3},{200 + n}")
    events = folder / "tidrapport.csv"
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    register = folder / "register.yaml"
    register.write_text("officials:\n" + "".join(
        f"  - official: {{id: r-{n}, assignments: [{{role: revisionen.revisor, from: 2024-01-01}}]}}\n"
        for n in range(max(1, officials // 10))), encoding="utf-8")
    return [events, register]


def _v1_lines(run: PayrollRun) -> list[tuple[str, str, str]]:
    """(official, period, lines) as schema 1 stored a run's lines: rule values in full on every line."""
    grouped: dict[tuple[str, str], list[Any]] = {}
    for line in run.lines:
        grouped.setdefault((line.official, line.period), []).append(line.as_record())
    return [(o, p, json.dumps(rows, ensure_ascii=False, separators=(",", ":"))) for (o, p), rows in grouped.items()]


def version_1_record(path: Path, inputs: list[Path], rules: Rules, exports: list[Export]) -> tuple[PayrollRun, Path]:
    """A schema-1 record after paying March (and the schema-2 record of the same run, for comparison).

    Everything but ``paid`` is copied from the schema-2 record (those tables did not change);
    ``paid`` is written from the run's lines the way schema 1 wrote it.
    """
    modern = path.with_name(path.stem + "-v2.sqlite")
    with Record.create(modern) as record:
        run = run_payroll(load_batch(inputs, rules), rules, "2025-03", record, exports=exports)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.executescript(V1_SCHEMA)
    db.execute("ATTACH ? AS modern", (str(modern),))
    db.execute("BEGIN")
    for table in _V1_TABLES:
        db.execute(f"INSERT INTO main.{table} SELECT * FROM modern.{table}")
    db.execute("UPDATE main.meta SET value = '1' WHERE key = 'schema'")
    db.executemany("INSERT INTO main.paid (run_id, official, period, lines) VALUES (?, ?, ?, ?)",
                   [(run.run_id, o, p, lines) for o, p, lines in _v1_lines(run)])
    db.execute("PRAGMA user_version = 1")
    db.execute("COMMIT")
    db.execute("DETACH modern")
    db.close()
    return run, modern


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _raw(path: Path) -> tuple[int, set[str], list[tuple[Any, ...]]]:
    """user_version, tables and paid rows as plain SQLite sees them (no arvode code involved)."""
    db = sqlite3.connect(path)
    try:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        paid = db.execute("SELECT rowid, run_id, official, period, lines FROM paid ORDER BY rowid").fetchall()
        return version, tables, paid
    finally:
        db.close()


FIXED = dt.datetime(2025, 4, 1, 12, 0, tzinfo=dt.UTC)


# ---------------------------------------------------------------- migration keeps everything
def test_a_version_1_record_is_migrated_and_reexports_identically(tmp_path: Path, rules: Rules) -> None:
    out, xml = tmp_path / "lon.csv", tmp_path / "lon.xml"
    path = tmp_path / "v1.sqlite"
    run, _ = version_1_record(path, _inputs(tmp_path, 60), rules, [Export("csv", out), Export("paxml", xml)])
    stored = [(o, p, json.loads(lines)) for o, p, lines in _v1_lines(run)]
    assert _raw(path)[0] == 1
    with Record(path) as record:
        assert record._db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
        assert dict(record._db.execute("SELECT key, value FROM meta"))["schema"] == "2"
        # Every line comes back exactly as schema 1 stored it, in the same order.
        assert list(record.paid_of_run(1)) == stored
        # Each distinct rule value is stored once, and no line carries one in full any more.
        distinct = {tuple(v.values()) for _, _, lines in stored for line in lines for v in line[-1]}
        assert len(distinct) > 5
        assert record._db.execute("SELECT count(*) FROM rule_values").fetchone()[0] == len(distinct)
        assert not record._db.execute("SELECT count(*) FROM paid WHERE lines LIKE '%reference%'").fetchone()[0]
        # The lines reexport reads are those schema 1 gave, values and all; the files are byte-identical.
        old = tuple(PayLine.from_record(o, p, data) for o, p, lines in stored for data in lines)
        again = reexport(record, 1, "2025-03", [Export("csv", tmp_path / "igen.csv")])
        assert again.lines == old
        assert any(line.values for line in again.lines)
    assert (tmp_path / "igen.csv").read_bytes() == out.read_bytes()
    for lines, name in ((old, "fore.xml"), (again.lines, "efter.xml")):
        written = write_temp(Export("paxml", tmp_path / name), lines, "2025-03", "t", created=FIXED)
        written.temp.replace(tmp_path / name)
    assert (tmp_path / "fore.xml").read_bytes() == (tmp_path / "efter.xml").read_bytes()
    # Through the CLI as well; PAXml differs from the run's own file only in its <datum>.
    cli_csv, cli_xml = tmp_path / "cli.csv", tmp_path / "cli.xml"
    done = subprocess.run([str(ARVODE), "payroll", "--month", "2025-03", "--reexport", "1", "--ledger", str(path),
                           "--out", str(cli_csv), "--paxml", str(cli_xml)], capture_output=True, text=True,
                          check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    assert cli_csv.read_bytes() == out.read_bytes()

    def undated(text: str) -> list[str]:
        return [line for line in text.splitlines() if "<datum>" not in line]

    assert undated(cli_xml.read_text(encoding="utf-8")) == undated(xml.read_text(encoding="utf-8"))


def test_a_migrated_record_goes_on_paying_only_differences(tmp_path: Path, rules: Rules) -> None:
    inputs = _inputs(tmp_path, 20)
    path = tmp_path / "v1.sqlite"
    _, modern = version_1_record(path, inputs, rules, [])
    with Record(path) as migrated, Record(modern) as reference:
        assert migrated.booked() == reference.booked()
        # The same inputs again: nothing to pay, as on the record that was never migrated.
        again = run_payroll(load_batch(inputs, rules), rules, "2025-03", migrated)
        assert again.nothing_to_pay
        assert again.already_paid_in == 1
        april = [run_payroll(load_batch(inputs, rules), rules, "2025-04", record) for record in (migrated, reference)]
        assert [line.as_record() for line in april[0].lines] == [line.as_record() for line in april[1].lines]
        assert list(migrated.paid_of_run(2)) == list(reference.paid_of_run(2))
        values = "SELECT id, name, value, valid_from, reference FROM rule_values ORDER BY id"
        assert migrated._db.execute(values).fetchall() == reference._db.execute(values).fetchall()


def test_rule_values_are_stored_once_per_record(tmp_path: Path, rules: Rules) -> None:
    inputs = _inputs(tmp_path, 30)
    with Record.create(tmp_path / "l.sqlite") as record:
        run = run_payroll(load_batch(inputs, rules), rules, "2025-03", record)
        count = record._db.execute("SELECT count(*) FROM rule_values").fetchone()[0]
        used = {(v.name, v.as_json()["value"], v.valid_from.isoformat(), v.reference)
                for line in run.lines for v in line.values}
        assert count == len(used)
        run_payroll(load_batch(inputs, rules), rules, "2025-04", record)
        assert record._db.execute("SELECT count(*) FROM rule_values").fetchone()[0] == count  # April: the same


def test_the_record_is_much_smaller_than_schema_1s(tmp_path: Path, rules: Rules) -> None:
    """Measured on 400 events (about 1 000 lines): the lines take at most half the space, the file 75 %.

    (On 30 000 events the file goes from about 53 MB to 30 MB: benchmarks/README.md.)
    """
    path = tmp_path / "v1.sqlite"
    run, modern = version_1_record(path, _inputs(tmp_path, 100), rules, [])
    assert sum(len(line.values) for line in run.lines) > 1000
    before = path.stat().st_size
    lines = "SELECT sum(length(CAST(lines AS BLOB))) FROM paid"
    db = sqlite3.connect(path)
    old_lines = db.execute(lines).fetchone()[0]
    db.close()
    with Record(path) as record:
        new_lines = record._db.execute(lines).fetchone()[0]
    after = path.stat().st_size
    fresh = modern.stat().st_size
    assert new_lines <= 0.5 * old_lines, (new_lines, old_lines)
    assert fresh <= 0.75 * before, (fresh, before)
    assert after <= 0.75 * before, (after, before)  # VACUUM after the migration gives the space back


# ---------------------------------------------------------------- what cannot be migrated is refused
@pytest.mark.parametrize("damage", ["extra-key", "not-json", "short-line"])
def test_what_cannot_be_migrated_is_refused_and_the_record_left_as_it_was(tmp_path: Path, rules: Rules,
                                                                          damage: str) -> None:
    path = tmp_path / "v1.sqlite"
    version_1_record(path, _inputs(tmp_path, 20), rules, [])
    db = sqlite3.connect(path)
    rowid, official, period, text = db.execute(
        "SELECT rowid, official, period, lines FROM paid ORDER BY rowid LIMIT 1 OFFSET 10").fetchone()
    lines = json.loads(text)
    if damage == "extra-key":
        lines[1][-1][0]["note"] = "en anteckning schema 2 inte har plats för"
        text = json.dumps(lines, ensure_ascii=False)
    elif damage == "short-line":
        text = json.dumps([lines[0], lines[1][:-1]], ensure_ascii=False)
    else:
        text = text[:-5]
    db.execute("UPDATE paid SET lines = ? WHERE rowid = ?", (text, rowid))
    db.commit()
    db.close()
    before = _sha(path)
    with pytest.raises(RecordError) as refused:
        Record(path)
    message = str(refused.value)
    assert message.startswith(f"{path}: kan inte flytta liggaren till schemaversion 2: körning 1, {official} {period}")
    assert "liggaren är oförändrad" in message
    assert "\n" not in message
    assert _sha(path) == before
    done = subprocess.run([str(ARVODE), "record", "status", "--ledger", str(path)], capture_output=True,
                          text=True, check=False, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [message]
    assert _sha(path) == before


# ---------------------------------------------------------------- kills and concurrency
_KILL = {
    # Die while lines are being moved, just before the commit, and after the commit (before VACUUM).
    "mid-way": "_compact_1",
    "before-commit": "_now",
    "after-commit": "suppress",
}


@pytest.mark.parametrize("point", list(_KILL))
def test_a_migration_killed_at_each_moment_leaves_schema_1_or_schema_2_whole(tmp_path: Path, rules: Rules,
                                                                              point: str) -> None:
    out = tmp_path / "lon.csv"
    path = tmp_path / "v1.sqlite"
    run, _ = version_1_record(path, _inputs(tmp_path, 40), rules, [Export("csv", out)])
    v1 = _raw(path)
    script = textwrap.dedent(f"""
        import os, signal
        import arvode.payroll.record as record
        original, calls = getattr(record, {_KILL[point]!r}), [0]
        def die(*args, **kwargs):
            calls[0] += 1
            if calls[0] == 15 or {point != "mid-way"!r}:
                os.kill(os.getpid(), signal.SIGKILL)
            return original(*args, **kwargs)
        setattr(record, {_KILL[point]!r}, die)
        record.Record({str(path)!r})
    """)
    killed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False, timeout=120)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    version, tables, paid = _raw(path)  # plain SQLite rolls a hot journal back first
    if point == "after-commit":
        assert version == 2
        assert "rule_values" in tables
    else:
        assert (version, tables, paid) == v1
    with Record(path) as record:
        assert [(o, p, json.dumps(lines, ensure_ascii=False, separators=(",", ":")))
                for o, p, lines in record.paid_of_run(1)] == _v1_lines(run)
        reexport(record, 1, "2025-03", [Export("csv", tmp_path / "igen.csv")])
    assert (tmp_path / "igen.csv").read_bytes() == out.read_bytes()


def test_two_processes_opening_a_version_1_record_together_migrate_it_once(tmp_path: Path, rules: Rules) -> None:
    inputs = _inputs(tmp_path, 40)
    path = tmp_path / "v1.sqlite"
    _, modern = version_1_record(path, inputs, rules, [])
    april = tmp_path / "april.csv"
    april.write_text(inputs[0].read_text(encoding="utf-8").replace("2025-03", "2025-04"), encoding="utf-8")
    args = [str(ARVODE), "payroll", "--month", "2025-04", str(april), "--ledger", str(path), "--quiet"]
    procs = [subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
    with Record(path) as record, Record(modern) as reference:
        assert dict(record._db.execute("SELECT key, value FROM meta"))["schema"] == "2"
        assert len(record.runs()) == 2  # March from schema 1, April paid once
        run_payroll(load_batch([april], rules), rules, "2025-04", reference)
        assert record.booked() == reference.booked()
