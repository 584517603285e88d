"""A 6.4 repayment plan for people: a debt and the deductions that settle it, never a payment.

The engine's plan holds the deductions as positive parts of the debt; shown as
``2025-11  401,67 kr`` under ``summa 1 606,68 kr`` they read as money paid out.
Here the debt is named as one and every deduction carries its minus sign, as it
will on the payslip.
"""

from __future__ import annotations

from decimal import Decimal

from arvode.base.money import format_kr
from arvode.calculation.aterbetalning import RecoveryPlan
from arvode.output.labels import period_label
from arvode.output.tabell import Column, Row, render_table, terminal_width, wrap_text

__all__ = ["render_recovery_plan"]


def render_recovery_plan(plan: RecoveryPlan, *, width: int | None = None) -> str:
    """The debt, the arithmetic, one deduction a month (negative) and what is left (nothing)."""
    width = width or terminal_width()
    out = [f"Skuld att betala tillbaka (för mycket utbetalt, 6.4): {format_kr(plan.amount)}", ""]
    out += wrap_text(plan.text, width)
    rows = [
        Row((period_label(month) if month is not None else f"avdrag {i + 1}", format_kr(-part)))
        for i, (month, part) in enumerate(zip(plan.months, plan.parts, strict=True))
    ]
    deducted = sum(plan.parts, Decimal(0))
    rows.append(Row(("Summa avdrag", format_kr(-deducted))))
    rows.append(Row(("Kvar av skulden", format_kr(plan.amount - deducted))))
    out += ["", *render_table([Column("Månad"), Column("Avdrag", right=True)], rows, width)]
    return "\n".join(out)
