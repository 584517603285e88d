"""4.1 pensionsbehållning from the record: each year's avgift, the behållning, the one-off rule.

``arvode pension`` on claim files computes a year from claims; a municipality
sets aside what it actually paid. The record holds every line every payroll
run paid, so a year here is what the runs of that year paid the official
(``Record.paid_in_runs``; the reading is in the note of
``pension.pensionsgrundande_typer``), priced by the same arithmetic
(``statement_from_sums``). Every figure is recomputed from the record, so a
statement can be reproduced at any time.

Setting a year's avgift aside is an act done once, by 31 March of the year
after (4.1: "avsätts den kalenderårsvis, senast 31 mars"). ``book_pension``
records it in the record's own write transaction, per official and year; a
year booked keeps its booked amount in the behållning, and a later run that
changes that year's sums is shown as a difference to settle, never folded in
silently. A year whose avgift is under 1,5 % of IBB is paid as ersättning and
booked as such; it never enters the behållning.

The behållning is the sum of the years set aside: 4.1 names no avkastning, so
none is added (note of ``pension.engangsbelopp_hogst_procent_av_ibb``). When it
is at most 150 % of the year's IBB it *may* be paid as one sum (engångsersättning)
on a written application to Kommunstyrelsen; the statement says which side of
the limit it is on, with the arithmetic.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from arvode.base.errors import ClaimError, Location
from arvode.base.money import format_json, format_kr, format_number
from arvode.base.period import check_year
from arvode.calculation.pension import PensionStatement, statement_from_sums
from arvode.calculation.result import LINE_TYPES
from arvode.output.tal import format_count
from arvode.payroll.record import PensionBooking, Record, RecordError, from_ore
from arvode.payroll.run import _rules_sha256 as rules_sha256
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup
from arvode.rules.params import DatedValue

__all__ = ["PensionAccount", "PensionYear", "book_pension", "pension_accounts", "render_pension_account"]


@attrs.frozen
class PensionYear:
    """One official's year in the record: what its runs paid, the avgift, and what became of it."""

    statement: PensionStatement
    #: The payroll runs of the year that paid the official anything: (run id, month).
    runs: tuple[tuple[int, str], ...]
    booking: PensionBooking | None = None
    #: Booked by the call that returned it (``book_pension``), not before.
    booked_now: bool = False
    #: Net of the year's lines that are not arvode at all (6.4 ``aterkrav``), and how many.
    settlements: tuple[Decimal, int] = (Decimal(0), 0)

    @property
    def year(self) -> int:
        return self.statement.year

    @property
    def computed(self) -> Decimal:
        """The avgift as the record's runs give it now."""
        return self.statement.contribution

    @property
    def avgift(self) -> Decimal:
        """The avgift that counts: the booked one once booked (an act done once), else the computed."""
        return self.booking.avgift if self.booking is not None else self.computed

    @property
    def paid_as_cash(self) -> bool:
        return self.booking.cash if self.booking is not None else self.statement.paid_as_cash

    @property
    def set_aside(self) -> Decimal:
        """What the year adds to the behållning: nothing when paid as ersättning (4.1)."""
        return Decimal(0) if self.paid_as_cash else self.avgift

    @property
    def difference(self) -> Decimal:
        """Computed now minus booked: a run of the year after its booking (0 when none or unbooked)."""
        return Decimal(0) if self.booking is None else self.computed - self.booking.avgift

    @property
    def deadline(self) -> dt.date:
        """4.1: "avsätts den kalenderårsvis, senast 31 mars" — of the year after."""
        return dt.date(self.year + 1, 3, 31)

    def as_json(self) -> dict[str, Any]:
        data = self.statement.as_json()
        for key in ("official", "periods", "missing_periods", "values"):
            data.pop(key)
        data["runs"] = [{"run": run, "month": month} for run, month in self.runs]
        data["set_aside_by"] = self.deadline.isoformat()
        data["booked"] = None if self.booking is None else {
            "date": self.booking.booked,
            "avgift": format_json(self.booking.avgift),
            "paid_as": "cash" if self.booking.cash else "set_aside",
            "rules": self.booking.rules,
        }
        data["counted_avgift"] = format_json(self.avgift)
        data["counted_paid_as"] = "cash" if self.paid_as_cash else "set_aside"
        data["difference"] = format_json(self.difference)
        data["set_aside"] = format_json(self.set_aside)
        data["booked_now"] = self.booked_now
        data["not_counted"] = {"aterkrav": format_json(self.settlements[0])} if self.settlements[1] else {}
        return data


@attrs.frozen
class PensionAccount:
    """One official's pensionsbehållning after a year, the years behind it, and the 150 % IBB test."""

    official: str
    year: int
    years: tuple[PensionYear, ...]
    inkomstbasbelopp: Decimal
    one_off_percent: Decimal
    one_off_limit: Decimal
    values: tuple[DatedValue[Any], ...] = ()

    @property
    def behallning(self) -> Decimal:
        return sum((y.set_aside for y in self.years), Decimal(0))

    @property
    def one_off_possible(self) -> bool:
        """4.1: "kan utbetalas som engångsersättning om värdet … är högst 150 procent av IBB"."""
        return self.behallning <= self.one_off_limit

    @property
    def this_year(self) -> PensionYear | None:
        return next((y for y in self.years if y.year == self.year), None)

    @property
    def text(self) -> tuple[str, ...]:
        """The behållning and the one-off rule, with the arithmetic."""
        parts = [f"{y.year} {format_kr(y.set_aside)}" for y in self.years if y.set_aside]
        sum_text = " + ".join(parts) if parts else "inga avsatta år"
        out = [
            f"Pensionsbehållning efter avsättningen för {self.year}: {sum_text} = {format_kr(self.behallning)} "
            "(summan av avsatta pensionsavgifter; 4.1 anger ingen avkastning)",
        ]
        limit = (f"{format_number(self.one_off_percent)} % × inkomstbasbelopp "
                 f"{format_kr(self.inkomstbasbelopp, decimals=False)} = {format_kr(self.one_off_limit)}")
        if self.one_off_possible:
            out.append(
                f"Högst {limit}: kan betalas ut som engångsersättning (4.1), efter skriftlig ansökan till "
                "Kommunstyrelsen (pensionsmyndighet), tidigast när allmän pension kan betalas ut")
        else:
            out.append(
                f"Över {limit} med {format_kr(self.behallning - self.one_off_limit)}: kan inte betalas ut som "
                "engångsersättning (4.1); betalas ut som avgiftsbestämd ålderspension enligt OPF-KL18")
        return tuple(out)

    def as_json(self) -> dict[str, Any]:
        return {
            "official": self.official,
            "year": self.year,
            "years": [y.as_json() for y in self.years],
            "behallning": format_json(self.behallning),
            "inkomstbasbelopp": format_json(self.inkomstbasbelopp),
            "one_off_percent": format_json(self.one_off_percent),
            "one_off_limit": format_json(self.one_off_limit),
            "one_off_possible": self.one_off_possible,
            "rule": "4.1",
            "text": list(self.text),
            "values": [v.as_json() for v in self.values],
        }


def _checked_year(year: int) -> int:
    try:
        check_year(year)
    except ValueError as exc:
        raise ClaimError(str(exc), Location("--year")) from None
    return year


class _YearPaid:
    """What one year's runs paid one official, gathered before it is priced."""

    def __init__(self) -> None:
        self.sums: dict[str, Decimal] = {}
        self.runs: list[tuple[int, str]] = []
        #: Lines that are not arvode (6.4 ``aterkrav``): their net and how many.
        self.settled = Decimal(0)
        self.settled_lines = 0


def _paid_by_year(record: Record, year: int) -> dict[str, dict[int, _YearPaid]]:
    """Official → year → what was paid, over every run up to ``year``, by the run's month."""
    found: dict[str, dict[int, _YearPaid]] = {}
    for run, official, _period, lines in record.paid_in_runs():
        run_year = int(run.month[:4])
        if run_year > year:
            continue
        paid = found.setdefault(official, {}).setdefault(run_year, _YearPaid())
        if (run.id, run.month) not in paid.runs:
            paid.runs.append((run.id, run.month))
        for data in lines:
            type_, amount = data[2], from_ore(data[3])
            if type_ in LINE_TYPES:
                paid.sums[type_] = paid.sums.get(type_, Decimal(0)) + amount
            else:
                paid.settled += amount
                paid.settled_lines += 1
    return found


def pension_accounts(record: Record, rules: Rules, year: int, official: str | None = None) -> list[PensionAccount]:
    """Every official's behållning after ``year`` from the record (or ``official``'s), by official id.

    Each year up to ``year`` in which a run paid the official is priced from what
    those runs paid; an official without any is refused when asked for by name.
    """
    _checked_year(year)
    paid = _paid_by_year(record, year)
    bookings: dict[str, dict[int, PensionBooking]] = {}
    for booking in record.pension_bookings(official):
        if booking.year <= year:
            bookings.setdefault(booking.official, {})[booking.year] = booking
    officials = sorted(set(paid) | set(bookings))
    if official is not None:
        if official not in officials:
            raise RecordError(f"--official: liggaren har inga utbetalningar till {official} till och med {year}",
                              Location(str(record.path)))
        officials = [official]
    look = Lookup(rules, dt.date(year, 12, 31))
    ibb = look.amount("inkomstbasbelopp")
    percent = look.percent("pension.engangsbelopp_hogst_procent_av_ibb")
    limit = look.round(ibb * percent / 100)
    accounts = []
    for who in officials:
        mine, booked = paid.get(who, {}), bookings.get(who, {})
        years = []
        for each in sorted(set(mine) | set(booked)):
            paid_year = mine.get(each, _YearPaid())
            periods = sorted({month for _, month in paid_year.runs})
            statement = statement_from_sums(who, each, periods, paid_year.sums, rules)
            years.append(PensionYear(statement, tuple(paid_year.runs), booked.get(each),
                                     settlements=(paid_year.settled, paid_year.settled_lines)))
        accounts.append(PensionAccount(who, year, tuple(years), ibb, percent, limit, look.used))
    return accounts


def book_pension(record: Record, rules: Rules, year: int, official: str | None = None, *,
                 today: dt.date | None = None) -> list[PensionAccount]:
    """Book ``year``'s avgift as set aside (or paid as ersättning), once per official; the accounts after.

    Refused while the record has no run for December of ``year``: the year's sum is
    not known before its last payroll. One write transaction, as a payroll run: the
    accounts are computed and booked under the record's lock, so two bookings at
    once cannot both book a year, and a failure books nothing. A year already
    booked is left as it was (its account shows any difference).
    """
    _checked_year(year)
    december = f"{year:04d}-12"
    day = (today or dt.date.today()).isoformat()
    with record.write():
        if record.last_run_of(december) is None:
            raise RecordError(
                f"--bokfor: liggaren har ingen lönekörning för {december}; årets pensionsavgift bokförs när "
                "årets alla lönekörningar är gjorda", Location(str(record.path)))
        accounts = pension_accounts(record, rules, year, official)
        digest = rules_sha256(rules)
        for account in accounts:
            this = account.this_year
            if this is None or this.booking is not None:
                continue
            record.add_pension_booking(PensionBooking(
                account.official, year, this.statement.income, this.computed, this.statement.paid_as_cash, day,
                rules.name), digest)
        booked = {a.official for a in accounts if a.this_year is not None and a.this_year.booking is None}
        after = pension_accounts(record, rules, year, official)
    return [attrs.evolve(a, years=tuple(attrs.evolve(y, booked_now=True) if y.year == year else y
                                        for y in a.years)) if a.official in booked else a for a in after]


def _year_line(item: PensionYear) -> str:
    """One earlier year in a line: the avgift, what became of it, and whether it is booked."""
    if not item.avgift and not item.difference:
        return f"{item.year}: ingen pensionsavgift (ingen pensionsgrundande inkomst)" + _booking_note(item)
    what = "betalas ut som ersättning" if item.paid_as_cash else "avsatt"
    line = f"{item.year}: pensionsavgift {format_kr(item.avgift)}, {what}"
    return line + _booking_note(item)


def _booking_note(item: PensionYear) -> str:
    if item.booking is None:
        return " (beräknad, inte bokförd)"
    note = f" (bokförd {item.booking.booked}"
    if item.booking.booked > item.deadline.isoformat():
        note += f", efter {item.deadline.isoformat()}"
    note += ")"
    if item.difference:
        note += (f"; OBS: körningarna ger nu {format_kr(item.computed)}, skillnad {format_kr(item.difference)} "
                 "mot det bokförda, som behållningen räknar med")
    return note


def render_pension_account(account: PensionAccount, name: str | None = None) -> str:
    """The account for people: the year's arithmetic, the earlier years, the behållning and the one-off rule."""
    who = f"{account.official} {name}" if name else account.official
    out = [f"{who} — pensionsavgift och pensionsbehållning {account.year} (4.1, OPF-KL18), från liggaren", ""]
    this = account.this_year
    if this is None:
        out.append(f"  {account.year}: inga utbetalningar i årets lönekörningar")
    else:
        months = sorted({month for _, month in this.runs})
        out.append(f"  Lönekörningar {account.year} med utbetalningar: {_months(months)} "
                   f"({format_count(len(this.runs), 'körning', 'körningar')}: "
                   f"{', '.join(str(run) for run, _ in this.runs)})")
        out += [f"  {line}" for line in this.statement.text]
        net, count = this.settlements
        if count:
            out.append(f"  Ej medräknat: återkrav (6.4) netto {format_kr(net)} "
                       f"({format_count(count, 'rad', 'rader')}): reglering av en skuld, inte arvode; "
                       "rättelserna den reglerar är medräknade ovan")
        what = "betalas ut som ersättning" if this.paid_as_cash else f"avsätts senast {this.deadline.isoformat()}"
        out.append(f"  Pensionsavgift {account.year}: {format_kr(this.avgift)}, {what}{_booking_note(this)}")
    earlier = [y for y in account.years if y.year != account.year]
    if earlier:
        out += ["", "Tidigare år:"]
        out += [f"  {_year_line(y)}" for y in earlier]
    out += ["", *account.text]
    return "\n".join(out)


def _months(months: Sequence[str]) -> str:
    """Months as runs of consecutive ones: ``2025-01 – 2025-12``, ``2025-03, 2025-05 – 2025-06``."""
    groups: list[list[str]] = []
    for month in months:
        year, number = int(month[:4]), int(month[5:])
        if groups:
            last = groups[-1][-1]
            ly, ln = int(last[:4]), int(last[5:])
            if (year, number) == ((ly, ln + 1) if ln < 12 else (ly + 1, 1)):
                groups[-1].append(month)
                continue
        groups.append([month])
    return ", ".join(g[0] if len(g) == 1 else f"{g[0]} – {g[-1]}" for g in groups)
