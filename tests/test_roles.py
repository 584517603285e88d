"""2.3.1–2.3.6 percentages, derivations and valår; each dated value the day before and of."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from arvode import NoRuleInForceError, Rules
from arvode.calculation.arsarvode.roller import group_leader_percent, role_percent
from arvode.rules.lookup import Lookup

D = dt.date


@pytest.mark.parametrize(
    ("role", "percent", "level"),
    [
        ("kommunstyrelsen.ordforande", "100", 1),
        ("kommunstyrelsen.forste_vice_ordforande", "100", 1),
        ("socialnamnden.ordforande", "57", 2),
        ("barn_och_utbildningsnamnden.ordforande", "47", 2),
        ("samhallsbyggnadsnamnden.ordforande", "47", 2),
        ("kommunstyrelsen.andre_vice_ordforande", "18", 3),
        ("ksapu.ledamot", "13", 3),
        ("kommunfullmaktige.ordforande", "17", 3),
        ("kultur_och_fritidsnamnden.ordforande", "22", 3),
        ("miljo_och_tillsynsnamnden.ordforande", "17", 3),
        ("fastighets_och_servicenamnden.ordforande", "17", 3),
        ("gemensam_raddningsnamnd.ordforande", "17", 3),
        ("gemensam_overformyndarnamnd.ordforande", "17", 3),
        ("socialnamnden.vice_ordforande", "12", 3),
        ("barn_och_utbildningsnamnden.vice_ordforande", "10", 3),
        ("samhallsbyggnadsnamnden.vice_ordforande", "10", 3),
        ("gemensam_kost_och_servicenamnd.ordforande", "5", 4),
        ("revisionen.ordforande", "7", 4),
        ("revisionen.vice_ordforande", "5", 4),
        ("revisionen.revisor", "3.5", 4),
    ],
)
def test_listed_percentages(rules: Rules, role: str, percent: str, level: int) -> None:
    found = role_percent(rules, role, D(2025, 1, 1))
    assert found.percent == Decimal(percent)
    assert found.level == level


def test_derived_vice_and_utskott(rules: Rules) -> None:
    # 2.3.5: KFN vice 20 % × 22 % = 4,4 %; utskott ledamot 5 % × 22 % = 1,1 %; KF vice 20 % × 17 % = 3,4 %
    day = D(2025, 6, 1)
    assert role_percent(rules, "kultur_och_fritidsnamnden.vice_ordforande", day).percent == Decimal("4.4")
    assert role_percent(rules, "kultur_och_fritidsnamnden.utskott_ledamot", day).percent == Decimal("1.1")
    assert role_percent(rules, "kommunfullmaktige.vice_ordforande", day).percent == Decimal("3.4")
    assert role_percent(rules, "kommunfullmaktige.vice_ordforande", day).level == 4


def test_valnamnd_in_and_out_of_valar(rules: Rules) -> None:
    # 13 % in the valår 2026, 5 % in 2025; the day before and the day of the valår
    assert role_percent(rules, "valnamnden.ordforande", D(2025, 12, 31)).percent == Decimal("5")
    assert role_percent(rules, "valnamnden.ordforande", D(2025, 12, 31)).level == 4
    assert role_percent(rules, "valnamnden.ordforande", D(2026, 1, 1)).percent == Decimal("13")
    assert role_percent(rules, "valnamnden.ordforande", D(2026, 1, 1)).level == 3
    # the section cited follows the level: 2.3.4 outside a valår, 2.3.3 in one
    assert role_percent(rules, "valnamnden.ordforande", D(2025, 12, 31)).reference == "2.3.4"
    assert role_percent(rules, "valnamnden.ordforande", D(2026, 1, 1)).reference == "2.3.3"
    # its vice follows: 20 % × 13 % = 2,6 %
    assert role_percent(rules, "valnamnden.vice_ordforande", D(2026, 1, 1)).percent == Decimal("2.6")


def test_role_before_rules_in_force(rules: Rules) -> None:
    with pytest.raises(NoRuleInForceError):
        role_percent(rules, "socialnamnden.ordforande", D(2024, 12, 31))


def test_group_leader_percent(rules: Rules) -> None:
    # 2.3.6: 12,6 % + 21 × 1,07 % = 35,07 % for 22 seats; 1 seat 12,6 %
    look = Lookup(rules, D(2025, 1, 1))
    assert group_leader_percent(look, 22)[0] == Decimal("35.07")
    assert group_leader_percent(look, 1)[0] == Decimal("12.6")
