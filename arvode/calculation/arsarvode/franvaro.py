"""3.5 frånvaro and 3.6 föräldraledighet: the arvode reduced for a long absence.

An absence of more than the limit (30 days) is deducted for its days; nivå 1–2
then get sjuklön as employees (AB) or the parental share, as parameters say.
The reduced part goes to the appointed substitute as tillfälligt arvode, which
is the substitute's own assignment (``acting_for``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from arvode.base.money import format_kr, format_number, times
from arvode.calculation.arsarvode.standing import Standing
from arvode.calculation.arsarvode.tolftedelar import Run, days_part, month_twelfth_text
from arvode.calculation.result import Line
from arvode.claims.claim import Absence, Claim
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup

__all__ = ["absence_lines"]

def absence_lines(
    claim: Claim, rules: Rules, absence: Absence, runs: list[Run], segments: list[tuple[int, int, Standing]]
) -> list[Line]:
    """3.5/3.6: deduct an absence of more than the limit; sjuklön or föräldraersättning."""
    if not runs:
        return []
    look = Lookup(rules, max(absence.valid_from, claim.first_day))
    limit = look.integer("franvaro.grans_dagar")
    if absence.days <= limit:
        return []
    from_day = look.integer("franvaro.avdrag_fran_dag")
    deduct_start = absence.valid_from + dt.timedelta(days=from_day - 1)
    start = max(deduct_start, claim.first_day)
    end = min(absence.valid_to, claim.last_day)
    if start > end:
        return []
    mode = look.value("avrundning").value
    days = claim.last_day.day
    month = claim.first_day.month
    deducted = Decimal(0)
    parts = []
    for run in runs:
        a, b = max(run.first, start.day), min(run.last, end.day)
        if a > b:
            continue
        twelfth, _ = month_twelfth_text(run, month)
        amount = days_part(twelfth, a, b, days, mode)
        deducted += amount
        parts.append(f"{run.component.key} dag {a}–{b}: {format_kr(amount)}")
    if not deducted:
        return []
    text = (
        f"Frånvaro {absence.valid_from}–{absence.valid_to} ({absence.reason}, {absence.days} dagar, "
        f"över {limit}): arvodet minskas från dag {from_day} av frånvaron; denna månad "
        f"{start}–{end}: {'; '.join(parts)}"
    )
    lines = [Line("franvaroavdrag", -deducted, "3.5", text, None, None, look.used)]
    level = next(s.level for a, b, s in segments if a <= start.day <= b)
    if level in look.value("sjuklon.nivaer").value:
        if absence.reason == "sjukdom":
            lines.extend(_sick_pay(absence, runs, start, end, days, month, look))
        elif absence.reason == "foraldraledighet":
            percent = look.percent("foraldraledighet.procent")
            amount = look.round(times(deducted, percent / 100))
            text = (
                f"Föräldraledighet, nivå {level} (3.6): {format_number(percent)} % × "
                f"{format_kr(deducted)} avdraget arvode = {format_kr(amount)}"
            )
            lines.append(Line("foraldraersattning", amount, "3.6", text, None, None, look.used))
    return lines


def _sick_pay(
    absence: Absence, runs: list[Run], start: dt.date, end: dt.date, days: int, month: int, look: Lookup
) -> list[Line]:
    """3.5: sjuklön as for employees under AB, in steps counted from the first sick day."""
    karens = look.integer("sjuklon.karensdagar")
    steps = [
        (karens + 1, look.integer("sjuklon.forsta_steget_till_dag"), look.percent("sjuklon.forsta_steget_procent")),
        (look.integer("sjuklon.forsta_steget_till_dag") + 1, look.integer("sjuklon.andra_steget_till_dag"),
         look.percent("sjuklon.andra_steget_procent")),
    ]
    lines = []
    for first_n, last_n, percent in steps:
        s = max(start, absence.valid_from + dt.timedelta(days=first_n - 1))
        e = min(end, absence.valid_from + dt.timedelta(days=last_n - 1))
        if s > e:
            continue
        # The sick days' arvode stays exact: one rounding, of the finished line.
        base = Fraction(0)
        shown = []
        for run in runs:
            a, b = max(run.first, s.day), min(run.last, e.day)
            if a <= b:
                twelfth, _ = month_twelfth_text(run, month)
                base += Fraction(twelfth) * Fraction(b - a + 1, days)
                shown.append(f"{b - a + 1}/{days} × {format_kr(twelfth)}")
        amount = look.round(times(Decimal(1), base * Fraction(percent) / 100))
        text = (
            f"Sjuklön (3.5, som för anställda enligt AB): sjukdag {first_n}–{last_n}, denna månad "
            f"{s}–{e}: {format_number(percent)} % × ({' + '.join(shown)}) arvode = {format_kr(amount)}"
        )
        lines.append(Line("sjuklon", amount, "3.5", text, None, None, look.used))
    return lines

