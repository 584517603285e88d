"""A payroll run: one month for every official, paid once, corrected afterwards.

Without a record a run is the month's results turned into payment lines (the
same figures ``arvode check`` gives each claim). With a record (``Record``) a
run first imports its inputs, then computes every official's months from the
record alone — never from whatever files happen to be on the command line —
and pays only the difference between that and what is booked per official,
month and line key: rerunning pays nothing twice, an input left out changes
nothing, and a real change (a new version of a claim, a rules change, a new
decision in the register) is paid or recovered as correction lines naming the
month they correct. A net overpayment becomes a 6.4 repayment plan.

Everything happens inside one write transaction that takes the record's lock
before the booked state is read, so two runs can never pay the same thing. The
export files are written under temporary names inside the transaction, the
record commits, then the files are renamed into place: a run is booked with
its files or not at all, and a kill between commit and rename is finished by
the next command (``finish_exports``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs

from arvode.base.errors import ClaimError, Location, RulesError
from arvode.base.gcpause import paused_gc
from arvode.base.money import format_kr
from arvode.base.period import parse_period
from arvode.calculation.aterbetalning import recovery_parts
from arvode.calculation.engine import calculate_official
from arvode.calculation.lines import Text
from arvode.calculation.result import Rejection, Result
from arvode.claims.batch import (
    CLAIM_STREAM,
    Batch,
    Unit,
    assemble,
    claim_unit_from_raw,
    csv_unit_from_raw,
    in_received_order,
    registered_from_raw,
)
from arvode.claims.claim import Absence, Claim, Event, Official
from arvode.claims.identity import lookalike_key
from arvode.output.export import Export, TempFile, Written, check_targets, file_sha256, finish, write_temp
from arvode.payroll.record import (
    VALUE_KEYS,
    ExportState,
    LineKey,
    PaidRows,
    Record,
    RecordError,
    StoredUnit,
    from_ore,
    to_ore,
)
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup
from arvode.rules.params import DatedValue

__all__ = [
    "ImportNote",
    "PayLine",
    "PayrollRun",
    "calculate_batch",
    "finish_exports",
    "import_inputs",
    "reexport",
    "run_payroll",
]

KINDS = ("betalning", "rattelse", "aterkrav")


@attrs.frozen
class PayLine:
    """One line for the payroll system, with the event and rule values behind it."""

    official: str
    period: str
    kind: str
    date: dt.date | None
    type: str
    amount: Decimal
    rule: str
    pay_code: str
    organ: str
    #: The arithmetic (formatted when written: ``text``).
    explanation: Text
    #: ``file:line`` of the event the line pays, where it pays one.
    source: str = ""
    values: tuple[DatedValue[Any], ...] = ()

    @property
    def text(self) -> str:
        return str(self.explanation)

    def as_record(self) -> list[Any]:
        return [*self._stored_fields(), [v.as_json() for v in self.values]]

    def _stored_fields(self, text: str | None = None) -> list[Any]:
        return [self.kind, self.date.isoformat() if self.date else None, self.type, to_ore(self.amount),
                self.rule, self.pay_code, self.organ, self.text if text is None else text, self.source]

    @classmethod
    def from_record(cls, official: str, period: str, data: list[Any]) -> PayLine:
        kind, day, type_, ore, rule, code, organ, text, source, values = data
        traced = tuple(DatedValue(v["name"], v["value"], dt.date.fromisoformat(v["from"]), v["reference"])
                       for v in values)
        return cls(official, period, kind, dt.date.fromisoformat(day) if day else None, type_, from_ore(ore),
                   rule, code, organ, text, source, traced)


@attrs.frozen
class ImportNote:
    """What importing one input did: a new unit, a replaced one, or nothing and why."""

    what: str  # "ny", "ny version", "oförändrad", "samma innehåll", "samma fil"
    file: str
    official: str = ""
    period: str = ""
    detail: str = ""


@attrs.frozen
class PayrollRun:
    month: str
    lines: tuple[PayLine, ...]
    results: tuple[Result, ...]
    run_id: int | None = None
    imported: tuple[ImportNote, ...] = ()
    #: The last run that paid this month, when this one found nothing to pay.
    already_paid_in: int | None = None
    exports: tuple[Export, ...] = ()
    dry_run: bool = False
    #: Claims in the record or input for months after this one (not paid by this run).
    later: tuple[tuple[str, str], ...] = ()

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

    @property
    def nothing_to_pay(self) -> bool:
        return not self.lines

    @property
    def refused(self) -> list[tuple[str, str, Rejection]]:
        """(official, period, refusal) of every event or part the run does not pay."""
        return [(r.official, r.period, rej) for r in self.results for rej in r.rejected]

    def by(self, field: str) -> dict[str, Decimal]:
        sums: dict[str, Decimal] = {}
        for line in self.lines:
            key = getattr(line, field) or "(ej fördelat)"
            sums[key] = sums.get(key, Decimal(0)) + line.amount
        return dict(sorted(sums.items()))


def _month_end(period: str) -> dt.date:
    return parse_period(period).last_day


def _checked_month(month: str) -> str:
    try:
        return str(parse_period(month))
    except ValueError as exc:
        raise ClaimError(f"--month: {exc}") from None


class _Coder:
    """Pay code and cost-bearing organ of result lines (rules data)."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    def pay_code(self, type_: str, day: dt.date) -> str:
        code = self.rules.pay_codes.get(type_)
        if code is None or code.valid_from > day:
            raise RulesError(f"ingen lönekod för radtypen {type_!r} den {day} (regelavsnittet pay_codes)")
        return code.code

    def organ(self, claim: Claim, line_organ: str | None, event: int | None, day: dt.date) -> str:
        if line_organ:
            return line_organ
        if event is None:
            return ""
        organ = claim.events[event].organ
        if organ is None:
            return str(Lookup(self.rules, day).value("kostnadsbarare.valforrattning").value)
        return organ


def _payment_lines(claim: Claim, result: Result, coder: _Coder) -> list[PayLine]:
    end = _month_end(claim.period)
    lines = []
    sources: dict[int, str] = {}  # an event's lines share one string
    for line in result.lines:
        day = line.date or end
        source = ""
        if line.event is not None:
            source = sources.get(line.event, "")
            if not source:
                event = claim.events[line.event]
                source = sources[line.event] = f"{event.file or claim.file}:{event.line}"
        lines.append(
            PayLine(claim.official.id, claim.period, "betalning", line.date, line.type, line.amount,
                    line.rule, coder.pay_code(line.type, day), coder.organ(claim, line.organ, line.event, day),
                    line.explanation, source, line.values)
        )
    return lines


def _keyed(lines: Iterable[PayLine]) -> dict[LineKey, Decimal]:
    # Summed by plain tuples: an official's lines share a few keys, made into LineKeys once each.
    sums: dict[tuple[str, str, str, str, str], Decimal] = {}
    zero = Decimal(0)
    for line in lines:
        key = (line.official, line.period, line.type, line.organ, line.rule)
        sums[key] = sums.get(key, zero) + line.amount
    return {LineKey(*key): amount for key, amount in sums.items()}


def _by_official(claims: Iterable[Claim]) -> dict[str, list[Claim]]:
    grouped: dict[str, list[Claim]] = {}
    for claim in claims:
        grouped.setdefault(claim.official.id, []).append(claim)
    return grouped


def calculate_batch(batch: Batch, rules: Rules, period: str) -> list[Result]:
    """The month ``period`` for every official of ``batch``, one Result each.

    An official's claims up to the month are priced together, so a late event in this
    month's claim gets what is left of its day's caps (2.2.1, 2.2.2) after an earlier
    month's claim in the same input.
    """
    month = _checked_month(period)
    results = []
    with paused_gc():
        for claims in _by_official(batch.for_month(month) + [c for c in batch.claims if c.period < month]).values():
            ordered = sorted(claims, key=lambda c: c.period)
            for claim, result in zip(ordered, calculate_official(ordered, rules), strict=True):
                if claim.period == month:
                    results.append(result)
    return sorted(results, key=lambda r: r.official)


def run_payroll(
    batch: Batch,
    rules: Rules,
    month: str,
    record: Record | None = None,
    *,
    exports: Sequence[Export] = (),
    dry_run: bool = False,
    recovery_months: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PayrollRun:
    """Pay ``month`` for every official: from ``batch`` alone, or on ``record`` (differences only).

    ``exports`` are written with the run (CSV, PAXml); ``dry_run`` computes and writes
    them but books nothing; ``recovery_months`` (1–4, 6.4) spreads a net overpayment,
    by default over the most months the rules allow.
    """
    month = _checked_month(month)
    forbidden = [Path(s.name) for s in batch.sources] + ([record.path] if record is not None else [])
    check_targets(exports, forbidden)
    coder = _Coder(rules)
    if record is None:
        with paused_gc():
            return _compute_only(batch, rules, month, coder, exports, progress)
    with record.write(commit=not dry_run), paused_gc():
        run = _record_run(batch, rules, month, record, coder, exports, dry_run, recovery_months, progress)
    if not dry_run:
        finish_exports(record)
    return run


def _compute_only(batch: Batch, rules: Rules, month: str, coder: _Coder, exports: Sequence[Export],
                  progress: Callable[[int, int], None] | None) -> PayrollRun:
    claims = batch.for_month(month)
    earlier = _by_official(c for c in batch.claims if c.period < month)
    results, lines = [], []
    for done, claim in enumerate(claims, 1):
        history = sorted(earlier.get(claim.official.id, []), key=lambda c: c.period)
        result = calculate_official([*history, claim], rules)[-1]
        results.append(result)
        lines.extend(_payment_lines(claim, result, coder))
        if progress:
            progress(done, len(claims))
    later = tuple(sorted({(c.official.id, c.period) for c in batch.claims if c.period > month}))
    if not lines:
        # As with a record: a run that pays nothing leaves an existing export as it is.
        return PayrollRun(month, (), tuple(results), later=later)
    for written in [write_temp(e, lines, month, "0") for e in exports]:
        finish(written.temp, written.export.path)
    return PayrollRun(month, tuple(lines), tuple(results), exports=tuple(exports), later=later)


# ---------------------------------------------------------------- import
def _import(record: Record, batch: Batch, added: dict[int, Unit] | None = None) -> list[ImportNote]:
    """Put the batch's inputs into the record (inside the run's transaction).

    ``added`` receives each unit stored now, by its id in the record.
    """
    notes: list[ImportNote] = []
    skipped: set[str] = set()
    ids: dict[str, int] = {}
    for source in batch.sources:
        earlier = record.source_with(source.sha256)
        if earlier is not None:
            skipped.add(source.name)
            notes.append(ImportNote("samma fil", source.name, detail=f"samma innehåll som {earlier}, redan mottagen"))
            continue
        ids[source.name] = record.add_source(source.name, source.sha256, source.kind)
    for official, file, line in _spellings(batch, skipped):
        key = lookalike_key(official)
        known = record.ident(key)
        if known is not None and known[0] != official:
            raise ClaimError(
                f"id {official!r} liknar {known[0]!r}, som liggaren redan har ({known[1]}:{known[2]}), men "
                "skrivs annorlunda: samma person måste ha samma id överallt",
                Location(file, line, "official.id"))
        if known is None:
            record.add_ident(key, official, file, line)
    for unit in batch.units:
        if unit.source in skipped:
            continue
        current = record.current_unit(unit.official, unit.period, unit.stream)
        if current is not None and current[1] == unit.content:
            notes.append(ImportNote("oförändrad", unit.source, unit.official, unit.period))
            continue
        same = record.unit_with_content(unit.official, unit.period, unit.content)
        if same is not None:
            notes.append(ImportNote("samma innehåll", unit.source, unit.official, unit.period,
                                    f"samma innehåll som {same}, redan mottagen"))
            continue
        unit_id = record.add_unit(unit.official, unit.period, unit.stream, unit.content, ids[unit.source],
                                  unit.source, unit.line, len(unit.events), unit.raw)
        if added is not None:
            added[unit_id] = unit
        what = "ny" if current is None else "ny version"
        detail = "" if current is None else f"ersätter version {current[2]}"
        notes.append(ImportNote(what, unit.source, unit.official, unit.period, detail))
    for entry in batch.register:
        if entry.source in skipped:
            continue
        current_entry = record.current_entry(entry.official.id)
        if current_entry is not None and current_entry[1] == entry.content:
            continue
        record.add_entry(entry.official.id, entry.content, ids[entry.source], entry.source, entry.line, entry.raw)
        notes.append(ImportNote("ny" if current_entry is None else "ny version", entry.source, entry.official.id,
                                detail="förteckning över förtroendevalda"))
    return notes


def _spellings(batch: Batch, skipped: set[str]) -> Iterable[tuple[str, str, int]]:
    for unit in batch.units:
        if unit.source not in skipped:
            yield unit.official, unit.source, unit.line
    for entry in batch.register:
        if entry.source not in skipped:
            yield entry.official.id, entry.source, entry.line


# ---------------------------------------------------------------- the record's claims
@attrs.frozen
class _History:
    """Every official's claims as the record holds them now, and their recorded absences."""

    claims: dict[str, list[Claim]]
    registered: dict[str, Official]
    absences: dict[str, tuple[Absence, ...]]

    def absences_of(self, official: str) -> tuple[Absence, ...] | None:
        return self.absences.get(official)


def _read_history(record: Record, rules: Rules, fresh: Batch, added: dict[int, Unit]) -> _History:
    """Assemble every official's claims from the units in force (the batch's own where just read).

    ``added`` are the units this run stored, by id: they are used as read, not read back.
    """
    held = {id(u) for u in added.values()}
    known = {(u.official, u.period, u.stream, u.raw): u for u in fresh.units if id(u) not in held}
    fresh_entries = {(r.official.id, r.raw): r for r in fresh.register}
    registered: dict[str, Official] = {}
    for entry_row in record.entries():
        entry = fresh_entries.get((entry_row.official, entry_row.raw))
        if entry is None:
            entry = registered_from_raw(entry_row.raw, entry_row.file, entry_row.line, rules)
        registered[entry_row.official] = entry.official
    per_official: dict[str, list[tuple[int, Unit]]] = {}
    for stored in record.units(held=added.keys()):
        unit = added.get(stored.id) or known.get((stored.official, stored.period, stored.stream, stored.raw))
        if unit is None:
            unit = _unit_of(stored, rules)
        per_official.setdefault(stored.official, []).append((stored.received, unit))
    claims: dict[str, list[Claim]] = {}
    absences: dict[str, list[Absence]] = {o: list(r.absences) for o, r in registered.items()}
    for official, units in per_official.items():
        grouped: dict[str, list[Unit]] = {}
        for unit in in_received_order(units):
            grouped.setdefault(unit.period, []).append(unit)
        claims[official] = [assemble(group, registered.get(official)) for _, group in sorted(grouped.items())]
        if official not in registered:
            seen = absences.setdefault(official, [])
            for claim in claims[official]:
                seen.extend(a for a in claim.official.absences if a not in seen)
    return _History(claims, registered, {o: tuple(a) for o, a in absences.items()})


def _unit_of(stored: StoredUnit, rules: Rules) -> Unit:
    """A unit of an earlier import, read again from what the record stored."""
    if stored.stream == CLAIM_STREAM:
        return claim_unit_from_raw(stored.raw, stored.file, rules)
    return csv_unit_from_raw(stored.official, stored.period, stored.stream, stored.file, stored.raw, rules)


def _periods_to_compute(history: _History, booked: Iterable[tuple[str, str]], month: str) -> dict[str, list[Claim]]:
    """Per official, the claims up to ``month``: every claim in the record, the month for a
    registered official, and every booked month of a registered official (recomputed from
    the register, so a new decision there corrects it)."""
    result: dict[str, dict[str, Claim]] = {}
    for official, claims in history.claims.items():
        result[official] = {c.period: c for c in claims if c.period <= month}
    booked_periods: dict[str, set[str]] = {}
    for official, period in booked:
        booked_periods.setdefault(official, set()).add(period)
    for official, data in history.registered.items():
        mine = result.setdefault(official, {})
        for period in {month} | {p for p in booked_periods.get(official, set()) if p <= month}:
            mine.setdefault(period, Claim(data, period, (), file="<förteckning>"))
    return {o: [c[p] for p in sorted(c)] for o, c in sorted(result.items()) if c}


# ---------------------------------------------------------------- the run
def _record_run(
    batch: Batch, rules: Rules, month: str, record: Record, coder: _Coder, exports: Sequence[Export],
    dry_run: bool, recovery_months: int | None, progress: Callable[[int, int], None] | None,
) -> PayrollRun:
    added: dict[int, Unit] = {}
    notes = _import(record, batch, added)
    history = _read_history(record, rules, batch, added)
    del added
    booked = record.booked()
    to_compute = _periods_to_compute(history, booked, month)
    later = tuple(sorted((o, c.period) for o, cs in history.claims.items() for c in cs if c.period > month))
    out: list[PayLine] = []
    corrections: dict[str, Decimal] = {}
    to_book: list[tuple[LineKey, Decimal]] = []
    results: list[Result] = []
    paying = _Paying(record, rules, month, exports)
    total = len(to_compute)
    try:
        for done, (official, claims) in enumerate(to_compute.items(), 1):
            known: list[Event] = [e for c in history.claims.get(official, []) if c.period > month for e in c.events]
            computed = calculate_official(claims, rules, known=known, absences_of=history.absences_of)
            paid_now: list[PayLine] = []
            for claim, result in zip(claims, computed, strict=True):
                if claim.period == month:
                    results.append(result)
                lines = _payment_lines(claim, result, coder)
                was = booked.get((official, claim.period), {})
                paid_now.extend(_difference(claim, lines, was, month, coder, corrections))
                expected = _keyed(lines)
                to_book.extend((k, v) for k, v in expected.items() if was.get(k) != v)
                to_book.extend((k, Decimal(0)) for k in was if k not in expected)
            paying.pay(paid_now)
            out.extend(paid_now)
            if paying.run_id is not None:
                record.book(paying.run_id, to_book)
                to_book.clear()
            if progress:
                progress(done, total)
        if not out and not _due_debts(record, month):
            return PayrollRun(month, (), tuple(results), None, tuple(notes), record.last_run_of(month),
                              tuple(exports), dry_run, later)
        run_id = paying.start()
        look = Lookup(rules, _month_end(month))
        recovered = _recoveries(record, run_id, month, corrections, look, coder, recovery_months)
        paying.pay(recovered)
        out.extend(recovered)
        record.book(run_id, to_book)
        record.finish_run(run_id, len(out), sum((line.amount for line in out), Decimal(0)))
        written = paying.close()
    except BaseException:
        paying.abort()
        raise
    if dry_run:
        for item in written:
            finish(item.temp, item.export.path)
    else:
        for item in written:
            record.add_export(ExportState(run_id, item.export.format, str(item.export.path), str(item.temp),
                                          item.sha256, False))
    return PayrollRun(month, tuple(out), tuple(results), run_id, tuple(notes), None, tuple(exports), dry_run, later)


class _Paying:
    """A run's paid lines into the record and its export files as each official is paid.

    Each line's text is formatted once, for the record and every file; nothing of a
    paid official waits in memory for the rest of the month. The run itself (its id,
    which names the temporary files) is made at its first line: a run that pays
    nothing leaves no trace. Until the commit the files are only temporary ones,
    removed by ``abort`` when the run fails.
    """

    def __init__(self, record: Record, rules: Rules, month: str, exports: Sequence[Export]) -> None:
        self.record, self.rules, self.month, self.exports = record, rules, month, exports
        self.run_id: int | None = None
        self.rows: PaidRows | None = None
        self.files: list[TempFile] = []
        self.keys = _ValueKeys()
        #: Each traced value object's id in the record (the object kept, so its id() stays its own).
        self.ids: dict[int, tuple[DatedValue[Any], int]] = {}

    def start(self) -> int:
        if self.run_id is None:
            run_id = self.run_id = self.record.add_run(self.month, self.rules.name, _rules_sha256(self.rules))
            self.rows = self.record.paid_rows(run_id)
            for export in self.exports:
                self.files.append(TempFile(export, self.month, str(run_id)))
        return self.run_id

    def pay(self, lines: Sequence[PayLine]) -> None:
        if not lines:
            return
        self.start()
        assert self.rows is not None
        texts = [line.text for line in lines]
        grouped: dict[tuple[str, str], list[tuple[PayLine, str]]] = {}
        for line, text in zip(lines, texts, strict=True):
            grouped.setdefault((line.official, line.period), []).append((line, text))
        for (official, period), paid in grouped.items():
            self.rows.add(official, period, [[*line._stored_fields(text), self._value_ids(line.values)]
                                             for line, text in paid])
        if self.files:
            pairs = list(zip(lines, texts, strict=True))
            for file in self.files:
                file.write(pairs)

    def _value_ids(self, values: tuple[DatedValue[Any], ...]) -> list[int]:
        assert self.rows is not None
        out = []
        for value in values:
            found = self.ids.get(id(value))
            if found is None:
                found = self.ids[id(value)] = (value, self.rows.value_id(self.keys.of(value)))
            out.append(found[1])
        return out

    def close(self) -> list[Written]:
        return [file.close() for file in self.files]

    def abort(self) -> None:
        for file in self.files:
            file.abort()


class _ValueKeys:
    """Each traced rule value as the record keys it, formatted once per run, not once per line.

    A month's lines use a few dozen distinct values (the same objects, from the rules)
    on every line; formatting each on each line was a large share of a run's time and
    of its memory at booking.
    """

    def __init__(self) -> None:
        self._keys: dict[DatedValue[Any], tuple[str, ...]] = {}

    def of(self, value: DatedValue[Any]) -> tuple[str, ...]:
        try:
            found = self._keys.get(value)
        except TypeError:  # a value of a type that cannot be hashed: formatted every time
            return _value_key(value)
        if found is None:
            found = self._keys[value] = _value_key(value)
        return found


def _value_key(value: DatedValue[Any]) -> tuple[str, ...]:
    return tuple(value.as_json()[name] for name in VALUE_KEYS)


def _difference(claim: Claim, lines: list[PayLine], booked: dict[LineKey, Decimal], month: str,
                coder: _Coder, corrections: dict[str, Decimal]) -> list[PayLine]:
    """What to pay now for one official and month: all of it, or the corrections to what is booked."""
    if not booked:
        return [line for line in lines if line.amount or line.period == month]
    expected = _keyed(lines)
    end = _month_end(claim.period)
    out = []
    for key in sorted(set(expected) | set(booked), key=lambda k: (k.type, k.organ, k.rule)):
        new, old = expected.get(key, Decimal(0)), booked.get(key, Decimal(0))
        if new == old:
            continue
        text = (f"Rättelse av {key.period}: ny beräkning {format_kr(new)}, tidigare utbetalt "
                f"{format_kr(old)}, skillnad {format_kr(new - old)} ({key.rule})")
        out.append(PayLine(key.official, key.period, "rattelse", None, key.type, new - old, key.rule,
                           coder.pay_code(key.type, end), key.organ, text))
        corrections[key.official] = corrections.get(key.official, Decimal(0)) + new - old
    return out


def _due_debts(record: Record, month: str) -> bool:
    return any(debt.last_month < month for debt in record.open_debts())


def _recoveries(record: Record, run_id: int, month: str, corrections: dict[str, Decimal], look: Lookup,
                coder: _Coder, months: int | None) -> list[PayLine]:
    """6.4: a net overpayment is settled at once or spread over at most four months."""
    out: list[PayLine] = []
    code = coder.pay_code("aterkrav", _month_end(month))
    for official, net in sorted(corrections.items()):
        if net >= 0:
            continue
        parts, text = recovery_parts(-net, look, months)
        if len(parts) == 1:
            continue  # settled at once: the negative corrections above reduce this month's pay
        out.append(PayLine(official, month, "aterkrav", None, "aterkrav", -net, "6.4", code, "",
                           f"Återkrav {format_kr(-net)} regleras enligt 6.4: {text}; rättelserna ovan "
                           "kvittas därför inte denna månad utan dras av månad för månad"))
        record.add_debt(official, month, run_id, parts)
    for debt in record.open_debts():
        if debt.last_month >= month:
            continue
        part = Decimal(debt.parts[debt.deducted]) / 100
        out.append(PayLine(debt.official, month, "aterkrav", None, "aterkrav", -part, "6.4", code, "",
                           f"Avdrag {debt.deducted + 1} av {len(debt.parts)} på återkrav från "
                           f"{debt.created_month} (6.4): {format_kr(part)}"))
        record.deduct(debt.id, month)
    return out


def _rules_sha256(rules: Rules) -> str:
    """The rules version a run used: the SHA-256 of the rules folder's YAML files."""
    digest = hashlib.sha256()
    for path in sorted(Path(rules.directory).glob("*.yaml")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------- after the commit
def finish_exports(record: Record) -> list[str]:
    """Put every committed run's files in place; what could not be is said, with the remedy."""
    messages = []
    for state in record.pending_exports():
        temp, path = Path(state.temp), Path(state.path)
        if file_sha256(temp) == state.sha256:
            finish(temp, path)
            record.mark_exported(state.run_id, state.path)
            continue
        if file_sha256(path) == state.sha256:
            record.mark_exported(state.run_id, state.path)
            continue
        messages.append(
            f"körning {state.run_id}: exportfilen {state.path} finns inte (körningen är bokförd); skriv den igen "
            f"med `arvode payroll --month {_run_month(record, state.run_id)} --reexport {state.run_id} "
            f"--{'paxml' if state.format == 'paxml' else 'out'} {state.path}"
            f"{' --excel' if state.format == 'excel' else ''}`")
    return messages


def _run_month(record: Record, run_id: int) -> str:
    return next((r.month for r in record.runs() if r.id == run_id), "?")


def reexport(record: Record, run_id: int, month: str, exports: Sequence[Export]) -> PayrollRun:
    """Write a booked run's lines again from the record (after a lost file, or for a copy)."""
    runs = {r.id: r.month for r in record.runs()}
    if run_id not in runs:
        raise RecordError(f"--reexport: liggaren har ingen körning {run_id} "
                          f"(körningar: {', '.join(map(str, runs)) or 'inga'})", Location(str(record.path)))
    if runs[run_id] != month:
        raise ClaimError(f"--reexport: körning {run_id} betalade {runs[run_id]}, inte --month {month}")
    check_targets(exports, [record.path])
    lines = tuple(PayLine.from_record(o, p, data) for o, p, rows in record.paid_of_run(run_id)
                  for data in rows)
    written: list[Written] = [write_temp(e, lines, month, f"re{run_id}") for e in exports]
    for item in written:
        finish(item.temp, item.export.path)
    return PayrollRun(month, lines, (), run_id, exports=tuple(exports))



def import_inputs(batch: Batch, record: Record) -> list[ImportNote]:
    """Import inputs into the record without paying anything (``arvode record import``)."""
    with record.write():
        return _import(record, batch)
