"""4.2, second paragraph: lost pension on salary above 7,5 inkomstbasbelopp.

The monthly 4,5 % of 4.2 (``engine``) compensates the pension an employer would
have set aside on the lost income at AKAP-KL's lower rate. An official whose
ordinary salary is above 7,5 IBB loses more: the employer's provision on salary
parts above the limit is higher (AKAP-KL 30 %). Once a year, the year after the
loss, the official may claim that difference with the employer's certificate
(ordinary salary, the higher provision); the municipality pays "maximalt enligt
tjänstepensionsavtal AKAP-KL och AKAP-KR", in cash, if the claim arrived by
31 March. Every figure of the reading is a parameter in ``pension.yaml``.
"""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal

from arvode.base.money import format_kr, format_number, times
from arvode.calculation.result import Line, Rejection
from arvode.claims.claim import Claim
from arvode.rules.load import Rules
from arvode.rules.lookup import Lookup

__all__ = ["pension_loss_above_ibb"]


def _deadline(year: int, months: int) -> dt.date:
    """The last day of the ``months``-th month after ``year`` (3: 31 March of the year after)."""
    after = year + 1 + (months - 1) // 12
    month = (months - 1) % 12 + 1
    return dt.date(after, month, calendar.monthrange(after, month)[1])


def pension_loss_above_ibb(claim: Claim, rules: Rules) -> tuple[list[Line], list[Rejection]]:
    """The yearly 4.2 payment above 7,5 IBB this claim carries, or why it is refused."""
    loss = claim.pension_loss_above_ibb
    if loss is None:
        return [], []
    look = Lookup(rules, dt.date(loss.year, 12, 31))
    what = f"ersättning för förlorad pension {loss.year} på lön över 7,5 inkomstbasbelopp (4.2)"
    if claim.first_day.year != loss.year + 1:
        return [], [Rejection(None, "4.2", (
            f"{what}: betalas ut en gång per år, året efter det år förlusten hänför sig till: "
            f"begär den i en begäran för {loss.year + 1}, inte {claim.first_day.year}"))]
    months = look.integer("forlorad_pensionsforman.over_grans.ansokan_manader")
    deadline = _deadline(loss.year, months)
    if loss.reported > deadline:
        return [], [Rejection(None, "4.2", (
            f"{what}: inkommen {loss.reported}, efter {deadline}: ska ha inkommit senast 31 mars "
            "året efter det år förlusten hänför sig till (4.2)"))]
    ibb = look.amount("inkomstbasbelopp")
    count = look.share("forlorad_pensionsforman.over_grans.inkomstbasbelopp")
    limit = times(ibb, count)
    count_text = format_number(Decimal(count.numerator) / count.denominator)
    limit_text = f"{count_text} × inkomstbasbelopp {format_kr(ibb, decimals=False)} = {format_kr(limit)}"
    above = loss.salary - limit
    if above <= 0:
        return [], [Rejection(None, "4.2", (
            f"{what}: styrkt lön {format_kr(loss.salary)} överstiger inte {limit_text}; "
            "den månatliga pensionsersättningen (4,5 %) täcker förlusten"))]
    most = look.percent("forlorad_pensionsforman.over_grans.hogst_procent")
    rate = min(loss.provision_percent, most)
    rate_text = f"styrkt avsättning {format_number(loss.provision_percent)} %"
    if loss.provision_percent > most:
        rate_text += f", högst {format_number(most)} % (AKAP-KL/AKAP-KR)"
    if look.value("forlorad_pensionsforman.over_grans.avdrag_schablon").value:
        monthly = look.percent("forlorad_pensionsforman.procent")
        rate_text = f"({rate_text} − {format_number(monthly)} % redan betalt per månad)"
        rate -= monthly
    base = min(loss.lost_income_paid, above)
    amount = look.round(times(base, max(rate, Decimal(0)) / 100))
    text = (
        f"Ersättning för förlorad pension {loss.year} (4.2, lön över {count_text} "
        f"inkomstbasbelopp): styrkt lön {format_kr(loss.salary)} − {limit_text} ger "
        f"{format_kr(above)} över gränsen; förlorad arbetsinkomst {loss.year} "
        f"{format_kr(loss.lost_income_paid)}, varav på lönedelar över gränsen {format_kr(base)}; "
        f"{rate_text} × {format_kr(base)} = {format_kr(amount)}; inkommen {loss.reported} (senast "
        f"{deadline}); utbetalas kontant en gång, året efter förlusten"
    )
    return [Line("forlorad_pensionsforman", amount, "4.2", text, None, None, look.used)], []
