"""A payroll run: one month for every official, paid once, corrected afterwards.

Without a ledger a run is the month's results turned into payment lines (the
same figures ``arvode check`` gives each claim). With a ledger, a run pays only
the difference between the new calculation and what is booked for each
official, month and line key, so rerunning a month pays nothing twice, and a
later change (a retroactive omräkning, a late special decision, a corrected
claim) is paid or recovered as correction lines naming the month they correct.
A net overpayment becomes a 6.4 recovery plan of at most four monthly
deductions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import attrs

from arvode.base.errors import RulesError
from arvode.base.money import format_kr
from arvode.base.period import parse_period
from arvode.calculation.aterbetalning import recovery_parts
from arvode.calculation.engine import calculate
from arvode.calculation.result import Rejection, Result
from arvode.claims.batch import Batch
from arvode.claims.claim import Claim
from arvode.payroll.record import Ledger, LineKey
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup

__all__ = ["PayLine", "PayrollRun", "run_payroll"]

KINDS = ("betalning", "rattelse", "aterkrav")


@attrs.frozen
class PayLine:
    """One line for the payroll system."""

    official: str
    period: str
    kind: str
    date: dt.date | None
    type: str
    amount: Decimal
    rule: str
    pay_code: str
    organ: str
    text: str

    def row(self) -> tuple[str, str, str, str | None, str, Decimal, str, str, str, str]:
        day = self.date.isoformat() if self.date else None
        return (self.official, self.period, self.kind, day, self.type, self.amount, self.rule,
                self.pay_code, self.organ, self.text)


@attrs.frozen
class PayrollRun:
    month: str
    lines: tuple[PayLine, ...]
    results: tuple[Result, ...]
    run_id: int | None = None

    @property
    def total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal(0))

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


class _Coder:
    """Pay code and cost-bearing organ of result lines (rules data)."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules

    def pay_code(self, type_: str, day: dt.date) -> str:
        code = self.rules.pay_codes.get(type_)
        if code is None or code.valid_from > day:
            raise RulesError(f"no pay code for line type {type_!r} on {day} (rules section pay_codes)")
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
    for line in result.lines:
        day = line.date or end
        lines.append(
            PayLine(claim.official.id, claim.period, "betalning", line.date, line.type, line.amount,
                    line.rule, coder.pay_code(line.type, day), coder.organ(claim, line.organ, line.event, day),
                    line.text)
        )
    return lines


def _keyed(lines: list[PayLine]) -> dict[LineKey, Decimal]:
    sums: dict[LineKey, Decimal] = {}
    for line in lines:
        key = LineKey(line.official, line.period, line.type, line.organ, line.rule)
        sums[key] = sums.get(key, Decimal(0)) + line.amount
    return sums


def run_payroll(
    batch: Batch,
    rules: Rules,
    month: str,
    ledger: Ledger | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> PayrollRun:
    """Pay ``month`` for every official in ``batch``; with a ledger, pay differences only."""
    coder = _Coder(rules)
    if ledger is None:
        claims = batch.for_month(month)
        results, lines = [], []
        for done, claim in enumerate(claims, 1):
            result = calculate(claim, rules)
            results.append(result)
            lines.extend(_payment_lines(claim, result, coder))
            if progress:
                progress(done, len(claims))
        return PayrollRun(month, tuple(lines), tuple(results))
    return _ledger_run(batch, rules, month, ledger, coder, progress)


def _claims_to_compute(batch: Batch, month: str, ledger: Ledger) -> list[Claim]:
    """This month's claims, earlier claims in the input, and registered officials' booked months."""
    claims = {(c.official.id, c.period): c for c in batch.claims if c.period <= month}
    for claim in batch.for_month(month):
        claims.setdefault((claim.official.id, claim.period), claim)
    registered = {o.id: o for o in batch.register}
    for official, period in ledger.booked_all():
        if period <= month and official in registered:
            claims.setdefault((official, period), Claim(registered[official], period, ()))
    return [claims[k] for k in sorted(claims, key=lambda k: (k[1], k[0]))]


def _ledger_run(
    batch: Batch, rules: Rules, month: str, ledger: Ledger, coder: _Coder,
    progress: Callable[[int, int], None] | None,
) -> PayrollRun:
    claims = _claims_to_compute(batch, month, ledger)
    computed: list[tuple[Claim, Result, list[PayLine]]] = []
    for done, claim in enumerate(claims, 1):
        result = calculate(claim, rules)
        computed.append((claim, result, _payment_lines(claim, result, coder)))
        if progress:
            progress(done, len(claims))
    booked_all = ledger.booked_all()
    out: list[PayLine] = []
    corrections: dict[str, Decimal] = {}
    to_book: list[tuple[LineKey, Decimal]] = []
    for claim, _, lines in computed:
        expected = _keyed(lines)
        booked = booked_all.get((claim.official.id, claim.period))
        if not booked:
            out.extend(line for line in lines if line.amount or line.period == month)
            to_book.extend(expected.items())
            continue
        end = _month_end(claim.period)
        for key in sorted(set(expected) | set(booked), key=lambda k: (k.type, k.organ, k.rule)):
            new, old = expected.get(key, Decimal(0)), booked.get(key, Decimal(0))
            if new == old:
                continue
            text = (f"Rättelse av {key.period}: ny beräkning {format_kr(new)}, tidigare utbetalt "
                    f"{format_kr(old)}, skillnad {format_kr(new - old)} ({key.rule})")
            out.append(PayLine(key.official, key.period, "rattelse", None, key.type, new - old, key.rule,
                               coder.pay_code(key.type, end), key.organ, text))
            corrections[key.official] = corrections.get(key.official, Decimal(0)) + new - old
            to_book.append((key, new))
    look = Lookup(rules, _month_end(month))
    with ledger.transaction():
        run_id = ledger.add_run(month, rules.name)
        for key, amount in to_book:
            ledger.book(key, amount)
        for official, net in sorted(corrections.items()):
            if net < 0:
                parts, text = recovery_parts(-net, look)
                out.append(PayLine(official, month, "aterkrav", None, "aterkrav", -net, "6.4",
                                   coder.pay_code("aterkrav", _month_end(month)), "",
                                   f"Återkrav {format_kr(-net)} regleras enligt 6.4: {text}"))
                ledger.add_debt(official, month, list(parts))
        for debt in ledger.open_debts():
            if debt.last_month >= month:
                continue
            part = Decimal(debt.parts[debt.deducted]) / 100
            out.append(PayLine(debt.official, month, "aterkrav", None, "aterkrav", -part, "6.4",
                               coder.pay_code("aterkrav", _month_end(month)), "",
                               f"Avdrag {debt.deducted + 1} av {len(debt.parts)} på återkrav från "
                               f"{debt.created_month} (6.4): {format_kr(part)}"))
            ledger.deduct(debt.id, month)
        ledger.add_lines(run_id, [line.row() for line in out])
        total = sum((line.amount for line in out), Decimal(0))
        ledger.finish_run(run_id, len(out), total)
    results = tuple(r for c, r, _ in computed if c.period == month)
    return PayrollRun(month, tuple(out), results, run_id)
