"""Properties of the core engine over generated claims (2.2.1, 2.2.2, 3.2 a, 4.2, 6.1)."""

from __future__ import annotations

import copy
import json
import re
from collections import defaultdict
from decimal import Decimal
from typing import Any

import attrs
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import claim_yaml, claims, span_text

from arvode import Result, Rules, calculate, claim_from_text, load_rules
from arvode.output.report import render_json

RULES: Rules = load_rules()  # loaded once: a fixture cannot be shared with @given cheaply
FEE_TYPES = {"sammantradesersattning", "forrattningsersattning"}
DAY_FEE_CAP = Decimal("1173.00")  # 2.2.1: 1/1 × sammanträdesersättning 1 173
DAY_LOSS_CAP = Decimal("3360.00")  # 2.2.2: 1/1 × maxbelopp 3 360
AMOUNT = re.compile(r"^-?\d+\.\d{2}$")

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def run(document: dict[str, Any]) -> Result:
    return calculate(claim_from_text(claim_yaml(document), RULES, "generated.yaml"), RULES)


def per_day(result: Result, types: set[str]) -> dict[Any, Decimal]:
    sums: dict[Any, Decimal] = defaultdict(Decimal)
    for line in result.lines:
        if line.type in types:
            sums[line.date] += line.amount
    return sums


@SETTINGS
@given(claims())
def test_daily_fee_cap_is_never_exceeded(document: dict[str, Any]) -> None:
    for day, amount in per_day(run(document), FEE_TYPES).items():
        assert day is not None
        assert amount <= DAY_FEE_CAP, f"{day}: {amount}"


@SETTINGS
@given(claims())
def test_daily_lost_income_cap_is_never_exceeded(document: dict[str, Any]) -> None:
    for day, amount in per_day(run(document), {"forlorad_arbetsinkomst"}).items():
        assert day is not None
        assert amount <= DAY_LOSS_CAP, f"{day}: {amount}"


@SETTINGS
@given(claims(), st.data())
def test_a_longer_meeting_never_pays_less(document: dict[str, Any], data: st.DataObject) -> None:
    timed = [i for i, e in enumerate(document["events"]) if "attended" in e]
    assume(timed)
    index = data.draw(st.sampled_from(timed))
    start, end = (
        int(h) * 60 + int(m)
        for h, m in (t.split(":") for t in document["events"][index]["attended"].split("-"))
    )
    assume(end < 24 * 60)
    longer = copy.deepcopy(document)
    new_end = data.draw(st.integers(min_value=end + 1, max_value=24 * 60))
    longer["events"][index]["attended"] = span_text((start, new_end))
    before, after = run(document), run(longer)
    # Beyond 24 hours a day nothing is plausible (rimlighet.timmar_per_dag): refused, not paid.
    assume(not any(r.reason.startswith("orimligt") for r in after.rejected))

    def fees(result: Result, event: int | None = None) -> Decimal:
        return sum(
            (
                line.amount
                for line in result.lines
                if line.type in FEE_TYPES and (event is None or line.event == event)
            ),
            Decimal(0),
        )

    assert fees(after) >= fees(before)
    assert after.total >= before.total
    if all(
        e["date"] != document["events"][index]["date"]
        for j, e in enumerate(document["events"])
        if j < index
    ):
        # Nothing earlier that day: the event itself cannot be squeezed by the daily cap.
        assert fees(after, index) >= fees(before, index)


@SETTINGS
@given(claims())
def test_every_event_is_paid_or_refused(document: dict[str, Any]) -> None:
    result = run(document)
    seen = {line.event for line in result.lines} | {r.event for r in result.rejected}
    assert set(range(len(document["events"]))) <= seen
    for rejection in result.rejected:
        assert rejection.rule
        assert rejection.reason


@SETTINGS
@given(claims())
def test_totals_are_the_sum_of_the_lines(document: dict[str, Any]) -> None:
    result = run(document)
    by_type: dict[str, Decimal] = defaultdict(Decimal)
    for line in result.lines:
        by_type[line.type] += line.amount
    totals = result.totals
    assert {k: v for k, v in totals.items() if k != "total"} == dict(by_type)
    assert totals["total"] == sum(by_type.values(), Decimal(0))
    assert Decimal(result.as_json()["totals"]["total"]) == totals["total"]


def _no_float(value: Any, where: str = "result") -> None:
    assert not isinstance(value, float), where
    if attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            _no_float(getattr(value, field.name), f"{where}.{field.name}")
    elif isinstance(value, dict):
        for key, item in value.items():
            _no_float(item, f"{where}[{key!r}]")
    elif isinstance(value, list | tuple):
        for i, item in enumerate(value):
            _no_float(item, f"{where}[{i}]")


def _reject_float(text: str) -> Any:
    raise AssertionError(f"a float in the JSON: {text}")


@SETTINGS
@given(claims())
def test_no_float_anywhere_in_the_result(document: dict[str, Any]) -> None:
    result = run(document)
    _no_float(result)
    for line in result.lines:
        assert type(line.amount) is Decimal
        assert line.amount >= 0
        assert line.amount == line.amount.quantize(Decimal("0.01"))  # hela öre
    for amount in result.totals.values():
        assert type(amount) is Decimal
    data = json.loads(render_json(result), parse_float=_reject_float)
    for line in data["lines"]:
        assert isinstance(line["amount"], str)
        assert AMOUNT.match(line["amount"]), line["amount"]
    for key, amount in data["totals"].items():
        assert isinstance(amount, str)
        assert AMOUNT.match(amount), (key, amount)


@SETTINGS
@given(claims())
def test_pension_and_vacation_follow_the_paid_lost_income(document: dict[str, Any]) -> None:
    # 4.2: 4.5 % and 3.2 a: 12 % of the förlorad arbetsinkomst paid this month, öre half up.
    result = run(document)
    paid = sum(
        (line.amount for line in result.lines if line.type == "forlorad_arbetsinkomst"), Decimal(0)
    )
    pension = [line.amount for line in result.lines if line.type == "forlorad_pensionsforman"]
    vacation = [line.amount for line in result.lines if line.type == "forlorad_semesterersattning"]
    if paid == 0:
        assert pension == []
        assert vacation == []
        return
    # Each is split by the organs that bore the lost income (section 1): the parts add up exactly.
    organs = {line.organ for line in result.lines if line.type == "forlorad_arbetsinkomst" and line.amount}
    assert sum(pension, Decimal(0)) == (paid * Decimal("0.045")).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert len(pension) <= len(organs)
    wants_vacation = document["official"].get("income", {}).get("vacation_pay_loss", False)
    expected = (paid * Decimal("0.12")).quantize(Decimal("0.01"), rounding="ROUND_HALF_UP")
    assert sum(vacation, Decimal(0)) == (expected if wants_vacation else 0)
    assert bool(vacation) == wants_vacation


@SETTINGS
@given(claims())
def test_late_events_earn_nothing(document: dict[str, Any]) -> None:
    # 6.1: reported mer än 6 månader after the day → refused, no line at all.
    result = run(document)
    # 6.1 also refuses what cannot be substantiated (rimlighet) and repeats; those are not late.
    late = {r.event for r in result.rejected if r.rule == "6.1" and not r.reason.startswith(("orimligt", "samma"))}
    assert not late & {line.event for line in result.lines}
    for index in late:
        event = document["events"][index]
        reported = event["reported"]
        day = event["date"]
        months = (reported.year - day.year) * 12 + reported.month - day.month
        assert months > 6 or (months == 6 and reported.day > day.day)
