"""The record (liggaren): every claim received and every line paid, in one SQLite file.

A month used to be computed from whatever files were on the command line; the
truth about an official is their whole history. The record keeps it:

* every input file received (name, SHA-256, when) and every *unit* of it — one
  official's claim for one period from one stream (a claim file, or that
  official's rows for the period in one CSV file) — with its versions: a new
  version replaces the old, identical content changes nothing, the same content
  under another file name is recognised;
* every officials-register entry, versioned the same way;
* every run, the lines it paid (per official and period, with date, event,
  section, organ and the rule values used), what is booked per line key, 6.4
  repayment plans, and the files a run exported;
* every year's 4.1 pension avgift booked as set aside to the official's
  pensionsbehållning (or paid as ersättning): an act done once per official and
  year, so what was set aside stays what it was when later runs change the sums.

The schema is versioned (``PRAGMA application_id`` and ``user_version``) and
checked on every open; a file that is not a record (0 bytes after a failed
restore, another program's database, a corrupt file) is refused, never
silently replaced. A record is only ever created on purpose (``create``).
Amounts are integer öre. Every SQLite failure becomes a ``RecordError``.

Schema 2 keeps each distinct traced rule value (name, value, in force from,
reference) once, in ``rule_values``; a paid line names its values by id. In
schema 1 every line carried its values in full, and since a month uses a few
dozen values on tens of thousands of lines, they were more than half the
record. A schema-1 record is migrated in place, in one transaction, the first
time it is opened (every open may write: unfinished exports are completed on
open); what cannot be migrated is refused and the record left as it was.
Readers see no difference: ``paid_of_run`` gives the lines as schema 1 stored
them.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager, suppress
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import attrs

from arvode.base.errors import ArvodeError, Location

__all__ = [
    "APPLICATION_ID",
    "SCHEMA_VERSION",
    "VALUE_KEYS",
    "Debt",
    "ExportState",
    "LineKey",
    "PaidRows",
    "PensionBooking",
    "Record",
    "RecordError",
    "RunInfo",
    "StoredUnit",
    "from_ore",
    "to_ore",
]

#: "ARVD": tells an arvode record from any other SQLite file.
APPLICATION_ID = 0x41525644
SCHEMA_VERSION = 2

#: 4.1: one row per official and year once its avgift is booked (``arvode pension --bokfor``).
#: Additive: a record made before it has no such table until the first booking creates it
#: inside that booking's transaction, so older records open unchanged and an older arvode
#: still opens a record that has it.
_PENSION_TABLE = """
CREATE TABLE IF NOT EXISTS pension (
    official TEXT NOT NULL,
    year INTEGER NOT NULL,
    income_ore INTEGER NOT NULL,
    avgift_ore INTEGER NOT NULL,
    cash INTEGER NOT NULL,
    booked TEXT NOT NULL,
    rules TEXT NOT NULL,
    rules_sha256 TEXT NOT NULL,
    PRIMARY KEY (official, year)
) STRICT;
"""

#: What a run paid: per official and period a JSON list of lines, each line
#: [kind, date, type, öre, section, pay code, organ, text, source, [rule value ids]].
_PAID = """CREATE TABLE {name} (
    id INTEGER PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    official TEXT NOT NULL,
    period TEXT NOT NULL,
    lines TEXT NOT NULL
) STRICT"""
_RULE_VALUES = """CREATE TABLE rule_values (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    value TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    reference TEXT NOT NULL,
    UNIQUE (name, value, valid_from, reference)
) STRICT"""
_SCHEMA = """
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
{paid}
CREATE INDEX paid_run ON paid (run_id);
{rule_values};
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
""".format(paid=_PAID.format(name="paid") + ";", rule_values=_RULE_VALUES) + _PENSION_TABLE
_TABLES_1 = frozenset({"meta", "sources", "units", "register", "idents", "runs", "paid", "booked", "debts",
                       "exports"})
_TABLES = _TABLES_1 | {"rule_values"}
#: The tables of each schema version this arvode reads (older ones are migrated on open).
_TABLES_OF = {1: _TABLES_1, SCHEMA_VERSION: _TABLES}


class RecordError(ArvodeError, RuntimeError):
    """The record cannot be opened, is not an arvode record, or cannot be written."""


@attrs.frozen
class LineKey:
    """What corrections are counted by: official, month, type, cost-bearing organ, section."""

    official: str
    period: str
    type: str
    organ: str
    rule: str


@attrs.frozen
class Debt:
    """A 6.4 repayment plan: monthly parts (öre), how many are deducted, and when last."""

    id: int
    official: str
    created_month: str
    parts: tuple[int, ...]
    deducted: int
    last_month: str


@attrs.frozen
class StoredUnit:
    """A unit as the record holds it: enough to read it again and to order it."""

    id: int
    official: str
    period: str
    stream: str
    received: int
    file: str
    line: int
    raw: str


@attrs.frozen
class StoredEntry:
    """A register entry as the record holds it."""

    official: str
    file: str
    line: int
    raw: str


@attrs.frozen
class RunInfo:
    id: int
    month: str
    created: str
    rules: str
    lines: int
    total: Decimal


@attrs.frozen
class ExportState:
    """A file a run exports: written under ``temp`` before the commit, renamed after it."""

    run_id: int
    format: str
    path: str
    temp: str
    sha256: str
    done: bool


@attrs.frozen
class PensionBooking:
    """A year's 4.1 avgift as booked: set aside to the behållning, or paid as ersättning."""

    official: str
    year: int
    income: Decimal
    avgift: Decimal
    cash: bool
    #: The day it was booked (ISO date), to tell a booking after 31 March.
    booked: str
    rules: str


def to_ore(amount: Decimal) -> int:
    value = amount * 100
    if value != value.to_integral_value():
        raise ValueError(f"{amount} är inte hela öre")
    return int(value)


def from_ore(ore: int) -> Decimal:
    return (Decimal(ore) / 100).quantize(Decimal("0.01"))


_T = TypeVar("_T")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


#: The keys of a traced rule value as a paid line holds it (``DatedValue.as_json``), in that order.
VALUE_KEYS = ("name", "value", "from", "reference")


def _dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


class _ValueIds:
    """The id of each traced rule value in ``rule_values``, adding a value the first time it is used."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        self._ids: dict[tuple[str, ...], int] = {
            (str(n), str(v), str(f), str(r)): int(i) for i, n, v, f, r in db.execute(
                "SELECT id, name, value, valid_from, reference FROM rule_values")}

    def of(self, value: dict[str, Any] | tuple[str, ...]) -> int:
        """``value`` as ``paid_of_run`` gives it (a dict) or as its key: its fields in ``VALUE_KEYS`` order."""
        key = value if isinstance(value, tuple) else tuple(value[k] for k in VALUE_KEYS)
        found = self._ids.get(key)
        if found is None:
            cursor = self._db.execute(
                "INSERT INTO rule_values (name, value, valid_from, reference) VALUES (?, ?, ?, ?)", key)
            assert cursor.lastrowid is not None
            found = self._ids[key] = cursor.lastrowid
        return found


def _migrate_1_to_2(db: sqlite3.Connection, where: Location) -> None:
    """Schema 1 → 2: each line's rule values moved to ``rule_values``; ``paid`` gets an id.

    The id is the old row's rowid, so the order lines were paid in is kept (and no
    longer depends on rowids, which VACUUM may renumber in a table without one). Every
    line is checked to have exactly what schema 1 wrote, so nothing is dropped on the way.
    """
    db.execute(_RULE_VALUES)
    db.execute(_PAID.format(name="paid_2"))
    ids = _ValueIds(db)
    rows = db.execute("SELECT rowid, run_id, official, period, lines FROM paid ORDER BY rowid")
    for rowid, run_id, official, period, text in rows:
        compact = _compact_1(text, ids, f"körning {run_id}, {official} {period}", where)
        db.execute("INSERT INTO paid_2 (id, run_id, official, period, lines) VALUES (?, ?, ?, ?, ?)",
                   (rowid, run_id, official, period, compact))
    db.execute("DROP TABLE paid")
    db.execute("ALTER TABLE paid_2 RENAME TO paid")
    db.execute("CREATE INDEX paid_run ON paid (run_id)")


def _compact_1(text: str, ids: _ValueIds, what: str, where: Location) -> str:
    """One schema-1 ``paid.lines`` as schema 2 stores it; refused unless it is exactly schema 1's shape."""
    def refuse(problem: str) -> RecordError:
        return RecordError(f"kan inte flytta liggaren till schemaversion {SCHEMA_VERSION}: {what}: {problem}; "
                           "liggaren är oförändrad", where)

    try:
        lines = json.loads(text)
    except (TypeError, ValueError):
        raise refuse("raderna är inte läsbar JSON") from None
    if not isinstance(lines, list):
        raise refuse("raderna är inte en lista")
    for number, line in enumerate(lines, 1):
        if not isinstance(line, list) or len(line) != 10 or not isinstance(line[-1], list):
            raise refuse(f"rad {number} har inte schemaversion 1:s tio fält")
        for value in line[-1]:
            if (not isinstance(value, dict) or tuple(value) != VALUE_KEYS
                    or not all(isinstance(v, str) for v in value.values())):
                raise refuse(f"rad {number} har ett regelvärde som inte är namn, värde, från och hänvisning: "
                             f"{_dumps(value)[:80]}")
        line[-1] = [ids.of(v) for v in line[-1]]
    return _dumps(lines)


class Record:
    """An open record. ``Record.create`` makes one; ``Record(path)`` opens an existing one only."""

    def __init__(self, path: str | Path, *, wait: float = 60.0) -> None:
        self.path = Path(path)
        where = Location(str(self.path))
        if not self.path.exists():
            raise RecordError(
                "ingen liggare finns här; skapa en med `arvode record init PATH` (en liggare skapas "
                "aldrig av sig själv, så att ett fel sökväg inte betalar allt en gång till)", where)
        if self.path.is_dir():
            raise RecordError("är en mapp, inte en liggare", where)
        if self.path.stat().st_size == 0:
            raise RecordError(
                "filen är tom (0 byte) och är ingen liggare; en misslyckad återställning? "
                "Återställ säkerhetskopian, eller skapa en ny liggare med `arvode record init` "
                "bara om inget har betalats med den", where)
        self._db = self._connect(wait, mode="rw")
        if self._check() < SCHEMA_VERSION:
            self._migrate()

    @classmethod
    def create(cls, path: str | Path) -> Record:
        """A new, empty record at ``path``; refused if anything is there already."""
        target = Path(path)
        where = Location(str(target))
        if target.exists():
            raise RecordError("finns redan; en liggare skapas bara där ingenting finns", where)
        if not target.parent.is_dir():
            raise RecordError(f"mappen {target.parent} finns inte", where)
        try:
            db = sqlite3.connect(target, isolation_level=None)
            try:
                db.execute("BEGIN IMMEDIATE")
                db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        db.execute(statement)
                db.execute("INSERT INTO meta VALUES ('created', ?), ('schema', ?)", (_now(), str(SCHEMA_VERSION)))
                db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                db.execute("COMMIT")
            finally:
                db.close()
        except sqlite3.Error as exc:
            target.unlink(missing_ok=True)
            raise RecordError(f"kan inte skapa liggaren: {exc}", where) from None
        return cls(target)

    def _connect(self, wait: float, mode: str) -> sqlite3.Connection:
        uri = f"{self.path.absolute().as_uri()}?mode={mode}"
        try:
            db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=wait)
            db.execute("PRAGMA foreign_keys = ON")
            return db
        except sqlite3.Error as exc:
            raise RecordError(f"kan inte öppna liggaren: {exc}", Location(str(self.path))) from None

    def _check(self) -> int:
        """Refuse anything that is not an intact arvode record of a schema this arvode reads.

        Returns the schema version: an older one is migrated by the caller.
        """
        where = Location(str(self.path))
        try:
            app = self._db.execute("PRAGMA application_id").fetchone()[0]
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            tables = {r[0] for r in self._db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            check = self._db.execute("PRAGMA quick_check").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            self._db.close()
            raise RecordError(f"är ingen arvode-liggare (SQLite säger: {exc})", where) from None
        problem = None
        if app != APPLICATION_ID:
            problem = "är ingen arvode-liggare (en annan databas)"
        elif version not in _TABLES_OF:
            problem = (f"har schemaversion {version}, denna arvode läser version {SCHEMA_VERSION} "
                       f"(och flyttar äldre liggare från version {min(_TABLES_OF)})")
            if version > SCHEMA_VERSION:
                problem += "; liggaren är skriven av en nyare arvode"
        elif not tables >= _TABLES_OF[version]:
            problem = f"saknar tabellerna {', '.join(sorted(_TABLES_OF[version] - tables))}"
        elif check != "ok":
            problem = f"är skadad (integritetskontrollen säger: {check})"
        if problem is not None:
            self._db.close()
            raise RecordError(problem, where)
        return int(version)

    def _migrate(self) -> None:
        """Bring an older record to this schema in place: all of it in one transaction, or nothing.

        ``BEGIN IMMEDIATE`` takes the write lock first, so of two processes opening the
        same old record one migrates and the other, once it has the lock, finds the new
        version and leaves it. A kill or a refusal part-way rolls back to the old record,
        which the next open migrates again.
        """
        where = Location(str(self.path))
        try:
            self._sql(lambda: self._db.execute("BEGIN IMMEDIATE"))
            try:
                version = int(self._db.execute("PRAGMA user_version").fetchone()[0])
                if version == 1:
                    self._sql(lambda: _migrate_1_to_2(self._db, where))
                    self._sql(lambda: self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}"))
                    self._sql(lambda: self._db.execute(
                        "INSERT INTO meta VALUES ('schema', ?), ('migrated 1-2', ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION), _now())))
                elif version != SCHEMA_VERSION:
                    raise RecordError(f"har schemaversion {version} (ändrad av en annan körning under flytten)",
                                      where)
            except BaseException:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")
                raise
            self._sql(lambda: self._db.execute("COMMIT"))
        except BaseException:
            self._db.close()
            raise
        if version == 1:
            # Give the space of the old lines back to the file system. Only a nicety: SQLite
            # reuses free pages anyway, so when another process is using the record it is not
            # waited for, and the record just stays large a while.
            with suppress(sqlite3.Error):
                wait = int(self._db.execute("PRAGMA busy_timeout").fetchone()[0])
                self._db.execute("PRAGMA busy_timeout = 0")
                try:
                    self._db.execute("VACUUM")
                finally:
                    self._db.execute(f"PRAGMA busy_timeout = {wait}")

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Record:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- transactions -----------------------------------------------------
    def _sql(self, action: Callable[[], _T]) -> _T:
        """Run SQL; a SQLite failure (read-only file, full disk, lock) becomes a RecordError."""
        try:
            return action()
        except sqlite3.OperationalError as exc:
            text = str(exc)
            if "locked" in text or "busy" in text:
                raise RecordError(
                    "liggaren används av en annan körning; vänta tills den är klar och försök igen",
                    Location(str(self.path))) from None
            raise RecordError(f"kan inte skriva till liggaren: {text}", Location(str(self.path))) from None
        except sqlite3.DatabaseError as exc:
            raise RecordError(f"liggaren: {exc}", Location(str(self.path))) from None

    @contextmanager
    def write(self, *, commit: bool = True) -> Iterator[None]:
        """One write transaction: the state read inside it is the state booked (no race).

        ``BEGIN IMMEDIATE`` takes the write lock before anything is read, so a second
        run on the same record waits (up to ``wait`` seconds) and then sees the first
        run's bookings; an exception or a killed process leaves the record as before.
        ``commit=False`` (a dry run) rolls back what was done inside.
        """
        self._sql(lambda: self._db.execute("BEGIN IMMEDIATE"))
        try:
            yield
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise
        self._sql(lambda: self._db.execute("COMMIT" if commit else "ROLLBACK"))

    # -- inputs -----------------------------------------------------------
    def source_with(self, sha256: str) -> str | None:
        row = self._db.execute("SELECT name FROM sources WHERE sha256 = ? ORDER BY id LIMIT 1", (sha256,)).fetchone()
        return None if row is None else str(row[0])

    def add_source(self, name: str, sha256: str, kind: str) -> int:
        cursor = self._sql(lambda: self._db.execute(
            "INSERT INTO sources (name, sha256, kind, imported) VALUES (?, ?, ?, ?)", (name, sha256, kind, _now())))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def ident(self, key: str) -> tuple[str, str, int] | None:
        row = self._db.execute("SELECT spelling, file, line FROM idents WHERE key = ?", (key,)).fetchone()
        return None if row is None else (str(row[0]), str(row[1]), int(row[2]))

    def add_ident(self, key: str, spelling: str, file: str, line: int) -> None:
        self._sql(lambda: self._db.execute(
            "INSERT OR IGNORE INTO idents (key, spelling, file, line) VALUES (?, ?, ?, ?)",
            (key, spelling, file, line)))

    def current_unit(self, official: str, period: str, stream: str) -> tuple[int, str, int, int] | None:
        """(id, content hash, version, received) of the unit in force, if any."""
        row = self._db.execute(
            "SELECT id, content, version, received FROM units WHERE official = ? AND period = ? AND stream = ? "
            "AND current = 1", (official, period, stream)).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), int(row[2]), int(row[3]))

    def unit_with_content(self, official: str, period: str, content: str) -> str | None:
        """The file of a unit in force with this content for the official and period, if any."""
        row = self._db.execute(
            "SELECT file FROM units WHERE official = ? AND period = ? AND content = ? AND current = 1 LIMIT 1",
            (official, period, content)).fetchone()
        return None if row is None else str(row[0])

    def add_unit(self, official: str, period: str, stream: str, content: str, source_id: int, file: str,
                 line: int, events: int, raw: str) -> int:
        """Store a unit; a unit in force for the same official, period and stream is replaced."""
        def insert() -> int:
            old = self.current_unit(official, period, stream)
            version, received = 1, 0
            if old is not None:
                self._db.execute("UPDATE units SET current = 0 WHERE id = ?", (old[0],))
                version, received = old[2] + 1, old[3]
            cursor = self._db.execute(
                "INSERT INTO units (official, period, stream, version, received, current, content, source_id, "
                "file, line, events, raw) VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?, ?)",
                (official, period, stream, version, received, content, source_id, file, line, events, raw))
            unit_id = cursor.lastrowid
            assert unit_id is not None
            if old is None:
                # A replaced unit keeps its place in the order received (its first version's).
                self._db.execute("UPDATE units SET received = id WHERE id = ?", (unit_id,))
            return unit_id
        return self._sql(insert)

    def current_entry(self, official: str) -> tuple[int, str, int] | None:
        row = self._db.execute("SELECT id, content, version FROM register WHERE official = ? AND current = 1",
                               (official,)).fetchone()
        return None if row is None else (int(row[0]), str(row[1]), int(row[2]))

    def add_entry(self, official: str, content: str, source_id: int, file: str, line: int, raw: str) -> None:
        def insert() -> None:
            old = self.current_entry(official)
            if old is not None:
                self._db.execute("UPDATE register SET current = 0 WHERE id = ?", (old[0],))
            self._db.execute(
                "INSERT INTO register (official, version, current, content, source_id, file, line, raw) "
                "VALUES (?, ?, 1, ?, ?, ?, ?, ?)",
                (official, 1 if old is None else old[2] + 1, content, source_id, file, line, raw))
        self._sql(insert)

    def units(self, *, held: Collection[int] = ()) -> list[StoredUnit]:
        """Every unit in force, by official and order received.

        ``held`` are ids of units the caller holds already (those it just added): their
        ``raw`` is left empty, so a run does not read back a month of cells it has in memory.
        """
        low = min(held) if held else -1
        rows = self._db.execute(
            "SELECT id, official, period, stream, received, file, line, CASE WHEN id >= ? THEN NULL ELSE raw END "
            "FROM units WHERE current = 1 ORDER BY official, received", (low,))
        out = []
        for unit_id, official, period, stream, received, file, line, raw in rows:
            if raw is None and unit_id not in held:  # added by someone else after the lowest held one
                (raw,) = self._db.execute("SELECT raw FROM units WHERE id = ?", (unit_id,)).fetchone()
            out.append(StoredUnit(unit_id, official, period, stream, received, file, line, raw or ""))
        return out

    def entries(self) -> list[StoredEntry]:
        rows = self._db.execute("SELECT official, file, line, raw FROM register WHERE current = 1 ORDER BY official")
        return [StoredEntry(*row) for row in rows]

    # -- runs -------------------------------------------------------------
    def booked(self) -> dict[tuple[str, str], dict[LineKey, Decimal]]:
        result: dict[tuple[str, str], dict[LineKey, Decimal]] = {}
        for off, per, t, o, r, a in self._db.execute(
            "SELECT official, period, type, organ, rule, amount_ore FROM booked"
        ):
            result.setdefault((off, per), {})[LineKey(off, per, t, o, r)] = from_ore(a)
        return result

    def runs(self) -> list[RunInfo]:
        rows = self._db.execute("SELECT id, month, created, rules, lines, total_ore FROM runs ORDER BY id")
        return [RunInfo(i, m, c, r, n, from_ore(t)) for i, m, c, r, n, t in rows]

    def last_run_of(self, month: str) -> int | None:
        row = self._db.execute("SELECT max(id) FROM runs WHERE month = ?", (month,)).fetchone()
        return None if row is None or row[0] is None else int(row[0])

    def add_run(self, month: str, rules: str, rules_sha256: str) -> int:
        cursor = self._sql(lambda: self._db.execute(
            "INSERT INTO runs (month, created, rules, rules_sha256, lines, total_ore) VALUES (?, ?, ?, ?, 0, 0)",
            (month, _now(), rules, rules_sha256)))
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, lines: int, total: Decimal) -> None:
        self._sql(lambda: self._db.execute(
            "UPDATE runs SET lines = ?, total_ore = ? WHERE id = ?", (lines, to_ore(total), run_id)))

    def book(self, run_id: int, items: Sequence[tuple[LineKey, Decimal]]) -> None:
        self._sql(lambda: self._db.executemany(
            "INSERT INTO booked (official, period, type, organ, rule, amount_ore, run_id) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (official, period, type, organ, rule) DO UPDATE SET amount_ore = excluded.amount_ore, "
            "run_id = excluded.run_id",
            [(k.official, k.period, k.type, k.organ, k.rule, to_ore(a), run_id) for k, a in items]))

    def add_paid(self, run_id: int, rows: Sequence[tuple[str, str, list[Any]]]) -> None:
        """The lines a run paid, per official and period; each line's rule values by id.

        ``rows`` hold the lines as ``paid_of_run`` gives them back, rule values in full
        last in each line (as dicts, or as tuples of their fields in ``VALUE_KEYS`` order).
        Called inside the run's write transaction, so the ids read here are those
        booked: no other run can add a value in between.
        """
        def insert() -> None:
            ids = _ValueIds(self._db)
            self._db.executemany(
                "INSERT INTO paid (run_id, official, period, lines) VALUES (?, ?, ?, ?)",
                [(run_id, o, p, _dumps([[*line[:-1], [ids.of(v) for v in line[-1]]] for line in lines]))
                 for o, p, lines in rows])
        self._sql(insert)

    def paid_rows(self, run_id: int) -> PaidRows:
        """A writer of a run's paid lines, one official at a time (inside the run's transaction)."""
        return PaidRows(self, run_id)

    def paid_of_run(self, run_id: int) -> Iterator[tuple[str, str, list[Any]]]:
        """A run's lines per official and period, each line's rule values in full, in the order paid."""
        values = {int(i): (str(n), str(v), str(f), str(r)) for i, n, v, f, r in self._db.execute(
            "SELECT id, name, value, valid_from, reference FROM rule_values")}
        rows = self._db.execute(
            "SELECT id, official, period, lines FROM paid WHERE run_id = ? ORDER BY id", (run_id,))
        for row_id, official, period, text in rows:
            lines = json.loads(text)
            for line in lines:
                try:
                    line[-1] = [dict(zip(VALUE_KEYS, values[i], strict=True)) for i in line[-1]]
                except (KeyError, TypeError):
                    raise RecordError(
                        f"körning {run_id}, {official} {period}: en rad hänvisar till ett regelvärde som "
                        f"liggaren inte har (paid.id {row_id}); liggaren är skadad", Location(str(self.path))
                    ) from None
            yield str(official), str(period), lines

    def open_debts(self) -> list[Debt]:
        rows = self._db.execute(
            "SELECT id, official, created_month, parts, deducted, last_month FROM debts ORDER BY id")
        debts = [Debt(i, o, c, tuple(json.loads(p)), d, lm) for i, o, c, p, d, lm in rows]
        return [d for d in debts if d.deducted < len(d.parts)]

    def add_debt(self, official: str, month: str, run_id: int, parts: Sequence[Decimal]) -> None:
        self._sql(lambda: self._db.execute(
            "INSERT INTO debts (official, created_month, run_id, parts) VALUES (?, ?, ?, ?)",
            (official, month, run_id, json.dumps([to_ore(p) for p in parts]))))

    def deduct(self, debt_id: int, month: str) -> None:
        self._sql(lambda: self._db.execute(
            "UPDATE debts SET deducted = deducted + 1, last_month = ? WHERE id = ?", (month, debt_id)))

    # -- exports ----------------------------------------------------------
    def add_export(self, state: ExportState) -> None:
        self._sql(lambda: self._db.execute(
            "INSERT INTO exports (run_id, format, path, temp, sha256, done) VALUES (?, ?, ?, ?, ?, 0)",
            (state.run_id, state.format, state.path, state.temp, state.sha256)))

    def pending_exports(self) -> list[ExportState]:
        rows = self._db.execute(
            "SELECT run_id, format, path, temp, sha256, done FROM exports WHERE done = 0 ORDER BY run_id")
        return [ExportState(r, f, p, t, s, bool(d)) for r, f, p, t, s, d in rows]

    def mark_exported(self, run_id: int, path: str) -> None:
        self._sql(lambda: self._db.execute(
            "UPDATE exports SET done = 1 WHERE run_id = ? AND path = ?", (run_id, path)))

    def exports_of(self, run_id: int) -> list[ExportState]:
        rows = self._db.execute(
            "SELECT run_id, format, path, temp, sha256, done FROM exports WHERE run_id = ?", (run_id,))
        return [ExportState(r, f, p, t, s, bool(d)) for r, f, p, t, s, d in rows]

    # -- 4.1 pension ------------------------------------------------------
    def _has_pension(self) -> bool:
        row = self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'pension'").fetchone()
        return row is not None

    def pension_bookings(self, official: str | None = None) -> list[PensionBooking]:
        """Booked years, by official and year; none in a record that never booked one."""
        if not self._has_pension():
            return []
        sql = "SELECT official, year, income_ore, avgift_ore, cash, booked, rules FROM pension"
        args: tuple[str, ...] = ()
        if official is not None:
            sql += " WHERE official = ?"
            args = (official,)
        rows = self._db.execute(sql + " ORDER BY official, year", args)
        return [PensionBooking(o, y, from_ore(i), from_ore(a), bool(c), b, r) for o, y, i, a, c, b, r in rows]

    def add_pension_booking(self, booking: PensionBooking, rules_sha256: str) -> None:
        """Book one official's year (inside ``write``); a year already booked is refused by the key."""
        def insert() -> None:
            self._db.execute(_PENSION_TABLE)
            self._db.execute(
                "INSERT INTO pension (official, year, income_ore, avgift_ore, cash, booked, rules, rules_sha256) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (booking.official, booking.year, to_ore(booking.income), to_ore(booking.avgift), int(booking.cash),
                 booking.booked, booking.rules, rules_sha256))
        self._sql(insert)

    def paid_in_runs(self) -> Iterator[tuple[RunInfo, str, str, list[Any]]]:
        """Every paid row with the run that paid it: (run, official, period, lines), in run order."""
        runs = {r.id: r for r in self.runs()}
        rows = self._db.execute("SELECT run_id, official, period, lines FROM paid ORDER BY run_id, rowid")
        for run_id, official, period, lines in rows:
            yield runs[int(run_id)], str(official), str(period), json.loads(lines)

    # -- status -----------------------------------------------------------
    def counts(self) -> dict[str, int]:
        def one(sql: str) -> int:
            return int(self._db.execute(sql).fetchone()[0])

        return {
            "filer": one("SELECT count(*) FROM sources"),
            "rapporter": one("SELECT count(*) FROM units WHERE current = 1"),
            "ersatta versioner": one("SELECT count(*) FROM units WHERE current = 0"),
            "förtroendevalda i förteckning": one("SELECT count(*) FROM register WHERE current = 1"),
            "körningar": one("SELECT count(*) FROM runs"),
            "öppna återkrav": len(self.open_debts()),
            "bokförda pensionsår (4.1)": len(self.pension_bookings()),
        }



class PaidRows:
    """A run's paid lines stored as the run pays them, so that no month's lines wait whole in memory.

    Rows are what ``Record.add_paid`` stores, in the same order and with the same ids:
    one row per official and period, in the order each first appears. A row given
    again (a 6.4 deduction after the official's own lines) is extended in place, as if
    its lines had been given together.
    """

    def __init__(self, record: Record, run_id: int) -> None:
        self._record = record
        self._run_id = run_id
        self._ids = _ValueIds(record._db)
        self._rows: dict[tuple[str, str], int] = {}

    def value_id(self, value: tuple[str, ...]) -> int:
        """The id of a traced rule value (its fields in ``VALUE_KEYS`` order), added the first time."""
        return self._record._sql(lambda: self._ids.of(value))

    def add(self, official: str, period: str, lines: list[Any]) -> None:
        """``lines`` as ``paid`` stores them: each line's rule values last, by ``value_id``."""
        if not lines:
            return
        db = self._record._db

        def insert() -> None:
            text = _dumps(lines)
            row_id = self._rows.get((official, period))
            if row_id is None:
                cursor = db.execute("INSERT INTO paid (run_id, official, period, lines) VALUES (?, ?, ?, ?)",
                                    (self._run_id, official, period, text))
                assert cursor.lastrowid is not None
                self._rows[(official, period)] = cursor.lastrowid
                return
            (before,) = db.execute("SELECT lines FROM paid WHERE id = ?", (row_id,)).fetchone()
            # Both are JSON lists written by _dumps: joined, they are the list of all the lines.
            db.execute("UPDATE paid SET lines = ? WHERE id = ?", (f"{before[:-1]},{text[1:]}", row_id))

        self._record._sql(insert)
