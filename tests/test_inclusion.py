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


# ---------------------------------------------------------------- nämndinterna uppdrag (organ.part_of)
DECISION_43 = """
        official:
          id: p-1
          income: {hourly: "300"}
          assignments: [{role: ksapu.ledamot, from: 2023-01-01}]
          group_leader: {party: S, seats: 22, share: "1", from: 2023-01-01}
          special_decisions:
            - {percent: "53", from: 2025-02-10, reference: "KS 2025-03-03 § 43", covers: [ksapu.ledamot, group_leader]}
        period: 2025-03
        events:
          - {date: 2025-03-12, organ: ORGAN, kind: sammantrade, called: "09:00-12:00", lost_income: {hours: "3"}}
"""


def test_decision_43_includes_a_ks_sammantrade(run: Run) -> None:
    # KSAPU is part of Kommunstyrelsen (organ.part_of); § 43: "ingår ersättning för alla
    # nämndinterna uppdrag": a KS sammanträde pays no fee (was 1 173,00) and no lost income
    # (was 3 h × 300 = 900,00).
    result = run(DECISION_43.replace("ORGAN", "kommunstyrelsen"))
    assert event_lines(result, 0) == [
        ("sammantradesersattning", Decimal("0"), "2.3.2"),
        ("forlorad_arbetsinkomst", Decimal("0"), "2.3.2"),
    ]
    text = next(l.text for l in result.lines if l.event == 0)
    assert "särskilt beslut KS 2025-03-03 § 43" in text
    assert "Kommunstyrelsens arbets- och personalutskott ingår i Kommunstyrelsen" in text


def test_decision_43_still_pays_a_kf_sammantrade(run: Run) -> None:
    # KF is not part of Kommunstyrelsen: 1/1 × 1 173 = 1 173,00; lost income 3 × 300 = 900,00
    result = run(DECISION_43.replace("ORGAN", "kommunfullmaktige"))
    assert event_lines(result, 0) == [
        ("sammantradesersattning", Decimal("1173.00"), "2.2.1"),
        ("forlorad_arbetsinkomst", Decimal("900.00"), "2.2.2"),
    ]


def test_ksapu_ledamot_without_decision_is_paid_for_ks(run: Run) -> None:
    # KSAPU ledamot alone is nivå 3 (13 %): a KS sammanträde is not among nivå 3's inclusions:
    # 1/1 × 1 173 = 1 173,00
    result = run(claim_text("ksapu.ledamot", "kommunstyrelsen", "sammantrade"))
    assert ("sammantradesersattning", Decimal("1173.00"), "2.2.1") in event_lines(result, 0)


def test_decision_27_includes_ksapu_as_part_of_ks(run: Run) -> None:
    # § 27 covers KS 2:e vice ordförande: the nämnd is Kommunstyrelsen, and KSAPU is part of it
    result = run("""
        official:
          id: p-1
          assignments:
            - {role: barn_och_utbildningsnamnden.ordforande, from: 2024-02-14}
            - {role: kommunstyrelsen.andre_vice_ordforande, from: 2023-01-01}
          special_decisions:
            - {percent: "75", from: 2024-03-01, reference: "KS 2024-03-04 § 27",
               covers: [barn_och_utbildningsnamnden.ordforande, kommunstyrelsen.andre_vice_ordforande]}
        period: 2025-03
        events:
          - {date: 2025-03-12, organ: ksapu, kind: sammantrade, called: "09:00-12:00"}
    """)
    assert event_lines(result, 0) == [("sammantradesersattning", Decimal("0"), "2.3.2")]


def test_nivå_2_of_another_nämnd_is_paid_for_ksapu(run: Run) -> None:
    # SN ordförande (nivå 2): KSAPU belongs to Kommunstyrelsen, not to Socialnämnden: 1 173,00
    result = run(claim_text("socialnamnden.ordforande", "ksapu", "sammantrade"))
    assert ("sammantradesersattning", Decimal("1173.00"), "2.2.1") in event_lines(result, 0)


# ---------------------------------------------------------------- 2.3.4: nivå 4's own organ
@pytest.mark.parametrize(
    ("organ", "kind", "fee"),
    [
        # "vid det kommunala organ den förtroendevalde själv tillhör, presidiemöte samt
        # protokollsjustering": in another organ they are paid
        ("socialnamnden", "presidiemote", ("sammantradesersattning", Decimal("1173.00"), "2.2.1")),  # 3 h: 1/1 × 1 173
        ("socialnamnden", "protokolljustering", ("forrattningsersattning", Decimal("195.50"), "2.2.1")),  # 1/4 × 782
        # ... and in the own organ they are included
        ("revisionen", "presidiemote", ("sammantradesersattning", Decimal("0"), "2.3.4")),
        ("revisionen", "protokolljustering", ("forrattningsersattning", Decimal("0"), "2.3.4")),
    ],
)
def test_nivå_4_includes_only_the_own_organ(
    run: Run, organ: str, kind: str, fee: tuple[str, Decimal, str]
) -> None:
    result = run(claim_text("revisionen.revisor", organ, kind))
    assert event_lines(result, 0)[0] == fee
