"""The calculation: every event of an official paid or refused, with its section.

Events are priced in date order because the daily caps of 2.2.1 and 2.2.2
depend on what the day's earlier events received, and 2.1.2 pays one
partigruppmöte per KF sammanträde. Both are per official, not per claim: an
event reported late in another month's claim gets what is left of its day's
cap. ``calculate_official`` therefore prices all of one official's claims in
one pass, ordered by (date, order received, position); ``calculate`` is the
one-claim case. Monthly lines (3.2 a, 4.2) follow from what each claim paid.

Pricing reads the rules version's table (``rules.on(day)``) and prices a
meeting's fee and cap once per kind, times and version (``memo``).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

import attrs

from arvode.base.errors import ArvodeError, Location, MissingAmountError, NoRuleInForceError
from arvode.base.money import format_kr, round_money, times
from arvode.calculation.arsarvode.inkludering import Included, included, no_fee_for
from arvode.calculation.arsarvode.manad import arsarvode_month
from arvode.calculation.arsarvode.standing import standing_on
from arvode.calculation.forlorad_inkomst import LossDay, claimed_loss, price_cap
from arvode.calculation.forlorad_pension import pension_loss_above_ibb
from arvode.calculation.kostnader import has_costs, late_vacation_days, price_costs
from arvode.calculation.kostnadsbarare import event_organ, split_by_organ
from arvode.calculation.lines import Text, explain, rounded_text
from arvode.calculation.rapportering import late_reason
from arvode.calculation.result import ClaimWarning, Line, Rejection, Result
from arvode.calculation.rimlighet import DayUse, implausible_event, implausible_on_day
from arvode.calculation.sammantrade import FeeDay, fee_type, paid_as_serving, price, priced
from arvode.calculation.valforrattning import price_election
from arvode.claims.claim import Absence, Claim, Event
from arvode.rules.catalogue import Kind
from arvode.rules.compiled import Version
from arvode.rules.load import Rules
from arvode.rules.params import DatedValue

__all__ = ["calculate", "calculate_official"]

#: Recorded absences of an official by id, or None when the record does not know them (3.5).
AbsencesOf = Callable[[str], Sequence[Absence] | None]


@attrs.define
class _Day:
    """One official's day: hours used (plausibility), fees (2.2.1) and lost income (2.2.2) paid."""

    use: DayUse = attrs.Factory(DayUse)
    fees: FeeDay = attrs.Factory(FeeDay)
    loss: LossDay = attrs.Factory(LossDay)


@attrs.frozen
class _Slot:
    """A partigruppmöte's place (2.1.2): paid or refused, and what its line or refusal says."""

    paid: bool
    text: str


class _Claim:
    """One claim's lines and refusals while the official's events are priced."""

    def __init__(self, claim: Claim) -> None:
        self.claim = claim
        self.lines: list[Line] = []
        self.rejected: list[Rejection] = []
        #: Lost income paid per cost-bearing organ, for 3.2 a and 4.2.
        self.lost_by_organ: dict[str, Decimal] = {}
        self.warnings: list[ClaimWarning] = []


#: Which claim field asks for a rule value a set may leave out (``meta.gaps``), by the start of
#: the value's name: a refusal for a missing value names that field, not only the event's date.
_FIELD_OF_VALUE = (
    ("timkostnad_barntillsyn", "childcare_hours"), ("timkostnad_vard_och_tillsyn", "care_hours"),
    ("tillsyn.", "care_hours"), ("funktionsnedsattning.", "disability_costs"), ("ovriga_kostnader.", "other_costs"),
    ("timlon_fardtid", "travel"), ("fardtid.", "travel"), ("reseersattning", "travel"), ("traktamente", "travel"),
    ("forlorad_semesterdag.", "lost_vacation_days"), ("rapportering.semester_manader", "lost_vacation_days"),
    ("forlorad_arbetsinkomst.", "lost_income"), ("maxbelopp", "lost_income"),
    ("sarskilt_kallad", "specially_called"), ("ersattare_ej_tjanstgorande", "serving"),
)


def _field_needing(exc: ArvodeError) -> str | None:
    """The claim field whose value needs what a ``MissingAmountError`` names, if one does."""
    if not isinstance(exc, MissingAmountError) or exc.parameter is None:
        return None
    return next((field for name, field in _FIELD_OF_VALUE if exc.parameter.startswith(name)), None)


#: Whether an official's standing for inclusion is shared between days with the same roles,
#: leader, decisions and rules in force (a test turns it off to compare with a day-by-day run).
SHARE_STANDINGS = True


def _terms_dates(roles: Mapping[str, Any], key: str, day: dt.date) -> tuple[dt.date | None, ...]:
    """The date of the terms in force on ``day`` of role ``key`` and of each role it derives from."""
    dates: list[dt.date | None] = []
    seen: set[str] = set()
    current: str | None = key
    while current is not None and current in roles and current not in seen:
        seen.add(current)
        terms = [t for t in roles[current].terms if t.valid_from <= day]
        dates.append(terms[-1].valid_from if terms else None)
        current = terms[-1].derived_from if terms else None
    return tuple(dates)


def _held_on(start: dt.date, end: dt.date | None, day: dt.date) -> bool:
    return start <= day and (end is None or day <= end)


class _Official:
    """Running state over all claims of one official (private, mutable by design)."""

    def __init__(self, claims: Sequence[Claim], rules: Rules, known: Iterable[Event]) -> None:
        self.rules = rules
        self.memo = rules.compiled.memo
        self.claims = [_Claim(c) for c in claims]
        self.days: dict[dt.date, _Day] = defaultdict(_Day)
        self.slots = _party_meetings(claims, rules, known)
        #: The official's standing for inclusion (2.3), by what is in force (see ``_included``).
        self.standings: dict[tuple[Any, ...], Any] = {}

    # -- helpers ----------------------------------------------------------
    @staticmethod
    def refuse(out: _Claim, event: Event, rule: str, reason: str) -> None:
        out.rejected.append(Rejection(event.index, rule, reason, event.date))

    @staticmethod
    def take(out: _Claim, priced: tuple[list[Line], list[Rejection]]) -> None:
        out.lines.extend(priced[0])
        out.rejected.extend(priced[1])

    @staticmethod
    def zero(out: _Claim, event: Event, type_: str, rule: str, text: str, organ: str) -> None:
        out.lines.append(Line(type_, Decimal(0), rule, text, event.date, event.index, (), organ))

    @staticmethod
    def add(out: _Claim, event: Event, version: Version, type_: str, amount: Decimal, rule: str, text: Text,
            values: tuple[DatedValue[Any], ...], organ: str) -> Decimal:
        assert version.table is not None
        rounded, text = rounded_text(text, amount, version.table.avrundning.value)
        out.lines.append(Line(type_, rounded, rule, text, event.date, event.index, values, organ))
        return rounded

    # -- one event --------------------------------------------------------
    def event(self, out: _Claim, event: Event) -> None:
        kind = self.rules.kinds[event.kind]
        official = out.claim.official
        _in_force(self.rules, event, kind)
        if event.already_reported is not None:
            self.refuse(out, event, self.rules.avsnitt("rapportering"), event.already_reported)
            return
        version = self.rules.compiled.version(event.date)
        t = self.rules.on(event.date)
        wrong = implausible_event(event, t)
        if wrong is not None:
            self.refuse(out, event, self.rules.avsnitt("rimlighet"), wrong)
            return
        late = late_reason(event.date, event.reported, t)
        if late is not None:
            self.refuse(out, event, self.rules.avsnitt("rapportering"), late)
            # 6.2: förlorad semesterförmån (3.2 b) may be claimed within two years.
            self.take(out, late_vacation_days(event, official, self.rules))
            return
        if event.paid_by_other:
            section = self.rules.avsnitt("annan_betalare")
            self.refuse(out, event, section,
                        f"betalas av annan part för samma uppdrag ({section}): inget från kommunen")
            return
        day = self.days[event.date]
        wrong = implausible_on_day(event, day.use, t)
        if wrong is not None:
            self.refuse(out, event, self.rules.avsnitt("rimlighet"), wrong)
            return
        if kind.category == "valforrattning":
            self.take(out, price_election(event, self.rules))
            if has_costs(event):
                self.take(out, price_costs(event, official, self.rules, Decimal(0)))  # 2.2.3
            return
        pairing = ""
        if kind.one_per_meeting_of is not None:
            slot = self.slots.get((id(out), event.index))
            if slot is not None and not slot.paid:
                self.refuse(out, event, "2.1.2", slot.text)
                return
            pairing = slot.text if slot is not None else ""
        organ = event_organ(event, t)
        line_type = fee_type(kind)
        lost_paid = Decimal(0)
        inclusion = self._included(out, event)
        if inclusion is not None:
            self.zero(out, event, line_type, inclusion.rule, inclusion.text, organ)
            if event.lost_income is not None:
                self.zero(out, event, "forlorad_arbetsinkomst", inclusion.rule, inclusion.text, organ)
        elif not paid_as_serving(event, t.sarskilt_kallad):
            barred = no_fee_for(event, official, self.rules) if official.assignments else None
            lost_paid = self._substitute(out, event, kind, version, day, organ, barred)
        else:
            barred = no_fee_for(event, official, self.rules) if official.assignments else None
            if barred is not None:
                self.zero(out, event, line_type, barred.rule, barred.text, organ)
            else:
                self._fee(out, event, kind, version, day, pairing, organ)
                self._extra_fees(out, event, kind, version, organ)
            if event.lost_income is not None:
                lost_paid = self._lost_income(out, event, kind, version, day, organ)
        if has_costs(event):
            self.take(out, price_costs(event, official, self.rules, lost_paid))

    def _included(self, out: _Claim, event: Event) -> Included | None:
        official = out.claim.official
        if not (official.assignments or official.group_leader or official.special_decisions):
            return None
        day = event.date
        if not SHARE_STANDINGS:
            return included(event, self.rules, standing_on(official, self.rules, day))
        # What inclusion reads of a standing (level, own organs, decision, the version's values)
        # follows from what is in force that day: the same roles, leader and decisions under one
        # rules version give the same answer on any day, so it is worked out once per such set.
        key = (
            id(official), self.rules.compiled.version(day).number,
            day.year,  # a valår changes a role's percent (Valnämnd) without a new rules version
            # each role held, with the dates of its terms in force along its 2.3.5 derivation
            tuple((i, _terms_dates(self.rules.roles, a.role, day))
                  for i, a in enumerate(official.assignments) if _held_on(a.valid_from, a.valid_to, day)),
            official.group_leader is not None
            and _held_on(official.group_leader.valid_from, official.group_leader.valid_to, day),
            tuple(i for i, d in enumerate(official.special_decisions) if _held_on(d.valid_from, d.valid_to, day)),
        )
        standing = self.standings.get(key)
        if standing is None:
            standing = self.standings[key] = standing_on(official, self.rules, day)
        return included(event, self.rules, standing)

    def _fee(self, out: _Claim, event: Event, kind: Kind, version: Version, day: _Day, pairing: str,
             organ: str, share: DatedValue[Any] | None = None, step: DatedValue[Any] | None = None) -> None:
        """2.2.1: the fee by the kind's scheme, priced once per kind, times and version, then the day's cap.

        ``share`` is the percent a substitute who does not serve gets, rounded to ``step``.
        """
        scheme = self.rules.fee_schemes[kind.fee_scheme(event.organ)]
        fee = price(event, kind, scheme, version, self.memo)
        if pairing:
            fee = attrs.evolve(fee, text=fee.text + pairing)
        if share is not None:
            amount = times(fee.amount, share.value / 100)
            shared = f"Ersättare som inte tjänstgör: {share.value:f} % av ({fee.text}) = {_kr(amount)}"
            used: tuple[DatedValue[Any], ...] = (*fee.values, share)
            if step is not None and step.given:
                rounded = round_money(amount, "ROUND_HALF_UP", step.value)
                shared += f", avrundat till närmaste {step.value:f} kr (halva uppåt): {_kr(rounded)}"
                amount, used = rounded, (*used, step)
            fee = attrs.evolve(fee, amount=amount, text=f"{shared} ({share.section})", values=used)
        period = out.claim.period
        paid, text, values = day.fees.cap(fee, version, period)
        day.fees.add(period, self.add(out, event, version, fee.type, paid, scheme.section, text, values, organ))

    def _extra_fees(self, out: _Claim, event: Event, kind: Kind, version: Version, organ: str) -> None:
        """Fees a kind pays besides its scheme's (an inläsningsarvode), each on its own line type."""
        for extra in kind.extra_fees:
            if extra.organs and event.organ not in extra.organs:
                continue
            if extra.serving_only and not event.serving:
                continue
            amount = priced(extra.amount, version)
            label = self.rules.line_types[extra.type].name if extra.type in self.rules.line_types else extra.type
            text = f"{label}: {amount.text}"
            self.add(out, event, version, extra.type, amount.amount, extra.section, text, amount.values, organ)

    def _substitute(self, out: _Claim, event: Event, kind: Kind, version: Version, day: _Day, organ: str,
                    barred: Included | None = None) -> Decimal:
        """A substitute present but not serving: the line types the rules pay them, the rest at 0,00 (2.1.1)."""
        t = version.table
        assert t is not None
        paid = t.kostnader_ersattare_ej_tjanstgorande
        line_type = fee_type(kind)
        section = paid.section.split(";")[0].strip()
        if line_type in paid.value and barred is not None:
            self.zero(out, event, line_type, barred.rule, barred.text, organ)
        elif line_type in paid.value:
            scheme = self.rules.fee_schemes[kind.fee_scheme(event.organ)]
            if scheme.substitute_gap is not None:
                raise MissingAmountError(
                    f"regelsamlingen ger inget arvode till en ersättare som inte tjänstgör enligt arvodesmodellen "
                    f"{scheme.key} ({scheme.section}): {scheme.substitute_gap}",
                    parameter="ersattare_ej_tjanstgorande")
            self._fee(out, event, kind, version, day, "", organ, t.ersattare_ej_tjanstgorande_arvode_procent,
                      t.ersattare_ej_tjanstgorande_avrundning_steg)
        else:
            only = "endast resekostnad" if "reseersattning" in paid.value else "regelsamlingen ersätter inte detta"
            self.zero(out, event, line_type, section, f"Ersättare som inte tjänstgör: ingen ersättning, {only} "
                      f"({section})", organ)
        if event.lost_income is None:
            return Decimal(0)
        if "forlorad_arbetsinkomst" in paid.value:
            return self._lost_income(out, event, kind, version, day, organ)
        why = ("ingen förlorad arbetsinkomst" if line_type in paid.value or "reseersattning" not in paid.value
               else "ingen ersättning, endast resekostnad")
        self.zero(out, event, "forlorad_arbetsinkomst", section, f"Ersättare som inte tjänstgör: {why} ({section})",
                  organ)
        return Decimal(0)

    def _lost_income(self, out: _Claim, event: Event, kind: Kind, version: Version, day: _Day, organ: str) -> Decimal:
        """Price 2.2.2 for one event; returns what it paid."""
        scheme = self.rules.lost_income_caps[kind.lost_income_cap]
        section = scheme.section
        if event.free_time:
            self.zero(out, event, "forlorad_arbetsinkomst", section,
                      f"Fullgjort på ledig tid: ingen förlorad arbetsinkomst ({section})", organ)
            return Decimal(0)
        t = version.table
        assert t is not None
        income = out.claim.official.income
        pool = None
        if event.lost_income is not None and event.lost_income.unknown_amount:
            t.forlorad_arbetsinkomst_schablon.value  # noqa: B018 -- a set without a schablon refuses, naming it
        if event.lost_income is not None and event.lost_income.unknown_amount and income.yearly is not None:
            if day.loss.yearly_pool is None:
                day.loss.yearly_pool = income.yearly / t.forlorad_arbetsinkomst_arsinkomst_delare_dagar.value
            pool = day.loss.yearly_pool
        claimed = claimed_loss(event, income, version, pool)
        if claimed.amount is None:
            self.refuse(out, event, section, f"förlorad arbetsinkomst kan inte värderas: {claimed.refusal}")
            return Decimal(0)
        period = out.claim.period
        amount, text, values = day.loss.pay(claimed, price_cap(event, kind, scheme, version, self.memo), version,
                                            period)
        paid = self.add(out, event, version, "forlorad_arbetsinkomst", amount, section, text, values, organ)
        day.loss.add(period, paid)
        out.lost_by_organ[organ] = out.lost_by_organ.get(organ, Decimal(0)) + paid
        if pool is not None:
            day.loss.yearly_pool = pool - paid
        return paid

    # -- the month --------------------------------------------------------
    def monthly(self, out: _Claim) -> None:
        """3.2 a and 4.2: shares of the förlorad arbetsinkomst this claim pays, borne by each organ."""
        paid = sum(out.lost_by_organ.values(), Decimal(0))
        if paid <= 0:
            return
        t = self.rules.on(out.claim.last_day)
        for type_, parameter, rule, wanted in (
            ("forlorad_pensionsforman", t.forlorad_pensionsforman_procent, "4.2", True),
            ("forlorad_semesterersattning", t.forlorad_semesterersattning_procent, "3.2 a",
             out.claim.official.income.vacation_pay_loss),
        ):
            if not wanted:
                continue
            if type_ == "forlorad_pensionsforman" and not parameter.given:
                out.warnings.append(ClaimWarning(rule, (
                    "regelsamlingen ger ingen procentsats för förlorad pensionsförmån på förlorad arbetsinkomst "
                    "(forlorad_pensionsforman.procent): ingen sådan rad är beräknad")))
                continue
            rounded = round_money(times(paid, parameter.value / 100), t.avrundning.value)
            text = explain("{0:num} % × {1:kr} förlorad arbetsinkomst denna månad = {2:kr} ({3})",
                           parameter.value, paid, rounded, rule)
            parts = split_by_organ(rounded, {o: a for o, a in out.lost_by_organ.items() if a})
            for organ, part in parts:
                shown: Text = text
                if len(parts) > 1:
                    organ_name = self.rules.organs[organ].name if organ in self.rules.organs else organ
                    shown = explain("{0}; därav {1}: {2:kr} (dess andel {3:kr} av {4:kr})", text, organ_name, part,
                                    out.lost_by_organ[organ], paid)
                out.lines.append(Line(type_, part, rule, shown, None, None, (parameter,), organ))


def _kr(amount: Decimal) -> str:
    return format_kr(amount)


def _party_meetings(claims: Sequence[Claim], rules: Rules, known: Iterable[Event]) -> dict[tuple[int, int], _Slot]:
    """2.1.2: which partigruppmöte is paid for which KF sammanträde, across all of the official's claims.

    The one received first keeps its place, so a late report can never take back a
    paid one. Without ``for_meeting`` a partigruppmöte prepares the first KF
    sammanträde on or after its date among the official's events; with it, a day
    whose events are known must hold a KF sammanträde. Events refused before the limit
    is checked (repeated, late, paid by another body) hold no place. Keys are
    ``(id of the claim's state, event index)``, filled in by ``calculate_official``.
    """
    targets = {(k.one_per_meeting_of.organ, k.one_per_meeting_of.kind)
               for k in rules.kinds.values() if k.one_per_meeting_of is not None}
    if not targets:
        return {}
    everything = [*(e for c in claims for e in c.events), *known]
    kf_days = sorted({e.date for e in everything if (e.organ, e.kind) in targets})
    known_days = {e.date for e in everything}
    candidates = []
    for position, claim in enumerate(claims):
        for event in claim.events:
            kind = rules.kinds[event.kind]
            if kind.one_per_meeting_of is None or event.already_reported is not None or event.paid_by_other:
                continue
            try:
                if late_reason(event.date, event.reported, rules.on(event.date)) is not None:
                    continue
            except ArvodeError:
                continue  # the event's own pricing reports it
            candidates.append(((event.received, event.date, position, event.index), position, event, kind))
    slots: dict[tuple[int, int], _Slot] = {}
    taken: dict[dt.date, tuple[str, int]] = {}
    for _, position, event, kind in sorted(candidates, key=lambda c: c[0]):
        meeting = kind.one_per_meeting_of
        assert meeting is not None
        organ = rules.organs[meeting.organ].name
        period = claims[position].period
        target = event.for_meeting
        if target is None:
            target = next((d for d in kf_days if d >= event.date), None)
            if target is None:
                slots[(position, event.index)] = _Slot(False, (
                    f"ett partigruppmöte ersätts inför ett sammanträde i {organ}, men inget sådant "
                    f"sammanträde på eller efter {event.date.isoformat()} finns bland dina händelser: "
                    "ange for_meeting (sammanträdets datum)"))
                continue
        elif target in known_days and target not in kf_days:
            slots[(position, event.index)] = _Slot(False, (
                f"for_meeting {target.isoformat()}: dina händelser den dagen innehåller inget "
                f"sammanträde i {organ}"))
            continue
        first = taken.setdefault(target, (period, event.index))
        if first != (period, event.index):
            where = f"händelse {first[1] + 1}" + ("" if first[0] == period else f" i rapporten för {first[0]}")
            slots[(position, event.index)] = _Slot(False, (
                f"högst ett partigruppmöte per sammanträde i KF: {where} förbereder redan "
                f"sammanträdet {target.isoformat()}"))
            continue
        slots[(position, event.index)] = _Slot(True, "" if event.for_meeting is not None else (
            f"; inför sammanträdet i {organ} {target.isoformat()} (det första på eller "
            "efter mötet bland dina händelser, 2.1.2)"))
    return slots


def _in_force(rules: Rules, event: Event, kind: Kind) -> None:
    if event.date < kind.valid_from:
        raise NoRuleInForceError(
            f"inga regler gäller {event.date}: sammanträdestypen {kind.key} gäller från {kind.valid_from}"
        )
    if event.organ is not None:
        organ = rules.organs[event.organ]
        if event.date < organ.valid_from:
            raise NoRuleInForceError(
                f"inga regler gäller {event.date}: organet {organ.key} gäller från {organ.valid_from}"
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
    # Slots were computed by claim position; key them by the claim state's identity.
    state.slots = {(id(state.claims[p]), i): slot for (p, i), slot in state.slots.items()}
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
            field = _field_needing(exc) or "date"
            raise exc.at(Location(event.file or out.claim.file, event.line, f"events[{event.index}].{field}")) from None
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
            warnings=(*out.warnings, *warnings),
        ))
    return results


def calculate(claim: Claim, rules: Rules) -> Result:
    """Price every event of ``claim`` under ``rules``; refuse with a reason what is not paid."""
    return calculate_official([claim], rules)[0]

