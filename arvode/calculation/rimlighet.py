"""Plausibility: what no one can have done in a day is refused, never paid (6.1).

A claim must be possible to substantiate (6.1: "kunna styrka"). Twenty-five hours
of election work on one day, 2 400 km of driving or 999 999 999 999 lost vacation
days are typing errors or attacks; capping them would pay something for nothing
and hide the error. The limits are dated rules parameters (``rimlighet.*``) with
their reasoning; they hold per official and calendar day over every claim, so a
late-reported event counts against its own day.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from arvode.base.money import format_kr, format_number
from arvode.claims.claim import Event
from arvode.rules.declaration import ParameterTable

__all__ = ["DayUse", "implausible_event", "implausible_on_day"]


@attrs.define
class DayUse:
    """What one official's accepted events of one day add up to."""

    hours: Decimal = Decimal(0)
    lost_hours: Decimal = Decimal(0)
    care_hours: Decimal = Decimal(0)
    km: Decimal = Decimal(0)


def _hours(value: Decimal) -> str:
    return f"{format_number(value)} h"


def _km(value: Decimal) -> str:
    return f"{format_number(value)} km"


def implausible_event(event: Event, table: ParameterTable) -> str | None:
    """Why one event's own figures cannot be right (days, amounts), or None."""
    days = table.rimlighet_semesterdagar_per_handelse.value
    if event.lost_vacation_days > days:
        return (f"orimligt: {event.lost_vacation_days} förlorade semesterdagar för en händelse, högst {days} "
                "(rimlighet.semesterdagar_per_handelse); rätta händelsen")
    most = table.rimlighet_belopp_per_post.value
    for label, amount in (("förlorad arbetsinkomst", event.lost_income.amount if event.lost_income else None),
                          ("kostnader vid funktionsnedsättning", event.disability_costs)):
        if amount is not None and amount > most:
            return (f"orimligt: {label} {format_kr(amount)} för en händelse, högst {format_kr(most)} "
                    "(rimlighet.belopp_per_post); rätta beloppet")
    return None


def _use(event: Event) -> DayUse:
    hours = Decimal(event.minutes or 0) / 60 + (event.hours or 0)
    lost = event.lost_income.hours if event.lost_income and event.lost_income.hours else Decimal(0)
    km = Decimal(0)
    if event.travel is not None:
        hours += event.travel.hours
        km = event.travel.km + event.travel.within_km
    return DayUse(hours, lost, event.childcare_hours + event.care_hours, km)


def implausible_on_day(event: Event, day: DayUse, table: ParameterTable) -> str | None:
    """Why ``event`` cannot come on top of the day's accepted events, or None (and then it counts)."""
    use = _use(event)
    checks = (
        ("möten, valförrättning och färdtid", use.hours, day.hours, table.rimlighet_timmar_per_dag, _hours),
        ("förlorad arbetsinkomst", use.lost_hours, day.lost_hours, table.rimlighet_forlorade_timmar_per_dag,
         _hours),
        ("barntillsyn och vård", use.care_hours, day.care_hours, table.rimlighet_tillsynstimmar_per_dag,
         _hours),
        ("resa", use.km, day.km, table.rimlighet_km_per_dag, _km),
    )
    for label, adds, before, parameter, show in checks:
        limit, name = parameter.value, parameter.name
        if adds and before + adds > limit:
            so_far = f", {show(before)} redan rapporterade samma dag" if before else ""
            return (f"orimligt: {show(adds)} {label} den {event.date.isoformat()}{so_far}; högst {show(limit)} "
                    f"per dag ({name}); rätta händelsen")
    day.hours += use.hours
    day.lost_hours += use.lost_hours
    day.care_hours += use.care_hours
    day.km += use.km
    return None
