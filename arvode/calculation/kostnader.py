"""Section 5 costs and 3.2 b lost vacation days of one event.

5.1: travel within the meeting is always paid; to and from only when the
registered address is at least the threshold (6 km) from the venue; färdtid at
Bilaga 1's timlön; traktamente for an event outside the municipality. 5.2 / 5.3:
hours of childcare or care at Bilaga 1's timkostnad, never for the time paid as
förlorad arbetsinkomst (an amount the rules set does not give stops the
calculation: ``MissingAmountError``). 5.4: special costs of an official with a
disability, at most 7,5 prisbasbelopp / 260 per occasion. 3.2 b: a lost
vacation day, at most one maxbelopp, claimable within two years (6.2).

Who gets what is data: a substitute who does not serve gets reseersättning only
(2.1.1), election work resekostnader and traktamente (2.2.3); both lists are
parameters in ``rules/<municipality>/kostnader.yaml``, as are the readings.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from fractions import Fraction

from arvode.base.money import format_kr, format_number, round_money, times
from arvode.base.times import format_duration
from arvode.calculation.rapportering import late_reason
from arvode.calculation.result import Line, Rejection
from arvode.calculation.sammantrade import paid_as_serving
from arvode.claims.claim import Event, Official
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup

__all__ = ["has_costs", "late_vacation_days", "price_costs", "price_vacation_days"]

_Priced = tuple[list[Line], list[Rejection]]


def _line(event: Event, look: Lookup, type_: str, amount: Decimal, rule: str, text: str) -> Line:
    """A finished line: rounded once with the rules' mode, saying so if it changed."""
    rounded = look.round(amount)
    if rounded != amount:
        text = f"{text}; avrundat till öre: {format_kr(rounded)}"
    return Line(type_, rounded, rule, text, event.date, event.index, look.used)


def _zero(event: Event, look: Lookup, type_: str, rule: str, text: str) -> Line:
    """An explained 0,00: the part is claimed but not paid, and the line says why."""
    return Line(type_, Decimal(0), rule, text, event.date, event.index, look.used)


def _km(value: Decimal) -> str:
    return f"{format_number(value)} km"


def _hours(value: Decimal) -> str:
    return f"{format_number(value)} h"


# --------------------------------------------------------------------- who may claim what
class _Entitlement:
    """Which line types an event's costs may pay, and why others are not paid."""

    def __init__(self, event: Event, rules: Rules) -> None:
        look = Lookup(rules, event.date)
        self.allowed: Sequence[str] | None = None
        self.rule = ""
        self.why = ""
        self.look = look
        if rules.kinds[event.kind].category == "valforrattning":
            self.allowed = look.value("kostnader.valforrattning").value
            self.rule = "2.2.3"
            self.why = (
                "valförrättare och röstmottagare ersätts för resekostnader och traktamenten (2.2.3)"
            )
        elif not (event.serving or (event.specially_called and paid_as_serving(event, look.value("sarskilt_kallad")))):
            paid = look.value("kostnader.ersattare_ej_tjanstgorande")
            self.allowed = paid.value
            self.rule = paid.section.split(";")[0].strip()
            self.why = f"ersättare som inte tjänstgör får bara det som {self.rule} anger"
            if "reseersattning" in paid.value:
                self.why = f"ersättare som inte tjänstgör har rätt till reseersättning ({self.rule})"

    def refuse(self, event: Event, type_: str, what: str) -> Line | None:
        """A 0,00 line when ``type_`` is not paid with this event, else None."""
        if self.allowed is None or type_ in self.allowed:
            return None
        return _zero(event, self.look, type_, self.rule, f"{what}: ersätts inte; {self.why}")


# --------------------------------------------------------------------- 5.1 travel
def _to_from_distance(official: Official, look: Lookup) -> tuple[bool | None, str]:
    """Whether travel to/from is paid (5.1): None when the distance is not given."""
    limit = look.amount("reseersattning.grans_km")
    if limit == 0:
        return True, "ingen avståndsgräns"
    distance = official.home_distance_km
    if distance is None:
        return None, ""
    if distance >= limit:
        return True, f"avstånd folkbokförd adress–lokal {_km(distance)} ≥ {_km(limit)}"
    return False, f"avstånd folkbokförd adress–lokal {_km(distance)}, under {_km(limit)}"


def _within(event: Event, rules: Rules, km: Decimal) -> Line:
    look = Lookup(rules, event.date)
    rate = look.amount("reseersattning_per_km")
    amount = km * rate
    text = (f"Resa inom sammanträde/förrättning (ersätts oavsett antal km): "
            f"{_km(km)} × {format_kr(rate)} = {format_kr(amount)}")
    return _line(event, look, "reseersattning", amount, look.value("reseersattning_per_km").section, text)


def _distance_gate(
    event: Event, look: Lookup, paid: bool | None, why: str, type_: str, label: str, what: str
) -> _Priced | None:
    """Refuse or zero a distance-bound part (5.1); None when it is to be paid."""
    if paid is None:
        return [], [Rejection(
            event.index, "5.1",
            f"{what} betalas bara över en gräns för enkel resväg: ange "
            "official.home_distance_km (folkbokföringsadressen till mötesplatsen)", event.date)]
    if not paid:
        return [_zero(event, look, type_, "5.1", f"{label} ersätts inte: {why} (5.1)")], []
    return None


def _to_from(event: Event, official: Official, rules: Rules, km: Decimal) -> _Priced:
    look = Lookup(rules, event.date)
    paid, why = _to_from_distance(official, look)
    gate = _distance_gate(event, look, paid, why, "reseersattning", f"Resa till/från {_km(km)}",
                          "resa till och från (km)")
    if gate is not None:
        return gate
    rate = look.amount("reseersattning_per_km")
    amount = km * rate
    text = f"Resa till/från ({why}): {_km(km)} × {format_kr(rate)} = {format_kr(amount)}"
    return [_line(event, look, "reseersattning", amount, look.value("reseersattning_per_km").section, text)], []


def _travel_time(event: Event, official: Official, rules: Rules, hours: Decimal) -> _Priced:
    look = Lookup(rules, event.date)
    paid: bool | None = True
    why = ""
    if look.value("fardtid.kraver_avstandsgrans").value:
        paid, why = _to_from_distance(official, look)
    gate = _distance_gate(event, look, paid, why, "fardtidsersattning", f"Färdtid {_hours(hours)}",
                          "färdtid (travel.hours), like travel to/from,")
    if gate is not None:
        return gate
    wage = look.amount("timlon_fardtid")
    amount = hours * wage
    text = (f"Färdtid: {_hours(hours)} × {format_kr(wage)} (timlön för färdtidsersättning, "
            f"Bilaga 1) = {format_kr(amount)}")
    return [_line(event, look, "fardtidsersattning", amount, "5.1", text)], []


def _allowance(event: Event, rules: Rules) -> Line:
    """5.1: traktamente as for the municipality's employees, day by day.

    A day is a heldag (Bilaga 1's amount) or a halvdag (a share of it); free
    meals reduce it by Skatteverket's percentages of that day's amount, added
    up and rounded to whole kronor as Skatteverket's tables are (frukost 20 %,
    lunch 35 %, middag 35 %: all three 90 %). Without days, one heldag
    (``traktamente.dagar_per_handelse``), as the claim format had it before.
    """
    look = Lookup(rules, event.date)
    per_day = look.amount("traktamente_heldag")
    assert event.travel is not None
    if not event.travel.allowance:
        days = look.integer("traktamente.dagar_per_handelse")
        amount = per_day * days
        text = (f"Förrättning utanför kommunen: traktamente heldag {days} × {format_kr(per_day)} "
                f"(grund innan ev. avdrag) = {format_kr(amount)}")
        return _line(event, look, "traktamente", amount, "5.1", text)
    mode = look.value("avrundning").value
    step = look.amount("traktamente.maltid.avrundning_steg")
    total = Decimal(0)
    parts = []
    for number, day in enumerate(event.travel.allowance, start=1):
        if day.day == "halvdag":
            share = look.percent("traktamente.halvdag_procent")
            base = times(per_day, share / 100)
            label = f"halvdag {format_number(share)} % × {format_kr(per_day)} = {format_kr(base)}"
        else:
            base = per_day
            label = f"heldag {format_kr(base)}"
        if day.free_meals:
            percent = sum((look.percent(f"traktamente.maltid.{meal}_procent") for meal in day.free_meals),
                          Decimal(0))
            exact_cut = times(base, percent / 100)
            cut = min(round_money(exact_cut, mode, step), base)
            meals = " + ".join(day.free_meals)
            rounded = f", avrundat till {format_kr(cut)}" if cut != exact_cut else ""
            label += (f" − fria måltider ({meals}) {format_number(percent)} % × {format_kr(base)} = "
                      f"{format_kr(exact_cut)}{rounded}: {format_kr(base - cut)}")
            base -= cut
        total += base
        parts.append(f"dag {number}: {label}")
    text = (f"Förrättning utanför kommunen, traktamente som för kommunens arbetstagare (5.1): "
            f"{'; '.join(parts)}; summa {format_kr(total)}")
    return _line(event, look, "traktamente", total, "5.1", text)


def _travel(event: Event, official: Official, rules: Rules, rights: _Entitlement) -> _Priced:
    """5.1: within the meeting, to and from, färdtid and traktamente, each its own line."""
    travel = event.travel
    assert travel is not None
    lines: list[Line] = []
    refusals: list[Rejection] = []
    claims: list[tuple[str, str, Callable[[], _Priced]]] = []
    if travel.within_km:
        claims.append(("reseersattning", f"Resa inom sammanträde {_km(travel.within_km)}",
                       lambda: ([_within(event, rules, travel.within_km)], [])))
    if travel.km:
        claims.append(("reseersattning", f"Resa till/från {_km(travel.km)}",
                       lambda: _to_from(event, official, rules, travel.km)))
    if travel.hours:
        claims.append(("fardtidsersattning", f"Färdtid {_hours(travel.hours)}",
                       lambda: _travel_time(event, official, rules, travel.hours)))
    if travel.outside_municipality:
        claims.append(("traktamente", "Traktamente", lambda: ([_allowance(event, rules)], [])))
    for type_, what, price in claims:
        refused = rights.refuse(event, type_, what)
        if refused is not None:
            lines.append(refused)
            continue
        priced = price()
        lines.extend(priced[0])
        refusals.extend(priced[1])
    return lines, refusals


# --------------------------------------------------------------------- 5.2 / 5.3 tillsyn
def _lost_income_hours(
    event: Event, look: Lookup, lost_income_paid: Decimal, claimed: Decimal
) -> tuple[Decimal | None, str]:
    """Hours of the event paid as förlorad arbetsinkomst (5.2, 5.3), or None if unknown."""
    lost = event.lost_income
    if lost is None or lost_income_paid <= 0:
        return Decimal(0), "ingen förlorad arbetsinkomst betald för händelsen"
    if lost.hours is not None:
        return lost.hours, f"{_hours(lost.hours)} ersatta som förlorad arbetsinkomst"
    how = look.value("tillsyn.overlapp_vid_belopp").value
    if how == "hela":
        return claimed, "förlorad arbetsinkomst betald som belopp: all tid räknas som ersatt"
    if how != "motets_langd":
        raise ValueError(f"okänt värde för tillsyn.overlapp_vid_belopp: {how!r}")
    if event.minutes is None:
        return None, ""
    hours = Decimal(event.minutes) / 60
    return hours, (f"förlorad arbetsinkomst betald som belopp: händelsens längd "
                   f"{format_duration(event.minutes)} räknas som ersatt tid")


def _care(
    event: Event, rules: Rules, rights: _Entitlement, lost_income_paid: Decimal,
    hours: Decimal, type_: str, rate_name: str, section: str, label: str, by_household: bool,
) -> _Priced:
    refused = rights.refuse(event, type_, f"{label} {_hours(hours)}")
    if refused is not None:
        return [refused], []
    look = Lookup(rules, event.date)
    if by_household:
        # Before the rate: nothing is paid, whatever the timkostnad (or its absence).
        return [_zero(event, look, type_, section, (
            f"{label} {_hours(hours)}: utförd av person som tillhör den förtroendevaldes hushåll, "
            f"ersätts inte ({section}: betalas inte om tillsynen har utförts av person som tillhör "
            "den förtroendevaldes hushåll)"))], []
    # The rate first: an amount the rules set does not give stops the calculation (SPEC).
    rate = look.amount(rate_name)
    overlap, overlap_text = _lost_income_hours(event, look, lost_income_paid, hours)
    if overlap is None:
        return [], [Rejection(
            event.index, section,
            f"{label.lower()} betalas inte för tid som ersätts som förlorad arbetsinkomst, och "
            "händelsen har ingen tid att skilja dem åt med: begär förlorad arbetsinkomst i timmar "
            "(lost_income.hours) eller ange händelsens tid (called/attended)", event.date)]
    paid_hours = max(hours - overlap, Decimal(0))
    amount = paid_hours * rate
    if overlap:
        how = (f"{_hours(hours)} − {_hours(overlap)} ({overlap_text}; {section}: inte för samma "
               f"tid) = {_hours(paid_hours)}")
    else:
        how = f"{_hours(hours)} ({overlap_text})"
    text = (f"{label}: {how}; {_hours(paid_hours)} × {format_kr(rate)} (timkostnad, Bilaga 1) "
            f"= {format_kr(amount)}")
    return [_line(event, look, type_, amount, section, text)], []


# --------------------------------------------------------------------- 5.4 funktionsnedsättning
def _disability(event: Event, rules: Rules, rights: _Entitlement) -> _Priced:
    claimed = event.disability_costs
    label = "Särskilda kostnader vid funktionsnedsättning"
    refused = rights.refuse(event, "funktionsnedsattning", f"{label} {format_kr(claimed)}")
    if refused is not None:
        return [refused], []
    look = Lookup(rules, event.date)
    base = look.amount("prisbasbelopp")
    count = look.share("funktionsnedsattning.basbelopp_antal")
    days = look.integer("funktionsnedsattning.delare_dagar")
    cap = times(base, count / Fraction(days))
    amount = min(claimed, cap)
    factor = format_number(Decimal(count.numerator) / count.denominator)
    yearly = times(base, count)
    text = (f"{label}: styrkt {format_kr(claimed)}; tak per tillfälle {factor} × prisbasbelopp "
            f"{format_kr(base, decimals=False)} / {days} = {format_kr(yearly, decimals=False)} / "
            f"{days}")
    if claimed > cap:
        text += ": styrkt belopp över taket, betalas taket"
    else:
        text += f" (≈ {format_kr(cap)}): betalas styrkt belopp {format_kr(claimed)}"
    return [_line(event, look, "funktionsnedsattning", amount, "5.4", text)], []


# --------------------------------------------------------------------- 5.5 övriga kostnader
def _other_costs(event: Event, rules: Rules, rights: _Entitlement) -> _Priced:
    """5.5: each other cost as claimed, once the ordförande has approved it.

    "Sådana kostnader ska styrkas och godkännas av ordförande": a cost without
    an approval is refused with that reason. The special reasons, and that the
    cost could not reasonably have been avoided, are for the ordförande to judge
    when approving; the line repeats the reason and the approval.
    """
    look = Lookup(rules, event.date)
    lines: list[Line] = []
    refusals: list[Rejection] = []
    for cost in event.other_costs:
        what = f"Övrig kostnad {format_kr(cost.amount)} ({cost.reason})"
        refused = rights.refuse(event, "ovriga_kostnader", what)
        if refused is not None:
            lines.append(refused)
            continue
        if cost.approved_by is None and look.value("ovriga_kostnader.kraver_godkannande").value:
            refusals.append(Rejection(event.index, "5.5", (
                f"{what}: inte godkänd av ordförande; 5.5: sådana kostnader ska styrkas och "
                "godkännas av ordförande (ange approved_by)"), event.date))
            continue
        approved = f"godkänd av {cost.approved_by}" if cost.approved_by else "utan krav på godkännande"
        text = f"{what}: särskilda skäl, {approved} (5.5): {format_kr(cost.amount)}"
        lines.append(_line(event, look, "ovriga_kostnader", cost.amount, "5.5", text))
    return lines, refusals


# --------------------------------------------------------------------- 3.2 b semesterdag
def price_vacation_days(event: Event, official: Official, rules: Rules) -> _Priced:
    """3.2 b: ``lost_vacation_days`` × the value of a day, each at most one maxbelopp.

    Claimable within two years of the event (6.2), not the six months of 6.1;
    the line says so when the event's other parts were reported too late. 3.2
    pays only "om hen tar tjänstledigt": an event done on free time
    (``free_time``) loses no vacation day (``forlorad_semesterdag.ej_pa_ledig_tid``).
    """
    days = event.lost_vacation_days
    if not days:
        return [], []
    rights = _Entitlement(event, rules)
    refused = rights.refuse(event, "forlorad_semesterdag", f"Förlorad semesterdag × {days}")
    if refused is not None:
        return [refused], []
    look = Lookup(rules, event.date)
    if event.free_time and look.value("forlorad_semesterdag.ej_pa_ledig_tid").value:
        # 3.2: "om hen tar tjänstledigt från sin ordinarie sysselsättning": free time loses none.
        return [_zero(event, look, "forlorad_semesterdag", "3.2", (
            f"Förlorad semesterdag × {days}: fullgjort på ledig tid, ingen tjänstledighet och därför "
            "ingen förlorad semesterdag (3.2: om hen tar tjänstledigt från sin ordinarie sysselsättning)"))], []
    table = rules.on(event.date)
    if table.rapportering_semester_manader.given:  # a set without a deadline traces none
        look.value("rapportering.semester_manader")  # traced: the line is within 6.2's two years
    late = late_reason(event.date, event.reported, table, vacation=True)
    if late is not None:
        reason = f"förlorad semesterdag (3.2 b): {late}"
        return [], [Rejection(event.index, "6.2", reason, event.date)]
    income = official.income
    table.forlorad_semesterdag_tak_andel.value  # noqa: B018 -- a set without 3.2 b is refused by this name first
    cap = times(look.amount("maxbelopp"), look.share("forlorad_semesterdag.tak_andel"))
    if income.hourly is not None:
        hours = look.amount("forlorad_semesterdag.timmar_per_dag")
        value = income.hourly * hours
        value_text = (f"{format_kr(income.hourly)} (styrkt timlön) × {_hours(hours)} = "
                      f"{format_kr(value)}")
    elif income.yearly is not None:
        divisor = look.integer("forlorad_semesterdag.arsinkomst_delare_dagar")
        value = income.yearly / divisor
        value_text = f"årsinkomst {format_kr(income.yearly)} / {divisor} = {format_kr(value)}"
    else:
        return [], [Rejection(
            event.index, "3.2 b",
            "en förlorad semesterdag värderas efter ledamotens lön: ange official.income.hourly "
            "eller official.income.yearly", event.date)]
    per_day = min(value, cap)
    amount = per_day * days
    capped = "" if value <= cap else f", högst maxbelopp {format_kr(cap)}"
    text = (f"Förlorad semesterdag: en dag {value_text}{capped}; {days} × {format_kr(per_day)} = "
            f"{format_kr(amount)}")
    if table.rapportering_manader.given:
        look.value("rapportering.manader")  # traced: whether 6.1's six months have passed
    if late_reason(event.date, event.reported, table) is not None:
        months = look.integer("rapportering.semester_manader")
        text += (f"; rapporterad {event.reported.isoformat()}: efter sex månader men inom "
                 f"{months} månader, som gäller förlorad semesterförmån (6.2)")
    return [_line(event, look, "forlorad_semesterdag", amount, "3.2 b", text)], []


def late_vacation_days(event: Event, official: Official, rules: Rules) -> _Priced:
    """3.2 b of an event refused as later than six months (6.1): still within two years (6.2).

    An event also paid by another body (2) pays nothing from the municipality.
    """
    if event.paid_by_other or not event.lost_vacation_days:
        return [], []
    return price_vacation_days(event, official, rules)


# --------------------------------------------------------------------- one event
def has_costs(event: Event) -> bool:
    """Whether ``event`` claims anything of section 5 or 3.2 b (most events claim nothing)."""
    return bool(event.travel is not None or event.childcare_hours or event.care_hours or event.disability_costs
                or event.lost_vacation_days or event.other_costs)


def price_costs(
    event: Event, official: Official, rules: Rules, lost_income_paid: Decimal
) -> tuple[list[Line], list[Rejection]]:
    """Lines and refusals for the costs claimed with ``event`` (5.1–5.5, 3.2 b).

    ``lost_income_paid`` is what the event paid as förlorad arbetsinkomst, since
    5.2/5.3 never pay for time that is also paid as lost income.
    """
    rights = _Entitlement(event, rules)
    lines: list[Line] = []
    refusals: list[Rejection] = []

    def take(priced: _Priced) -> None:
        lines.extend(priced[0])
        refusals.extend(priced[1])

    if event.travel is not None:
        take(_travel(event, official, rules, rights))
    if event.childcare_hours:
        take(_care(event, rules, rights, lost_income_paid, event.childcare_hours,
                   "barntillsyn", "timkostnad_barntillsyn", "5.2", "Barntillsyn",
                   event.childcare_by_household))
    if event.care_hours:
        take(_care(event, rules, rights, lost_income_paid, event.care_hours,
                   "vard_och_tillsyn", "timkostnad_vard_och_tillsyn", "5.3", "Vård och tillsyn",
                   event.care_by_household))
    if event.disability_costs:
        take(_disability(event, rules, rights))
    if event.other_costs:
        take(_other_costs(event, rules, rights))
    take(price_vacation_days(event, official, rules))
    return lines, refusals
