"""Monthly årsarvode lines of a claim: 2.3, 3.5–3.7 and 6.3.

The month is cut where anything changes (a role starts or ends, a special
decision starts, an amount is recalculated); each årsarvode is paid for its
days with the exact twelfths of ``_twelfths``. An absence of more than 30 days
(3.5) is deducted for its days; nivå 1–2 then get sjuklön (3.5) or
föräldraersättning (3.6) as parameters say.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from ._claim import Absence, Claim
from ._lookup import Lookup
from ._money import format_kr, format_number, times
from ._result import Line
from ._rules import Rules
from ._standing import Component, Standing, standing_on
from ._twelfths import days_part, month_twelfth

__all__ = ["arsarvode_lines"]

_MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
           "september", "oktober", "november", "december")


def _change_days(claim: Claim, rules: Rules, first: dt.date, last: dt.date) -> list[dt.date]:
    """Days of the month on which an årsarvode may change."""
    days = {first}
    official = claim.official
    spans: list[tuple[dt.date, dt.date | None]] = [(a.valid_from, a.valid_to) for a in official.assignments]
    spans += [(d.valid_from, d.valid_to) for d in official.special_decisions]
    if official.group_leader is not None:
        spans.append((official.group_leader.valid_from, official.group_leader.valid_to))
    for start, end in spans:
        days.add(start)
        if end is not None:
            days.add(end + dt.timedelta(days=1))
    for name in ("arsarvode", "gruppledararvode.forsta_platsen_procent",
                 "gruppledararvode.ovriga_platser_procent", "valar", "sarskilt_beslut.tak_procent"):
        days.update(v.valid_from for v in rules.parameters[name].values)
    for assignment in official.assignments:
        days.update(t.valid_from for t in rules.roles[assignment.role].terms)
    return sorted(d for d in days if first <= d <= last)


class _Run:
    """Consecutive days of one component at one yearly amount."""

    def __init__(self, component: Component, first: int, last: int, look: Lookup) -> None:
        self.component, self.first, self.last, self.look = component, first, last, look


def _runs(claim: Claim, rules: Rules) -> tuple[list[_Run], list[tuple[int, int, Standing]]]:
    first, last = claim.first_day, claim.last_day
    starts = _change_days(claim, rules, first, last)
    segments = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else last
        segments.append((start.day, end.day, standing_on(claim.official, rules, start)))
    runs: list[_Run] = []
    open_runs: dict[tuple[str, Decimal], _Run] = {}
    for a, b, standing in segments:
        current: dict[tuple[str, Decimal], _Run] = {}
        for comp in standing.components:
            key = (comp.key, comp.yearly)
            run = open_runs.get(key)
            if run is not None and run.last == a - 1:
                run.last = b
            else:
                run = _Run(comp, a, b, standing.look)
                runs.append(run)
            current[key] = run
        open_runs = current
    return runs, segments


def _twelfth(run: _Run, month: int) -> tuple[Decimal, str]:
    look = run.look
    share = look.share("arsarvode.tolftedel")
    mode = look.value("avrundning").value
    method = look.value("arsarvode.tolftedelar_metod").value
    yearly = run.component.yearly
    twelfth = month_twelfth(yearly, month, share, mode, method)
    parts = share.denominator
    plain = look.round(times(yearly, share))
    if times(yearly, share) == twelfth:
        return twelfth, f"{format_kr(yearly)} / {parts} = {format_kr(twelfth)} (6.3)"
    if method == "sista_manaden_justeras":
        if twelfth == plain:
            return twelfth, f"{format_kr(yearly)} / {parts} = {format_kr(twelfth)} avrundat (6.3)"
        return twelfth, (
            f"{_MONTHS[month - 1]}, årets sista tolftedel: {format_kr(yearly)} − {parts - 1} × "
            f"{format_kr(plain)} = {format_kr(twelfth)} (6.3, tolftedelarna summerar exakt)"
        )
    return twelfth, (
        f"{_MONTHS[month - 1]}: avrundat({format_kr(yearly)} × {month}/{parts}) − "
        f"avrundat({format_kr(yearly)} × {month - 1}/{parts}) = {format_kr(twelfth)} "
        f"(6.3, tolftedelar som summerar exakt)"
    )


def _part(twelfth: Decimal, first: int, last: int, days: int, mode: str) -> tuple[Decimal, str]:
    amount = days_part(twelfth, first, last, days, mode)
    if first == 1 and last == days:
        return amount, ""
    if first == 1:
        how = f"{last}/{days} × {format_kr(twelfth)}"
    else:
        how = f"avrundat({last}/{days} × {format_kr(twelfth)}) − avrundat({first - 1}/{days} × {format_kr(twelfth)})"
    return amount, f"; dag {first}–{last} av {days}: {how} = {format_kr(amount)}"


def arsarvode_lines(claim: Claim, rules: Rules) -> list[Line]:
    """The month's årsarvode, gruppledararvode and absence lines for ``claim``."""
    if not (claim.official.assignments or claim.official.group_leader or claim.official.special_decisions):
        return []
    runs, segments = _runs(claim, rules)
    days = claim.last_day.day
    month = claim.first_day.month
    lines: list[Line] = []
    for run in runs:
        twelfth, how = _twelfth(run, month)
        mode = run.look.value("avrundning").value
        amount, part = _part(twelfth, run.first, run.last, days, mode)
        text = f"{run.component.text}; {how}{part}"
        lines.append(
            Line(run.component.type, amount, run.component.rule, text, None, None, run.look.used, run.component.organ)
        )
    for absence in claim.official.absences:
        lines.extend(_absence_lines(claim, rules, absence, runs, segments))
    return lines


def _absence_lines(
    claim: Claim, rules: Rules, absence: Absence, runs: list[_Run], segments: list[tuple[int, int, Standing]]
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
        twelfth, _ = _twelfth(run, month)
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
    absence: Absence, runs: list[_Run], start: dt.date, end: dt.date, days: int, month: int, look: Lookup
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
                twelfth, _ = _twelfth(run, month)
                base += Fraction(twelfth) * Fraction(b - a + 1, days)
                shown.append(f"{b - a + 1}/{days} × {format_kr(twelfth)}")
        amount = look.round(times(Decimal(1), base * Fraction(percent) / 100))
        text = (
            f"Sjuklön (3.5, som för anställda enligt AB): sjukdag {first_n}–{last_n}, denna månad "
            f"{s}–{e}: {format_number(percent)} % × ({' + '.join(shown)}) arvode = {format_kr(amount)}"
        )
        lines.append(Line("sjuklon", amount, "3.5", text, None, None, look.used))
    return lines

