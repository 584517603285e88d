"""The payroll ledger: what each run paid, in an embedded SQLite database.

Payroll must never pay twice and must correct what changes afterwards. The
ledger books, per official, month and line key, the amount deemed paid; a run
pays the difference between the new calculation and what is booked. Every run
is one SQLite transaction, so a run killed halfway leaves the ledger as it was.
Amounts are stored as integer öre.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from pathlib import Path

import attrs

from arvode.base.errors import ArvodeError, Location

__all__ = ["Debt", "Ledger", "LedgerError", "LineKey"]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    month TEXT NOT NULL,
    created TEXT NOT NULL,
    rules TEXT NOT NULL,
    lines INTEGER NOT NULL,
    total_ore INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS booked (
    official TEXT NOT NULL,
    period TEXT NOT NULL,
    type TEXT NOT NULL,
    organ TEXT NOT NULL,
    rule TEXT NOT NULL,
    amount_ore INTEGER NOT NULL,
    PRIMARY KEY (official, period, type, organ, rule)
);
CREATE TABLE IF NOT EXISTS lines (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    official TEXT NOT NULL,
    period TEXT NOT NULL,
    kind TEXT NOT NULL,
    date TEXT,
    type TEXT NOT NULL,
    amount_ore INTEGER NOT NULL,
    rule TEXT NOT NULL,
    pay_code TEXT NOT NULL,
    organ TEXT NOT NULL,
    text TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS debts (
    id INTEGER PRIMARY KEY,
    official TEXT NOT NULL,
    created_month TEXT NOT NULL,
    parts TEXT NOT NULL,
    deducted INTEGER NOT NULL DEFAULT 0,
    last_month TEXT NOT NULL DEFAULT ''
);
"""


#: A stored payment line: official, period, kind, date, type, amount, rule, pay code, organ, text.
Row = tuple[str, str, str, str | None, str, Decimal, str, str, str, str]


class LedgerError(ArvodeError, RuntimeError):
    """The ledger file cannot be opened or is not an arvode ledger."""


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
    """A 6.4 recovery plan: monthly parts (öre), how many are deducted, and when last."""

    id: int
    official: str
    created_month: str
    parts: tuple[int, ...]
    deducted: int
    last_month: str


def to_ore(amount: Decimal) -> int:
    value = amount * 100
    if value != value.to_integral_value():
        raise ValueError(f"{amount} is not whole öre")
    return int(value)


def from_ore(ore: int) -> Decimal:
    return (Decimal(ore) / 100).quantize(Decimal("0.01"))


class Ledger:
    """An open ledger file. Use ``with ledger.run(...)`` for one atomic payroll run."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self._db = sqlite3.connect(self.path, isolation_level=None)
            self._db.executescript(_SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise LedgerError(f"not a usable ledger: {exc}", Location(str(self.path))) from None

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: an exception (or a killed process) leaves the ledger as before."""
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")

    # -- reading ----------------------------------------------------------
    def booked(self, official: str, period: str) -> dict[LineKey, Decimal]:
        rows = self._db.execute(
            "SELECT type, organ, rule, amount_ore FROM booked WHERE official = ? AND period = ?",
            (official, period),
        )
        return {LineKey(official, period, t, o, r): from_ore(a) for t, o, r, a in rows}

    def booked_all(self) -> dict[tuple[str, str], dict[LineKey, Decimal]]:
        result: dict[tuple[str, str], dict[LineKey, Decimal]] = {}
        for off, per, t, o, r, a in self._db.execute(
            "SELECT official, period, type, organ, rule, amount_ore FROM booked"
        ):
            result.setdefault((off, per), {})[LineKey(off, per, t, o, r)] = from_ore(a)
        return result

    def open_debts(self) -> list[Debt]:
        rows = self._db.execute(
            "SELECT id, official, created_month, parts, deducted, last_month FROM debts ORDER BY id"
        )
        debts = [Debt(i, o, c, tuple(json.loads(p)), d, lm) for i, o, c, p, d, lm in rows]
        return [d for d in debts if d.deducted < len(d.parts)]

    def runs(self) -> list[tuple[int, str, str, int, Decimal]]:
        rows = self._db.execute("SELECT id, month, created, lines, total_ore FROM runs ORDER BY id")
        return [(i, m, c, n, from_ore(t)) for i, m, c, n, t in rows]

    def lines_of_run(self, run_id: int) -> list[Row]:
        rows = self._db.execute(
            "SELECT official, period, kind, date, type, amount_ore, rule, pay_code, organ, text "
            "FROM lines WHERE run_id = ? ORDER BY rowid",
            (run_id,),
        )
        return [(o, p, k, d, t, from_ore(a), r, c, g, x) for o, p, k, d, t, a, r, c, g, x in rows]

    # -- writing (inside a transaction) -----------------------------------
    def add_run(self, month: str, rules: str) -> int:
        cursor = self._db.execute(
            "INSERT INTO runs (month, created, rules, lines, total_ore) VALUES (?, ?, ?, 0, 0)",
            (month, dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), rules),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def finish_run(self, run_id: int, lines: int, total: Decimal) -> None:
        self._db.execute("UPDATE runs SET lines = ?, total_ore = ? WHERE id = ?", (lines, to_ore(total), run_id))

    def book(self, key: LineKey, amount: Decimal) -> None:
        self._db.execute(
            "INSERT INTO booked (official, period, type, organ, rule, amount_ore) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (official, period, type, organ, rule) DO UPDATE SET amount_ore = excluded.amount_ore",
            (key.official, key.period, key.type, key.organ, key.rule, to_ore(amount)),
        )

    def add_lines(self, run_id: int, rows: list[Row]) -> None:
        self._db.executemany(
            "INSERT INTO lines (run_id, official, period, kind, date, type, amount_ore, rule, pay_code, organ, text) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(run_id, o, p, k, d, t, to_ore(a), r, c, g, x) for o, p, k, d, t, a, r, c, g, x in rows],
        )

    def add_debt(self, official: str, month: str, parts: list[Decimal]) -> int:
        cursor = self._db.execute(
            "INSERT INTO debts (official, created_month, parts) VALUES (?, ?, ?)",
            (official, month, json.dumps([to_ore(p) for p in parts])),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    def deduct(self, debt_id: int, month: str) -> None:
        self._db.execute(
            "UPDATE debts SET deducted = deducted + 1, last_month = ? WHERE id = ?", (month, debt_id)
        )
