"""arvode.calculation.result: lines, refusals and totals, and their JSON (claim-format.md)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import attrs
import pytest

from arvode import DatedValue, Line, Rejection, Result
from arvode.calculation.result import LINE_TYPES

CONTRACT_TYPES = [
    "sammantradesersattning",
    "forrattningsersattning",
    "forlorad_arbetsinkomst",
    "forlorad_semesterersattning",
    "forlorad_semesterdag",
    "forlorad_pensionsforman",
    "arsarvode",
    "gruppledararvode",
    "franvaroavdrag",
    "sjuklon",
    "foraldraersattning",
    "valforrattning",
    "reseersattning",
    "fardtidsersattning",
    "traktamente",
    "barntillsyn",
    "vard_och_tillsyn",
    "funktionsnedsattning",
]
DAY = dt.date(2025, 3, 12)


def line(type_: str, amount: str, event: int | None = 0, day: dt.date | None = DAY) -> Line:
    return Line(type_, Decimal(amount), "2.2.1", "text", day, event)


def test_line_types_are_the_contracts() -> None:
    # every type of claim-format.md, in its order (totals are listed in this order)
    assert list(LINE_TYPES[: len(CONTRACT_TYPES)]) == CONTRACT_TYPES


def test_a_line_refuses_a_type_that_is_no_key() -> None:
    # A rules set may add line types (checked when it is loaded); a line's type is still a plain key.
    with pytest.raises(ValueError, match="okänd radtyp"):
        line("Sammanträdesersättning", "1")
    with pytest.raises(ValueError, match="okänd radtyp"):
        line("=1+1", "1")
    assert line("inlasningsarvode", "490").type == "inlasningsarvode"


def test_a_line_refuses_a_float_amount() -> None:
    with pytest.raises(TypeError, match=re.escape("'amount' must be <class 'decimal.Decimal'>")):
        Line("sammantradesersattning", 1173.0, "2.2.1", "text")  # type: ignore[arg-type]


def test_values_are_frozen() -> None:
    item = line("sammantradesersattning", "1173")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        item.amount = Decimal(0)  # type: ignore[misc]
    assert attrs.evolve(item, amount=Decimal(0)).amount == 0


def test_line_as_json() -> None:
    used = DatedValue("sammantradesersattning", Decimal("1173"), dt.date(2025, 1, 1), "Bilaga 1")
    item = Line(
        "sammantradesersattning", Decimal("1173"), "2.2.1", "1/1 × 1 173 kr", DAY, 0, (used,)
    )
    assert item.as_json() == {
        "date": "2025-03-12",
        "event": 0,
        "type": "sammantradesersattning",
        "amount": "1173.00",
        "rule": "2.2.1",
        "text": "1/1 × 1 173 kr",
        "values": [
            {
                "name": "sammantradesersattning",
                "value": "1173",
                "from": "2025-01-01",
                "reference": "Bilaga 1",
            }
        ],
    }


def test_a_monthly_line_has_no_date_or_event() -> None:
    data = line("forlorad_pensionsforman", "62.78", event=None, day=None).as_json()
    assert "date" not in data
    assert "event" not in data
    assert data["amount"] == "62.78"


def test_rejection_as_json() -> None:
    assert Rejection(2, "6.1", "reported late", DAY).as_json() == {
        "event": 2,
        "date": "2025-03-12",
        "rule": "6.1",
        "reason": "reported late",
    }
    assert Rejection(None, "2.3", "why").as_json() == {"rule": "2.3", "reason": "why"}


def test_totals_in_contract_order_with_total() -> None:
    result = Result(
        "p-1",
        "2025-03",
        (
            line("forlorad_arbetsinkomst", "1395.00"),
            line("forrattningsersattning", "293.25", event=1),
            line("sammantradesersattning", "1173.00"),
            line("forrattningsersattning", "0.00", event=2),
            line("forlorad_pensionsforman", "62.78", event=None, day=None),
        ),
        (),
    )
    totals = result.totals
    assert list(totals) == [
        "sammantradesersattning",
        "forrattningsersattning",
        "forlorad_arbetsinkomst",
        "forlorad_pensionsforman",
        "total",
    ]
    # 1173.00 + 293.25 + 0 + 1395.00 + 62.78 = 2924.03
    assert totals["forrattningsersattning"] == Decimal("293.25")
    assert totals["total"] == Decimal("2924.03") == result.total


def test_negative_lines_reduce_the_total() -> None:
    result = Result(
        "p-1",
        "2025-06",
        (
            line("arsarvode", "47599.75", None, None),
            line("franvaroavdrag", "-47599.75", None, None),
        ),
        (),
    )
    assert result.totals["total"] == 0
    assert result.as_json()["totals"] == {
        "arsarvode": "47599.75",
        "franvaroavdrag": "-47599.75",
        "total": "0.00",
    }


def test_result_as_json() -> None:
    result = Result(
        "p-1",
        "2025-03",
        (line("sammantradesersattning", "1173"),),
        (Rejection(1, "2.1.2", "second partigruppmöte", DAY),),
    )
    data = result.as_json()
    assert list(data) == ["official", "period", "lines", "rejected", "totals"]
    assert (data["official"], data["period"]) == ("p-1", "2025-03")
    assert data["lines"][0]["amount"] == "1173.00"
    assert data["rejected"] == [
        {"event": 1, "date": "2025-03-12", "rule": "2.1.2", "reason": "second partigruppmöte"}
    ]
    assert data["totals"] == {"sammantradesersattning": "1173.00", "total": "1173.00"}


def test_an_empty_result() -> None:
    result = Result("p-1", "2025-03", (), ())
    assert result.as_json()["totals"] == {"total": "0.00"}
