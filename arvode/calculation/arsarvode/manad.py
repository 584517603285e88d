"""Monthly årsarvode lines of a claim: 2.3, 3.5–3.7 and 6.3.

The month is cut where anything changes (a role starts or ends, a special
decision starts, an amount is recalculated); each årsarvode is paid for its
days with the exact twelfths of ``tolftedelar``; absences (3.5, 3.6) are
deducted by ``franvaro``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from decimal import Decimal

import attrs

from arvode.base.errors import Location
from arvode.base.money import format_kr
from arvode.calculation.arsarvode.franvaro import absence_lines
from arvode.calculation.arsarvode.standing import Standing, standing_on
from arvode.calculation.arsarvode.tolftedelar import Run, days_part, month_twelfth_text
from arvode.calculation.result import ClaimWarning, Line
from arvode.claims.claim import Absence, Claim
from arvode.rules.load import Rules

__all__ = ["arsarvode_lines", "arsarvode_month"]

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
        days.update(rules.compiled.change_days(name))  # a computed base's dates too (riksdagsarvodet)
    for assignment in official.assignments:
        days.update(t.valid_from for t in rules.roles[assignment.role].terms)
    return sorted(d for d in days if first <= d <= last)


def _runs(claim: Claim, rules: Rules) -> tuple[list[Run], list[tuple[int, int, Standing]]]:
    first, last = claim.first_day, claim.last_day
    starts = _change_days(claim, rules, first, last)
    segments = []
    for i, start in enumerate(starts):
        end = starts[i + 1] - dt.timedelta(days=1) if i + 1 < len(starts) else last
        segments.append((start.day, end.day, standing_on(claim.official, rules, start)))
    runs: list[Run] = []
    open_runs: dict[tuple[str, Decimal], Run] = {}
    for a, b, standing in segments:
        current: dict[tuple[str, Decimal], Run] = {}
        for comp in standing.components:
            key = (comp.key, comp.yearly)
            run = open_runs.get(key)
            if run is not None and run.last == a - 1:
                run.last = b
            else:
                run = Run(comp, a, b, standing.look)
                runs.append(run)
            current[key] = run
        open_runs = current
    return runs, segments


def _part(twelfth: Decimal, first: int, last: int, days: int, mode: str) -> tuple[Decimal, str]:
    amount = days_part(twelfth, first, last, days, mode)
    if first == 1 and last == days:
        return amount, ""
    if first == 1:
        how = f"{last}/{days} × {format_kr(twelfth)}"
    else:
        how = f"avrundat({last}/{days} × {format_kr(twelfth)}) − avrundat({first - 1}/{days} × {format_kr(twelfth)})"
    return amount, f"; dag {first}–{last} av {days}: {how} = {format_kr(amount)}"


def arsarvode_lines(
    claim: Claim,
    rules: Rules,
    absences_of: Callable[[str], Sequence[Absence] | None] | None = None,
) -> list[Line]:
    """The month's årsarvode, gruppledararvode and absence lines for ``claim``."""
    return arsarvode_month(claim, rules, absences_of)[0]


def _warnings(claim: Claim, segments: list[tuple[int, int, Standing]]) -> list[ClaimWarning]:
    """2.3: each decision under the 40 % minimum, once, located at the decision in the claim."""
    warnings: list[ClaimWarning] = []
    seen: set[int] = set()
    decisions = claim.official.special_decisions
    for _, _, standing in segments:
        under = standing.under_minimum
        if under is None:
            continue
        index = next(i for i, d in enumerate(decisions) if d is under.decision)
        if index in seen:
            continue
        seen.add(index)
        where = Location(claim.file, under.decision.line or None, f"official.special_decisions[{index}]")
        warnings.append(ClaimWarning("2.3", under.text, where))
    return warnings


def arsarvode_month(
    claim: Claim,
    rules: Rules,
    absences_of: Callable[[str], Sequence[Absence] | None] | None = None,
) -> tuple[list[Line], list[ClaimWarning]]:
    """The month's årsarvode lines, and warnings about its special decisions (2.3).

    With ``absences_of`` (the record's knowledge of other officials), a tillfälligt
    arvode (3.5) is paid only for days the absent official's recorded absence of more
    than the limit covers; an absent official the record does not know is said so.
    """
    if not (claim.official.assignments or claim.official.group_leader or claim.official.special_decisions):
        return [], []
    runs, segments = _runs(claim, rules)
    days = claim.last_day.day
    month = claim.first_day.month
    lines: list[Line] = []
    for run in runs:
        twelfth, how = month_twelfth_text(run, month)
        mode = run.look.value("avrundning").value
        acting = run.component.acting_for
        parts = [_Days(run.first, run.last)]
        if acting is not None and absences_of is not None:
            parts = _acting_days(claim, run, acting, absences_of(acting))
        for days_ in parts:
            if not days_.paid:
                lines.append(Line(run.component.type, Decimal(0), "3.5", days_.note, None, None,
                                  run.look.used, run.component.organ))
                continue
            amount, part = _part(twelfth, days_.first, days_.last, days, mode)
            text = f"{run.component.text}; {how}{part}{days_.note}"
            lines.append(
                Line(run.component.type, amount, run.component.rule, text, None, None, run.look.used,
                     run.component.organ)
            )
    for absence in claim.official.absences:
        lines.extend(absence_lines(claim, rules, absence, runs, segments))
    return lines, _warnings(claim, segments)




@attrs.frozen
class _Days:
    """Days ``first``–``last`` of a month's run, paid or not, with what the line adds."""

    first: int
    last: int
    paid: bool = True
    note: str = ""


def _acting_days(claim: Claim, run: Run, absent: str, recorded: Sequence[Absence] | None) -> list[_Days]:
    """Days of ``run`` a tillfälligt arvode is paid for (3.5), each with what the line says."""
    if recorded is None:
        return [_Days(run.first, run.last, True,
                      f" (frånvaron kunde inte kontrolleras: {absent} finns inte i liggaren)")]
    limit = run.look.integer("franvaro.grans_dagar")
    first_day = claim.first_day
    covered = [False] * (run.last + 1)
    for absence in recorded:
        if absence.days <= limit:
            continue
        for day in range(run.first, run.last + 1):
            if absence.valid_from <= first_day.replace(day=day) <= absence.valid_to:
                covered[day] = True
    parts: list[_Days] = []
    day = run.first
    while day <= run.last:
        end = day
        while end + 1 <= run.last and covered[end + 1] == covered[day]:
            end += 1
        if covered[day]:
            parts.append(_Days(day, end, True,
                               f" (kontrollerat: {absent} är frånvarande mer än {limit} dagar enligt liggaren)"))
        else:
            parts.append(_Days(day, end, False, (
                f"Tillfälligt arvode i stället för {absent} (3.5) dag {day}–{end}: ingen frånvaro "
                f"över {limit} dagar registrerad för {absent} i liggaren, så inget tillfälligt arvode")))
        day = end + 1
    return parts
