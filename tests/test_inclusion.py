"""2.3: events included in the årsarvode pay no fee and no lost income; costs still pay."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

import pytest

from arvode import Result

Run = Callable[[str], Result]


def event_lines(result: Result, index: int) -> list[tuple[str, Decimal, str]]:
    return [(l.type, l.amount, l.rule) for l in result.lines if l.event == index]


def claim_text(role: str, organ: str, kind: str) -> str:
    return f"""
        official:
          id: p-1
          income: {{hourly: "300"}}
          assignments: [{{role: {role}, from: 2023-01-01}}]
        period: 2025-03
        events:
          - {{date: 2025-03-12, organ: {organ}, kind: {kind}, called: "09:00-12:00", lost_income: {{hours: "3"}}}}
    """


@pytest.mark.parametrize(
    ("role", "organ", "kind", "rule"),
    [
        # nivå 1: everything within the municipality
        ("kommunstyrelsen.ordforande", "kommunfullmaktige", "sammantrade", "2.3.1"),
        ("kommunstyrelsen.ordforande", "socialnamnden", "utbildning", "2.3.1"),
        # nivå 2: own nämnd, and presidiemöte/protokolljustering/styrgrupp/samordning/gruppledarträff anywhere
        ("socialnamnden.ordforande", "socialnamnden", "sammantrade", "2.3.2"),
        ("socialnamnden.ordforande", "kommunstyrelsen", "styrgrupp", "2.3.2"),
        ("socialnamnden.ordforande", "kommunfullmaktige", "gruppledartraff", "2.3.2"),
        # nivå 3: överläggning, samordningsträff, presidiemöte, protokolljustering
        ("kultur_och_fritidsnamnden.ordforande", "kultur_och_fritidsnamnden", "overlaggning", "2.3.3"),
        ("kultur_och_fritidsnamnden.ordforande", "kultur_och_fritidsnamnden", "presidiemote", "2.3.3"),
        # nivå 4: överläggning in the own organ
        ("revisionen.revisor", "revisionen", "overlaggning", "2.3.4"),
    ],
)
def test_included_events_pay_nothing(run: Run, role: str, organ: str, kind: str, rule: str) -> None:
    result = run(claim_text(role, organ, kind))
    lines = event_lines(result, 0)
    assert {amount for _, amount, _ in lines} == {Decimal("0")}
    assert {r for _, _, r in lines} == {rule}
    assert "forlorad_arbetsinkomst" in {t for t, _, _ in lines}


@pytest.mark.parametrize(
    ("role", "organ", "kind"),
    [
        # nivå 2: a KF sammanträde is outside the nämnd's area
        ("socialnamnden.ordforande", "kommunfullmaktige", "sammantrade"),
        # nivå 3: its own nämnd's sammanträde is paid
        ("kultur_och_fritidsnamnden.ordforande", "kultur_och_fritidsnamnden", "sammantrade"),
        # nivå 4: överläggning in another organ is paid
        ("revisionen.revisor", "socialnamnden", "overlaggning"),
    ],
)
def test_events_outside_the_level_are_paid(run: Run, role: str, organ: str, kind: str) -> None:
    result = run(claim_text(role, organ, kind))
    paid = [amount for type_, amount, _ in event_lines(result, 0) if type_ != "forlorad_arbetsinkomst"]
    assert paid
    assert paid[0] > 0
    # lost income 3 h × 300 = 900,00 (under the cap)
    assert ("forlorad_arbetsinkomst", Decimal("900.00"), "2.2.2") in event_lines(result, 0)


def test_group_leader_partigruppmote_is_included(run: Run) -> None:
    result = run("""
        official:
          id: p-1
          group_leader: {party: S, seats: 3, from: 2023-01-01}
        period: 2025-03
        events:
          - {date: 2025-03-10, organ: kommunfullmaktige, kind: partigruppmote, attended: "18:00-20:00", for_meeting: 2025-03-24}
    """)
    assert event_lines(result, 0) == [("forrattningsersattning", Decimal("0"), "2.3.6")]


def test_level_follows_the_role_dates(run: Run) -> None:
    # the role starts 2025-03-15: a meeting of the own nämnd on the 14th is still paid (1 173,00)
    result = run("""
        official:
          id: p-1
          assignments: [{role: socialnamnden.ordforande, from: 2025-03-15}]
        period: 2025-03
        events:
          - {date: 2025-03-14, organ: socialnamnden, kind: sammantrade, called: "09:00-12:00"}
          - {date: 2025-03-15, organ: socialnamnden, kind: sammantrade, called: "09:00-12:00"}
    """)
    assert event_lines(result, 0) == [("sammantradesersattning", Decimal("1173.00"), "2.2.1")]
    assert event_lines(result, 1) == [("sammantradesersattning", Decimal("0"), "2.3.2")]
