"""The calculation of one claim: every event paid or refused, with its section.

Events are priced in date order (file order within a day) because the daily
caps of 2.2.1 and 2.2.2 depend on what the day's earlier events received.
Monthly lines (3.2 a, 4.2) follow from what the month's events paid.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal

from arvode.base.errors import ArvodeError, Location, NoRuleInForceError
from arvode.base.money import format_kr, format_number, times
from arvode.calculation.arsarvode.inkludering import Included, included
from arvode.calculation.arsarvode.manad import arsarvode_month
from arvode.calculation.arsarvode.standing import standing_on
from arvode.calculation.forlorad_inkomst import claimed_loss, daily_loss_cap, loss_cap
from arvode.calculation.forlorad_pension import pension_loss_above_ibb
from arvode.calculation.kostnader import late_vacation_days, price_costs
from arvode.calculation.rapportering import late_reason
from arvode.calculation.result import Line, Rejection, Result
from arvode.calculation.sammantrade import cap_fee, fee_for
from arvode.calculation.valforrattning import price_election
from arvode.claims.claim import Claim, Event
from arvode.rules.catalogue import Kind
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup

__all__ = ["calculate"]


class _Month:
    """Running state of one claim's calculation (private, mutable by design)."""

    def __init__(self, claim: Claim, rules: Rules) -> None:
        self.claim = claim
        self.rules = rules
        self.lines: list[Line] = []
        self.rejected: list[Rejection] = []
        self.fees_today: dict[dt.date, Decimal] = defaultdict(Decimal)
        self.loss_today: dict[dt.date, Decimal] = defaultdict(Decimal)
        self.yearly_pool: dict[dt.date, Decimal] = {}
        self.party_meetings: dict[dt.date, int] = {}

    # -- helpers ----------------------------------------------------------
    def refuse(self, event: Event, rule: str, reason: str) -> None:
        self.rejected.append(Rejection(event.index, rule, reason, event.date))

    def take(self, lines: list[Line], refusals: list[Rejection]) -> None:
        self.lines.extend(lines)
        self.rejected.extend(refusals)

    def add(self, event: Event, look: Lookup, type_: str, amount: Decimal, rule: str, text: str) -> Decimal:
        rounded = look.round(amount)
        if rounded != amount:
            text = f"{text}; avrundat till öre: {format_kr(rounded)}"
        self.lines.append(Line(type_, rounded, rule, text, event.date, event.index, look.used))
        return rounded

    # -- one event --------------------------------------------------------
    def event(self, event: Event) -> None:
        kind = self.rules.kinds[event.kind]
        _in_force(self.rules, event, kind)
        late = late_reason(event.date, event.reported, Lookup(self.rules, event.date))
        if late is not None:
            self.refuse(event, "6.1", late)
            # 6.2: förlorad semesterförmån (3.2 b) may be claimed within two years.
            self.take(*late_vacation_days(event, self.claim.official, self.rules))
            return
        if event.paid_by_other:
            self.refuse(event, "2", "paid by another body for the same assignment (2): nothing from the municipality")
            return
        if kind.category == "valforrattning":
            self.take(*price_election(event, self.rules))
            self.take(*price_costs(event, self.claim.official, self.rules, Decimal(0)))  # 2.2.3
            return
        if kind.one_per_kf_meeting and not self._first_party_meeting(event):
            return
        serving = event.serving or event.specially_called
        fee_type = "sammantradesersattning" if kind.category == "sammantrade" else "forrattningsersattning"
        lost_paid = Decimal(0)
        inclusion = self._included(event)
        if inclusion is not None:
            self.lines.append(Line(fee_type, Decimal(0), inclusion.rule, inclusion.text, event.date, event.index))
            if event.lost_income is not None:
                self.lines.append(
                    Line("forlorad_arbetsinkomst", Decimal(0), inclusion.rule, inclusion.text, event.date, event.index)
                )
        elif not serving:
            text = "Ersättare som inte tjänstgör: ingen ersättning, endast resekostnad (2.1.1)"
            self.lines.append(Line(fee_type, Decimal(0), "2.1.1", text, event.date, event.index))
            if event.lost_income is not None:
                self.lines.append(
                    Line("forlorad_arbetsinkomst", Decimal(0), "2.1.1", text, event.date, event.index)
                )
        else:
            self._fee(event, kind, Lookup(self.rules, event.date))
            if event.lost_income is not None:
                lost_paid = self._lost_income(event, kind)
        self.take(*price_costs(event, self.claim.official, self.rules, lost_paid))

    def _included(self, event: Event) -> Included | None:
        official = self.claim.official
        if not (official.assignments or official.group_leader or official.special_decisions):
            return None
        return included(event, self.rules, standing_on(official, self.rules, event.date))

    def _first_party_meeting(self, event: Event) -> bool:
        if event.for_meeting is None:
            self.refuse(event, "2.1.2", "a partigruppmöte is paid for a KF sammanträde: give for_meeting (its date)")
            return False
        first = self.party_meetings.setdefault(event.for_meeting, event.index)
        if first != event.index:
            self.refuse(
                event,
                "2.1.2",
                f"at most one partigruppmöte per KF sammanträde: event {first} already prepares "
                f"the sammanträde of {event.for_meeting.isoformat()}",
            )
            return False
        return True

    def _fee(self, event: Event, kind: Kind, look: Lookup) -> None:
        fee = fee_for(event, kind, look)
        paid, note = cap_fee(fee.amount, self.fees_today[event.date], look)
        text = fee.text if note is None else f"{fee.text}; {note}"
        self.fees_today[event.date] += self.add(event, look, fee.type, paid, "2.2.1", text)

    def _lost_income(self, event: Event, kind: Kind) -> Decimal:
        """Price 2.2.2 for one event; returns what it paid."""
        look = Lookup(self.rules, event.date)
        if event.free_time:
            text = "Fullgjort på ledig tid: ingen förlorad arbetsinkomst (2.2.2)"
            self.lines.append(Line("forlorad_arbetsinkomst", Decimal(0), "2.2.2", text, event.date, event.index))
            return Decimal(0)
        income = self.claim.official.income
        pool = None
        if event.lost_income is not None and event.lost_income.unknown_amount and income.yearly is not None:
            days = look.integer("forlorad_arbetsinkomst.arsinkomst_delare_dagar")
            pool = self.yearly_pool.setdefault(event.date, income.yearly / days)
        claimed = claimed_loss(event, income, look, pool)
        if claimed.amount is None:
            self.refuse(event, "2.2.2", f"förlorad arbetsinkomst not valued: {claimed.refusal}")
            return Decimal(0)
        cap, cap_text = loss_cap(event, kind, look)
        day_cap = daily_loss_cap(look)
        room = max(day_cap - self.loss_today[event.date], Decimal(0))
        amount = min(claimed.amount, cap, room)
        parts = [f"Förlorad arbetsinkomst: {claimed.text}", cap_text]
        if room < min(claimed.amount, cap):
            parts.append(
                f"dagstak 2.2.2: högst {format_kr(day_cap)} per dag, "
                f"{format_kr(self.loss_today[event.date])} redan ersatt denna dag"
            )
        parts.append(f"betalas {format_kr(amount)}")
        paid = self.add(event, look, "forlorad_arbetsinkomst", amount, "2.2.2", "; ".join(parts))
        self.loss_today[event.date] += paid
        if pool is not None:
            self.yearly_pool[event.date] = pool - paid
        return paid

    # -- the month --------------------------------------------------------
    def monthly(self) -> None:
        """3.2 a and 4.2: shares of the förlorad arbetsinkomst this claim pays."""
        paid = sum((l.amount for l in self.lines if l.type == "forlorad_arbetsinkomst"), Decimal(0))
        if paid <= 0:
            return
        look_day = self.claim.last_day
        for type_, name, rule, wanted in (
            ("forlorad_pensionsforman", "forlorad_pensionsforman.procent", "4.2", True),
            ("forlorad_semesterersattning", "forlorad_semesterersattning.procent", "3.2 a",
             self.claim.official.income.vacation_pay_loss),
        ):
            if not wanted:
                continue
            look = Lookup(self.rules, look_day)
            percent = look.percent(name)
            amount = times(paid, percent / 100)
            rounded = look.round(amount)
            text = (
                f"{format_number(percent)} % × {format_kr(paid)} förlorad arbetsinkomst "
                f"denna månad = {format_kr(rounded)} ({rule})"
            )
            self.lines.append(Line(type_, rounded, rule, text, None, None, look.used))


def _in_force(rules: Rules, event: Event, kind: Kind) -> None:
    if event.date < kind.valid_from:
        raise NoRuleInForceError(f"no rules in force on {event.date}: kind {kind.key} applies from {kind.valid_from}")
    if event.organ is not None:
        organ = rules.organs[event.organ]
        if event.date < organ.valid_from:
            raise NoRuleInForceError(
                f"no rules in force on {event.date}: organ {organ.key} applies from {organ.valid_from}"
            )


def calculate(claim: Claim, rules: Rules) -> Result:
    """Price every event of ``claim`` under ``rules``; refuse with a reason what is not paid."""
    month = _Month(claim, rules)
    for event in sorted(claim.events, key=lambda e: (e.date, e.index)):
        try:
            month.event(event)
        except ArvodeError as exc:
            raise exc.at(Location(claim.file, event.line, f"events[{event.index}].date")) from None
    month.monthly()
    try:
        month.take(*pension_loss_above_ibb(claim, rules))  # 4.2, the yearly claim
    except ArvodeError as exc:
        line = claim.pension_loss_above_ibb.line if claim.pension_loss_above_ibb else None
        raise exc.at(Location(claim.file, line, "pension_loss_above_ibb")) from None
    try:
        arsarvode, warnings = arsarvode_month(claim, rules)
    except ArvodeError as exc:
        raise exc.at(Location(claim.file, None, "official")) from None
    month.lines.extend(arsarvode)
    return Result(
        official=claim.official.id,
        period=claim.period,
        lines=tuple(month.lines),
        rejected=tuple(month.rejected),
        warnings=tuple(warnings),
    )
