"""arvode.rules.params: dated parameters, and the dated values of the bundled Piteå rules.

Each dated value is tested on the day before it takes effect and on the day it
does (as vacanza/holidays does for every holiday). The expected values are typed
in from Bilaga 1 and the regulation, not read from the rules files.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest

from arvode import ClaimError, DatedValue, MissingAmountError, NoRuleInForceError, Parameter, Rules
from arvode.base.yaml import load_yaml_text
from arvode.rules.params import parse_parameter

FIRST_DAY = dt.date(2025, 1, 1)
DAY_BEFORE = dt.date(2024, 12, 31)

#: Bilaga 1 (uppräkningsdatum 2024-11-25), in force from 2025-01-01.
BILAGA_1 = {
    "sammantradesersattning": Decimal("1173"),
    "forrattningsersattning": Decimal("782"),
    "maxbelopp": Decimal("3360"),
    "arsarvode": Decimal("1002100"),
    "grundarvode_per_timme": Decimal("167"),
    "timlon_fardtid": Decimal("203"),
    "reseersattning_per_km": Decimal("2.90"),
    "traktamente_heldag": Decimal("290"),
}

#: The shares, caps, percentages and limits of the core sections, from 2025-01-01.
CORE = {
    "sammantrade.grans_timmar": Decimal("1"),  # 2.2.1 "upp till 1 timme"
    "sammantrade.andel_upp_till_grans": Fraction(1, 2),  # 2.2.1
    "sammantrade.andel_over_grans": Fraction(1, 1),  # 2.2.1
    "protokolljustering.andel": Fraction(1, 4),  # 2.2.1
    "forrattning.andel_per_paborjad_timme": Fraction(1, 8),  # 2.2.1
    "dagstak.andel": Fraction(
        1, 1
    ),  # 2.2.1 "maximerat till 1/1 hel sammanträdesersättning per dag"
    "forlorad_arbetsinkomst.andel_upp_till_grans": Fraction(1, 2),  # 2.2.2
    "forlorad_arbetsinkomst.andel_over_grans": Fraction(1, 1),  # 2.2.2
    "forlorad_arbetsinkomst.andel_hel": Fraction(1, 1),  # 2.2.2 KF partigruppmöte
    "forlorad_arbetsinkomst.andel_protokolljustering": Fraction(1, 4),  # 2.2.2
    "forlorad_arbetsinkomst.dagstak_andel": Fraction(1, 1),  # maxbelopp per dag
    "forlorad_arbetsinkomst.arsinkomst_delare_dagar": 260,  # interpretation (5.4's 260 days)
    "forlorad_arbetsinkomst.timmar_per_dag": Decimal("8"),  # interpretation
    "forlorad_semesterersattning.procent": Decimal("12"),  # 3.2 a
    "forlorad_pensionsforman.procent": Decimal("4.5"),  # 4.2
    "rapportering.manader": 6,  # 6.1, 6.2
    "rapportering.semester_manader": 24,  # 6.2 "två år"
    "avrundning": "ROUND_HALF_UP",  # open point: each line to öre, half up
}


@pytest.mark.parametrize("name", sorted({**BILAGA_1, **CORE}))
def test_day_before_2025_has_no_rules_in_force(rules: Rules, name: str) -> None:
    with pytest.raises(NoRuleInForceError, match=r"^inga regler gäller 2024-12-31"):
        rules.value(name, DAY_BEFORE)


@pytest.mark.parametrize(("name", "expected"), sorted({**BILAGA_1, **CORE}.items()))
def test_value_from_2025_01_01(rules: Rules, name: str, expected: object) -> None:
    found = rules.value(name, FIRST_DAY)
    assert found.value == expected
    assert type(found.value) is type(expected)
    assert found.valid_from == FIRST_DAY
    assert found.reference  # every value names its source (STYLE: a rule sits beside its source)


@pytest.mark.parametrize("name", sorted(BILAGA_1))
def test_bilaga_1_amounts_cite_bilaga_1(rules: Rules, name: str) -> None:
    assert "Bilaga 1" in rules.value(name, FIRST_DAY).reference


@pytest.mark.parametrize("name", sorted(BILAGA_1))
def test_bilaga_1_amounts_still_apply_later(rules: Rules, name: str) -> None:
    # Until KSAPU adds a new dated value (6.5), the 2025 amount applies.
    assert rules.value(name, dt.date(2025, 12, 31)).value == BILAGA_1[name]


# Prisbasbelopp and inkomstbasbelopp change every 1 January (5.4, 4.1).
BASBELOPP = [
    ("prisbasbelopp", dt.date(2024, 1, 1), Decimal("57300")),
    ("prisbasbelopp", dt.date(2025, 1, 1), Decimal("58800")),
    ("prisbasbelopp", dt.date(2026, 1, 1), Decimal("59200")),
    ("inkomstbasbelopp", dt.date(2024, 1, 1), Decimal("76200")),
    ("inkomstbasbelopp", dt.date(2025, 1, 1), Decimal("80600")),
    ("inkomstbasbelopp", dt.date(2026, 1, 1), Decimal("83400")),
]


@pytest.mark.parametrize(("name", "day", "amount"), BASBELOPP)
def test_basbelopp_day_of_and_day_before(
    rules: Rules, name: str, day: dt.date, amount: Decimal
) -> None:
    assert rules.value(name, day).value == amount
    before = day - dt.timedelta(days=1)
    earlier = [a for n, d, a in BASBELOPP if n == name and d < day]
    if earlier:
        assert rules.value(name, before).value == earlier[-1]
    else:
        with pytest.raises(NoRuleInForceError, match=f"inga regler gäller {before}"):
            rules.value(name, before)


@pytest.mark.parametrize(
    ("name", "section"), [("timkostnad_barntillsyn", "5.2"), ("timkostnad_vard_och_tillsyn", "5.3")]
)
def test_an_amount_bilaga_1_does_not_give_is_a_named_error(
    rules: Rules, name: str, section: str
) -> None:
    with pytest.raises(MissingAmountError) as info:
        rules.value(name, dt.date(2025, 3, 12))
    message = str(info.value)
    assert name in message
    assert f"avsnitt {section}" in message
    assert "2025-03-12" in message


# ---------------------------------------------------------------- Parameter.at
def _param(*dates: str) -> Parameter:
    values = tuple(
        DatedValue(
            name="p", value=Decimal(i), valid_from=dt.date.fromisoformat(d), reference="test"
        )
        for i, d in enumerate(dates, start=1)
    )
    return Parameter(name="p", description="test", unit="kr", section="0", values=values)


def test_at_picks_the_value_in_force() -> None:
    p = _param("2025-01-01", "2026-01-01")
    assert p.at(dt.date(2025, 1, 1)).value == 1
    assert p.at(dt.date(2025, 12, 31)).value == 1
    assert p.at(dt.date(2026, 1, 1)).value == 2  # the day it takes effect
    assert p.at(dt.date(2030, 6, 1)).value == 2
    with pytest.raises(NoRuleInForceError, match="p gäller från 2025-01-01"):
        p.at(dt.date(2024, 12, 31))


def test_at_without_values_is_a_missing_amount() -> None:
    with pytest.raises(MissingAmountError, match="inget belopp för p"):
        _param().at(dt.date(2025, 1, 1))


# ---------------------------------------------------------------- parse_parameter
def parse(text: str) -> Parameter:
    root = load_yaml_text(text, "r.yaml", ClaimError)
    name, node = next(iter(root.items()))
    return parse_parameter(name, node)


GOOD = """\
sammantradesersattning:
  description: Sammanträdesersättning, hel
  section: "2.2.1"
  unit: kr
  values:
    2026-01-01: {value: "1200", reference: "KSAPU 2025-11-20 § 1"}
    2025-01-01: {value: "1173", reference: "Bilaga 1"}
"""


def test_parse_sorts_by_date_and_keeps_values_exact() -> None:
    p = parse(GOOD)
    assert [(v.valid_from, v.value) for v in p.values] == [
        (dt.date(2025, 1, 1), Decimal("1173")),
        (dt.date(2026, 1, 1), Decimal("1200")),
    ]
    assert p.values[0].reference == "Bilaga 1"
    assert (p.unit, p.section) == ("kr", "2.2.1")
    assert p.values[0].line == 7  # where the value stands, for error messages


def test_parse_fraction_unit() -> None:
    p = parse(
        GOOD.replace("unit: kr", "unit: fraction")
        .replace('"1200"', '"1/8"')
        .replace('"1173"', '"1/4"')
    )
    assert [v.value for v in p.values] == [Fraction(1, 4), Fraction(1, 8)]


@pytest.mark.parametrize(
    ("change", "line", "field", "problem"),
    [
        (('"1173"', "1173.5"), 7, "sammantradesersattning.values.2025-01-01.value", "flyttal"),
        (("unit: kr", "unit: euro"), 4, "sammantradesersattning.unit", "okänd enhet 'euro'"),
        (
            ("2025-01-01:", "2025-13-01:"),
            7,
            "sammantradesersattning.values.2025-13-01",
            "inte ett giltigt värde '2025-13-01'",
        ),
        (
            ("2025-01-01:", "jan-2025:"),
            7,
            "sammantradesersattning.values.jan-2025",
            "'jan-2025' är inte ett datum ÅÅÅÅ-MM-DD",
        ),
        (
            (', reference: "Bilaga 1"', ""),
            7,
            "sammantradesersattning.values.2025-01-01.reference",
            "obligatoriskt fält saknas",
        ),
        (("  section:", "  sektion:"), 3, "sammantradesersattning.sektion", "okänt fält"),
    ],
)
def test_parse_errors_are_located(
    change: tuple[str, str], line: int, field: str, problem: str
) -> None:
    old, new = change
    assert old in GOOD
    with pytest.raises(ClaimError) as info:
        parse(GOOD.replace(old, new))
    assert info.value.location is not None
    assert (info.value.location.file, info.value.location.line, info.value.location.field) == (
        "r.yaml",
        line,
        field,
    )
    assert problem in info.value.problem


def test_dated_value_as_json() -> None:
    p = parse(GOOD)
    assert p.values[0].as_json() == {
        "name": "sammantradesersattning",
        "value": "1173",
        "from": "2025-01-01",
        "reference": "Bilaga 1",
    }
