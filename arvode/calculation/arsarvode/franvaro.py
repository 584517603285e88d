"""3.5 frånvaro and 3.6 föräldraledighet: the arvode reduced for an absence.

3.5, first paragraph: an absence of more than the limit (30 days) is deducted
for its days; the reduced part goes to the appointed substitute as tillfälligt
arvode, which is the substitute's own assignment (``acting_for``).

3.5, second paragraph, is its own rule: nivå 1–2 sick "betalas sjuklön som för
anställda", from the first day of sickness whatever its length (parameter
``sjuklon.fran_forsta_dagen``), so 30 days sick and 31 days sick differ by one
day, not by a cliff. 3.6 likewise: nivå 1–2 on parental leave are paid "på
samma sätt som för anställda", whose 80 % is mostly Försäkringskassan's
föräldrapenning (the arvode is sjukpenninggrundande, section 1); the
municipality pays the employer's föräldrapenningtillägg (a percent for a
number of days, both parameters) and deducts the leave from its first day
(``foraldraledighet.fran_forsta_dagen``). Every other absence keeps the
30-day rule.
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

#: The claim's absence reasons (ASCII keys) as the regulation writes them.
_REASONS = {"sjukdom": "sjukdom", "foraldraledighet": "föräldraledighet", "annat": "annan orsak"}

#: Absence reasons with a rule of their own for nivå 1–2, and the parameter switching it on.
_OWN_RULE = {"sjukdom": "sjuklon.fran_forsta_dagen", "foraldraledighet": "foraldraledighet.fran_forsta_dagen"}


def _named(run: Run, rules: Rules) -> str:
    """The arvode a run pays, as a person reads it: the role's title, else the line's own name."""
    key = run.component.key
    if key in rules.roles:
        return rules.roles[key].title
    if key.startswith("beslut:"):
        return f"särskilt beslut {key.removeprefix('beslut:')}"
    return "gruppledararvode" if run.component.type == "gruppledararvode" else key


def _level_on(segments: list[tuple[int, int, Standing]], day: int) -> int | None:
    return next(s.level for a, b, s in segments if a <= day <= b)


def absence_lines(
    claim: Claim, rules: Rules, absence: Absence, runs: list[Run], segments: list[tuple[int, int, Standing]]
) -> list[Line]:
    """3.5/3.6: deduct an absence; sjuklön or föräldrapenningtillägg for nivå 1–2."""
    if not runs:
        return []
    first_in_month = max(absence.valid_from, claim.first_day)
    end = min(absence.valid_to, claim.last_day)
    if first_in_month > end:
        return []
    look = Lookup(rules, first_in_month)
    level = _level_on(segments, first_in_month.day)
    own_rule = (
        absence.reason in _OWN_RULE
        and level in look.value("sjuklon.nivaer").value
        and look.value(_OWN_RULE[absence.reason]).value
    )
    if own_rule:
        start = first_in_month
        section = "3.5" if absence.reason == "sjukdom" else "3.6"
        what = "sjuklön som för anställda (3.5 andra stycket)" if section == "3.5" else (
            "föräldraledighet som för anställda (3.6)")
        why = f"): nivå {level}, {what}: arvodet minskas från första dagen, oavsett längd"
    else:
        limit = look.integer("franvaro.grans_dagar")
        if absence.days <= limit:
            return []
        from_day = look.integer("franvaro.avdrag_fran_dag")
        start = max(absence.valid_from + dt.timedelta(days=from_day - 1), claim.first_day)
        if start > end:
            return []
        section = "3.5"
        why = f", över {limit}): arvodet minskas från dag {from_day} av frånvaron"
    mode = look.value("avrundning").value
    days = claim.last_day.day
    month = claim.first_day.month
    deducted = Decimal(0)
    parts = []
    # Section 1: the deduction, and the sjuklön or tillägg paid in its place, go to the organ that
    # bears the largest part of the arvode reduced. One line each, as one rounding: split per organ,
    # the parts would round apart (a cent off the whole), and a cap's negative part would give an
    # organ a positive deduction.
    share: dict[str | None, Decimal] = {}
    for run in runs:
        a, b = max(run.first, start.day), min(run.last, end.day)
        if a > b:
            continue
        twelfth, _ = month_twelfth_text(run, month)
        amount = days_part(twelfth, a, b, days, mode)
        deducted += amount
        share[run.component.organ] = share.get(run.component.organ, Decimal(0)) + amount
        parts.append(f"{_named(run, rules)} dag {a}–{b}: {format_kr(amount)}")
    if not deducted:
        return []
    organ = max(share, key=lambda o: share[o])
    text = (
        f"Frånvaro {absence.valid_from}–{absence.valid_to} ({_REASONS.get(absence.reason, absence.reason)}, "
        f"{absence.days} dagar{why}; denna månad {start}–{end}: {'; '.join(parts)}"
    )
    if own_rule and absence.reason == "foraldraledighet":
        text += ("; Försäkringskassan betalar föräldrapenning för resten, upp till 80 procent av "
                 "arvodet (3.6; arvodet är sjukpenninggrundande, avsnitt 1)")
    lines = [Line("franvaroavdrag", -deducted, section, text, None, None, look.used, organ)]
    if level in look.value("sjuklon.nivaer").value:
        if absence.reason == "sjukdom":
            lines.extend(_sick_pay(absence, runs, start, end, days, month, look, organ))
        elif absence.reason == "foraldraledighet":
            lines.extend(_parental_pay(absence, runs, start, end, days, month, look, organ))
    return lines


def _days_arvode(runs: list[Run], s: dt.date, e: dt.date, days: int, month: int) -> tuple[Fraction, list[str]]:
    """The exact arvode of days ``s``..``e`` of the month, with the parts shown."""
    base = Fraction(0)
    shown = []
    for run in runs:
        a, b = max(run.first, s.day), min(run.last, e.day)
        if a <= b:
            twelfth, _ = month_twelfth_text(run, month)
            base += Fraction(twelfth) * Fraction(b - a + 1, days)
            shown.append(f"{b - a + 1}/{days} × {format_kr(twelfth)}")
    return base, shown


def _sick_pay(
    absence: Absence, runs: list[Run], start: dt.date, end: dt.date, days: int, month: int, look: Lookup,
    organ: str | None,
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
        base, shown = _days_arvode(runs, s, e, days, month)
        amount = look.round(times(Decimal(1), base * Fraction(percent) / 100))
        text = (
            f"Sjuklön (3.5, som för anställda enligt AB): sjukdag {first_n}–{last_n}, denna månad "
            f"{s}–{e}: {format_number(percent)} % × ({' + '.join(shown)}) arvode = {format_kr(amount)}"
        )
        lines.append(Line("sjuklon", amount, "3.5", text, None, None, look.used, organ))
    return lines


def _parental_pay(
    absence: Absence, runs: list[Run], start: dt.date, end: dt.date, days: int, month: int, look: Lookup,
    organ: str | None,
) -> list[Line]:
    """3.6: the employer's föräldrapenningtillägg for the leave's first days (AB)."""
    percent = look.percent("foraldraledighet.tillagg_procent")
    last_n = look.integer("foraldraledighet.tillagg_dagar")
    e = min(end, absence.valid_from + dt.timedelta(days=last_n - 1))
    if start > e:
        return []
    base, shown = _days_arvode(runs, start, e, days, month)
    amount = look.round(times(Decimal(1), base * Fraction(percent) / 100))
    first_n = (start - absence.valid_from).days + 1
    text = (
        f"Föräldrapenningtillägg (3.6, som för anställda enligt AB): ledighetsdag {first_n}–"
        f"{first_n + (e - start).days} av högst {last_n}, denna månad {start}–{e}: "
        f"{format_number(percent)} % × ({' + '.join(shown)}) arvode = {format_kr(amount)}; "
        "resten upp till 80 procent betalar Försäkringskassan som föräldrapenning"
    )
    return [Line("foraldraersattning", amount, "3.6", text, None, None, look.used, organ)]
