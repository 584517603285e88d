"""2.2.3 valförrättare and röstmottagare: grundarvode per hour by election role.

The hour is Bilaga 1's grundarvode per timme times the role's percentage
(ordförande and vice ordförande 120 %, valförrättare and röstmottagare 100 %).
Hours worked on a Saturday, a Sunday or a röd dag get the supplement (20 %);
whether it multiplies or adds to the role's percentage is a rules parameter.
The ordförande's fixed preparation hours and the training hours are fixed
amounts (schablon), by default without the supplement. All of these are
parameters in ``rules/<municipality>/valforrattning.yaml``.

Röd dag comes from the ``holidays`` library (country SE). That library can list
every Sunday as a holiday (``include_sundays``); Sundays are recognised here by
the weekday, and a holiday named only "Söndag" is never taken for a röd dag, so
the explanation names the real day whichever way the library is set up.
"""

from __future__ import annotations

import datetime as dt
import functools
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import holidays

from arvode.base.money import format_kr, format_number
from arvode.calculation.result import Line, Rejection
from arvode.claims.claim import Event
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup

__all__ = ["holiday_names", "price_election", "supplement_reason"]

_WEEKDAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
_ROLE_NAMES = {
    "ordforande": "ordförande i valdistrikt",
    "vice_ordforande": "vice ordförande i valdistrikt",
    "valforrattare": "valförrättare i valdistrikt",
    "rostmottagare": "röstmottagare",
}
#: The name the ``holidays`` library gives a plain Sunday when asked to list Sundays.
_PLAIN_SUNDAY = "söndag"


@functools.cache
def _calendar(year: int, eves: bool) -> holidays.HolidayBase:
    """Swedish holidays of one year, Swedish names; eves are the DE_FACTO category.

    Imported here, not at the top: the library takes a tenth of a second to
    import, and only election work needs it (``arvode check`` must start fast).
    """
    import holidays
    from holidays.constants import DE_FACTO, PUBLIC

    categories = (PUBLIC, DE_FACTO) if eves else (PUBLIC,)
    return holidays.country_holidays(
        "SE", years=year, categories=categories, language="sv", include_sundays=False
    )


def holiday_names(calendar: holidays.HolidayBase, day: dt.date) -> list[str]:
    """The holidays on ``day`` in ``calendar``, leaving out a plain "Söndag" entry.

    A calendar built with ``include_sundays=True`` lists every Sunday; that is
    the weekday, not a röd dag of its own, and the weekday is checked apart.
    """
    return [name for name in calendar.get_list(day) if name.casefold() != _PLAIN_SUNDAY]


def supplement_reason(day: dt.date, look: Lookup) -> str | None:
    """Why hours on ``day`` get the 2.2.3 supplement ("söndag", "röd dag: Juldagen"), or None."""
    eves = bool(look.value("valforrattning.aftnar_som_rod_dag").value)
    names = holiday_names(_calendar(day.year, eves), day)
    weekday = day.weekday()
    parts = []
    if weekday >= 5:
        parts.append(_WEEKDAYS[weekday])
    if names:
        parts.append(f"röd dag: {', '.join(names)}")
    return ", ".join(parts) or None


def _hours(hours: Decimal) -> str:
    return f"{format_number(hours)} h"


def _rate_text(
    percent: Decimal, supplement: Decimal | None, multiplicative: bool
) -> tuple[Decimal, str]:
    """The factor on grundarvode per timme and how it is written."""
    if supplement is None:
        return percent / 100, f"{format_number(percent)} %"
    if multiplicative:
        return (
            percent / 100 * (100 + supplement) / 100,
            f"{format_number(percent)} % × {format_number(100 + supplement)} %",
        )
    return (
        (percent + supplement) / 100,
        f"({format_number(percent)} % + {format_number(supplement)} %)",
    )


def _line(event: Event, look: Lookup, amount: Decimal, text: str) -> Line:
    rounded = look.round(amount)
    if rounded != amount:
        text = f"{text}; avrundat till öre: {format_kr(rounded)}"
    return Line("valforrattning", rounded, "2.2.3", text, event.date, event.index, look.used)


def _worked(event: Event, rules: Rules, role: str) -> Line:
    """The hours worked on the event's date, with the weekend supplement if it applies."""
    look = Lookup(rules, event.date)
    hours = event.hours or Decimal(0)
    who = _ROLE_NAMES[role]
    if hours == 0:
        return Line("valforrattning", Decimal(0), "2.2.3",
                    f"Valförrättning ({who}): inga arbetade timmar angivna (hours)",
                    event.date, event.index)
    base = look.amount("grundarvode_per_timme")
    percent = look.percent(f"valforrattning.procent.{role}")
    reason = supplement_reason(event.date, look)
    supplement = look.percent("valforrattning.helgtillagg_procent") if reason is not None else None
    multiplicative = bool(look.value("valforrattning.helgtillagg_multiplikativt").value)
    factor, factor_text = _rate_text(percent, supplement, multiplicative)
    amount = hours * base * factor
    weekday = _WEEKDAYS[event.date.weekday()]
    day = (
        f"{reason}: +{format_number(supplement)} %" if reason is not None and supplement is not None
        else f"{weekday}, inget helgtillägg"
    )
    text = (
        f"Valförrättning, {who}, {event.date.isoformat()} ({day}): "
        f"{_hours(hours)} × {format_kr(base)} × {factor_text} = {format_kr(amount)}"
    )
    return _line(event, look, amount, text)


def _fixed(event: Event, rules: Rules, role: str, what: str) -> Line:
    """Preparation or training: a fixed number of hours (schablon, 2.2.3)."""
    look = Lookup(rules, event.date)
    who = _ROLE_NAMES[role]
    if what == "preparation":
        allowed = look.value("valforrattning.forberedelse_roller").value
        if role not in allowed:
            return Line(
                "valforrattning", Decimal(0), "2.2.3",
                f"Förberedelse av val och vallokal: schablonarvodet gäller endast "
                f"{', '.join(_ROLE_NAMES.get(r, r) for r in allowed)} (2.2.3), inte {who}",
                event.date, event.index, look.used,
            )
        hours = look.amount("valforrattning.forberedelse_timmar")
        label = f"Förberedelse av val och vallokal (schablon, {who})"
        with_role = True
    else:
        hours = look.amount("valforrattning.utbildning_timmar")
        label = f"Utbildning av valförrättare och röstmottagare ({who})"
        with_role = bool(look.value("valforrattning.utbildning_med_rollprocent").value)
    base = look.amount("grundarvode_per_timme")
    percent = look.percent(f"valforrattning.procent.{role}") if with_role else Decimal(100)
    reason = supplement_reason(event.date, look)
    on_fixed = bool(look.value("valforrattning.tillagg_pa_schablontimmar").value)
    supplement = None
    note = ""
    if reason is not None:
        if on_fixed:
            supplement = look.percent("valforrattning.helgtillagg_procent")
        else:
            note = f"; inget helgtillägg på schablontimmar ({reason})"
    multiplicative = bool(look.value("valforrattning.helgtillagg_multiplikativt").value)
    factor, factor_text = _rate_text(percent, supplement, multiplicative)
    amount = hours * base * factor
    text = (
        f"{label}: ersätts med {_hours(hours)}: {_hours(hours)} × {format_kr(base)} × "
        f"{factor_text} = {format_kr(amount)}{note}"
    )
    return _line(event, look, amount, text)


def price_election(event: Event, rules: Rules) -> tuple[list[Line], list[Rejection]]:
    """Lines for one election-work event (2.2.3): hours worked, preparation, training.

    Each part is its own line of type ``valforrattning`` showing its arithmetic.
    A valförrättare is paid per hour, not for lost income, so a ``lost_income``
    claimed with election work is answered by a 0,00 line saying so. Travel and
    traktamente (2.2.3: "rätt till ersättning för resekostnader och
    traktamenten") are priced by the costs of section 5 (``_costs``).
    """
    role = event.election_role
    assert role is not None, "rapportläsaren kräver election_role för valförrättning"
    lines = []
    if event.hours or not (event.preparation or event.training):
        lines.append(_worked(event, rules, role))
    if event.preparation:
        lines.append(_fixed(event, rules, role, "preparation"))
    if event.training:
        lines.append(_fixed(event, rules, role, "training"))
    if event.lost_income is not None:
        lines.append(
            Line(
                "forlorad_arbetsinkomst", Decimal(0), "2.2.3",
                "Valförrättare och röstmottagare ersätts med grundersättning per timme (2.2.3): "
                "ingen förlorad arbetsinkomst",
                event.date, event.index,
            )
        )
    return lines, []
