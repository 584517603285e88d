"""arvode.calculation.forlorad_inkomst and the engine's 2.2.2, 3.2 a and 4.2 lines.

Bilaga 1 from 2025-01-01: maxbelopp 3 360 kr per day. Caps (2.2.2): sammanträde up
to 1 hour ½ (1 680), over 1 hour 1/1 (3 360), KF partigruppmöte 1/1, protokolljustering
¼ (840), förrättning up to 1 hour ½, over 1 hour 1/1; at most one maxbelopp per day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from decimal import Decimal

import pytest

from arvode import Claim, NoRuleInForceError, Result, Rules
from arvode.base.money import times
from arvode.calculation.forlorad_inkomst import claimed_loss, loss_cap
from arvode.claims.claim import Event, Income

Parse = Callable[[str], Claim]
Run = Callable[[str], Result]
MARCH = dt.date(2025, 3, 3)


@pytest.fixture
def event(claim: Parse) -> Callable[[str], Event]:
    def make(fields: str) -> Event:
        return claim(
            "official: {id: p-1}\nperiod: 2025-03\nevents:\n"
            f"  - {{date: 2025-03-03, organ: kommunfullmaktige, {fields}}}\n"
        ).events[0]

    return make


def lines(result: Result, type_: str) -> list[Decimal]:
    return [line.amount for line in result.lines if line.type == type_]


# ---------------------------------------------------------------- caps per kind
@pytest.mark.parametrize(
    ("fields", "cap"),
    [
        ('kind: sammantrade, called: "13:00-14:00"', "1680"),  # up to 1 h: 1/2 × 3360
        ('kind: sammantrade, called: "13:00-14:01"', "3360"),  # over 1 h: 1/1 × 3360
        ('kind: beredning, called: "13:00-13:30"', "1680"),
        (
            'kind: partigruppmote, attended: "18:00-18:30", for_meeting: 2025-03-24',
            "3360",
        ),  # 1/1 always
        ("kind: protokolljustering", "840"),  # 1/4 × 3360
        ('kind: uppdrag, attended: "10:00-11:00"', "1680"),  # förrättning up to 1 h: 1/2
        ('kind: uppdrag, attended: "10:00-11:01"', "3360"),  # förrättning over 1 h: 1/1
        (
            'kind: utbildning, called: "08:00-16:00", attended: "08:00-08:30"',
            "3360",
        ),  # kallelse counts
    ],
)
def test_loss_cap(rules: Rules, event: Callable[[str], Event], fields: str, cap: str) -> None:
    e = event(fields)
    kind = rules.kinds[e.kind]
    found = loss_cap(e, kind, rules.lost_income_caps[kind.lost_income_cap], rules.compiled.version(e.date))
    assert found.amount == Decimal(cap)
    assert "3 360,00 kr" in found.text


def test_daily_loss_cap(rules: Rules) -> None:
    t = rules.on(MARCH)
    assert times(t.maxbelopp.value, t.forlorad_arbetsinkomst_dagstak_andel.value) == Decimal("3360")  # 1/1 × 3 360
    with pytest.raises(NoRuleInForceError, match="2024-12-31"):
        rules.on(dt.date(2024, 12, 31))


# ---------------------------------------------------------------- valuing the loss
@pytest.mark.parametrize(
    ("lost", "income", "amount"),
    [
        ('{amount: "1450.00"}', Income(), "1450.00"),  # proven amount, as is
        ('{hours: "4.5"}', Income(hourly=Decimal("310.00")), "1395.00"),  # 4.5 × 310.00
        # hours and only a yearly income: 4 × 455000 / 260 / 8 = 4 × 218.75 = 875.00
        ('{hours: "4"}', Income(yearly=Decimal("455000")), "875.00"),
        # the proven hourly wage wins over the yearly income
        ('{hours: "2"}', Income(hourly=Decimal("300"), yearly=Decimal("455000")), "600"),
    ],
)
def test_claimed_loss(
    rules: Rules, event: Callable[[str], Event], lost: str, income: Income, amount: str
) -> None:
    e = event(f'kind: sammantrade, called: "13:00-17:00", lost_income: {lost}')
    claimed = claimed_loss(e, income, rules.compiled.version(e.date), None)
    assert claimed.amount == Decimal(amount)
    assert claimed.refusal is None


def test_unknown_amount_is_one_day_of_yearly_income(
    rules: Rules, event: Callable[[str], Event]
) -> None:
    e = event('kind: sammantrade, called: "13:00-17:00", lost_income: {unknown_amount: true}')
    look = rules.compiled.version(e.date)
    # 480000 / 260 = 1846.153846…: exact until the line is rounded
    claimed = claimed_loss(e, Income(yearly=Decimal("480000")), look, Decimal("480000") / 260)
    assert claimed.amount == Decimal("480000") / 260
    assert "480 000,00 kr / 260 = 1 846,15 kr per dag" in str(claimed.text)
    # only what is left of the day's compensation
    left = claimed_loss(e, Income(yearly=Decimal("480000")), look, Decimal("166.15"))
    assert left.amount == Decimal("166.15")


@pytest.mark.parametrize(
    ("lost", "income", "refusal"),
    [
        ('{hours: "3"}', Income(), "behöver official.income.hourly eller .yearly"),
        ("{unknown_amount: true}", Income(hourly=Decimal("300")), "behöver official.income.yearly"),
    ],
)
def test_a_loss_that_cannot_be_valued(
    rules: Rules, event: Callable[[str], Event], lost: str, income: Income, refusal: str
) -> None:
    e = event(f'kind: sammantrade, called: "13:00-17:00", lost_income: {lost}')
    claimed = claimed_loss(e, income, rules.compiled.version(e.date), None)
    assert claimed.amount is None
    assert claimed.refusal is not None
    assert refusal in claimed.refusal


# ---------------------------------------------------------------- through the engine
def test_caps_and_day_cap(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1, income: {hourly: "500.00"}}
        period: 2025-03
        events:
          - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "08:00-08:45",
             lost_income: {hours: "5"}}
          - {date: 2025-03-03, organ: socialnamnden, kind: protokolljustering,
             lost_income: {hours: "3"}}
          - {date: 2025-03-03, organ: kommunfullmaktige, kind: sammantrade, called: "13:00-17:00",
             lost_income: {hours: "4"}}
          - {date: 2025-03-04, organ: kommunfullmaktige, kind: partigruppmote,
             attended: "12:00-12:30", for_meeting: 2025-03-24, lost_income: {hours: "8"}}
        """
    )
    # ev 0: 5 × 500 = 2500 → cap ½ × 3360 = 1680
    # ev 1: 3 × 500 = 1500 → cap ¼ × 3360 = 840 (day 2520)
    # ev 2: 4 × 500 = 2000 → day room 3360 − 2520 = 840
    # ev 3: 8 × 500 = 4000 → partigruppmöte cap 1/1 × 3360 = 3360 (a new day)
    assert lines(result, "forlorad_arbetsinkomst") == [
        Decimal("1680.00"),
        Decimal("840.00"),
        Decimal("840.00"),
        Decimal("3360.00"),
    ]
    day_cap_line = next(
        line for line in result.lines if line.event == 2 and line.type == "forlorad_arbetsinkomst"
    )
    assert (
        "dagstak 2.2.2: högst 3 360,00 kr per dag, 2 520,00 kr redan ersatt denna dag"
        in day_cap_line.text
    )
    assert day_cap_line.rule == "2.2.2"


def test_one_days_compensation_is_shared_by_the_days_events(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1, income: {yearly: "455000"}}
        period: 2025-03
        events:
          - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "08:00-08:50",
             lost_income: {unknown_amount: true}}
          - {date: 2025-03-03, organ: kommunstyrelsen, kind: sammantrade, called: "13:00-16:00",
             lost_income: {unknown_amount: true}}
          - {date: 2025-03-04, organ: kommunstyrelsen, kind: sammantrade, called: "13:00-16:00",
             lost_income: {unknown_amount: true}}
        """
    )
    # 455000 / 260 = 1750.00 per day; ev 0 capped at ½ × 3360 = 1680; ev 1 gets 1750 − 1680 = 70;
    # ev 2, a new day: 1750.00
    assert lines(result, "forlorad_arbetsinkomst") == [
        Decimal("1680.00"),
        Decimal("70.00"),
        Decimal("1750.00"),
    ]


def test_free_time_pays_no_lost_income(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1, income: {hourly: "400.00", vacation_pay_loss: true}}
        period: 2025-03
        events:
          - {date: 2025-03-08, organ: socialnamnden, kind: utbildning, attended: "09:00-12:00",
             free_time: true, lost_income: {hours: "3"}}
        """
    )
    loss = [line for line in result.lines if line.type == "forlorad_arbetsinkomst"]
    assert [line.amount for line in loss] == [Decimal(0)]
    assert "ledig tid" in loss[0].text
    assert loss[0].rule == "2.2.2"
    # fee still paid: 3 started hours × 97.75 = 293.25; nothing for 3.2 a or 4.2
    assert result.totals == {
        "forrattningsersattning": Decimal("293.25"),
        "forlorad_arbetsinkomst": Decimal(0),
        "total": Decimal("293.25"),
    }


def test_a_loss_that_cannot_be_valued_is_refused_with_the_fee_paid(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1}
        period: 2025-03
        events:
          - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "13:00-16:00",
             lost_income: {hours: "3"}}
        """
    )
    assert lines(result, "sammantradesersattning") == [Decimal("1173.00")]
    assert [(r.event, r.rule) for r in result.rejected] == [(0, "2.2.2")]
    assert "behöver official.income.hourly eller .yearly" in result.rejected[0].reason


def test_pension_and_vacation_pay_on_the_month(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1, income: {hourly: "310.00", vacation_pay_loss: true}}
        period: 2025-03
        events:
          - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "13:00-17:00",
             lost_income: {hours: "4.5"}}
          - {date: 2025-03-05, organ: socialnamnden, kind: sammantrade, called: "13:00-17:00",
             lost_income: {amount: "1000.05"}}
        """
    )
    # paid 4.5 × 310 = 1395.00 + 1000.05 = 2395.05
    # 4.2: 4.5 % × 2395.05 = 107.77725 → 107.78; 3.2 a: 12 % × 2395.05 = 287.406 → 287.41
    pension = [line for line in result.lines if line.type == "forlorad_pensionsforman"]
    vacation = [line for line in result.lines if line.type == "forlorad_semesterersattning"]
    assert [line.amount for line in pension] == [Decimal("107.78")]
    assert [line.amount for line in vacation] == [Decimal("287.41")]
    assert (pension[0].rule, vacation[0].rule) == ("4.2", "3.2 a")
    assert pension[0].date is None  # a monthly line
    assert pension[0].event is None
    assert "4,5 % × 2 395,05 kr" in pension[0].text
    assert "12 % × 2 395,05 kr" in vacation[0].text
    assert result.lines[-2:] == (pension[0], vacation[0])  # after the month's events


def test_no_vacation_pay_unless_claimed(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1, income: {hourly: "310.00"}}
        period: 2025-03
        events:
          - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "13:00-17:00",
             lost_income: {hours: "4.5"}}
        """
    )
    assert lines(result, "forlorad_semesterersattning") == []
    assert lines(result, "forlorad_pensionsforman") == [Decimal("62.78")]  # 4.5 % × 1395 = 62.775


def test_no_pension_line_without_lost_income(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1, income: {hourly: "310.00", vacation_pay_loss: true}}
        period: 2025-03
        events:
          - {date: 2025-03-03, organ: socialnamnden, kind: sammantrade, called: "13:00-17:00"}
        """
    )
    assert {line.type for line in result.lines} == {"sammantradesersattning"}


def test_lost_income_lines_list_the_values_used(run: Run) -> None:
    result = run(
        """\
        official: {id: p-1, income: {hourly: "310.00"}}
        period: 2025-03
        events:
          - {date: 2025-03-03, organ: socialnamnden, kind: protokolljustering,
             lost_income: {hours: "4"}}
        """
    )
    loss = next(line for line in result.lines if line.type == "forlorad_arbetsinkomst")
    # 4 × 310 = 1240 → cap ¼ × 3360 = 840
    assert loss.amount == Decimal("840.00")
    used = {v.name: v for v in loss.values}
    assert used["maxbelopp"].value == Decimal("3360")
    assert used["maxbelopp"].valid_from == dt.date(2025, 1, 1)
    assert "Bilaga 1" in used["maxbelopp"].reference
    assert "forlorad_arbetsinkomst.andel_protokolljustering" in used


def test_the_4_2_rate_stays_as_the_text_says_with_its_footnote(rules: Rules) -> None:
    # 4.2 "utgör 4,5 procent²", footnote 2 "Gällande avtal har företräde"; AKAP-KR is for KSAPU
    value = rules.value("forlorad_pensionsforman.procent", dt.date(2025, 1, 1))
    assert value.value == Decimal("4.5")
    assert value.note is not None
    assert "Gällande avtal har företräde" in value.note
    assert "AKAP-KR" in value.note
