"""The calculation: every event of an official paid or refused, with its section.

Events are priced in date order because the daily caps of 2.2.1 and 2.2.2
depend on what the day's earlier events received, and 2.1.2 pays one
partigruppmöte per KF sammanträde. Both are per official, not per claim: an
event reported late in another month's claim gets what is left of its day's
cap. ``calculate_official`` therefore prices all of one official's claims in
one pass, ordered by (date, order received, position); ``calculate`` is the
one-claim case. Monthly lines (3.2 a, 4.2) follow from what each claim paid.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

import attrs

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
from arvode.calculation.rimlighet import DayUse, implausible_event, implausible_on_day
from arvode.calculation.sammantrade import cap_fee, fee_for
from arvode.calculation.valforrattning import price_election
from arvode.claims.claim import Absence, Claim, Event
from arvode.rules.catalogue import Kind
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup

__all__ = ["calculate", "calculate_official"]

#: Recorded absences of an official by id, or None when the record does not know them (3.5).
AbsencesOf = Callable[[str], Sequence[Absence] | None]


@attrs.define
class _Day:
    """What one official was paid on one day, by the period of the claim that paid it."""

    use: DayUse = attrs.Factory(DayUse)
    fees: dict[str, Decimal] = attrs.Factory(lambda: defaultdict(Decimal))
    loss: dict[str, Decimal] = attrs.Factory(lambda: defaultdict(Decimal))
    yearly_pool: Decimal | None = None

    @staticmethod
    def elsewhere(paid: dict[str, Decimal], period: str) -> str:
        """The part paid in other months' claims, for the line that a cap reduced."""
        other = [(p, a) for p, a in sorted(paid.items()) if p != period and a]
        if not other:
            return ""
        return " (varav " + ", ".join(f"{format_kr(a)} i rapporten för {p}" for p, a in other) + ")"


class _Claim:
    """One claim's lines and refusals while the official's events are priced."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        self.lines: list[Line] = []
        self.rejected: list[Rejection] = []


class _Official:
    """Running state over all claims of one official (private, mutable by design)."""

    def __init__(self, claims: Sequence[Claim], rules: Rules, known: Iterable[Event]) -> None:
        self.rules = rules
        self.claims = [_Claim(c) for c in claims]
        self.days: dict[dt.date, _Day] = defaultdict(_Day)
        self.party_meetings: dict[dt.date, tuple[str, int]] = {}
        events = [e for c in claims for e in c.events]
        self.kf_days, self.known_days = _meeting_days(rules, [*events, *known])

    # -- helpers ----------------------------------------------------------
    @staticmethod
    def refuse(out: _Claim, event: Event, rule: str, reason: str) -> None:
        out.rejected.append(Rejection(event.index, rule, reason, event.date))

    @staticmethod
    def take(out: _Claim, priced: tuple[list[Line], list[Rejection]]) -> None:
        out.lines.extend(priced[0])
        out.rejected.extend(priced[1])

    @staticmethod
    def add(out: _Claim, event: Event, look: Lookup, type_: str, amount: Decimal, rule: str, text: str) -> Decimal:
        rounded = look.round(amount)
        if rounded != amount:
            text = f"{text}; avrundat till öre: {format_kr(rounded)}"
        out.lines.append(Line(type_, rounded, rule, text, event.date, event.index, look.used))
        return rounded

    # -- one event --------------------------------------------------------
    def event(self, out: _Claim, event: Event) -> None:
        kind = self.rules.kinds[event.kind]
        official = out.claim.official
        _in_force(self.rules, event, kind)
        if event.already_reported is not None:
            self.refuse(out, event, "6.1", event.already_reported)
            return
        look = Lookup(self.rules, event.date)
        wrong = implausible_event(event, look)
        if wrong is not None:
            self.refuse(out, event, "6.1", wrong)
            return
        late = late_reason(event.date, event.reported, look)
        if late is not None:
            self.refuse(out, event, "6.1", late)
            # 6.2: förlorad semesterförmån (3.2 b) may be claimed within two years.
            self.take(out, late_vacation_days(event, official, self.rules))
            return
        if event.paid_by_other:
            self.refuse(out, event, "2",
                        "paid by another body for the same assignment (2): nothing from the municipality")
            return
        wrong = implausible_on_day(event, self.days[event.date].use, look)
        if wrong is not None:
            self.refuse(out, event, "6.1", wrong)
            return
        if kind.category == "valforrattning":
            self.take(out, price_election(event, self.rules))
            self.take(out, price_costs(event, official, self.rules, Decimal(0)))  # 2.2.3
            return
        pairing = ""
        if kind.one_per_meeting_of is not None:
            allowed, pairing = self._first_party_meeting(out, event, kind)
            if not allowed:
                return
        serving = event.serving or event.specially_called
        fee_type = "sammantradesersattning" if kind.category == "sammantrade" else "forrattningsersattning"
        lost_paid = Decimal(0)
        inclusion = self._included(out, event)
        if inclusion is not None:
            out.lines.append(Line(fee_type, Decimal(0), inclusion.rule, inclusion.text, event.date, event.index))
            if event.lost_income is not None:
                out.lines.append(
                    Line("forlorad_arbetsinkomst", Decimal(0), inclusion.rule, inclusion.text, event.date, event.index)
                )
        elif not serving:
            text = "Ersättare som inte tjänstgör: ingen ersättning, endast resekostnad (2.1.1)"
            out.lines.append(Line(fee_type, Decimal(0), "2.1.1", text, event.date, event.index))
            if event.lost_income is not None:
                out.lines.append(Line("forlorad_arbetsinkomst", Decimal(0), "2.1.1", text, event.date, event.index))
        else:
            self._fee(out, event, kind, Lookup(self.rules, event.date), pairing)
            if event.lost_income is not None:
                lost_paid = self._lost_income(out, event, kind)
        self.take(out, price_costs(event, official, self.rules, lost_paid))

    def _included(self, out: _Claim, event: Event) -> Included | None:
        official = out.claim.official
        if not (official.assignments or official.group_leader or official.special_decisions):
            return None
        return included(event, self.rules, standing_on(official, self.rules, event.date))

    def _first_party_meeting(self, out: _Claim, event: Event, kind: Kind) -> tuple[bool, str]:
        """2.1.2: at most one partigruppmöte per KF sammanträde, across all of the official's claims.

        Without ``for_meeting`` the partigruppmöte prepares the first KF sammanträde on or
        after its date among the official's events; with it, a day whose events are known
        must hold a KF sammanträde. Returns whether it is paid, and the pairing to state in
        its line.
        """
        organ = self.rules.organs[kind.one_per_meeting_of.organ].name if kind.one_per_meeting_of else "KF"
        target = event.for_meeting
        if target is None:
            target = next((d for d in self.kf_days if d >= event.date), None)
            if target is None:
                self.refuse(out, event, "2.1.2", (
                    f"ett partigruppmöte ersätts inför ett sammanträde i {organ}, men inget sådant "
                    f"sammanträde på eller efter {event.date.isoformat()} finns bland dina händelser: "
                    "ange for_meeting (sammanträdets datum)"))
                return False, ""
        elif target in self.known_days and target not in self.kf_days:
            self.refuse(out, event, "2.1.2", (
                f"for_meeting {target.isoformat()}: dina händelser den dagen innehåller inget "
                f"sammanträde i {organ}"))
            return False, ""
        first = self.party_meetings.setdefault(target, (out.claim.period, event.index))
        if first != (out.claim.period, event.index):
            where = f"event {first[1]}"
            if first[0] != out.claim.period:
                where = f"event {first[1]} in the claim for {first[0]}"
            self.refuse(out, event, "2.1.2", (
                f"at most one partigruppmöte per KF sammanträde: {where} already prepares "
                f"the sammanträde of {target.isoformat()}"))
            return False, ""
        if event.for_meeting is not None:
            return True, ""
        return True, (f"; inför sammanträdet i {organ} {target.isoformat()} (det första på eller "
                      "efter mötet bland dina händelser, 2.1.2)")

    def _fee(self, out: _Claim, event: Event, kind: Kind, look: Lookup, pairing: str = "") -> None:
        fee = fee_for(event, kind, look)
        fee = attrs.evolve(fee, text=fee.text + pairing)
        day = self.days[event.date]
        period = out.claim.period
        paid, note = cap_fee(fee.amount, sum(day.fees.values(), Decimal(0)), look, _Day.elsewhere(day.fees, period))
        text = fee.text if note is None else f"{fee.text}; {note}"
        day.fees[period] += self.add(out, event, look, fee.type, paid, "2.2.1", text)

    def _lost_income(self, out: _Claim, event: Event, kind: Kind) -> Decimal:
        """Price 2.2.2 for one event; returns what it paid."""
        look = Lookup(self.rules, event.date)
        if event.free_time:
            text = "Fullgjort på ledig tid: ingen förlorad arbetsinkomst (2.2.2)"
            out.lines.append(Line("forlorad_arbetsinkomst", Decimal(0), "2.2.2", text, event.date, event.index))
            return Decimal(0)
        income = out.claim.official.income
        day = self.days[event.date]
        period = out.claim.period
        pool = None
        if event.lost_income is not None and event.lost_income.unknown_amount and income.yearly is not None:
            days = look.integer("forlorad_arbetsinkomst.arsinkomst_delare_dagar")
            if day.yearly_pool is None:
                day.yearly_pool = income.yearly / days
            pool = day.yearly_pool
        claimed = claimed_loss(event, income, look, pool)
        if claimed.amount is None:
            self.refuse(out, event, "2.2.2", f"förlorad arbetsinkomst not valued: {claimed.refusal}")
            return Decimal(0)
        cap, cap_text = loss_cap(event, kind, look)
        day_cap = daily_loss_cap(look)
        already = sum(day.loss.values(), Decimal(0))
        room = max(day_cap - already, Decimal(0))
        amount = min(claimed.amount, cap, room)
        parts = [f"Förlorad arbetsinkomst: {claimed.text}", cap_text]
        if room < min(claimed.amount, cap):
            parts.append(
                f"dagstak 2.2.2: högst {format_kr(day_cap)} per dag, "
                f"{format_kr(already)} redan ersatt denna dag{_Day.elsewhere(day.loss, period)}"
            )
        parts.append(f"betalas {format_kr(amount)}")
        paid = self.add(out, event, look, "forlorad_arbetsinkomst", amount, "2.2.2", "; ".join(parts))
        day.loss[period] += paid
        if pool is not None:
            day.yearly_pool = pool - paid
        return paid

    # -- the month --------------------------------------------------------
    def monthly(self, out: _Claim) -> None:
        """3.2 a and 4.2: shares of the förlorad arbetsinkomst this claim pays."""
        paid = sum((l.amount for l in out.lines if l.type == "forlorad_arbetsinkomst"), Decimal(0))
        if paid <= 0:
            return
        look_day = out.claim.last_day
        for type_, name, rule, wanted in (
            ("forlorad_pensionsforman", "forlorad_pensionsforman.procent", "4.2", True),
            ("forlorad_semesterersattning", "forlorad_semesterersattning.procent", "3.2 a",
             out.claim.official.income.vacation_pay_loss),
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
            out.lines.append(Line(type_, rounded, rule, text, None, None, look.used))


def _meeting_days(rules: Rules, events: Iterable[Event]) -> tuple[list[dt.date], set[dt.date]]:
    """Days of the sammanträden a partigruppmöte prepares (2.1.2), and every day with an event."""
    targets = {(k.one_per_meeting_of.organ, k.one_per_meeting_of.kind)
               for k in rules.kinds.values() if k.one_per_meeting_of is not None}
    meetings, known = set(), set()
    for event in events:
        known.add(event.date)
        if (event.organ, event.kind) in targets:
            meetings.add(event.date)
    return sorted(meetings), known


def _in_force(rules: Rules, event: Event, kind: Kind) -> None:
    if event.date < kind.valid_from:
        raise NoRuleInForceError(f"no rules in force on {event.date}: kind {kind.key} applies from {kind.valid_from}")
    if event.organ is not None:
        organ = rules.organs[event.organ]
        if event.date < organ.valid_from:
            raise NoRuleInForceError(
                f"no rules in force on {event.date}: organ {organ.key} applies from {organ.valid_from}"
            )


def calculate_official(
    claims: Sequence[Claim],
    rules: Rules,
    *,
    known: Iterable[Event] = (),
    absences_of: AbsencesOf | None = None,
) -> list[Result]:
    """Price all ``claims`` of one official together; one Result per claim, in their order.

    The daily caps (2.2.1, 2.2.2) and the partigruppmöte limit (2.1.2) hold across the
    claims: on a shared day the event received first is paid first (``Event.received``,
    then the claims' order, then the event's place in its claim). ``known`` are the
    official's events in claims not computed now, which a partigruppmöte may prepare;
    ``absences_of`` gives an absent official's recorded absences, so a substitute's
    tillfälligt arvode (3.5) is checked against them.
    """
    state = _Official(claims, rules, known)
    order = sorted(
        ((event.date, event.received, position, event.index), position, event)
        for position, claim in enumerate(claims)
        for event in claim.events
    )
    for _, position, event in order:
        out = state.claims[position]
        try:
            state.event(out, event)
        except ArvodeError as exc:
            raise exc.at(Location(event.file or out.claim.file, event.line, f"events[{event.index}].date")) from None
    results = []
    for out in state.claims:
        claim = out.claim
        state.monthly(out)
        try:
            state.take(out, pension_loss_above_ibb(claim, rules))  # 4.2, the yearly claim
        except ArvodeError as exc:
            line = claim.pension_loss_above_ibb.line if claim.pension_loss_above_ibb else None
            raise exc.at(Location(claim.file, line, "pension_loss_above_ibb")) from None
        try:
            arsarvode, warnings = arsarvode_month(claim, rules, absences_of)
        except ArvodeError as exc:
            raise exc.at(Location(claim.file, None, "official")) from None
        out.lines.extend(arsarvode)
        results.append(Result(
            official=claim.official.id,
            period=claim.period,
            lines=tuple(out.lines),
            rejected=tuple(out.rejected),
            warnings=tuple(warnings),
        ))
    return results


def calculate(claim: Claim, rules: Rules) -> Result:
    """Price every event of ``claim`` under ``rules``; refuse with a reason what is not paid."""
    return calculate_official([claim], rules)[0]
